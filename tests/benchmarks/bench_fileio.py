"""Benchmark: saving and loading .bpnet files, and the cost of the reader's checks.

Run:  python3 tests/benchmarks/bench_fileio.py [--repeats 3]

Not collected by pytest (its name is bench_*.py). For each network it prints the
file size, the median seconds of ``core.save_network`` (serialise + fsync +
rename) and ``core.load_network`` (read + parse + every check + build), and the
share of loading spent in plain ``json.loads``, so the price of validation is visible:

* lesson: the bundled spiral lesson (2-8-8-1 and 400 generated points);
* large:  784-256-128-10 (235,146 parameters), no dataset;
* data:   2-8-1 with 100,000 inline samples;
* wide:   784-2048-1024-10 (3,716,106 parameters; issue 24: its 82 MB file was over the old
  64 MB limit and did not open again), with the peak memory of loading it (``--wide``; slow).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

import numpy as np  # noqa: E402

import core  # noqa: E402


def _large() -> core.Network:
    net = core.Network("large")
    for name, units, act in [("x", 784, None), ("h1", 256, "relu"), ("h2", 128, "relu"), ("y", 10, "softmax")]:
        net.add_layer(name, units, activation=act or "identity")
    for a, b in [("x", "h1"), ("h1", "h2"), ("h2", "y")]:
        net.connect(a, b)
    net.initialize("he", 1)
    net.training.loss = "cross_entropy"
    return net


def _wide() -> core.Network:
    net = core.Network("wide")
    for name, units, act in [("x", 784, None), ("h1", 2048, "relu"), ("h2", 1024, "relu"), ("y", 10, "softmax")]:
        net.add_layer(name, units, activation=act or "identity")
    for a, b in [("x", "h1"), ("h1", "h2"), ("h2", "y")]:
        net.connect(a, b)
    net.initialize("he", 1)
    net.training.loss = "cross_entropy"
    return net


def _data() -> core.Network:
    net = core.Network("data")
    net.add_layer("x", 2)
    net.add_layer("h", 8, activation="tanh")
    net.add_layer("y", 1, activation="sigmoid")
    net.connect("x", "h")
    net.connect("h", "y")
    rng = np.random.default_rng(0)
    X = rng.normal(size=(100_000, 2))
    net.dataset = core.Dataset(X, (X[:, :1] > 0).astype(float))
    return net


def _median(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--wide", action="store_true", help="also the 784-2048-1024-10 network (one run)")
    args = parser.parse_args()
    repeats = args.repeats
    networks = {"lesson": core.load_network(core.example_path("spiral")), "large": _large(), "data": _data()}
    if args.wide:
        networks["wide"] = _wide()
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'network':8} {'params':>9} {'file MB':>8} {'save s':>8} {'load s':>8} {'json.loads s':>13}")
        for name, net in networks.items():
            path = os.path.join(folder, name + ".bpnet")
            save = _median(lambda: core.save_network(net, path), repeats)
            load = _median(lambda: core.load_network(path), repeats)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            parse = _median(lambda: json.loads(text), repeats)
            size = os.path.getsize(path) / 1e6
            print(f"{name:8} {net.flat.size:>9,} {size:>8.2f} {save:>8.3f} {load:>8.3f} {parse:>13.3f}")
        print(f"the largest file Backprop Studio opens: {core.fileio.MAX_FILE_BYTES / 1e6:.0f} MB "
              f"(at most {core.fileio.MAX_FILE_VALUES:,} values)")
        if args.wide:
            _peak_memory_of_loading(os.path.join(folder, "wide.bpnet"))


def _peak_memory_of_loading(path: str) -> None:
    """Load ``path`` in a fresh process and print its peak resident memory (POSIX)."""
    import subprocess

    code = ("import resource, sys, core; core.load_network(sys.argv[1]); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    done = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=root))
    if done.returncode == 0:
        print(f"peak memory loading {os.path.basename(path)} in a fresh process: {int(done.stdout) / 1024:.0f} MB")


if __name__ == "__main__":
    main()
