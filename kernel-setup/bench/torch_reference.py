"""PyTorch on the CPU: the benchmark's reference, the same workloads as workloads.ts.

Usage: torch_reference.py train <dnn|cnn|xor|regression> STEPS | matmul | ops
Prints one line of JSON, like tfjs-run.ts.
"""
import csv
import json
import sys
import time
from pathlib import Path

import torch
from torch import nn


def dnn(rows):
    sizes = [8, 256, 64, 8, 1]
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    x = torch.randn(rows, 8)
    y = torch.randn(rows, 1)
    return nn.Sequential(*layers), torch.optim.SGD, 0.2, nn.MSELoss(), x, y


def cnn(rows):
    model = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(7 * 7 * 32, 10),
    )
    x = torch.rand(rows, 1, 28, 28)
    y = torch.randint(0, 10, (rows,))
    return model, torch.optim.Adam, 0.004, nn.CrossEntropyLoss(), x, y


def xor(rows):
    """Chapter 25, as the learner's ch25_xor_gateway_mlp_torch.py: 2-2-1 sigmoid, BCE, SGD lr 1."""
    x = torch.tensor([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
    torch.manual_seed(220132)  # workloads.ts starts from the same weights (torchLinearStart)
    model = nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(), nn.Linear(2, 1), nn.Sigmoid())
    return model, torch.optim.SGD, 1.0, nn.BCELoss(), x, y


def regression(rows):
    """Chapter 28, as ch28_non_linear_regression_mlp_torch.py: 1-8-4-1 ReLU, MSE, SGD lr 0.01, the data x 0.1."""
    path = Path(__file__).resolve().parents[2] / "notebooks" / "data" / "weight_height.csv"
    with open(path) as f:
        table = [[float(v) for v in row] for row in list(csv.reader(f))[1:]]
    x = torch.tensor([[weight] for weight, _ in table]) * 0.1
    y = torch.tensor([[height] for _, height in table]) * 0.1
    torch.manual_seed(220119)  # the learner's seed; workloads.ts starts from the same weights
    model = nn.Sequential(nn.Linear(1, 8), nn.ReLU(), nn.Linear(8, 4), nn.ReLU(), nn.Linear(4, 1))
    return model, torch.optim.SGD, 0.01, nn.MSELoss(), x, y


# builder, batch size, whether one step is the whole (fixed) table
WORKLOADS = {
    "dnn": (dnn, 1000, True),
    "cnn": (cnn, 128, False),
    "xor": (xor, 4, True),
    "regression": (regression, 24, True),
}


def train(workload, steps):
    build, batch, full_batch = WORKLOADS[workload]
    model, optimizer_class, lr, loss_fn, x, y = build(batch if full_batch else batch * steps)
    optimizer = optimizer_class(model.parameters(), lr=lr)

    def step(xb, yb):
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        if workload == "cnn":  # the tfjs model's l1l2 kernel penalty
            kernels = [model[0].weight, model[3].weight]
            loss = loss + sum(1e-5 * k.abs().sum() + 1e-4 * (k * k).sum() for k in kernels)
        loss.backward()
        optimizer.step()
        return loss

    for _ in range(2):
        step(x[:batch], y[:batch])
    started = time.perf_counter()
    for s in range(steps):
        loss = step(x, y) if full_batch else step(x[s * batch:(s + 1) * batch], y[s * batch:(s + 1) * batch])
    seconds = time.perf_counter() - started
    return {"steps": steps, "seconds": seconds, "msPerStep": 1000 * seconds / steps, "finalLoss": float(loss)}


def microseconds(f, repeats):
    for _ in range(5):
        f()
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(repeats):
            f()
        best = min(best, (time.perf_counter() - started) * 1e6 / repeats)
    return best


def matmul():
    a = torch.randn(1024, 1024)
    return {"gflops": 2 * 1024 ** 3 / (microseconds(lambda: a @ a, 10) * 1e3)}


def ops():
    h = torch.relu(torch.randn(1000, 256))
    w = torch.randn(256, 64)
    d = torch.randn(1000, 64)
    small = torch.randn(10, 10)
    x, u = torch.randn(64, 32), torch.randn(32, 128)
    return {
        "add 10x10 (fixed cost of an op)": microseconds(lambda: small + small, 200),
        "matmul 64x32 . 32x128 (N6's LSTM step)": microseconds(lambda: x @ u, 200),
        "matmul 1000x256 . 256x64": microseconds(lambda: h @ w, 100),
        "matmul 1000x256^T . 1000x64 (weight gradient)": microseconds(lambda: h.T @ d, 100),
        "relu 1000x256": microseconds(lambda: torch.relu(h), 200),
        "relu backward 1000x256 (dy * step(x))": microseconds(lambda: torch.ops.aten.threshold_backward(h, h, 0), 100),
    }


if __name__ == "__main__":
    mode = sys.argv[1]
    result = train(sys.argv[2], int(sys.argv[3])) if mode == "train" else matmul() if mode == "matmul" else ops()
    result.update(backend="torch " + torch.__version__, threads=str(torch.get_num_threads()))
    print(json.dumps(result))
