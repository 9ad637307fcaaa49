"""The Output map's legend says when the network's output is held back (teacher's review 13, finding 12).

guided_perceptron step 2 asks the output y: the Output map (rightly) leaves out the line y(x₀), but its
legend still listed "━ the network's output y(x₀)", and a student looked for a blue line that was not
there. Now the legend's entry says why the line is missing, in the words every panel writes ("? (hidden:
work it out first)"), until the line is drawn again; a map of two inputs, whose background it leaves
white, says so in its legend too.
"""

from __future__ import annotations

from core.lesson import answer
from test_lesson_error_hidden import lesson_at_step

LINE = "the network's output y(x₀)"


def line_entry(panel) -> str:
    """The legend's entry for the output's line, as the panel writes it."""
    return next(text for text in panel.legend.entries() if text.startswith(LINE))


def test_the_legend_says_the_line_is_held_while_the_question_asks_y(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 2)
    panel = window.training.ui.output_map
    assert panel.mode == "curve"
    qtbot.waitUntil(lambda: not panel.curve_line.isVisible(), timeout=5000)  # y is the student's to compute
    assert line_entry(panel) == f"{LINE}: ? (hidden: work it out first)", panel.legend.entries()

    assert student.type_answer(f"{answer(net.lesson.steps[1].question, net):.10g}").startswith("Right")
    for step in net.lesson.steps[2:]:  # on through the lesson: whenever the line is drawn, the legend says so plainly
        if panel.curve_line.isVisible():
            break
        assert line_entry(panel).startswith(f"{LINE}: ?"), panel.legend.entries()
        student.next()
        if step.question is not None:
            assert student.type_answer(f"{answer(step.question, net):.10g}").startswith("Right")
    qtbot.waitUntil(panel.curve_line.isVisible, timeout=5000)
    assert line_entry(panel) == LINE, panel.legend.entries()


def test_the_legend_says_the_maps_background_is_held_while_the_question_asks_y(qtbot, main_window, canvas):
    """guided_relu_tutorial (two inputs) step 4 asks y: the map's background is left white under its colour
    bar "output / target"; the legend says why until y is answered."""
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_relu_tutorial", 4)
    panel = window.training.ui.output_map
    assert panel.mode == "map" and net.lesson.steps[3].question.kind == "output"
    qtbot.waitUntil(lambda: not panel.image.isVisible(), timeout=5000)
    assert "background: the network's output: ? (hidden: work it out first)" in panel.legend.entries()
    assert student.type_answer(f"{answer(net.lesson.steps[3].question, net):.10g}").startswith("Right")
    qtbot.waitUntil(panel.image.isVisible, timeout=5000)
    assert not any("background" in text for text in panel.legend.entries()), panel.legend.entries()
