"""The training figures in the status bar stay whole words at 1024×700.

In the step-through the figures not reached yet read "? (computed in Loss)" (now "? (appears in the Loss phase)"), which made the
line longer than its place in the bar: the label is right-aligned, so Qt cut its start off
and a student read ":omputed in Loss), accuracy ? (computed in Forward) · …" with no
"Epoch … · Step …" at all. Now a line too long ends in "…" and its tooltip holds all of it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel

import core
from text_probe import _RecordingDevice


def drawn_lines(widget) -> list[tuple[str, QRectF]]:
    """Every (text, its line box in the widget's pixels) the widget paints."""
    device = _RecordingDevice(widget.width(), widget.height())
    painter = QPainter(device)
    widget.render(painter, QRectF(0, 0, widget.width(), widget.height()).topLeft().toPoint(),
                  QRect(0, 0, widget.width(), widget.height()))
    painter.end()
    return [(text, box) for text, box in device.engine.boxes if text.strip()]


def test_the_status_figures_in_the_step_through_at_1024_start_with_the_step_and_end_in_an_ellipsis(qtbot, main_window):
    window = main_window
    window.resize(1024, 700)
    assert window.files.open_example(str(core.example_path("circles")))  # the Lessons menu's action
    qtbot.waitUntil(lambda: window.training.latest is not None, timeout=15000)
    qtbot.keyClick(window, Qt.Key.Key_F7)  # the step-through's first layer: the loss is not reached yet
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    label = window.findChild(QLabel, "status_training")
    qtbot.waitUntil(lambda: "appears in the Loss phase" in label.text(), timeout=5000)
    full = label.text()
    assert full.startswith("Epoch 0 · Step 0")

    lines = drawn_lines(label)
    assert len(lines) == 1, lines
    text, box = lines[0]
    assert box.left() >= 0 and box.right() <= label.width() + 0.5, (text, box, label.width())
    assert text.startswith("Epoch 0 · Step 0"), text
    if text != full:
        assert text.endswith("…") and full.startswith(text[:-1])
        assert label.toolTip() == full


def test_new_figures_in_the_status_bar_do_not_lay_out_the_window_again(qtbot, main_window):
    """A run writes new figures in the status bar about 25 times a second. A label whose size may
    change makes Qt lay out the whole window again with each (~1 ms a frame); the figures' label
    keeps its size, so while training runs the window is laid out only when something else changes."""
    from PySide6.QtCore import QEvent, QObject

    class LayoutRequests(QObject):
        count = 0

        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.LayoutRequest:
                self.count += 1
            return False

    window = main_window
    qtbot.waitUntil(lambda: window.training.latest is not None, timeout=15000)
    label = window.findChild(QLabel, "status_training")
    requests = LayoutRequests()
    window.statusBar().installEventFilter(requests)
    texts = set()

    def twelve_texts_seen() -> bool:
        texts.add(label.text())
        return len(texts) >= 12

    try:
        window.training.play()
        qtbot.waitUntil(twelve_texts_seen, timeout=20000)
        window.training.pause()
    finally:
        window.statusBar().removeEventFilter(requests)
    assert requests.count == 0, f"{len(texts)} status texts laid out the status bar {requests.count} times"
