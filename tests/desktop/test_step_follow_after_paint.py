"""A Step (F6) is on the canvas before the training process is told to follow the document.

The Step's answer commits its weights and tells the process it holds the document's new version
(``Follow``). Sent before the canvas painted, that message woke the process, which took a core
from the window while the canvas still waited for its painting (up to 3 ms on a busy machine:
the Step's press → canvas p95). What leaves for the process while a Step's answer is drawn now
leaves once it is drawn, in its order, and the process still follows: the next Step goes on
from the document's weights. Driven by the F6 key in the real window with its training process;
what leaves for the process is read at the window's queue of commands (``channel.Outbox.put``).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt

from desktop.training import channel
from desktop.training.messages import Follow

from test_training_support import training_window, xor_network  # noqa: F401 (a fixture)


class Events(QObject):
    """What happened, in order: "painted" for each paint of the canvas, a command's class name as it leaves."""

    def __init__(self, widget, monkeypatch):
        super().__init__()
        self.seen: list[str] = []
        widget.installEventFilter(self)
        put = channel.Outbox.put

        def noted(outbox, obj):
            self.seen.append(type(obj).__name__)
            return put(outbox, obj)

        monkeypatch.setattr(channel.Outbox, "put", noted)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.seen.append("painted")
        return False


def test_f6_paints_the_canvas_before_the_process_is_told_to_follow(qtbot, training_window, monkeypatch):
    window = training_window(xor_network(hidden=3))
    c, doc = window.training, window.document
    qtbot.waitUntil(lambda: c.worker.is_ready, timeout=30000)
    assert c.wait_for_step_0()
    qtbot.wait(200)  # whatever step 0 left to paint
    events = Events(window.canvas.viewport(), monkeypatch)
    for step in (1, 2, 3):
        events.seen.clear()
        window.canvas.setFocus()
        qtbot.keyClick(window.canvas, Qt.Key.Key_F6)
        qtbot.waitUntil(lambda: not c.running and c.latest is not None and c.latest.step == step, timeout=10000)
        qtbot.waitUntil(lambda: Follow.__name__ in events.seen, timeout=5000)
        seen = events.seen
        assert "painted" in seen and seen.index("painted") < seen.index(Follow.__name__), \
            f"Step {step}: what left for the process and the canvas's paints, in order: {seen}"
        assert c.link.version == doc.version  # the process holds the document's version
        assert np.array_equal(c.latest.parameters, doc.network.flat)  # (the next Step goes on from these)
