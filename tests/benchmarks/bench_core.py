"""Benchmark: µs per ``Trainer.step()`` (history on), and the same loop in PyTorch if installed.

Run:  python3 tests/benchmarks/bench_core.py [--repeats 5]

Not collected by pytest (its name is bench_*.py). Two networks, random data, float64:

* small: 2-8-8-1 tanh/tanh/sigmoid, mse, batch 10 (200 samples);
* large: 784-256-128-10 relu/relu/softmax, cross-entropy, batch 64 (6400 samples).

Our figure is ``trainer.step()`` as the desktop worker calls it: the next batch of
the epoch's shuffle, forward, backward, sgd update, divergence guard, history
(loss, every watched weight, latest gradient, running |gradient|) and, every
epoch, its statistics. It is timed twice: with the BLAS threads the trainer
chooses itself (``Trainer.blas_threads``: one for these sizes, whatever the
environment says) and with BLAS's default (the trainer's limit switched off; as a
plain ``import core`` ran before the trainer chose: OpenBLAS's one thread per core,
or ``OPENBLAS_NUM_THREADS`` if set). PyTorch's figure is the usual loop on the same
batches: ``opt.zero_grad(); loss_fn(model(x), t).backward(); opt.step()`` with
``torch.set_num_threads(1)``, float64, and no history. The script leaves
``OPENBLAS_NUM_THREADS`` as it finds it; ``--blas-threads N`` sets it before NumPy
loads (the caller's environment). Timed blocks of all three alternate (so all see
the same machine load); the best of ``--repeats`` blocks is printed, with the range
of the ratio over the pairs of neighbouring blocks.

When torch is importable the script also cross-checks our gradients against
autograd on the same weights and batch (max relative difference).
"""

from __future__ import annotations

import argparse
import os
import sys
import time


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed blocks per case (the best is shown)")
    parser.add_argument("--blas-threads", type=int, default=None,
                        help="set OPENBLAS_NUM_THREADS before NumPy loads (default: leave the environment alone)")
    parser.add_argument("--no-torch", action="store_true", help="skip PyTorch even if installed")
    return parser.parse_args()


ARGS = parse_args() if __name__ == "__main__" else None
if ARGS is not None and ARGS.blas_threads is not None:
    os.environ["OPENBLAS_NUM_THREADS"] = str(ARGS.blas_threads)

import numpy as np  # noqa: E402  (after the thread setting)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import core  # noqa: E402
from core.blas import limit_blas_threads  # noqa: E402

CASES = [
    # name, sizes, activations, loss, batch, samples, steps per timed block
    ("2-8-8-1 tanh/tanh/sigmoid, mse, batch 10", (2, 8, 8, 1), ("tanh", "tanh", "sigmoid"), "mse", 10, 200, 4000),
    ("784-256-128-10 relu/relu/softmax, CE, batch 64", (784, 256, 128, 10), ("relu", "relu", "softmax"),
     "cross_entropy", 64, 6400, 60),
]


def build(sizes, activations, loss, batch, samples, seed=0) -> core.Network:
    net = core.Network("bench")
    names = [f"l{k}" for k in range(len(sizes))]
    net.add_layer(names[0], sizes[0])
    for k in range(1, len(sizes)):
        net.add_layer(names[k], sizes[k], activation=activations[k - 1])
        net.connect(names[k - 1], names[k], seed=seed)
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(samples, sizes[0]))
    if loss == "cross_entropy":
        T = np.eye(sizes[-1])[rng.integers(0, sizes[-1], samples)]
    else:
        T = rng.uniform(size=(samples, sizes[-1]))
    net.dataset = core.Dataset(X, T)
    net.training.loss = loss
    net.training.batch_size = batch
    net.training.optimizer.learning_rate = 0.01
    return net


def stepper_ours(case, blas_default=False):
    """A function running n of our steps; ``blas_default``: without the trainer's BLAS thread limit."""
    _, sizes, acts, loss, batch, samples, _ = case
    trainer = core.Trainer(build(sizes, acts, loss, batch, samples))
    if blas_default:
        trainer._blas_limit = limit_blas_threads(None)

    def block(n):
        step = trainer.step
        for _ in range(n):
            step()

    return block


def timed(block, steps) -> float:
    start = time.perf_counter()
    block(steps)
    return (time.perf_counter() - start) / steps


def torch_model(torch, net: core.Network, activations):
    """The same layers and weights as ``net`` in torch (float64)."""
    layers = []
    order = net.order()
    nonlin = {"tanh": torch.nn.Tanh, "sigmoid": torch.nn.Sigmoid, "relu": torch.nn.ReLU}
    for k in range(1, len(order)):
        src, tgt = order[k - 1], order[k]
        lin = torch.nn.Linear(net.layer(src).units, net.layer(tgt).units, dtype=torch.float64)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(net.weights[src, tgt]))  # both store W[j, i]
            lin.bias.copy_(torch.from_numpy(net.biases[tgt]))
        layers.append(lin)
        if activations[k - 1] in nonlin:
            layers.append(nonlin[activations[k - 1]]())
    return torch.nn.Sequential(*layers)  # softmax is inside CrossEntropyLoss


def torch_loss(torch, loss):
    return torch.nn.MSELoss() if loss == "mse" else torch.nn.CrossEntropyLoss()


def stepper_torch(torch, case):
    """A function running n PyTorch steps on the same network, weights and batches."""
    _, sizes, acts, loss, batch, samples, _ = case
    net = build(sizes, acts, loss, batch, samples)
    model = torch_model(torch, net, acts)
    loss_fn = torch_loss(torch, loss)
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    X = torch.from_numpy(net.dataset.inputs)
    T = torch.from_numpy(net.dataset.targets)
    n_batches = samples // batch
    batches = [(X[i * batch : (i + 1) * batch], T[i * batch : (i + 1) * batch]) for i in range(n_batches)]
    state = {"i": 0}

    def block(n):
        i = state["i"]
        for _ in range(n):
            x, t = batches[i]
            i = (i + 1) % n_batches
            opt.zero_grad()
            loss_fn(model(x), t).backward()
            opt.step()
        state["i"] = i

    return block


def cross_check(torch, case) -> float:
    """Max relative difference between our gradients and autograd's on one batch."""
    _, sizes, acts, loss, batch, samples, _ = case
    net = build(sizes, acts, loss, batch, samples)
    X, T = net.dataset.inputs[:batch], net.dataset.targets[:batch]
    _, grads = net.loss_and_gradients(X, T)
    model = torch_model(torch, net, acts)
    torch_loss(torch, loss)(model(torch.from_numpy(X)), torch.from_numpy(T)).backward()
    worst = 0.0
    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    order = net.order()
    for k, lin in enumerate(linears, start=1):
        src, tgt = order[k - 1], order[k]
        for ours, theirs in ((grads.weights[src, tgt], lin.weight.grad), (grads.biases[tgt], lin.bias.grad)):
            theirs = theirs.numpy()
            scale = max(np.abs(theirs).max(), 1e-300)
            worst = max(worst, float(np.abs(ours - theirs).max() / scale))
    return worst


def blas_default_threads() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "?"
    counts = [str(lib["num_threads"]) for lib in threadpool_info() if lib["user_api"] == "blas"]
    return "/".join(counts) or "?"


def main():
    args = ARGS
    torch = None
    if not args.no_torch:
        try:
            import torch  # noqa: F401

            torch.set_num_threads(1)
        except ImportError:
            torch = None
    print(f"numpy {np.__version__}, OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')} "
          f"(BLAS default: {blas_default_threads()} threads), "
          f"torch {torch.__version__ + ' (1 thread)' if torch else 'not installed'}, float64")
    for case in CASES:
        name, steps = case[0], case[-1]
        chosen = core.Trainer(build(*case[1:6])).blas_threads
        blocks = {"core": stepper_ours(case), "default": stepper_ours(case, blas_default=True)}
        if torch is not None:
            blocks["torch"] = stepper_torch(torch, case)
        times = {key: [] for key in blocks}
        for block in blocks.values():
            block(max(steps // 10, 5))  # warm-up
        for _ in range(args.repeats):  # interleaved, so all see the same machine load
            for key, block in blocks.items():
                times[key].append(timed(block, steps))
        ours = min(times["core"])
        print(name, flush=True)
        choice = "1 BLAS thread" if chosen == 1 else "BLAS left alone"
        line = f"    core, the engine's choice ({choice}): {ours * 1e6:9.1f} µs/step"
        default = min(times["default"])
        paired = sorted(d / o for d, o in zip(times["default"], times["core"]))
        line += f"   core, BLAS default ({blas_default_threads()}): {default * 1e6:9.1f} µs/step"
        line += f"   default/choice {default / ours:5.2f}× (paired blocks: {paired[0]:.2f}–{paired[-1]:.2f})"
        print(line, flush=True)
        if torch is not None:
            theirs = min(times["torch"])
            paired = sorted(t / o for t, o in zip(times["torch"], times["core"]))
            line = f"    torch: {theirs * 1e6:9.1f} µs/step   core (engine's choice) is {theirs / ours:5.2f}× torch's speed"
            line += f" (paired blocks: {paired[0]:.2f}–{paired[-1]:.2f})"
            line += f"   gradients agree to {cross_check(torch, case):.1e}"
            print(line, flush=True)


if __name__ == "__main__":
    main()
