"""PyTorch on the CPU: the benchmark's reference, the same workloads as workloads.ts.

Usage: torch_reference.py train <dnn|cnn> STEPS | matmul | ops
Prints one line of JSON, like tfjs-run.ts.
"""
import json
import sys
import time

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


def train(workload, steps):
    batch = 1000 if workload == "dnn" else 128
    full_batch = workload == "dnn"
    model, optimizer_class, lr, loss_fn, x, y = (dnn if full_batch else cnn)(batch if full_batch else batch * steps)
    optimizer = optimizer_class(model.parameters(), lr=lr)

    def step(xb, yb):
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        if not full_batch:  # the tfjs model's l1l2 kernel penalty
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
    return {
        "add 10x10 (fixed cost of an op)": microseconds(lambda: small + small, 200),
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
