// The floor under every tfjs-node op: the same ops as `tfjs-run.ts ops`, run straight through
// TensorFlow's eager C API (the API the addon calls), with no JavaScript and no addon between.
// One thread per op, as the course runs on this machine. Prints one line of JSON:
// microseconds per op, the best of 5 rounds, like tfjs-run.ts.
//
// Built and run by bench.ts: g++ -O2 -I<tfjs-node>/deps/include ... -ltensorflow
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "tensorflow/c/c_api.h"
#include "tensorflow/c/eager/c_api.h"

static TF_Status* status = TF_NewStatus();

static void check(const char* what) {
  if (TF_GetCode(status) != TF_OK) {
    std::fprintf(stderr, "%s: %s\n", what, TF_Message(status));
    std::exit(1);
  }
}

static TFE_TensorHandle* tensor(int64_t rows, int64_t columns, unsigned seed) {
  int64_t dims[2] = {rows, columns};
  TF_Tensor* t = TF_AllocateTensor(TF_FLOAT, dims, 2, rows * columns * sizeof(float));
  float* data = static_cast<float*>(TF_TensorData(t));
  for (int64_t i = 0; i < rows * columns; i++) data[i] = static_cast<float>(rand_r(&seed)) / RAND_MAX - 0.5f;
  TFE_TensorHandle* handle = TFE_NewTensorHandle(t, status);
  check("tensor");
  TF_DeleteTensor(t);
  return handle;
}

/** Runs `name` on `inputs` with attribute T = float (and `extra` attributes); returns the output. */
static TFE_TensorHandle* run(TFE_Context* context, const char* name, std::vector<TFE_TensorHandle*> inputs,
                             const std::function<void(TFE_Op*)>& extra = nullptr) {
  TFE_Op* op = TFE_NewOp(context, name, status);
  check(name);
  for (TFE_TensorHandle* input : inputs) TFE_OpAddInput(op, input, status);
  TFE_OpSetAttrType(op, "T", TF_FLOAT);
  if (extra) extra(op);
  TFE_TensorHandle* output[1];
  int outputs = 1;
  TFE_Execute(op, output, &outputs, status);
  check(name);
  TFE_DeleteOp(op);
  return output[0];
}

/** Microseconds per call of `step` (which returns the handles to free), the best of 5 rounds. */
static double microseconds(const std::function<std::vector<TFE_TensorHandle*>()>& step, int repeats) {
  auto once = [&] {
    for (TFE_TensorHandle* h : step()) TFE_DeleteTensorHandle(h);
  };
  for (int i = 0; i < 5; i++) once();
  double best = 1e300;
  for (int round = 0; round < 5; round++) {
    auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < repeats; i++) once();
    std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - started;
    best = std::min(best, took.count() / repeats);
  }
  return best;
}

int main() {
  TFE_ContextOptions* options = TFE_NewContextOptions();
  // ConfigProto: intra_op_parallelism_threads = 1 (field 2), inter_op_parallelism_threads = 1 (field 5).
  const unsigned char config[] = {0x10, 0x01, 0x28, 0x01};
  TFE_ContextOptionsSetConfig(options, config, sizeof config, status);
  check("config");
  TFE_Context* context = TFE_NewContext(options, status);
  check("context");
  TFE_DeleteContextOptions(options);

  TFE_TensorHandle* x = tensor(1000, 256, 1);
  TFE_TensorHandle* h = run(context, "Relu", {x});
  TFE_TensorHandle* w = tensor(256, 64, 2);
  TFE_TensorHandle* d = tensor(1000, 64, 3);
  TFE_TensorHandle* small = tensor(10, 10, 4);
  TFE_TensorHandle* lstmX = tensor(64, 32, 5);
  TFE_TensorHandle* lstmU = tensor(32, 128, 6);
  auto transposeA = [](TFE_Op* op) { TFE_OpSetAttrBool(op, "transpose_a", 1); };

  const std::vector<std::pair<std::string, double>> results = {
      {"add 10x10 (fixed cost of an op)", microseconds([&] { return std::vector{run(context, "AddV2", {small, small})}; }, 20000)},
      {"matmul 64x32 . 32x128 (N6's LSTM step)", microseconds([&] { return std::vector{run(context, "MatMul", {lstmX, lstmU})}; }, 2000)},
      {"matmul 1000x256 . 256x64", microseconds([&] { return std::vector{run(context, "MatMul", {h, w})}; }, 100)},
      {"matmul 1000x256^T . 1000x64 (weight gradient)",
       microseconds([&] { return std::vector{run(context, "MatMul", {h, d}, transposeA)}; }, 100)},
      {"relu 1000x256", microseconds([&] { return std::vector{run(context, "Relu", {h})}; }, 200)},
      // The course's ReLU backward (src/fast-kernels.ts): dy * sign(relu(x)), three ops.
      {"relu backward 1000x256 (dy * step(x))", microseconds([&] {
         TFE_TensorHandle* positive = run(context, "Relu", {h});
         TFE_TensorHandle* step = run(context, "Sign", {positive});
         return std::vector{positive, step, run(context, "Mul", {h, step})};
       }, 100)},
      {"relu backward 1000x256 as one ReluGrad op", microseconds([&] { return std::vector{run(context, "ReluGrad", {h, h})}; }, 100)},
  };
  std::printf("{");
  for (size_t i = 0; i < results.size(); i++)
    std::printf("%s\"%s\": %.3f", i ? ", " : "", results[i].first.c_str(), results[i].second);
  std::printf("}\n");
  return 0;
}
