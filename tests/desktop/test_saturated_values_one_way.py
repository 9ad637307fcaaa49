"""A saturated activation reads one way on its card, for both signs (teacher's review 13, finding 15).

exam_csv's tanh card wrote saturation three ways: "≈1" (z 11.37, off 1 by 2e−10), "1.000" (z 5.864,
0.99998) and "−1.000" (z −6.042): a student could not tell which were exactly 1. Now every value that
rounds to ±1 at the canvas's digits without being ±1 reads "≈1" or "≈−1".
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QStyleOptionGraphicsItem

import core
from lesson_support import leave_lesson
from test_training_support import press_f8_to
from window_texts import RecordingPainter, painted_texts


def card_texts(window, layer: str) -> list[str]:
    """The texts the canvas paints on the card of ``layer``."""
    image = QImage(64, 64, QImage.Format.Format_ARGB32)  # kept while the painter paints on it
    painter = RecordingPainter(image)
    try:
        window.scene.layer_items[layer].paint(painter, QStyleOptionGraphicsItem(), None)
    finally:
        painter.end()
    return painter.texts


def trace(qtbot, window, row: int) -> None:
    """Type ``row`` in the step toolbar's Trace box and press Enter, as a student picks a sample."""
    box = window.training.step_toolbar.sample
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, str(row))
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.value() == row


def test_every_tanh_value_that_rounds_to_one_reads_approximately_one(qtbot, main_window):
    window = main_window
    assert window.files.open_example(str(core.example_path("exam_csv")))  # the Lessons menu's action
    window.training.wait_for_step_0()
    leave_lesson(window)
    net = window.document.network
    assert window.view_state.digits == 4
    saturated = set()
    for row in range(len(net.dataset)):
        h = core.trace_step(net, row).layers["h"].a[0]
        near = [a for a in h if abs(a) != 1 and core.format_number(a, 4).lstrip("−") in ("1", "1.000")]
        if not near or {a > 0 for a in near} <= saturated:
            continue  # nothing new on this sample's card
        trace(qtbot, window, row)
        qtbot.wait(30)
        texts = card_texts(window, "h")
        for a in near:
            assert ("≈1" if a > 0 else "≈−1") in texts, (row, a, texts)
        assert "1.000" not in texts and "−1.000" not in texts, (row, texts)
        saturated |= {a > 0 for a in near}
    assert saturated == {True, False}  # both signs were seen


def test_a_saturated_loss_reads_approximately_after_its_name(qtbot, main_window):
    """saturation's output is 0.99999 for a target 0: L under the output card reads "L ≈ 1", never "L = ≈1"
    (or "L = 1.000", before)."""
    window = main_window
    assert window.files.open_example(str(core.example_path("saturation")))
    window.training.wait_for_step_0()
    leave_lesson(window)
    press_f8_to(qtbot, window, "loss")
    texts = painted_texts(window.canvas.scene())
    assert "L ≈" in texts and "L =" not in texts, texts
