"""Benchmark: how long ``backprop-studio --screenshot`` of the XOR lesson takes, against a bare window.

Run:  python3 tests/benchmarks/bench_startup.py [--runs 5] [--lesson xor] [--windows 10]

Not collected by pytest (its name is bench_*.py). Each run starts a fresh interpreter
(nothing cached in memory but the operating system's file cache) and is timed from the
start of the process to its end:

* bare: import PySide6's widgets and pyqtgraph, a ``QMainWindow`` with one plot of 100
  points, shown offscreen at 1400×900 and grabbed to a PNG: the least any PySide6 +
  pyqtgraph program that renders a window to a file can take here;
* app: ``python -m desktop LESSON --screenshot PNG`` (the window at its default size,
  the lesson's panels at step 0, everything a student sees a moment after opening).

Each is measured in wall-clock seconds and in CPU seconds (the program and every process
it started): on a shared machine the wall clock follows the other programs' load, the CPU
time much less.

The two alternate (bare, app, bare, app, ...) so both see the same load; the script
prints each pair, the medians and the ratio app / bare, and the ratio's range over the
pairs. The first pair warms the file cache and compiles the modules (into a temporary
folder: an installed program has them compiled, even where ``PYTHONDONTWRITEBYTECODE`` is
set for development) and is not counted.

Then the time to the first paint of the window a student opens (``backprop-studio xor``,
offscreen): from the start of the process until the window is shown and painted once (its
training process still starting in the background), against the bare window shown and
painted once; median of ``--runs`` alternating pairs.

Last, what every window test pays: ``create_main_window()`` (the default lesson) made
``--windows`` times in one interpreter, each shown at the tests' size and closed again;
the median wall-clock and CPU seconds of making one (the first, which loads what the
others find loaded, is not counted).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

#: the least window: one plot of 100 points, 1400×900, shown and painted once
BARE_WINDOW = """
import os, sys
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication(sys.argv[:1])
window = QMainWindow()
plot = pg.PlotWidget()
plot.plot(list(range(100)), [v * v for v in range(100)])
window.setCentralWidget(plot)
window.resize(1400, 900)
window.show()
app.processEvents()
"""

BARE = BARE_WINDOW + """
assert window.grab().save(sys.argv[1])
"""


FIRST_PAINT_BARE = BARE_WINDOW + """
print("painted", flush=True)
os._exit(0)
"""

# the steps of desktop.__main__.run and desktop.app._run_window up to its event loop, then one turn of it
FIRST_PAINT_APP = """
import os, sys
sys.argv[1:] = [sys.argv[1]]
from desktop.__main__ import _load, _pause_collection
_pause_collection()  # as run() does for the window
import core
run_app = _load("app")
from desktop.app import create_main_window, ensure_app
app = ensure_app()
window = create_main_window(core.find_lesson(sys.argv[1]), restore_layout=False, as_copy=True)
window.show()
window.canvas.fit()
app.processEvents()
print("painted", flush=True)
window.training.shutdown()
os._exit(0)
"""


def first_paint(argv: list[str], env: dict) -> float:
    """Wall-clock seconds from the start of ``argv`` until it prints "painted"."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = child.stdout.readline()
    seconds = time.perf_counter() - start
    _, err = child.communicate()
    if line.strip() != "painted" or child.returncode != 0:
        raise SystemExit(f"{argv[:3]} failed ({child.returncode}):\n{err}")
    return seconds


WINDOWS = """
import statistics, sys, time
from PySide6.QtCore import QCoreApplication, QEvent
from desktop.app import create_main_window, ensure_app
app = ensure_app()
wall, cpu = [], []
for k in range(int(sys.argv[1]) + 1):
    w0, c0 = time.perf_counter(), time.process_time()
    window = create_main_window(restore_layout=False)
    w1, c1 = time.perf_counter(), time.process_time()
    if k:
        wall.append(w1 - w0)
        cpu.append(c1 - c0)
    window.resize(1300, 850)
    window.show()
    app.processEvents()
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
print(statistics.median(wall), statistics.median(cpu))
"""


def timed(argv: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the program and every process it started)."""
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{argv[:4]} failed ({done.returncode}):\n{done.stderr}")
    return seconds, (after.ru_utime + after.ru_stime) - (cpu.ru_utime + cpu.ru_stime)


def window_cost(windows: int, env: dict) -> tuple[float, float]:
    """(median wall-clock seconds, median CPU seconds) of one ``create_main_window()``."""
    done = subprocess.run([sys.executable, "-c", WINDOWS, str(windows)], env=env, cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise SystemExit(f"create_main_window failed ({done.returncode}):\n{done.stderr}")
    wall, cpu = (float(v) for v in done.stdout.split()[-2:])
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="counted pairs (default 5)")
    parser.add_argument("--lesson", default="xor")
    parser.add_argument("--windows", type=int, default=10, help="windows made for the create_main_window figure")
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ROOT}
    with tempfile.TemporaryDirectory() as folder:
        # compiled modules as an installed program has them (pip and the bundle compile them);
        # kept out of the source tree, made by the first pair
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = os.path.join(folder, "pycache")
        png = os.path.join(folder, "shot.png")
        bare_argv = [sys.executable, "-c", BARE, png]
        app_argv = [sys.executable, "-m", "desktop", args.lesson, "--screenshot", png]
        timed(bare_argv, env), timed(app_argv, env)  # warm the file cache
        bare, app = [], []
        print(f"{'pair':>4}  {'bare (s)':>9}  {'app (s)':>8}  {'app/bare':>8}  {'CPU: bare':>9}  {'app':>6}  {'app/bare':>8}")
        for k in range(args.runs):
            bare.append(timed(bare_argv, env))
            app.append(timed(app_argv, env))
            (b, bc), (a, ac) = bare[-1], app[-1]
            print(f"{k + 1:>4}  {b:9.3f}  {a:8.3f}  {a / b:8.2f}  {bc:9.3f}  {ac:6.3f}  {ac / bc:8.2f}")
        paint_bare, paint_app = [], []
        for k in range(args.runs):
            paint_bare.append(first_paint([sys.executable, "-c", FIRST_PAINT_BARE], env))
            paint_app.append(first_paint([sys.executable, "-c", FIRST_PAINT_APP, args.lesson], env))
        window = window_cost(args.windows, env) if args.windows > 0 else None
    for what, index in (("wall-clock", 0), ("CPU (all processes)", 1)):
        b, a = [t[index] for t in bare], [t[index] for t in app]
        ratios = [y / x for x, y in zip(b, a)]
        median_bare, median_app = statistics.median(b), statistics.median(a)
        # the median of the pairs' own ratios holds better than the ratio of the medians when the
        # machine's load drifts during the run (each pair ran under the same load)
        print(f"{what}, median of {args.runs} paired runs: bare window {median_bare:.3f} s, "
              f"--screenshot of {args.lesson} {median_app:.3f} s, ratio {median_app / median_bare:.2f} "
              f"(pairs {min(ratios):.2f}–{max(ratios):.2f}, median pair {statistics.median(ratios):.2f})")
    print("target: wall-clock ratio ≤ 1.3")
    ratios = [y / x for x, y in zip(paint_bare, paint_app)]
    median_bare, median_app = statistics.median(paint_bare), statistics.median(paint_app)
    print(f"first paint, median of {args.runs} paired runs: bare window {median_bare:.3f} s, window of "
          f"{args.lesson} {median_app:.3f} s, ratio {median_app / median_bare:.2f} (pairs {min(ratios):.2f}–{max(ratios):.2f})")
    if window is not None:
        print(f"create_main_window(), median of {args.windows}: {window[0]:.3f} s wall-clock, {window[1]:.3f} s CPU")


if __name__ == "__main__":
    main()
