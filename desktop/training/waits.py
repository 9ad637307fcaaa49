"""Waiting for the training session in a local event loop: for ``--screenshot``, the gallery and
the smoke test (the GUI stays live while they wait; a student's window never calls these)."""

from __future__ import annotations

import time

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from .messages import SetSpeed


def wait_for_step_0(controller, timeout_s: float = 15.0) -> bool:
    """Run the event loop until the panels show the session's step 0 (what a student sees a
    moment after opening a network). False at once for a network that cannot train, or after
    ``timeout_s``."""
    net = controller.network
    if net.problems() or net.dataset is None or net.dataset_problems():
        return False

    def shown() -> bool:
        snap = controller.latest
        return snap is not None and snap.finished and controller.latest_shown and controller.snapshot_fits(snap)

    deadline = time.monotonic() + timeout_s
    while not shown() and time.monotonic() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    return shown()


def train_for_screenshot(controller, steps: int, timeout_s: float = 120.0) -> bool:
    """Train ``steps`` steps through the worker at full speed and return once the panels show the result.

    Runs a local event loop (the GUI stays live); False if training could not
    start or did not finish within ``timeout_s``.
    """
    if steps <= 0:
        return True
    loop = QEventLoop()
    result = {"done": False}

    def shown(snap):
        # a big network's figures on all the data follow its last step (``evaluated``)
        if snap.finished and snap.state != "ready" and not snap.evaluation_pending:
            result["done"] = True
            loop.quit()

    controller.snapshot_shown.connect(shown)
    controller.evaluated.connect(shown)
    controller.status.connect(loop.quit)  # a failure message ends the wait too
    controller.worker.send(SetSpeed(None))
    try:
        if controller.step(steps):
            QTimer.singleShot(int(timeout_s * 1000), loop.quit)
            loop.exec()
    finally:
        controller.snapshot_shown.disconnect(shown)
        controller.evaluated.disconnect(shown)
        controller.status.disconnect(loop.quit)
        controller.worker.send(SetSpeed(controller.speed))
    return result["done"]
