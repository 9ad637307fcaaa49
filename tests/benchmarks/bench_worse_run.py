"""Measurement behind ``core.loss_watch.worse_run``: how much does the training loss move in
runs a teacher calls good, and in runs a teacher calls worse?

Run:  python3 tests/benchmarks/bench_worse_run.py [--steps 300] [--seeds 3]

For every bundled lesson, every optimizer (the lesson's own settings; plain SGD; SGD with
momentum 0.9; Adam) and a few seeds, it measures the relative change of the loss on all
training samples, (after − before) / before, as ``backprop-studio train`` computes it:

* **good, untrained start**: a run of N steps from the file's starting weights;
* **good, trained start**: N steps from a network already trained N steps, in a fresh
  ``Trainer`` (what ``train a.bpnet --out b.bpnet`` does: the optimizer's state restarts);
* **bad**: the same two starts at 100× and 1000× the learning rate (runs that diverge to
  NaN are counted apart: the trainer's divergence guard stops them).

It prints, per kind of run, the largest relative rise (the figure the rule must stay above
for good runs, and below for bad ones) and the runs above a few candidate thresholds.
"""

from __future__ import annotations

import argparse
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

import numpy as np  # noqa: E402

import core  # noqa: E402

OPTIMIZERS = {
    "own": None,
    "sgd": {"name": "sgd", "learning_rate": None, "momentum": 0.0},
    "momentum": {"name": "sgd", "learning_rate": None, "momentum": 0.9},
    "adam": {"name": "adam", "learning_rate": None, "momentum": 0.0},
}
#: learning rates for an optimizer the lesson does not use itself (the lesson's own rate
#: is kept when the optimizer family matches)
DEFAULT_RATE = {"sgd": 0.1, "momentum": 0.05, "adam": 0.01}
THRESHOLDS = (0.0, 0.01, 0.05, 0.10, 0.25, 0.5)


def _configured(name: str, optimizer: str, seed: int, rate_factor: float) -> core.Network:
    net = core.load_network(core.example_path(name))
    o = net.training.optimizer
    spec = OPTIMIZERS[optimizer]
    if spec is not None:
        if o.name != spec["name"] or (spec["momentum"] > 0) != (o.momentum > 0):
            o.learning_rate = DEFAULT_RATE[optimizer]
        o.name, o.momentum = spec["name"], spec["momentum"]
    o.learning_rate *= rate_factor
    net.training.seed = seed
    return net


def _relative_change(net: core.Network, steps: int) -> float:
    trainer = core.Trainer(net)
    before = trainer.evaluate().train_loss
    result = trainer.run(steps=steps)
    if result.reason == "diverged":
        return math.nan
    after = trainer.evaluate().train_loss
    return (after - before) / before if before > 0 else (math.inf if after > 0 else 0.0)


def measure(steps: int, seeds: int) -> dict[str, list[tuple[str, float]]]:
    runs: dict[str, list[tuple[str, float]]] = {"good, untrained start": [], "good, trained start": [],
                                                "bad (100x rate)": [], "bad (1000x rate)": []}
    for example in core.list_examples():
        for optimizer in OPTIMIZERS:
            for seed in range(seeds):
                label = f"{example.name}/{optimizer}/seed {seed}"
                for factor, kinds in ((1.0, ("good, untrained start", "good, trained start")),
                                      (100.0, ("bad (100x rate)",) * 2), (1000.0, ("bad (1000x rate)",) * 2)):
                    net = _configured(example.name, optimizer, seed, factor)
                    runs[kinds[0]].append((label + " untrained", _relative_change(net, steps)))
                    trained = _configured(example.name, optimizer, seed, 1.0)
                    core.Trainer(trained).run(steps=steps)
                    trained.training.optimizer.learning_rate *= factor
                    runs[kinds[1]].append((label + " trained", _relative_change(trained, steps)))
    return runs


def report(runs: dict[str, list[tuple[str, float]]]) -> None:
    for kind, values in runs.items():
        finite = [(label, v) for label, v in values if math.isfinite(v)]
        diverged = len(values) - len(finite)
        print(f"\n{kind}: {len(values)} runs, {diverged} diverged (NaN/inf: refused by the divergence guard)")
        if finite:
            changes = np.array([v for _, v in finite])
            worst = max(finite, key=lambda item: item[1])
            print(f"  relative change (after-before)/before: median {np.median(changes):+.3%}, "
                  f"max {worst[1]:+.3%} ({worst[0]})")
            for t in THRESHOLDS:
                above = [label for label, v in finite if v > t]
                print(f"  rise > {t:>5.0%}: {len(above):4d} runs" + (f"  e.g. {', '.join(above[:3])}" if above else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    print(f"{args.steps} steps per run, seeds 0..{args.seeds - 1}, optimizers {', '.join(OPTIMIZERS)}")
    report(measure(args.steps, args.seeds))


if __name__ == "__main__":
    main()
