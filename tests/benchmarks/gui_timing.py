"""What ``bench_gui.py`` measures the window's GUI thread with (Qt; never imported by the training process).

* ``spin(ms)``: let the event loop run for ``ms`` milliseconds (the benchmark waits as a student does);
* ``LoopProbe``: a 10 ms precise ``QTimer`` recording how late each tick fires (ms; the event-loop
  latency whose p50/p99 the benchmark prints);
* ``CanvasPaints``: when the canvas finished each painting (``time.perf_counter`` seconds, and the GUI
  thread's CPU time then), for the press → painted latencies;
* ``process_cpu_seconds(pid)``: another process's CPU time (s, all its threads) from Linux's /proc;
* the recorded-snapshot replay: ``frame_costs`` draws snapshots recorded while training again
  with training paused and times each panel's ``show_snapshot`` (data) and the painting after it
  (paint), in wall-clock and GUI-thread CPU time (ms: means and p95 of data + paint);
  ``replay_latency`` shows them 30 times a second with no training and measures the event
  loop meanwhile; ``print_frame_costs`` prints a frame's costs per part.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QEventLoop, QObject, Qt, QTimer

from process_cpu import process_cpu_seconds  # noqa: F401 (bench_gui takes it from here)


def spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


class LoopProbe:
    """A 10 ms precise timer; records how late every tick fires."""

    def __init__(self, interval_ms: int = 10):
        self.interval = interval_ms
        self.lateness: list[float] = []
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.tick)
        self.last = None

    def start(self):
        self.clock.start()
        self.last = self.clock.nsecsElapsed()
        self.timer.start()

    def stop(self):
        self.timer.stop()

    def tick(self):
        now = self.clock.nsecsElapsed()
        self.lateness.append(max(0.0, (now - self.last) / 1e6 - self.interval))
        self.last = now

class CanvasPaints(QObject):
    """Records when the canvas (the central ``NetworkView``) finished each painting (``times``; the GUI
    thread's CPU time then: ``cpu_times``).

    An event filter on its viewport delivers each paint event itself, then notes the time."""

    def __init__(self, window):
        super().__init__()
        self.viewport = window.canvas.viewport()
        self.times: list[float] = []
        self.cpu_times: list[float] = []  # the GUI thread's CPU time (``time.thread_time``) at each end
        self._inside = False
        self.viewport.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() != QEvent.Type.Paint or self._inside:
            return False
        self._inside = True
        try:
            QCoreApplication.sendEvent(watched, event)
        finally:
            self._inside = False
        self.times.append(time.perf_counter())
        self.cpu_times.append(time.thread_time())
        return True

    def remove(self) -> None:
        self.viewport.removeEventFilter(self)


def frame_costs(window, snaps: list) -> dict[str, tuple[float, float, float]]:
    """Draw ``snaps`` again (training paused) and time every part of a frame.

    Per part: (mean ms of its ``show_snapshot``, mean ms of the event processing and painting
    that follow it, p95 ms of both, then the same three in the GUI thread's CPU time). "status +
    canvas" is the status bar's text and the canvas recoloured through the view state.
    """
    from PySide6.QtWidgets import QApplication

    from desktop.training.status_text import status_text

    ui = window.training.ui
    parts = {type(p).__name__: p.show_snapshot for p in ui.panels if p.isVisible()}

    def status_and_canvas(snap):
        ui.status_label.setText(status_text(snap))
        ui._colour_canvas(snap)

    parts["status + canvas"] = status_and_canvas

    def settle():
        for _ in range(3):  # the scene's queued updates, then the window's paint
            QApplication.processEvents()

    times = {name: ([], [], [], []) for name in parts}
    settle()
    for snap in snaps:
        for name, show in parts.items():
            a, a_cpu = time.perf_counter(), time.thread_time()
            show(snap)
            b, b_cpu = time.perf_counter(), time.thread_time()
            settle()
            c, c_cpu = time.perf_counter(), time.thread_time()
            for k, t in enumerate((b - a, c - b, b_cpu - a_cpu, c_cpu - b_cpu)):
                times[name][k].append(t)
    result = {}
    for name, columns in times.items():
        data, paint, data_cpu, paint_cpu = (np.array(t) * 1e3 for t in columns)
        result[name] = (float(data.mean()), float(paint.mean()), float(np.percentile(data + paint, 95)),
                        float(data_cpu.mean()), float(paint_cpu.mean()), float(np.percentile(data_cpu + paint_cpu, 95)))
    return result


def replay_latency(window, snaps: list, seconds: float) -> dict:
    """Show ``snaps`` (cycling) 30 times a second through the controller, with no training; the
    event loop's lateness meanwhile."""
    c = window.training
    probe = LoopProbe()
    feed = QTimer()
    feed.setInterval(33)
    index = [0]

    def next_frame():
        c._render(snaps[index[0] % len(snaps)])
        index[0] += 1

    feed.timeout.connect(next_frame)
    feed.start()
    probe.start()
    spin(int(seconds * 1000))
    probe.stop()
    feed.stop()
    late = np.array(probe.lateness)
    return {"p50": float(np.percentile(late, 50)), "p99": float(np.percentile(late, 99)),
            "frames": index[0] / seconds}


def print_frame_costs(name: str, costs: dict) -> None:
    total = [sum(v[i] for v in costs.values()) for i in (0, 1, 3, 4)]
    print(f"  one frame of {name}: {total[0] + total[1]:.1f} ms in all (data {total[0]:.1f} ms, "
          f"paint {total[1]:.1f} ms); GUI-thread CPU {total[2] + total[3]:.1f} ms (data {total[2]:.1f} ms, "
          f"paint {total[3]:.1f} ms)")
    for part, (data, paint, p95, data_cpu, paint_cpu, p95_cpu) in costs.items():
        print(f"    {part:<18} data {data:6.2f} ms   paint {paint:6.2f} ms   p95 {p95:6.2f} ms   |  CPU data "
              f"{data_cpu:5.2f} ms  paint {paint_cpu:5.2f} ms  p95 {p95_cpu:5.2f} ms")
