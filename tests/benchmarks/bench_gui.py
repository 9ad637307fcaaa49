"""Benchmark of live training in the real window (offscreen). Not collected by pytest.

    python3 tests/benchmarks/bench_gui.py [--seconds 8] [--blocks 8] [--million-steps 1000000] [--transport thread]

First, from a launch in a new interpreter: when the window is shown and when its training
process is up (targets < 1 s each). Then, for XOR (the bundled lesson) and a 784-64-10
softmax network:
* steps/second while the window trains through its worker (the training process, or
  with ``--transport thread`` a thread of the window) vs a headless ``Trainer.run`` in
  this process, interleaved in blocks so that the machine's drift falls on both (target ≥ 95 %);
  and the same in CPU time: steps per CPU second of the training process (read from the
  system) over headless steps per CPU second of this thread (what the machine's other load
  cannot change much: the process's own bookkeeping, snapshots and sends), and that ratio's two parts:
  the training steps' own CPU per step in the process (the session's ``step_cpu_seconds`` from a
  ``Report``) against headless's, and the share of the process's CPU time spent outside its steps;
* the GUI thread's event-loop latency while training, from a 10 ms ``QTimer``
  (how late each tick fires; target p99 < 10 ms);
* panel redraws per second (snapshots drawn by all panels; target ≥ 25);
* the window's steps/second with the panels skipping every frame, as a share of headless;
* Step latency: Step pressed → the canvas painted with the finished step (target p95 < 16 ms,
  one frame at 60 Hz), and → every panel drawn and painted too, with a big network's figures on
  all the data (which follow its step, ``session.Evaluated``);
* the step-through's phases (F8): press → the canvas painted in that phase (the same target);
* what one frame costs, per panel: snapshots recorded while training are drawn again with
  training paused, each panel's ``show_snapshot`` (data) and the event processing and
  painting that follow it (paint) timed apart, plus the status bar and the canvas; in wall-clock
  time and in the GUI thread's CPU time (``time.thread_time``), which other programs on the
  machine do not inflate: on a shared machine the CPU figures are the ones to compare;
* the event-loop latency while those snapshots are replayed at 30 per second with no
  training at all (what the drawing alone costs the GUI thread);
then trains the XOR lesson for ``--million-steps`` steps in the window and prints the
peak resident memory of the window's process and of the training process (target < 350 MB
together). The probes it measures with and the snapshot replay are in ``gui_timing.py``.
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as the application's entry point does
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "desktop"))  # the training tests' networks

import numpy as np  # noqa: E402

import core  # noqa: E402
from training_networks import big_network  # noqa: E402

if __name__ != "__mp_main__":  # the training process imports this file as __mp_main__: no Qt there
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    # the probes and the recorded-snapshot replay (this folder is on the path: the script's own)
    from gui_timing import (CanvasPaints, LoopProbe, frame_costs, print_frame_costs, process_cpu_seconds,
                            replay_latency, spin)

LAUNCH_PROBE = """
import os, sys, time
began = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop.app import create_main_window
app = QApplication([])
window = create_main_window(restore_layout=False)
window.resize(1400, 900)
window.show()
app.processEvents()
print("shown", flush=True)
worker = window.training.worker
def check():
    if worker.is_ready:
        print("ready", worker.startup_seconds, flush=True)
        window.document.undo_stack.setClean()
        window.close()
        app.quit()
poll = QTimer()
poll.timeout.connect(check)
poll.start(5)
app.exec()
"""


def xor_lesson() -> core.Network:
    from desktop.files import default_network

    return default_network()


def mnist_like(samples: int = 2000) -> core.Network:
    """784-64-10 (tanh, softmax + cross-entropy, Adam, batch 64) on random 28×28 'images'
    (the training tests' ``big_network``, with more samples and larger batches)."""
    return big_network(samples, batch=64)


def headless_rate(net: core.Network, seconds: float, trainer: core.Trainer | None = None) -> tuple[float, float]:
    """(steps a second, steps a CPU second of this thread) of ``Trainer.run`` in this process (on
    ``trainer``, or a fresh copy of ``net``)."""
    if trainer is None:
        trainer = core.Trainer(net.copy())
        trainer.run(steps=20)  # warm up
    start, cpu, steps = time.perf_counter(), time.thread_time(), trainer.step_count
    while time.perf_counter() - start < seconds:
        trainer.run(steps=50)
    done = trainer.step_count - steps
    return done / (time.perf_counter() - start), done / max(time.thread_time() - cpu, 1e-9)



def gui_run(window, net: core.Network, seconds: float, draw: bool = True, keep=None, blocks: int = 8) -> dict:
    """Train ``net`` in the window for ``seconds`` in all, against headless ``Trainer.run`` in this process.

    The machine's speed drifts (other virtual machines share its cores), so the two are
    interleaved: ``blocks`` times, headless for half a block, the window for a block
    (after 0.3 s of warm-up), headless for another half; the ratio is the median over the
    blocks of the window's rate over the mean of the headless rates around it (with 4 blocks and
    headless quarters, one run's blocks ranged 74–149 %: a median of four such ratios moved by
    ±8 points from run to run).
    ``draw=False``: the panels skip every frame. ``keep``: a list or deque that receives the
    snapshots shown (for ``frame_costs``)."""
    c = window.training
    views = list(c.views)
    if not draw:
        c.views.clear()
    window.document.replace_network(net, None)
    spin(300)  # the step-0 preview
    redraws = []

    def shown(snap):
        redraws.append(time.perf_counter())
        if keep is not None and not snap.finished:
            keep.append(snap)

    trainer = core.Trainer(net.copy())
    trainer.run(steps=20)
    block = seconds / blocks
    c.snapshot_shown.connect(shown)
    probe = LoopProbe()
    pid = c.worker.pid if c.worker.transport == "process" else None
    gui_rates, head_rates, ratios, cpu_ratios, drawn, timed = [], [], [], [], 0, 0.0
    step_ratios, beyond = [], []  # the steps' own CPU in the process vs headless; the process's CPU beyond them
    for _ in range(blocks):
        before, before_cpu = headless_rate(net, block / 2, trainer)
        c.play()
        spin(300)  # warm up
        first = c.latest.step if c.latest else 0
        steps_cpu = report(window) if pid is not None else None
        report_cpu = process_cpu_seconds(pid)  # (the process's CPU between the two reports: the same window as theirs)
        probe.start()
        began, cpu = time.perf_counter(), process_cpu_seconds(pid)
        redraws.clear()
        spin(int(block * 1000))
        elapsed, cpu = time.perf_counter() - began, process_cpu_seconds(pid) - cpu
        last = c.latest.step
        drawn, timed = drawn + len(redraws), timed + elapsed
        probe.stop()
        steps_cpu = (steps_cpu, report(window) if steps_cpu is not None else None)
        report_cpu = process_cpu_seconds(pid) - report_cpu
        c.pause()
        while c.running:
            spin(20)
        after, after_cpu = headless_rate(net, block / 2, trainer)
        gui_rates.append((last - first) / elapsed)
        head_rates += [before, after]
        ratios.append(gui_rates[-1] / ((before + after) / 2))
        cpu_ratios.append((last - first) / cpu / ((before_cpu + after_cpu) / 2))
        if None not in steps_cpu and "step_cpu_seconds" in steps_cpu[0]:  # (a build before that figure has not it)
            a, b = steps_cpu
            per_step = (b["step_cpu_seconds"] - a["step_cpu_seconds"]) / max(b["steps_done"] - a["steps_done"], 1)
            step_ratios.append(1 / per_step / ((before_cpu + after_cpu) / 2))
            beyond.append(1 - (b["step_cpu_seconds"] - a["step_cpu_seconds"]) / report_cpu)
    c.views[:] = views
    c.snapshot_shown.disconnect(shown)
    late = np.array(probe.lateness)
    return {
        "headless": float(np.mean(head_rates)),
        "rate": float(np.mean(gui_rates)),
        "ratio": float(np.median(ratios)),
        "ratios": ratios,
        "cpu_ratio": float(np.median(cpu_ratios)),
        # headless steps per CPU second over the process's steps per CPU second inside its steps (the steps' own
        # speed there: caches and cores shared with the window's drawing), and the share of the process's CPU
        # time outside its steps (its own bookkeeping, snapshots, sends, command thread)
        "step_ratio": float(np.median(step_ratios)) if step_ratios else float("nan"),
        "beyond_steps": float(np.median(beyond)) if beyond else float("nan"),
        "p50": float(np.percentile(late, 50)) if len(late) else float("nan"),
        "p99": float(np.percentile(late, 99)) if len(late) else float("nan"),
        "redraws": drawn / timed,
    }



def launch_times(repeat: int = 3) -> list[tuple[float, float, float]]:
    """Start a new interpreter that opens the window: (s until shown, s until the training process
    is up, the process's own start → hello), measured from the launch, ``repeat`` times."""
    import subprocess

    root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))
    results = []
    for _ in range(repeat):
        began = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", LAUNCH_PROBE], stdout=subprocess.PIPE, text=True, env=env)
        shown = ready = None
        startup = float("nan")
        for line in child.stdout:
            if line.startswith("shown"):
                shown = time.perf_counter() - began
            elif line.startswith("ready"):
                ready = time.perf_counter() - began
                startup = float(line.split()[1])
        child.wait(60)
        results.append((shown, ready, startup))
    return results



def step_latency(window, net: core.Network, presses: int = 40) -> tuple[np.ndarray, np.ndarray]:
    """Step pressed → (a) the canvas painted with the finished step, (b) every panel drawn and painted
    too: (p50 ms, p95 ms) of each.

    The GUI thread waits in its event loop meanwhile, as it does for a student's press."""
    from PySide6.QtWidgets import QApplication

    c = window.training
    window.document.replace_network(net, None)
    spin(300)
    loop = QEventLoop()
    canvas = CanvasPaints(window)

    def shown(snap):
        if snap.finished and snap.state != "ready" and not getattr(snap, "evaluation_pending", False):
            loop.quit()

    committed = []

    def commit():
        committed.append(time.perf_counter())

    c.snapshot_shown.connect(shown)
    evaluated = getattr(c, "evaluated", None)  # a big network's figures on all the data follow its step
    if evaluated is not None:  # (a build before them answered with everything at once)
        evaluated.connect(shown)
    window.document.parameters_changed.connect(commit)
    canvas_times, all_times = [], []
    try:
        for _ in range(presses):
            began = time.perf_counter()
            committed.clear()
            QTimer.singleShot(5000, loop.quit)  # never hang the benchmark
            c.step()
            loop.exec()
            QApplication.processEvents()  # what is left to paint
            all_times.append(time.perf_counter() - began)
            # the first painting of the canvas after the step's weights reached the document
            after = [t for t in canvas.times if committed and t > committed[-1]]
            canvas_times.append((after[0] if after else time.perf_counter()) - began)
            spin(30)
    finally:
        c.snapshot_shown.disconnect(shown)
        if evaluated is not None:
            evaluated.disconnect(shown)
        window.document.parameters_changed.disconnect(commit)
        canvas.remove()
    return tuple(np.percentile(np.array(t) * 1e3, [50, 95]) for t in (canvas_times, all_times))


def phase_latency(window, net: core.Network, walks: int = 12) -> dict[str, tuple[float, float, float, float]]:
    """Step-through (F8, one phase at a time on the next mini-batch): each phase's press → the
    canvas painted in that phase, {phase: (p50 ms, p95 ms, and the same of the GUI thread's CPU time,
    ``time.thread_time``, that the machine's other load does not inflate: the press's own, then from the
    view state's announcement to the painting; the wait between, a loop that polls for events, is left
    out)}. "forward" waits for the training process's trace; the later phases are drawn from it;
    "apply" is the Step the walk ends with."""
    from PySide6.QtWidgets import QApplication

    stepper, view_state, c = window.stepper, window.view_state, window.training
    window.document.replace_network(net, None)
    spin(300)
    canvas = CanvasPaints(window)
    # when the view state began to announce a new phase (its ``stepping_changed``, before the
    # listeners of ``changed``, one of which paints the canvas at once), or the document took the step
    shown_at: list[float] = []
    shown_cpu: list[float] = []

    def mark(*_):
        shown_at.append(time.perf_counter())
        shown_cpu.append(time.thread_time())

    def wait(done, timeout: float = 5.0) -> None:
        deadline = time.perf_counter() + timeout
        while not done() and time.perf_counter() < deadline:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)

    view_state.stepping_changed.connect(mark)
    window.document.parameters_changed.connect(mark)
    times, cpu = collections.defaultdict(list), collections.defaultdict(list)
    try:
        for _ in range(walks):
            for phase in ("forward", "loss", "backward", "update", "apply"):
                before = view_state.stepping
                began, began_cpu = time.perf_counter(), time.thread_time()
                shown_at.clear()
                shown_cpu.clear()
                stepper.next_phase()
                pressed_cpu, marked_in_press = time.thread_time() - began_cpu, bool(shown_cpu)
                if phase == "apply":
                    wait(lambda: not c.running and c.latest is not None and c.latest.finished and shown_at)
                else:
                    wait(lambda: view_state.stepping is not before and view_state.stepping.phase == phase)
                wait(lambda: any(t > shown_at[-1] for t in canvas.times) if shown_at else False)
                painted = [n for n, t in enumerate(canvas.times) if shown_at and t > shown_at[-1]]
                times[phase].append((canvas.times[painted[0]] if painted else time.perf_counter()) - began)
                if painted and shown_cpu:  # (a phase drawn from the trace is announced in the press itself)
                    press = shown_cpu[-1] - began_cpu if marked_in_press else pressed_cpu
                    cpu[phase].append(press + canvas.cpu_times[painted[0]] - shown_cpu[-1])
                # a student reads each phase before the next press; after an applied step on one
                # sample the session reloads the new weights in the background (~0.1 s)
                spin(250 if phase == "apply" else 30)
    finally:
        view_state.stepping_changed.disconnect(mark)
        window.document.parameters_changed.disconnect(mark)
        canvas.remove()
    return {phase: (*np.percentile(np.array(t) * 1e3, [50, 95]),
                    *(np.percentile(np.array(cpu[phase]) * 1e3, [50, 95]) if cpu[phase] else (np.nan, np.nan)))
            for phase, t in times.items()}


def report(window) -> dict | None:
    """The training session's answer to a ``Report`` (None: no answer within 10 s)."""
    from desktop.training.messages import Report

    c = window.training
    got = []
    c.worker.reported.connect(got.append)
    c.worker.send(Report())
    deadline = time.perf_counter() + 10
    while not got and time.perf_counter() < deadline:
        spin(2)
    c.worker.reported.disconnect(got.append)
    return got[0] if got else None


def worker_peak_memory(window) -> float | None:
    """The training process's peak resident memory (MB), from its answer to a Report."""
    if window.training.worker.transport != "process":
        return None
    got = report(window)
    return got["peak_memory_mb"] if got else None


def million_steps(window, steps: int) -> tuple[float, float, float | None]:
    c = window.training
    window.document.replace_network(xor_lesson(), None)
    spin(200)
    began = time.perf_counter()
    ok = c.train_for_screenshot(steps, timeout_s=3600)
    if not ok:
        raise SystemExit("the long run did not finish")
    seconds = time.perf_counter() - began
    from desktop.training.memory import peak_memory_mb

    return seconds, peak_memory_mb(), worker_peak_memory(window)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="the window's training time per network and measure")
    parser.add_argument("--blocks", type=int, default=8, help="window/headless alternations per measure")
    parser.add_argument("--million-steps", type=int, default=1_000_000)
    parser.add_argument("--transport", choices=("process", "thread"), default="process",
                        help="where the window trains (default: a process of its own)")
    parser.add_argument("--long-run-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ["BACKPROP_STUDIO_TRAINING"] = args.transport
    if args.long_run_only:
        long_run_only(args.million_steps)
        return
    print("load average (1, 5, 15 min): " + ", ".join(f"{v:.2f}" for v in os.getloadavg()), flush=True)
    for shown, ready, startup in launch_times():
        print(f"launch: window shown after {shown:.2f} s, training {args.transport} up after {ready:.2f} s "
              f"({startup:.2f} s from its start)", flush=True)
    app = QApplication.instance() or QApplication([])
    from desktop.app import create_main_window, freeze_long_lived_objects

    window = create_main_window(restore_layout=False)
    window.resize(1400, 900)
    window.show()
    spin(300)
    while not window.training.worker.is_ready:
        spin(20)
    freeze_long_lived_objects()  # what the window does a few seconds after it shows (run_app)
    for name, make in (("XOR lesson", xor_lesson), ("784-64-10", mnist_like)):
        canvas, everything = step_latency(window, make())
        print(f"{name}: Step pressed -> canvas painted: p50 {canvas[0]:.1f} ms, p95 {canvas[1]:.1f} ms; "
              f"-> every panel painted too: p50 {everything[0]:.1f} ms, p95 {everything[1]:.1f} ms "
              f"(load {os.getloadavg()[0]:.1f})", flush=True)
        phases = phase_latency(window, make())
        print(f"{name}: step-through, press -> canvas painted, p50/p95 ms: "
              + ", ".join(f"{phase} {p50:.0f}/{p95:.0f}" for phase, (p50, p95, *_) in phases.items())
              + "; GUI-thread CPU meanwhile, p50/p95 ms: "
              + ", ".join(f"{phase} {c50:.1f}/{c95:.1f}" for phase, (*_, c50, c95) in phases.items()), flush=True)
    print(f"{'network':<12} {'headless':>10} {'GUI':>10} {'ratio':>7} {'CPU ratio':>10} {'loop p50':>9} "
          f"{'loop p99':>9} {'redraws/s':>10} {'no drawing':>11}   (load {os.getloadavg()[0]:.1f})")
    frames = {}
    for name, make in (("XOR lesson", xor_lesson), ("784-64-10", mnist_like)):
        net = make()
        snaps = collections.deque(maxlen=60)  # the newest 60 snapshots shown
        gui = gui_run(window, net, args.seconds, keep=snaps, blocks=args.blocks)
        bare = gui_run(window, net, args.seconds, draw=False, blocks=args.blocks)
        print(f"{name:<12} {gui['headless']:>10,.0f} {gui['rate']:>10,.0f} {gui['ratio']:>7.0%} "
              f"{gui['cpu_ratio']:>10.0%} {gui['p50']:>7.1f}ms {gui['p99']:>7.1f}ms {gui['redraws']:>10.1f} "
              f"{bare['ratio']:>11.0%}   blocks {' '.join(f'{r:.0%}' for r in gui['ratios'])}, "
              f"load {os.getloadavg()[0]:.1f}", flush=True)
        print(f"{'':<12} the CPU ratio's parts: the training steps' own CPU in the process {gui['step_ratio']:.1%} "
              f"of headless's; the process's CPU outside its steps {gui['beyond_steps']:.1%} of it (with the panels "
              f"drawing nothing: {bare['step_ratio']:.1%}, {bare['beyond_steps']:.1%})", flush=True)
        snaps = list(snaps)
        if snaps:  # the network is still open: draw its snapshots again, with no training
            frames[name] = (frame_costs(window, snaps), replay_latency(window, snaps, min(args.seconds, 4.0)))
    print(f"(load average {os.getloadavg()[0]:.2f})")
    for name, (costs, replay) in frames.items():
        print_frame_costs(name, costs)
        print(f"  {name}: snapshots replayed {replay['frames']:.0f}/s with no training: event loop "
              f"p50 {replay['p50']:.1f} ms, p99 {replay['p99']:.1f} ms", flush=True)
    window.document.undo_stack.setClean()
    window.close()
    app.processEvents()
    if args.million_steps:  # in a new interpreter: the peak memory of this run alone
        import subprocess

        done = subprocess.run([sys.executable, __file__, "--long-run-only", "--million-steps", str(args.million_steps),
                               "--transport", args.transport], capture_output=True, text=True)
        print(done.stdout.strip() or done.stderr[-2000:], flush=True)


def long_run_only(steps: int) -> None:
    """The window opens on the XOR lesson, trains ``steps`` steps, prints the time and the peak memory."""
    app = QApplication.instance() or QApplication([])
    from desktop.app import create_main_window

    window = create_main_window(restore_layout=False)
    window.resize(1400, 900)
    window.show()
    spin(300)
    seconds, peak, worker_peak = million_steps(window, steps)
    both = f", training process {worker_peak:.0f} MB, together {peak + worker_peak:.0f} MB" if worker_peak else ""
    print(f"{steps:,} steps of the XOR lesson in the window: {seconds:.0f} s, "
          f"peak resident memory: window {peak:.0f} MB{both}", flush=True)
    window.document.undo_stack.setClean()
    window.close()
    app.processEvents()


if __name__ == "__main__":
    main()
