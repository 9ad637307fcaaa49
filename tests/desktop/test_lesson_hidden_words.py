"""What a guided lesson writes in place of a number it keeps back says why, and when it comes.

The teacher's review at 1024×700: guided_chain_rule at step 1 (no question yet) wrote "loss ?
(hidden: work it out first)" in the status bar and the Loss
panel, for a loss no question asks and no step before a later one lets the student work out. A number
kept back for a question the student has not reached says it comes with a later question; a number
computed from the open question's answer says it shows once they answer; the open question's own
number too (review 14: "? (hidden: work it out first)" beside the other two made three phrasings on one
screen; a lesson now writes two, one for "wait for the answer", one for "wait for a later question").
"""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QLabel

import core
from core.lesson import answer
from test_lesson_spoilers import open_lesson

LATER = "? (comes with a later question)"
ONCE_ANSWERED = "? (shows once you answer)"


def status_figures(qtbot, window) -> str:
    """The training figures at the right of the status bar, once the window has followed the lesson."""
    qtbot.wait(100)
    return window.findChild(QLabel, "status_training").text()


def click_neuron(qtbot, canvas, window, name: str) -> None:
    """Click neuron 0 of layer ``name`` on the canvas, as a student does."""
    item = canvas.scene.layer_items[name]
    canvas.click(item.mapToScene(item.neuron_centre(0)))
    qtbot.waitUntil(lambda: window.view_state.selection is not None, timeout=5000)


def test_numbers_kept_back_say_whether_to_work_them_out_now_or_wait_for_a_later_question(qtbot, main_window, canvas):
    window = main_window
    window.resize(1024, 700)
    path = core.example_path("guided_chain_rule")
    student = open_lesson(qtbot, window, core.load_network(path), path)
    assert student.panel.progress.text() == "Step 1 of 11"  # reading only: no question open

    figures = status_figures(qtbot, window)  # (a regression: no accuracy)
    assert f"loss {LATER}" in figures and "work it out" not in figures, figures
    assert LATER in window.training.ui.loss.summary.text()

    student.next()  # step 2 asks a_h0: the loss is computed from it, but steps 3 and 4 (a_h1, y) keep it back after
    figures = status_figures(qtbot, window)  # (it said "shows once you answer", then not: review 23 #4)
    assert f"loss {LATER}" in figures and "work it out" not in figures, figures

    click_neuron(qtbot, canvas, window, "h")  # the neuron the question asks about: its a is the student's to work out
    student.click_tab("Inspector")
    explanation = window.inspector.layer_page.explanation.toPlainText()
    assert f"a_h0 = {ONCE_ANSWERED}" in explanation, explanation


def test_a_number_computed_from_the_open_answer_is_not_called_the_students_to_work_out(qtbot, main_window, canvas):
    """The accuracy while an output is asked, and dL/dw = a · δ while the last δ of its layer is asked, are
    computed from the answer: they show once it is given. The status bar and the Inspector said "hidden: work it
    out first". While another δ of the layer is still to be asked, dL/dw waits for that later question."""
    from test_lesson_error_hidden import lesson_at_step

    window = main_window
    window.resize(1024, 700)
    student, _net = lesson_at_step(qtbot, window, canvas, "guided_softmax", 5)  # asks the output y₁
    figures = status_figures(qtbot, window)  # the accuracy needs y₀ and y₂ too, which wait for step 8's question
    assert "accuracy ?" in figures and "later question" in figures and "work it out" not in figures, figures

    student, net = lesson_at_step(qtbot, window, canvas, "guided_chain_rule", 5)  # asks δ_y0, step 6 δ_y1
    canvas.click(canvas.edge_point("h", "y", 0, 0, 0.3))
    qtbot.waitUntil(lambda: window.view_state.selection is not None
                    and window.view_state.selection.kind == "edge", timeout=5000)
    student.click_tab("Inspector")
    qtbot.wait(50)
    assert window.inspector.edge_page.gradient.text() == LATER  # (δ_y1's question keeps y's dL/dw back)
    student.click_tab("Lesson")
    assert student.type_answer(f"{answer(net.lesson.steps[4].question, net):.10g}").startswith("Right")
    student.next()  # step 6 asks δ_y1, the last δ of y: dL/dw into y comes with its answer
    student.click_tab("Inspector")
    qtbot.wait(50)
    assert window.inspector.edge_page.gradient.text() == ONCE_ANSWERED


def test_the_asked_neurons_neighbour_says_it_comes_with_a_later_question(qtbot, main_window, canvas):
    """guided_chain_rule step 2 asks a_h0 and step 3 a_h1: while a_h0 is open, a_h1 is not the student's to
    work out yet (the Inspector said "hidden: work it out first" for both neurons of h)."""
    from test_lesson_answered_neuron_shows import inspector_text
    from test_lesson_error_hidden import lesson_at_step

    window = main_window
    window.resize(1024, 700)
    student, _net = lesson_at_step(qtbot, window, canvas, "guided_chain_rule", 2)
    assert f"a_h0 = {ONCE_ANSWERED}" in inspector_text(qtbot, student, canvas, "h", 0)
    text = inspector_text(qtbot, student, canvas, "h", 1)
    assert f"a_h1 = {LATER}" in text and f"z_h1 = {LATER}" in text, text
    assert f"δ_h1 = dL/dz_h1 = {LATER}" in text, text  # (computed from a_h0 too, but step 9 asks it)


def test_one_screen_of_a_lesson_writes_a_held_number_at_most_two_ways(qtbot, main_window, canvas):
    """Review 14 #12: guided_weight_decay step 9 (a weight after 100 steps asked) showed "? (comes with a later
    question)", "? (shows once you answer)" and, in the Weight trajectories, "? (hidden: work it out first)"
    on one screen. The open question's number now reads as the others computed from it: it shows once the
    student answers."""
    import re

    from test_lesson_error_hidden import lesson_at_step
    from window_texts import window_texts

    window = main_window
    window.resize(1024, 700)
    student, _net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 9)
    window.apply_default_layout()
    qtbot.wait(50)
    dock = window.findChild(QDockWidget, "trajectories_panel")
    if dock.visibleRegion().isEmpty():  # behind the Loss panel, a tab
        student.click_tab("Weight trajectories")
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty(), timeout=5000)
    qtbot.wait(100)
    texts = window_texts(window)
    phrasings = {m for text in texts for m in re.findall(r"\? \(([^)]*)\)", text)
                 if not m.startswith(("appears", "computed"))}  # the step-through's words, not the lesson's
    assert phrasings and phrasings <= {ONCE_ANSWERED[3:-1], LATER[3:-1]}, phrasings
    assert not [text for text in texts if "work it out" in text]
