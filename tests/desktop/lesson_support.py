"""Helpers for the Lesson panel tests: a small lesson, and a student's hands on the panel.

(No tests here.)
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTabBar

import core
from core.lesson import Action, Lesson, LessonStep, Question
from desktop.on_screen import on_screen


def small_lesson_network() -> core.Network:
    """The bundled 1-2-1 sigmoid network with a four-step lesson: read; step through to Backward
    reaching h and compute δ_h0; compute dL/dw of h→y [0, 1]; select that edge and train 3 steps."""
    net = core.load_network(core.example_path("one_hidden_sigmoid"))
    net.lesson = Lesson("Backprop by hand", (
        LessonStep("Welcome. *Read* the network first.\n\n- x is the input\n- y the output"),
        LessonStep("Press **F8** until Backward reaches h, then compute δ of h0.",
                   Action("step_through", phase="backward", layer="h"),
                   Question("delta", layer="h", unit=0, sample=0)),
        LessonStep("Now the slope of the loss for one weight.", None,
                   Question("dL/dw", source="h", target="y", j=0, i=1, sample=0)),
        LessonStep("Select that weight and train.", Action("train", steps=3)),
    ))
    return net


class Student:
    """Types into and clicks the Lesson panel, as a student does."""

    def __init__(self, qtbot, window):
        self.qtbot, self.window = qtbot, window
        self.panel = window.lesson_guide.panel
        self.guide = window.lesson_guide

    def type_answer(self, text: str) -> str:
        """Type ``text`` in the answer box, press Enter, wait for the verdict; return it as plain text."""
        box = self.panel.answer
        box.setFocus()
        box.selectAll()
        QTest.keyClick(box, Qt.Key.Key_Backspace)
        QTest.keyClicks(box, text)
        QTest.keyClick(box, Qt.Key.Key_Return)
        self.qtbot.waitUntil(lambda: not self.guide.busy(), timeout=20000)
        return self.panel.verdict_text()

    def click(self, button) -> None:
        # (a dock tab behind another is "visible" to Qt but off the window: on_screen tells)
        assert button.isEnabled() and on_screen(button), f"{button.objectName()} cannot be clicked now"
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    def click_tab(self, title: str) -> None:
        """Click the dock tab called ``title`` (the tabs under the window's left side: Inspector, Lesson…)."""
        bar = next((b for b in self.window.findChildren(QTabBar)
                    if on_screen(b) and title in [b.tabText(i) for i in range(b.count())]), None)
        assert bar is not None, f"no tab {title!r} on the window"
        index = [bar.tabText(i) for i in range(bar.count())].index(title)
        QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())

    def reveal(self) -> str:
        self.click(self.panel.reveal_button)
        self.qtbot.waitUntil(lambda: not self.guide.busy(), timeout=20000)
        return self.panel.verdict_text()

    def next(self) -> None:
        self.click(self.panel.next_button)

    def back(self) -> None:
        self.click(self.panel.back_button)

    def press(self, key) -> None:
        """A key on the canvas (F8, F6…): the window's shortcuts."""
        self.window.canvas.setFocus()
        QTest.keyClick(self.window.canvas, key)

    def step_index(self) -> int:
        return self.guide.progress.current


def leave_lesson(window) -> None:
    """Close the Lesson panel (View → Lesson) when the open file has a guided lesson: the student leaves the
    lesson to look at the panels' numbers, which a lesson in progress keeps back until its questions ask them."""
    toggle = window.lesson_dock.toggleViewAction()
    if window.lesson_guide.lesson is not None and toggle.isChecked():
        toggle.trigger()
        QApplication.instance().processEvents()


def return_to_lesson(window) -> None:
    """Open the Lesson panel again (View → Lesson) after ``leave_lesson``: the lesson holds its numbers back again."""
    toggle = window.lesson_dock.toggleViewAction()
    if window.lesson_guide.lesson is not None and not toggle.isChecked():
        toggle.trigger()
        QApplication.instance().processEvents()
