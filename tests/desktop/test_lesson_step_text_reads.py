"""The guided lessons' step texts read as sentences, as the Lesson panel shows them (teacher review 15 #10:
guided_chain_rule step 5 read "dL/da_y0 = (y0 − t0) / 2 the loss's slope at output 0", a word missing)."""

from __future__ import annotations

from test_lesson_error_hidden import lesson_at_step
from window_texts import window_texts


def test_chain_rules_output_delta_step_says_what_each_slope_is(qtbot, main_window, canvas):
    student, net = lesson_at_step(qtbot, main_window, canvas, "guided_chain_rule", 5)
    shown = " ".join(window_texts(main_window))
    assert "dL/da_y0 = (y0 − t0) / 2 is the loss's slope at output 0, and f'(z_y0) = 1 is its activation's slope" in shown
