"""The canvas legend's rows are written whole at 1400×900: a row too long for the box goes on in the row below.

Teacher review 24 #10b: guided_chain_rule at 1400×900, step 7 (F8 three times, Backward reaches h, δ_y0 and δ_y1
answered): the legend's first row, "in a neuron: a, or δ = dL/dz (ringed) once reached and not asked; δ under it:
dL/dz you answered", was cut at the box's right edge after "you answ". It is now cut at its "; " into two rows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from test_lesson_error_hidden import lesson_at_step
from test_training_support import press
from text_probe import widget_boxes


def test_the_legends_first_row_is_whole_at_1400x900(qtbot, main_window, canvas):
    window = main_window
    window.resize(1400, 900)
    window.apply_default_layout()
    student, _net = lesson_at_step(qtbot, window, canvas, "guided_chain_rule", 7)
    for _ in range(3):  # step 7: "press F8 three times"
        press(qtbot, window, Qt.Key.Key_F8)
        qtbot.wait(200)
    qtbot.waitUntil(lambda: window.view_state.stepping is not None and window.view_state.stepping.phase == "backward")
    qtbot.wait(300)
    legend = window.canvas.legend
    assert not legend.is_folded_now(), "at 1400×900 the legend is shown whole"
    boxes = widget_boxes(legend)
    texts = [text for text, _ in boxes]
    assert any("under it: dL/dz you answered" in text for text in texts), texts  # (δ: a run of its own)
    for text, box in boxes:  # every text whole inside the box, none cut at its right edge
        assert box.right() <= legend.width() - 4, (text, box.right(), legend.width())
