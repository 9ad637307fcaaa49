"""Benchmark: what the training process spends beyond training itself. Not collected by pytest.

    python3 tests/benchmarks/bench_snapshot_cost.py [--seconds 3] [--blocks 4] [--draw-ms 5] [--running-gradients]

No window: this script plays the window's part of the link (``desktop.training.worker``)
without Qt. It starts the real training process (``process.serve_then_end``), loads a
network, and acknowledges each snapshot ``--draw-ms`` after it arrives (as the window does
once it has drawn it: through the semaphore, or with a message for code from before it, so
that the same script measures both), so snapshots leave at the session's own rate. Its running snapshots leave out the last step's gradient
and its running mean, as for the window's heatmaps in their default mode (``--running-gradients``: with
them, as for the heatmaps' two other modes). For the XOR lesson and
784-64-10 (the networks of ``bench_gui.py``) it prints:

* the **CPU ratio**: steps per CPU second of the training process (all its threads, from
  the system's per-thread run times, nanoseconds) while it runs ``Run(steps=N)``, over
  steps per CPU second of a headless ``Trainer.run`` in this script's thread. Blocks of the
  two alternate, so the machine's drift falls on both; the median over the blocks is printed
  with its range. CPU time, not wall-clock time: other programs on a shared machine do not
  inflate it much (the target is ≥ 97 %);
* the **snapshots a second** the process sent and the **bytes** of one;
* **per snapshot, CPU ms by part**, measured inside a second training process whose
  functions are wrapped with ``time.thread_time`` counters: building the snapshot
  (``take_snapshot``; in it the gradient's running mean), the output view, pickling and
  sending (of it, copying into shared memory), the commands polled between chunks, the
  chunks' epoch bookkeeping, and the evaluation on all the data at the end of a run; then
  the training steps' own CPU per step in the process against the headless figure (what a
  snapshot costs the steps after it: caches it evicted). The "other" row is the process's CPU
  that no counter saw (the command reader thread, the loop around the chunks).
"""

from __future__ import annotations

import argparse
import collections
import inspect
import json
import multiprocessing
import os
import pickle
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as the application's entry point does
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "desktop"))  # the training tests' networks

import numpy as np  # noqa: E402

import core  # noqa: E402
from desktop.training import process as training_process  # noqa: E402
from desktop.training.channel import SLOTS, Receiver, Sender  # noqa: E402
from desktop.training import messages  # noqa: E402
from process_cpu import process_cpu_seconds  # noqa: E402
from desktop.training.messages import Load, Quit, Run  # noqa: E402
from training_networks import big_network  # noqa: E402

#: whether running snapshots carry the last step's gradients (``messages.SetGradients``): the window's
#: heatmaps draw them in two of their three modes, not in the default one (``--running-gradients``: as then)
RUNNING_GRADIENTS = [False]

#: the window's command slots (``desktop.training.worker.COMMAND_SLOTS``, a Qt module)
COMMAND_SLOTS = 2


def xor_lesson() -> core.Network:
    """The bundled XOR lesson (what ``desktop.files.default_network`` opens)."""
    return core.load_network(core.example_path("xor"))


def mnist_like(samples: int = 2000, batch: int = 64) -> core.Network:
    """784-64-10 (tanh, softmax + cross-entropy, Adam) on seeded random 28×28 'images': the network of
    ``bench_gui.py`` (``tests/desktop/training_networks.big_network``)."""
    return big_network(samples, batch=batch)


# ------------------------------------------------------------------ the counted training process
#: (module, class or None, attribute, part name) of the functions the counted process times
COUNTED = [
    ("desktop.training.session", None, "take_snapshot", "take_snapshot"),
    ("core.history", "History", "gradient_magnitude", "  of it: gradient running mean"),
    ("desktop.training.snapshot", "OutputSampler", "__call__", "output view"),
    ("desktop.training.channel", "Sender", "send", "pickle + send"),
    ("desktop.training.channel", "Sender", "_fill", "  of it: copy into shared memory"),
    ("desktop.training.session", "TrainingSession", "_drain", "commands polled"),
    ("desktop.training.session", "TrainingSession", "_epochs_ended", "epochs noted"),
    ("core.training", "Trainer", "evaluate", "evaluation on all data"),
    ("core.training", "Trainer", "train_steps", "training steps"),
]


def _counted(function, totals: dict, name: str):
    def wrapper(*args, **kwargs):
        began = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent = time.thread_time() - began
            totals[name][0] += spent
            totals[name][1] += 1
    return wrapper


def reader_cpu() -> float:
    """CPU seconds of this process's command reader thread so far (0 before it runs)."""
    for thread in threading.enumerate():
        if thread.name == "commands" and thread.native_id is not None:
            try:
                with open(f"/proc/self/task/{thread.native_id}/schedstat", encoding="ascii") as f:
                    return int(f.read().split()[0]) / 1e9
            except (OSError, ValueError):
                return 0.0
    return 0.0


def counted_serve(commands, results, commands_free, results_free, *rest) -> None:
    """``process.serve`` with the functions of ``COUNTED`` timed; writes {part: [seconds, calls]},
    the steps trained and the snapshots sent to ``report_path`` (``rest``: [acknowledgements,]
    report_path) when it ends."""
    *acknowledgements, report_path = rest
    import importlib

    totals = collections.defaultdict(lambda: [0.0, 0])
    for module_name, class_name, attribute, name in COUNTED:
        owner = importlib.import_module(module_name)
        if class_name is not None:
            owner = getattr(owner, class_name)
        original = owner.__dict__[attribute] if class_name else getattr(owner, attribute)
        if isinstance(original, property):
            setattr(owner, attribute, property(_counted(original.fget, totals, name)))
        else:
            setattr(owner, attribute, _counted(original, totals, name))
    from core.training import Trainer

    counted_steps = Trainer.train_steps
    steps = [0]

    def train_steps(self, n, after_step=None, **stops):
        taken = counted_steps(self, n, after_step, **stops)
        steps[0] += taken
        return taken

    Trainer.train_steps = train_steps
    from desktop.training.session import TrainingSession

    dispatch = TrainingSession._dispatch
    began = [time.process_time()]

    reader_began = [0.0]

    def counting_from_each_run(self, command):  # what a Load costs is not a snapshot's
        if isinstance(command, Run):
            totals.clear()
            steps[0] = 0
            began[0] = time.process_time()
            reader_began[0] = reader_cpu()
        dispatch(self, command)

    finish = TrainingSession._finish

    def counting_until_the_run_ends(self, state, message=""):  # (a big network's evaluation follows)
        totals["process"] = [time.process_time() - began[0], 1]
        totals["command reader thread"] = [reader_cpu() - reader_began[0], 1]
        totals["steps"] = [steps[0], totals["training steps"][1]]
        finish(self, state, message)

    TrainingSession._dispatch = counting_from_each_run
    TrainingSession._finish = counting_until_the_run_ends
    training_process.serve(commands, results, commands_free, results_free, *acknowledgements)
    with open(report_path, "w", encoding="utf-8") as f:
        json.dump(totals, f)


class TrainingProcess:
    """A training process and the window's part of the link: commands out, answers in, each
    snapshot acknowledged ``draw_ms`` after it arrives."""

    def __init__(self, draw_ms: float | None, report_path: str | None = None):
        ctx = multiprocessing.get_context("spawn")
        commands_read, commands_write = ctx.Pipe(duplex=False)
        results_read, results_write = ctx.Pipe(duplex=False)
        commands_free, results_free = ctx.Semaphore(COMMAND_SLOTS), ctx.Semaphore(SLOTS)
        channels = (commands_read, results_write, commands_free, results_free)
        # as the window acknowledges (``worker._ProcessTransport``): through a semaphore, or with an
        # ``ACKNOWLEDGE`` message for code before the semaphore (to compare with it)
        self.acknowledgements = None
        if "acknowledgements" in inspect.signature(training_process.serve).parameters:
            self.acknowledgements = ctx.Semaphore(0)
            channels += (self.acknowledgements,)
        if report_path is None:
            self.process = ctx.Process(target=training_process.serve_then_end, args=channels, daemon=True)
        else:
            self.process = ctx.Process(target=counted_serve, args=channels + (report_path,), daemon=True)
        self.sender = Sender(commands_write, commands_free, slots=COMMAND_SLOTS)
        self.inbox = Receiver(results_read, results_free)
        self.process.start()
        commands_read.close()
        results_write.close()
        self.draw_ms = draw_ms
        self.lock = threading.Lock()
        self.snapshots = 0
        self.sizes: list[int] = []  # bytes of every fifth snapshot, pickled whole
        self.finished = threading.Event()
        self.finished_cpu = 0.0
        self.hello = threading.Event()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.hello.wait(60)

    def _read(self) -> None:
        while True:
            try:
                kind, payload = self.inbox.recv()
            except (EOFError, OSError):
                return
            if kind == "hello":
                self.pid = payload
                self.hello.set()
            elif kind == "snapshot":
                self.snapshots += 1
                if self.snapshots % 5 == 1:  # what travelled (a snapshot's histories come as tails)
                    self.sizes.append(len(pickle.dumps(payload, protocol=5)))
                if self.draw_ms is not None:  # (None: never, so one snapshot a run leaves)
                    time.sleep(self.draw_ms / 1000)
                    self.acknowledge()
            elif kind == "finished":
                if payload.state != "ready":
                    self.finished_cpu = process_cpu_seconds(self.pid)
                self.finished.set()
                self.acknowledge()
            elif kind == "failed":
                print("the training process failed:", payload, flush=True)
                self.finished.set()

    def acknowledge(self) -> None:
        if self.acknowledgements is not None:
            self.acknowledgements.release()
        else:
            self.sender.send(training_process.ACKNOWLEDGE)

    def load(self, net: core.Network) -> None:
        self.finished.clear()
        if hasattr(messages, "SetGradients"):  # (code before it sent them always)
            self.sender.send(messages.SetGradients(RUNNING_GRADIENTS[0]))
        self.sender.send(Load(1, net.copy(), version=1))
        self.finished.wait(60)

    def run(self, steps: int) -> tuple[float, float, int]:
        """(CPU s, wall s, snapshots) the process spent on ``Run(steps)``."""
        self.finished.clear()
        snapshots = self.snapshots
        began, cpu = time.perf_counter(), process_cpu_seconds(self.pid)
        self.sender.send(Run(steps=steps))
        self.finished.wait(600)
        wall = time.perf_counter() - began
        time.sleep(0.15)  # a big network's evaluation after its finished step (not counted)
        return self.finished_cpu - cpu, wall, self.snapshots - snapshots

    def close(self) -> None:
        self.sender.send(Quit())
        self.process.join(10)
        self.reader.join(2)
        self.sender.close()
        self.inbox.close()


def headless_cpu_rate(trainer: core.Trainer, seconds: float) -> float:
    """Steps per CPU second of this thread, ``Trainer.run`` in blocks of 50 steps (as ``bench_gui.py``)."""
    began, cpu, steps = time.perf_counter(), time.thread_time(), trainer.step_count
    while time.perf_counter() - began < seconds:
        trainer.run(steps=50)
    return (trainer.step_count - steps) / (time.thread_time() - cpu)


def cpu_ratio(net: core.Network, seconds: float, blocks: int, draw_ms: float) -> dict:
    """Interleaved blocks: headless, the process's ``Run``, headless; the ratio of each block
    (process steps per CPU s over the mean of the headless ones around it)."""
    trainer = core.Trainer(net.copy())
    trainer.run(steps=20)
    per_cpu_s = headless_cpu_rate(trainer, 0.5)
    link = TrainingProcess(draw_ms)
    try:
        link.load(net)
        link.run(max(20, int(per_cpu_s * 0.3)))  # warm up
        ratios, rates, snapshot_rates = [], [], []
        for _ in range(blocks):
            before = headless_cpu_rate(trainer, seconds / 4)
            steps = max(50, int(before * seconds))
            cpu, wall, snaps = link.run(steps)
            after = headless_cpu_rate(trainer, seconds / 4)
            rates.append(steps / cpu)
            ratios.append(steps / cpu / ((before + after) / 2))
            snapshot_rates.append(snaps / wall)
        return {"ratio": float(np.median(ratios)), "ratios": ratios, "process_rate": float(np.median(rates)),
                "headless_rate": per_cpu_s, "snapshots_per_s": float(np.median(snapshot_rates)),
                "snapshot_bytes": float(np.median(link.sizes)) if link.sizes else float("nan")}
    finally:
        link.close()


def parts(net: core.Network, seconds: float, draw_ms: float) -> dict:
    """Run ``net`` in a counted training process for about ``seconds`` of CPU; its counters, plus a
    headless CPU figure per step measured just before."""
    trainer = core.Trainer(net.copy())
    trainer.run(steps=20)
    per_cpu_s = headless_cpu_rate(trainer, 1.0)
    with tempfile.TemporaryDirectory() as folder:
        report = os.path.join(folder, "parts.json")
        link = TrainingProcess(draw_ms, report)
        try:
            link.load(net)
            link.run(max(20, int(per_cpu_s * 0.3)))  # warm up (the counters start again at each Run)
            _, _, snapshots = link.run(max(50, int(per_cpu_s * seconds)))
        finally:
            link.close()
        with open(report, encoding="utf-8") as f:
            totals = json.load(f)
    totals["headless_step"] = [1 / per_cpu_s, 1]
    totals["snapshots"] = [snapshots, 1]
    return totals


def print_parts(name: str, totals: dict) -> None:
    snapshots = max(totals["snapshots"][0], 1)
    steps, _ = totals["steps"]
    process = totals["process"][0]
    print(f"  {name}: per snapshot ({snapshots} snapshots, {steps:,} steps, {steps / snapshots:.0f} steps "
          f"a snapshot), CPU ms [calls]:")
    seen = 0.0
    for _, _, _, part in COUNTED:
        if part == "training steps" or part not in totals:
            continue
        spent, calls = totals[part]
        if not part.startswith("  "):
            seen += spent
        print(f"    {part:<34} {spent / snapshots * 1e3:7.3f}   [{calls}]")
    trained = totals["training steps"][0]
    reader = totals["command reader thread"][0]
    print(f"    {'command reader thread':<34} {reader / snapshots * 1e3:7.3f}")
    other = process - trained - seen - reader
    print(f"    {'other (the loop around the chunks)':<34} {other / snapshots * 1e3:7.3f}")
    head = totals["headless_step"][0]
    print(f"    training: {trained / steps * 1e6:.1f} µs a step in the process vs {head * 1e6:.1f} µs headless "
          f"({trained / steps / head - 1:+.1%}); the process's CPU: {process:.2f} s, of it beyond training "
          f"{(process - trained) / process:.1%}; headless steps per process CPU s: {head * steps / process:.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="CPU seconds of training per block")
    parser.add_argument("--blocks", type=int, default=4)
    parser.add_argument("--draw-ms", type=float, default=5.0,
                        help="how long after a snapshot arrives it is acknowledged (the window's drawing)")
    parser.add_argument("--no-snapshots", action="store_true",
                        help="also the CPU ratio of a process whose snapshots are never acknowledged (one a run)")
    parser.add_argument("--running-gradients", action="store_true",
                        help="running snapshots carry the last step's gradients (the heatmaps' other modes)")
    args = parser.parse_args()
    RUNNING_GRADIENTS[0] = args.running_gradients
    print("load average (1, 5, 15 min): " + ", ".join(f"{v:.2f}" for v in os.getloadavg()), flush=True)
    for name, make in (("XOR lesson", xor_lesson), ("784-64-10", mnist_like)):
        net = make()
        result = cpu_ratio(net, args.seconds, args.blocks, args.draw_ms)
        print(f"{name}: CPU ratio {result['ratio']:.1%} (blocks {' '.join(f'{r:.1%}' for r in result['ratios'])}); "
              f"{result['process_rate']:,.0f} vs {result['headless_rate']:,.0f} steps per CPU s; "
              f"{result['snapshots_per_s']:.1f} snapshots/s of {result['snapshot_bytes'] / 1e3:,.0f} kB (median) "
              f"(load {os.getloadavg()[0]:.2f})", flush=True)
        if args.no_snapshots:
            bare = cpu_ratio(net, args.seconds, args.blocks, None)
            print(f"{name}: with one snapshot a run (never acknowledged): CPU ratio {bare['ratio']:.1%} "
                  f"(blocks {' '.join(f'{r:.1%}' for r in bare['ratios'])})", flush=True)
        print_parts(name, parts(net, args.seconds, args.draw_ms))
        if args.no_snapshots:
            print_parts(name + " (one snapshot a run)", parts(net, args.seconds, None))


if __name__ == "__main__":
    main()
