"""A one-sample lesson's captions say "the lesson's one sample", as its answer prompt does.

The teacher's review 12 of guided_perceptron: the prompt read "the lesson's one sample", but the
heatmap's caption said "dL/dw for the next mini-batch: sample 0", the Inspector's Chain rule "for the
next mini-batch: sample 0 …" and L(w) "of the next mini-batch: sample 0"; the lesson never says what
a mini-batch is. Every caption takes its words from ``core.lesson_words``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTabWidget

import core
from core.lesson import answer
from desktop.on_screen import on_screen
from test_lesson_bundled import do_action
from test_lesson_spoilers import open_lesson
from window_texts import window_texts


def texts_of_tab(student, tabs, title: str) -> list[str]:
    """The window's texts with the Inspector's tab ``title`` in front (clicked as a student does)."""
    bar = tabs.tabBar()
    index = [tabs.tabText(k) for k in range(tabs.count())].index(title)
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    student.qtbot.waitUntil(lambda: tabs.currentIndex() == index)
    student.qtbot.wait(200)
    return window_texts(student.window)


def test_guided_perceptrons_captions_speak_of_its_one_sample(qtbot, main_window, canvas):
    window = main_window
    window.resize(1024, 700)
    path = core.example_path("guided_perceptron")
    net = core.load_network(path)
    student = open_lesson(qtbot, window, net, path)
    steps = net.lesson.steps
    selecting = next(k for k, s in enumerate(steps) if s.action is not None and s.action.kind == "select_edge")
    student.next()
    for step in steps[1:selecting]:
        if step.question is not None:
            assert student.type_answer(f"{answer(step.question, net):.10g}").startswith("Right")
        student.next()
    do_action(student, canvas, steps[selecting].action)
    student.click_tab("Inspector")  # the selected edge's Inspector
    tabs = next(t for t in window.inspector.findChildren(QTabWidget)
                if "Chain rule" in [t.tabText(k) for k in range(t.count())])
    texts = []
    for title in [tabs.tabText(k) for k in range(tabs.count())]:
        texts += texts_of_tab(student, tabs, title)
    heatmaps = window.training.ui.docks["heatmaps_panel"]
    heatmaps.raise_()
    qtbot.waitUntil(lambda: on_screen(heatmaps.widget()))
    qtbot.wait(200)
    texts += window_texts(window)
    for _ in range(3):  # Forward, Loss, Backward: the step-through traces the next step's one sample
        before = window.view_state.stepping
        student.press(Qt.Key.Key_F8)
        qtbot.waitUntil(lambda: window.view_state.stepping is not before, timeout=10000)
    for title in [tabs.tabText(k) for k in range(tabs.count())]:
        texts += texts_of_tab(student, tabs, title)
    said = [t for t in texts if "mini-batch" in t]
    assert not said, said
    assert sum("the lesson's one sample" in t for t in texts) >= 3, [t for t in texts if "sample" in t]
