"""The Lesson panel in the window's default layout at the gallery's two sizes, on every step of every
bundled guided lesson: the step's text reads whole without scrolling when the panel has the room (at
1400×900 it always has), and scrolls only when it has not; the question, its answer box, Check,
Reveal and Next are never cut.
"""

from __future__ import annotations

import multiprocessing

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication

import core
from desktop.app import create_main_window
from desktop.lesson.panel import TEXT_MIN_HEIGHT, VERDICT_ROOM
from lesson_support import Student

GUIDED = [e.name for e in core.list_examples() if core.load_network(core.example_path(e.name)).lesson is not None]


@pytest.fixture
def open_at(qtbot):
    """``open_at(name, size)``: a window opened on lesson ``name`` (as ``backprop-studio FILE`` opens it),
    shown at ``size`` in its default layout for that size. Closed after the test."""
    windows = []

    def open_window(name: str, size: tuple[int, int]):
        window = create_main_window(core.example_path(name), restore_layout=False, as_copy=True)
        windows.append(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.apply_default_layout()
        QApplication.processEvents()
        return window

    yield open_window
    for window in windows:
        window.document.undo_stack.setClean()
        window.close()
        qtbot.waitUntil(lambda: not multiprocessing.active_children(), timeout=5000)
        window.deleteLater()


def whole_in(panel, widget) -> bool:
    """``widget`` is shown uncut inside the panel (its whole rectangle in the panel's)."""
    top_left = widget.mapTo(panel, QPoint(0, 0))
    return widget.isVisible() and panel.rect().contains(QRect(top_left, widget.size()))


def text_scrolls(panel) -> bool:
    return panel.text.verticalScrollBar().maximum() > 0


def steps_of(window):
    guide = window.lesson_guide
    for k in range(len(guide.lesson.steps)):
        guide.open_step(k)
        QApplication.processEvents()
        yield k, guide.lesson.steps[k]


@pytest.mark.parametrize("name", GUIDED)
def test_at_1400x900_every_step_reads_whole_and_nothing_is_cut(open_at, name):
    main_window = open_at(name, (1400, 900))
    panel = main_window.lesson_guide.panel
    assert main_window.lesson_dock.isVisible() and panel.height() > 600
    for k, step in steps_of(main_window):
        where = f"{name} step {k + 1}"
        assert not text_scrolls(panel), f"{where}: the text scrolls: {panel.text.toPlainText()!r}"
        assert whole_in(panel, panel.text) and whole_in(panel, panel.next_button), where
        if step.question is not None:
            for widget in (panel.question, panel.answer, panel.check_button, panel.reveal_button, panel.verdict):
                assert whole_in(panel, widget), f"{where}: {widget.objectName()} is cut"


@pytest.mark.parametrize("name", GUIDED)
def test_at_1024x700_the_text_scrolls_only_when_the_panel_is_full(open_at, name):
    main_window = open_at(name, (1024, 700))
    panel = main_window.lesson_guide.panel
    for k, step in steps_of(main_window):
        where = f"{name} step {k + 1}"
        if text_scrolls(panel):
            # it has what room there is: at least a few lines, and the verdict no more than its share
            assert panel.text.height() >= TEXT_MIN_HEIGHT, where
            assert step.question is None or panel.verdict.height() <= VERDICT_ROOM + 20, where
            empty = panel.next_button.mapTo(panel, QPoint(0, 0)).y() - bottom_of_content(panel)
            assert empty < 40, f"{where}: the text scrolls beside {empty} px of empty panel"
        assert whole_in(panel, panel.text) and whole_in(panel, panel.next_button), where
        if step.question is not None:
            for widget in (panel.question, panel.answer, panel.check_button, panel.reveal_button, panel.verdict):
                assert whole_in(panel, widget), f"{where}: {widget.objectName()} is cut"


def test_at_1024x700_a_long_worked_answer_takes_the_room_left_and_the_answer_box_shows_its_example(qtbot, open_at):
    """δ_y0 of the chain-rule lesson revealed: its worked computation (the chain rule, a dozen lines) fills the
    panel down to Back/Next before it scrolls; the answer box's example ("e.g. −1.25") is not cut."""
    window = open_at("guided_chain_rule", (1024, 700))
    guide, panel = window.lesson_guide, window.lesson_guide.panel
    k = next(k for k, step in enumerate(guide.lesson.steps) if step.question and step.question.kind == "delta")
    guide.open_step(k)
    QApplication.processEvents()
    verdict = Student(qtbot, window).reveal()
    assert "revealed" in verdict and len(verdict.splitlines()) >= 8
    QApplication.processEvents()
    scrolls = panel.verdict.verticalScrollBar().maximum() > 0
    empty = panel.next_button.mapTo(panel, QPoint(0, 0)).y() - bottom_of_content(panel)
    assert not scrolls or empty < 40, f"the hint scrolls above {empty} px of empty panel"

    box = panel.answer
    room = box.width() - box.textMargins().left() - box.textMargins().right() - 8  # (the frame and the padding)
    assert box.fontMetrics().horizontalAdvance(box.placeholderText()) <= room, box.placeholderText()


def bottom_of_content(panel) -> int:
    """The lowest edge of what the panel shows above Back/Next."""
    widgets = [w for w in (panel.text, panel.action, panel.question_box, panel.complete) if w.isVisible()]
    return max(w.mapTo(panel, QPoint(0, w.height())).y() for w in widgets)
