"""Benchmark: where a Step press's time goes in the window, stage by stage. Not collected by pytest.

    python3 tests/benchmarks/bench_step_stages.py [--presses 40] [--size 1400x900] [--network xor|784-64-10]

Opens the window (offscreen) on the XOR lesson (or ``big_network``'s 784-64-10), waits for its training
process, then presses Step ``--presses`` times as ``bench_gui.step_latency`` does (the GUI thread waits in
its event loop meanwhile) and prints, per stage, the GUI thread's CPU time (``time.thread_time``, which the
machine's other load inflates little; ms, mean, p50 and p95):

* press → the canvas painted with the step, and press → everything drawn (the panels too);
* wall-clock press → the finished step's answer received, and received → the canvas painted;
* the stages of the answer's handling, each a function wrapped with a CPU counter (nested stages
  indented under the one that calls them): the press (``TrainingController.step``), the answer
  (``_on_finished``): the commit into the document, the view state's one announcement (the scene's
  ``refresh_values``: the cards' layout, the edges' numbers placed, the legend), the drawing
  (``TrainingUI.show_snapshot``: the status bar and the canvas recoloured, the canvas painted at once by
  ``NetworkView.paint_now``, each card's and edge's ``paint``, then the panels), and the legend's listing a
  turn of the event loop later.

The counters wrap the window's own functions (private ones too): what this prints is for finding the
stage to work on, never a test. ``bench_gui.py`` prints the latencies themselves.
"""

from __future__ import annotations

import argparse
import collections
import functools
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as the application's entry point does
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "desktop"))  # the training tests' networks

import numpy as np  # noqa: E402

if __name__ != "__mp_main__":  # the training process imports this file as __mp_main__: no Qt there
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from gui_timing import CanvasPaints, spin

#: (module, class, method, label): the stages counted, in the order printed (two spaces of indent a level)
STAGES = (
    ("desktop.training.controller", "TrainingController", "step", "press: TrainingController.step"),
    ("desktop.training.controller", "TrainingController", "_on_finished", "answer: _on_finished"),
    ("desktop.training.controller", "TrainingController", "_commit", "  commit into the document"),
    ("desktop.view_state", "ViewState", "_flush", "  view state's announcement"),
    ("desktop.editor.scene", "NetworkScene", "refresh_values", "    scene.refresh_values"),
    ("desktop.editor.scene", "NetworkScene", "_lay_out_cards", "      cards laid out"),
    ("desktop.editor.scene", "NetworkScene", "_place_edge_numbers", "      edge numbers placed"),
    ("desktop.editor.view", "NetworkView", "_on_values_refreshed", "      view: legend, note, fit"),
    ("desktop.training.controller", "TrainingController", "_render", "  drawing: TrainingUI.show_snapshot"),
    ("desktop.training.ui", "TrainingUI", "_colour_canvas", "    canvas recoloured"),
    ("desktop.editor.view", "NetworkView", "paint_now", "    canvas painted (paint_now)"),
    ("desktop.editor.layer_item", "LayerItem", "paint", "      a card's paint"),
    ("desktop.editor.edge_item", "EdgeItem", "paint", "      an edge's paint"),
    ("desktop.editor.edge_item", "EdgeLabel", "paint", "      an edge number's paint"),
    ("desktop.editor.view", "NetworkView", "_list_unplaced", "later: the legend's listing"),
)


def counted(stats: dict, on: list, label: str, method):
    """``method`` with its GUI-thread CPU time added to ``stats[label]`` while ``on[0]``."""
    @functools.wraps(method)
    def timed(*args, **kwargs):
        began = time.thread_time()
        try:
            return method(*args, **kwargs)
        finally:
            if on[0]:
                stats[label].append(time.thread_time() - began)
    return timed


def figures(seconds) -> str:
    ms = np.array(seconds) * 1e3
    return (f"mean {ms.mean():6.2f}  p50 {np.percentile(ms, 50):6.2f}  p95 {np.percentile(ms, 95):6.2f} ms"
            f"  ({len(ms)} calls)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--size", default="1400x900")
    parser.add_argument("--network", choices=("xor", "784-64-10"), default="xor")
    args = parser.parse_args()
    import importlib

    stats: dict[str, list[float]] = collections.defaultdict(list)
    on = [False]
    for module, cls, name, label in STAGES:
        owner = getattr(importlib.import_module(module), cls)
        setattr(owner, name, counted(stats, on, label, getattr(owner, name)))

    app = QApplication.instance() or QApplication([])
    from desktop.app import create_main_window, freeze_long_lived_objects
    from desktop.files import default_network
    from desktop.training import worker as worker_module

    arrivals: list[tuple[float, float]] = []  # (wall, GUI-thread CPU) when each finished step's answer came
    on_message = worker_module.TrainingWorker._on_message

    def noted(self, generation, kind, payload):
        if kind == "finished":
            arrivals.append((time.perf_counter(), time.thread_time()))
        return on_message(self, generation, kind, payload)

    worker_module.TrainingWorker._on_message = noted
    window = create_main_window(restore_layout=False)
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.show()
    spin(300)
    while not window.training.worker.is_ready:
        spin(20)
    freeze_long_lived_objects()
    if args.network == "xor":
        net = default_network()
    else:
        from training_networks import big_network

        net = big_network(2000, batch=64)
    c = window.training
    window.document.replace_network(net, None)
    spin(300)
    loop, canvas = QEventLoop(), CanvasPaints(window)

    def shown(snap):
        if snap.finished and snap.state != "ready" and not getattr(snap, "evaluation_pending", False):
            loop.quit()

    committed: list[float] = []
    c.snapshot_shown.connect(shown)
    evaluated = getattr(c, "evaluated", None)
    if evaluated is not None:
        evaluated.connect(shown)
    window.document.parameters_changed.connect(lambda: committed.append(time.perf_counter()))
    to_canvas, to_all, to_answer, answer_to_canvas, answer_to_canvas_cpu = [], [], [], [], []
    for press in range(args.presses + 3):  # (the first three warm up)
        on[0] = press >= 3
        committed.clear()
        began, began_cpu = time.perf_counter(), time.thread_time()
        QTimer.singleShot(5000, loop.quit)  # never hang
        c.step()
        loop.exec()
        QApplication.processEvents()  # what is left to paint
        spin(30)  # (the legend's listing, a turn later)
        painted = [(t, cpu) for t, cpu in zip(canvas.times, canvas.cpu_times) if committed and t > committed[-1]]
        if on[0] and painted and arrivals:
            to_canvas.append(painted[0][1] - began_cpu)
            to_all.append(time.thread_time() - began_cpu)
            to_answer.append(arrivals[-1][0] - began)
            answer_to_canvas.append(painted[0][0] - arrivals[-1][0])
            answer_to_canvas_cpu.append(painted[0][1] - arrivals[-1][1])
    canvas.remove()
    print(f"{args.network} at {args.size}, {len(to_canvas)} Step presses (load {os.getloadavg()[0]:.1f}); "
          f"GUI-thread CPU unless said:")
    print(f"{'press -> canvas painted':<44}{figures(to_canvas)}")
    print(f"{'press -> everything drawn (and 30 ms idle)':<44}{figures(to_all)}")
    print(f"{'answer received -> canvas painted':<44}{figures(answer_to_canvas_cpu)}")
    print(f"{'wall: press -> answer received':<44}{figures(to_answer)}")
    print(f"{'wall: answer received -> canvas painted':<44}{figures(answer_to_canvas)}")
    for *_, label in STAGES:
        if stats[label]:
            print(f"{label:<44}{figures(stats[label])}")
    window.document.undo_stack.setClean()
    window.close()
    app.processEvents()


if __name__ == "__main__":
    main()
