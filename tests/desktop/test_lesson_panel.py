"""The Lesson panel, driven as a student does: typing answers, Check, Reveal, Back/Next, F8 and training.

* the panel shows when the open file has a lesson, and hides when it has none;
* a right answer (typed, Enter) is accepted, a wrong one gets the chain rule with the typed
  value beside the right one and, for a typical slip, the factor that differs;
* actions are recognised when done (step-through reached Backward at h; 3 steps trained);
* while a question is open its number is hidden on the canvas; it shows once answered or revealed;
* progress is kept per lesson file and restored when it is opened again; Lesson → Reset Progress.
"""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import core
from core.lesson import answer
from desktop.lesson.guide import parse_answer
from lesson_support import Student, leave_lesson, return_to_lesson, small_lesson_network


@pytest.fixture
def lesson_window(main_window, tmp_path):
    net = small_lesson_network()
    path = tmp_path / "backprop_lesson.bpnet"
    core.save_network(net, path)
    main_window.document.replace_network(core.load_network(path), path)
    return main_window


def test_the_panel_shows_only_for_a_file_with_a_lesson(qtbot, lesson_window):
    window = lesson_window
    assert window.lesson_dock.isVisible()
    panel = window.lesson_guide.panel
    assert panel.progress.text() == "Step 1 of 4" and panel.title.text() == "Backprop by hand"
    assert "Read" in panel.text.toPlainText() and "x is the input" in panel.text.toPlainText()
    window.document.replace_network(core.load_network(core.example_path("xor")), None)
    assert not window.lesson_dock.isVisible()
    assert window.view_state.hidden == frozenset()


def test_a_student_walks_the_lesson(qtbot, lesson_window):
    window = lesson_window
    student = Student(qtbot, window)
    net = window.document.network
    panel = student.panel
    student.next()  # step 1 has nothing to do
    assert panel.progress.text() == "Step 2 of 4"
    assert "not done yet" in panel.action.text() and not panel.next_button.isEnabled()

    # the question's number is hidden on the canvas while it is open
    delta_q = net.lesson.steps[1].question
    right = answer(delta_q, net)
    student.press(Qt.Key.Key_F8)  # forward
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    student.press(Qt.Key.Key_F8)  # loss
    student.press(Qt.Key.Key_F8)  # backward: every δ
    vs = window.view_state
    assert vs.stepping.phase == "backward" and ("delta", "h") in vs.hidden
    assert vs.neuron("h", 0).delta is None and vs.shown_number("h", 0)[1] != "δ"  # the rule hides h's δ's
    assert vs.shown_number("y", 0)[1] != "δ"  # step 3 asks dL/dw[h→y] = a_h1 · δ_y0: hidden until then
    assert core.format_number(right, 4) not in window.scene.layer_items["h"].neuron_tooltip(0)
    assert "✓ done" in panel.action.text()

    # a wrong answer: the slip of leaving out σ'(z) names that factor; not the right value (Reveal gives it)
    t = window.view_state.stepping.trace
    w = float(net.weights["h", "y"][0, 0])
    dl_da_h0 = w * float(t.layers["y"].delta[0, 0])
    verdict = student.type_answer(f"{dl_da_h0:.6g}")
    assert "Not yet" in verdict and f"{core.format_number(right, 4)}" not in verdict
    assert "σ'" in verdict and "is not" in verdict
    assert not panel.next_button.isEnabled()
    assert vs.neuron("h", 0).delta is None

    verdict = student.type_answer(f"{right:.5g}")
    assert verdict.startswith("Right")
    # written under h0 (its circle keeps a): the right answer's δ
    assert window.view_state.answered_delta_on("h", 0) and window.view_state.shown_number("h", 0)[1] == "a"
    assert window.view_state.neuron("h", 0).delta == pytest.approx(right, rel=1e-12)
    student.next()

    # step 3: reveal is recorded
    assert panel.progress.text() == "Step 3 of 4"
    revealed = student.reveal()
    gradient = answer(net.lesson.steps[2].question, net)
    assert "revealed" in revealed and core.format_number(gradient, 6) in revealed
    assert window.lesson_guide.progress.revealed == {2}
    student.next()

    # step 4: train 3 steps with F6 (one mini-batch each)
    assert "not done yet" in panel.action.text()
    window.stepper.cancel()
    for _ in range(3):
        student.press(Qt.Key.Key_F6)
        qtbot.waitUntil(lambda: not window.training.running, timeout=10000)
    qtbot.waitUntil(lambda: "✓ done" in panel.action.text(), timeout=10000)
    assert panel.next_button.text() == "Finish"
    student.next()
    assert panel.complete.isVisible() and "Lesson complete" in panel.complete.text() and "1 revealed" in panel.complete.text()
    assert window.view_state.hidden == frozenset()  # finished: every number shows


def test_typing_something_that_is_no_number_says_so(qtbot, lesson_window):
    student = Student(qtbot, lesson_window)
    student.next()
    student.panel.answer.setText("")
    QTest.keyClicks(student.panel.answer, "zero point five")
    QTest.keyClick(student.panel.answer, Qt.Key.Key_Return)
    assert "is not a number" in student.panel.verdict_text()
    assert lesson_window.lesson_guide.progress.answered == set()


def test_answers_accept_a_typographic_minus_a_decimal_comma_and_a_fraction():
    assert parse_answer("−0.25") == -0.25 and parse_answer("0,59") == 0.59
    assert math.isclose(parse_answer("1/3"), 1 / 3) and parse_answer(" 1.5e-3 ") == 0.0015
    for bad in ("", "1/0", "nan", "inf", "abc"):
        with pytest.raises(ValueError):
            parse_answer(bad)


def test_answers_accept_a_product_or_quotient_of_numbers_and_nothing_else():
    """Review 13 #17: "2/7" was accepted, "2*0.7" (the product a hint shows) refused as "not a number"."""
    assert math.isclose(parse_answer("2*0.7"), 1.4) and math.isclose(parse_answer("1.5 × 1.4"), 2.1)
    assert math.isclose(parse_answer("0.1 · 0.6 / 2"), 0.03) and math.isclose(parse_answer("2 × −0.7"), -1.4)
    assert math.isclose(parse_answer("1,5*2"), 3.0) and math.isclose(parse_answer("1e-3*2"), 0.002)
    for bad in ("2**3", "1-2", "(2)", "2*", "__import__('os')", "2*x", "1/0*3"):
        with pytest.raises(ValueError, match="product or quotient"):
            parse_answer(bad)


def test_progress_is_kept_per_file_and_can_be_reset(qtbot, lesson_window, tmp_path):
    window = lesson_window
    path = window.document.path
    student = Student(qtbot, window)
    student.next()
    assert student.reveal().startswith("The answer is")
    window.document.replace_network(core.load_network(core.example_path("xor")), None)
    window.document.replace_network(core.load_network(path), path)
    assert student.step_index() == 1 and window.lesson_guide.progress.revealed == {1}
    assert student.panel.progress.text() == "Step 2 of 4"
    assert not student.panel.answer.isEnabled()  # revealed: nothing left to type
    assert student.panel.verdict_text() == "Revealed."
    # the same lesson in another file has its own progress
    other = tmp_path / "copy.bpnet"
    core.save_network(window.document.network, other)
    window.document.replace_network(core.load_network(other), other)
    assert student.step_index() == 0
    window.document.replace_network(core.load_network(path), path)
    window.actions_by_name["lesson_reset"].trigger()
    assert student.step_index() == 0 and window.lesson_guide.progress.revealed == set()
    window.document.replace_network(core.load_network(path), path)
    assert student.step_index() == 0


def test_each_question_kind_hides_its_quantity_by_layer():
    from core.lesson import Question
    from desktop.lesson.hiding import hidden_quantities

    net = small_lesson_network()
    edge = dict(source="h", target="y", j=0, i=1)
    backward = {("delta", None), ("updated", None)}  # every layer's δ, dL/dw, dL/db and update
    # a forward value hides the later layers' forward values, the loss and everything backward
    assert hidden_quantities(Question("a", layer="h", unit=1), net) == {("a", "h"), ("a", "y"), ("loss", None),
                                                                         *backward}
    assert hidden_quantities(Question("output"), net) == {("a", "y"), ("loss", None), *backward}
    # a backward value hides the backward values of the layers Backward reaches after it (their updates with them)
    assert hidden_quantities(Question("delta", layer="h", unit=0), net) == {("delta", "h"), ("delta", "x")}
    assert hidden_quantities(Question("dL/db", layer="h", unit=0), net) == {("dL/db", "h"), ("delta", "h"),
                                                                             ("delta", "x")}
    assert hidden_quantities(Question("dL/dw", **edge), net) == {("dL/dw", "y"), ("delta", "y"), ("delta", "h"),
                                                                  ("delta", "x")}
    assert hidden_quantities(Question("weight_after_step", **edge), net) == {("updated", "y")}
    assert hidden_quantities(Question("loss"), net) == {("loss", None), *backward}


def test_setting_a_weight_and_a_bias_and_selecting_a_layer_on_the_canvas_are_recognised(qtbot, main_window, canvas):
    from core.lesson import Action, Lesson, LessonStep

    net = core.load_network(core.example_path("one_hidden_sigmoid"))
    net.lesson = Lesson("Hands on", (
        LessonStep("Set a weight.", Action("set_weight", source="x", target="h", j=0, i=0, value=0.25)),
        LessonStep("Set a bias.", Action("set_bias", layer="h", unit=1, value=-0.5)),
        LessonStep("Select y.", Action("select_layer", layer="y")),
    ))
    main_window.document.replace_network(net, None)
    main_window.actions_by_name["lesson_reset"].trigger()
    student = Student(qtbot, main_window)
    qtbot.wait(300)  # the canvas fits the network first
    canvas.double_click(canvas.edge_label("x", "h", 0, 0))
    editor = canvas.view.editor
    editor.selectAll()
    QTest.keyClicks(editor, "0.25")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert "✓ done" in student.panel.action.text()
    student.next()
    item = canvas.scene.layer_items["h"]
    canvas.double_click(item.mapToScene(item.neuron_centre(1)))
    editor = canvas.view.editor
    editor.selectAll()
    QTest.keyClicks(editor, "-0.5")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert "✓ done" in student.panel.action.text()
    student.next()
    assert "not done yet" in student.panel.action.text()
    canvas.click(canvas.centre("y"))
    assert "✓ done" in student.panel.action.text()
    # undoing the weight does not take the tick away: the step was done
    main_window.actions_by_name["undo"].trigger()
    student.back()
    student.back()
    assert "✓ done" in student.panel.action.text()


def test_a_question_the_network_cannot_answer_says_why(qtbot, main_window):
    from core.lesson import Lesson, LessonStep, Question
    from test_training_support import xor_network

    net = xor_network(batch=8)
    net.lesson = Lesson("Too many rows", (LessonStep("a of h0", None, Question("a", layer="h", unit=0)),))
    main_window.document.replace_network(net, None)
    student = Student(qtbot, main_window)
    verdict = student.type_answer("0.5")
    assert "cannot be answered" in verdict and "8 rows" in verdict
    assert main_window.lesson_guide.progress.answered == set()


def test_two_owners_never_unhide_each_others_numbers(qtbot, main_window):
    from desktop.lesson.hiding import Hold

    vs = main_window.view_state
    lesson, predict = Hold(vs), Hold(vs)
    lesson.set({("delta", "h")})
    predict.set({("delta", "h"), ("loss", None)})
    predict.set(())
    assert vs.hidden == {("delta", "h")}
    lesson.set(())
    assert vs.hidden == frozenset()
    lesson.set({("a", "h")})
    vs.unhide("a", "h")  # someone else let it go: holding the same pairs hides them again
    lesson.set({("a", "h")})
    assert vs.hidden == {("a", "h")}



def _front_tab(window, title: str) -> str:
    """The title of the front tab in the tab bar that holds ``title``."""
    from PySide6.QtWidgets import QTabBar

    for bar in window.findChildren(QTabBar):
        titles = [bar.tabText(i) for i in range(bar.count())]
        if bar.isVisible() and title in titles:
            return bar.tabText(bar.currentIndex())
    raise AssertionError(f"no visible tab bar holds {title!r}")


def test_the_inspector_is_in_front_without_a_lesson_and_the_lesson_with_one(qtbot, main_window, tmp_path):
    """The hidden Lesson tab once brought the Undo History to the front of a window opened on XOR."""
    window = main_window
    qtbot.waitUntil(lambda: _front_tab(window, "Inspector") == "Inspector", timeout=3000)
    path = tmp_path / "lesson.bpnet"
    core.save_network(small_lesson_network(), path)
    window.document.replace_network(core.load_network(path), path)
    qtbot.waitUntil(lambda: _front_tab(window, "Inspector") == "Lesson", timeout=3000)
    window.document.replace_network(core.load_network(core.example_path("xor")), None)
    qtbot.waitUntil(lambda: _front_tab(window, "Inspector") == "Inspector", timeout=3000)


def test_an_open_question_is_not_given_away_by_another_panel(qtbot, main_window):
    """The sigmoid-neuron lesson asks dL/db_h0 while its input is 1, so dL/dw[x→h] (a_x·δ_h0) equals
    the answer: the heatmap cell once printed it next to the open question."""
    from window_texts import numbers_in, window_texts

    window = main_window
    path = core.example_path("guided_sigmoid_neuron")
    window.document.replace_network(core.load_network(path), path)
    guide = window.lesson_guide
    guide.reset_progress()
    k = next(k for k, step in enumerate(guide.lesson.steps)
             if step.question and step.question.kind == "dL/db" and step.question.layer == "h")
    guide.open_step(k)
    value = answer(guide.lesson.steps[k].question, window.document.network)
    shown = {core.format_number(abs(value), d) for d in (2, 3, 4, 5, 6)}
    qtbot.waitUntil(lambda: bool(window.view_state.hidden), timeout=3000)
    qtbot.wait(200)  # the panels' frames after the question opened
    assert not shown & numbers_in(window_texts(window)), "the open question's answer is on screen"
    Student(qtbot, window).reveal()
    qtbot.waitUntil(lambda: bool(shown & numbers_in(window_texts(window))), timeout=3000)  # revealed: it appears


def test_reset_progress_after_training_keeps_the_answers_about_the_file_as_saved(qtbot, lesson_window):
    """The question says "the weights as saved": a student who trains, then starts the lesson again
    with Lesson → Reset Progress, is still checked against the file's weights, not the trained ones."""
    window = lesson_window
    saved = core.load_network(window.document.path)
    student = Student(qtbot, window)
    leave_lesson(window)  # (training waits while the lesson asks about the weights as saved)
    for _ in range(3):
        student.press(Qt.Key.Key_F6)
        qtbot.waitUntil(lambda: not window.training.running, timeout=10000)
    return_to_lesson(window)
    qtbot.wait(50)  # (the dock comes back as a tab)
    student.click_tab("Lesson")
    trained = window.document.network
    question = saved.lesson.steps[1].question
    assert not math.isclose(answer(question, trained), answer(question, saved), rel_tol=1e-2)
    window.actions_by_name["lesson_reset"].trigger()
    student.next()
    assert student.type_answer(f"{answer(question, saved):.6g}").startswith("Right")
