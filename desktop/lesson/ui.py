"""Wiring of guided lessons into the main window: ``install_lesson_ui(window)``.

Adds the Lesson dock (``window.lesson_guide.panel``; shown when the open file has a lesson),
the Lesson menu (Progress Summary…, Reset Progress, Edit Lesson…), File → New Lesson, File → Worksheet (print
or save as PDF the lesson's worksheet, its answer key or the step being stepped through), and
View → Predict Mode with its dock. Everything here runs in the GUI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMenu

from core.lesson import new_lesson
from desktop import dock_layout, naming
from desktop.files import app_settings

from . import start_again
from .file_progress import install_file_progress
from .guide import LessonGuide
from .predict import PredictMode, PredictPanel
from .step_change import install_step_change
from .summary_dialog import show_summary
from .unsaved_place import install_unsaved_place

if TYPE_CHECKING:
    from .editor import LessonEditor
    from .printing import WorksheetPrinter

DOCK_NAME = "lesson_panel"
#: the dock the Lesson panel is a tab beside: the Inspector's, the full height of the window's left side
BESIDE = "inspectorDock"


def install_lesson_ui(window) -> LessonGuide:
    """Give ``window`` guided lessons: ``window.lesson_guide``, its dock and menu entries."""
    guide = LessonGuide(window.document, window.view_state, getattr(window, "training", None), app_settings, window)
    window.lesson_guide = guide
    dock = QDockWidget("Lesson", window)
    dock.setObjectName(DOCK_NAME)
    dock.setWidget(guide.panel)
    # a tab in front of the Inspector: the left side's full height for the text, the question and the hint
    behind = window.findChild(QDockWidget, BESIDE)
    window.add_panel(dock, Qt.DockWidgetArea.LeftDockWidgetArea, behind=behind)
    window.lesson_dock = dock
    guide.status.connect(window.show_message)

    def status_over(text: str) -> None:
        if window.statusBar().currentMessage() == text:  # (not a message shown since)
            window.statusBar().clearMessage()

    guide.status_over.connect(status_over)

    had_lesson = [guide.lesson is not None]  # the file open before: did it have a lesson?

    def present(has_lesson: bool) -> None:
        was_shown = not dock.isHidden()  # (isVisible is False for every dock before the window shows)
        dock.setVisible(has_lesson)
        follower = getattr(window, "dock_layout", None)
        if has_lesson != had_lesson[0] and follower is not None and not follower.arranged and \
                window.width() < dock_layout.NARROW_WIDTH:  # the default layout of a file with a lesson
            QTimer.singleShot(0, window.apply_default_layout)
        had_lesson[0] = has_lesson
        if has_lesson:
            QTimer.singleShot(0, dock.raise_)  # after the tabs settle
        elif was_shown and behind is not None:  # hiding the front tab would bring up Undo History
            QTimer.singleShot(0, behind.raise_)

    guide.lesson_present.connect(present)
    # the student closing the Lesson panel (its ✕, View → Lesson) leaves the lesson: every number shows;
    # a tab brought in front of it does not (the panel's action stays checked)
    dock.toggleViewAction().toggled.connect(lambda shown: guide.set_panel_open(shown or guide.lesson is None))
    if behind is not None:
        guide.selection_to_inspect.connect(lambda: QTimer.singleShot(0, behind.raise_))
    present(guide.lesson is not None)
    # the window restores its saved dock layout after this: the docks then follow the file and the mode again
    QTimer.singleShot(0, lambda: present(guide.lesson is not None))

    menu = naming.name(QMenu("&Lesson", window), "lesson_menu", "Lesson")
    window.menuBar().insertMenu(window.menus["Help"].menuAction(), menu)
    window.menus["Lesson"] = menu
    summary = window._action("lesson_summary", "Progress &Summary…", lambda: show_summary(window), None,
                             "Each step of the open lesson: answered right (on which try), revealed or not reached, "
                             "and the wrong answers typed (your place does not move)")
    menu.addAction(summary)
    guide.lesson_present.connect(summary.setEnabled)
    summary.setEnabled(guide.lesson is not None)
    menu.addAction(window._action("lesson_reset", "&Reset Progress", lambda: start_again.ask_reset(window), None,
                                  "Start the open lesson again from step 1 (your answers are forgotten)"))
    menu.addAction(window._action("lesson_start_again", "Start &Again from the Lesson's Starting Weights",
                                  lambda: start_again.start_again(window), None,
                                  "Put the weights, biases and settings the lesson's text works from back on the "
                                  "canvas (Ctrl+Z undoes it); past the lesson's training, from step 1 again"))
    menu.addAction(window._action("lesson_edit", "&Edit Lesson…", lambda: open_editor(window), None,
                                  "Write the open file's lesson: steps, text, actions and questions"))
    new = window._action("new_lesson", "New &Lesson", lambda: add_new_lesson(window), None,
                         "Add a guided lesson of one step to the open network, and open the lesson editor")
    file_menu = window.menus["File"]
    file_menu.insertAction(window.actions_by_name["save"], new)
    quit_action = window.actions_by_name["quit"]
    sheets = naming.name(QMenu("&Worksheet", window), "worksheet_menu", "Worksheet")
    file_menu.insertMenu(quit_action, sheets)
    file_menu.insertSeparator(quit_action)
    window.menus["Worksheet"] = sheets
    for name, text, what, pdf, key, tip in (
            ("print_worksheet", "&Print Worksheet…", "auto", False, "Ctrl+P",
             "Print the open lesson as a worksheet with blanks (without a lesson: the step being stepped through)"),
            ("worksheet_pdf", "Save Worksheet as P&DF…", "auto", True, None,
             "Save the open lesson's worksheet (without a lesson: the step's numbers) as a PDF"),
            ("answer_key_pdf", "Save Answer &Key as PDF…", "key", True, None,
             "Save the open lesson's worksheet with every answer filled in, for the teacher"),
            (None, None, None, None, None, None),
            ("print_step", "Print This &Step…", "step", False, None,
             "Print every number of the training step being stepped through (F8)"),
            ("step_pdf", "Save This Step as PDF…", "step", True, None,
             "Save every number of the training step being stepped through (F8) as a PDF")):
        if name is None:
            sheets.addSeparator()
            continue
        sheets.addAction(window._action(name, text, lambda pdf=pdf, what=what: print_or_save(window, what, pdf), key, tip))
    install_predict_mode(window, dock)
    install_file_progress(window, guide)  # the student's place in the saved file, and through Save As
    install_unsaved_place(window, guide)  # a place not saved yet is an unsaved change (the title's "*", the prompt)
    install_step_change(window, guide)
    return guide


def install_predict_mode(window, beside: QDockWidget) -> PredictMode:
    """View → Predict Mode and the Predict dock (a tab beside the Lesson's, shown while the mode is on)."""
    mode = PredictMode(window.view_state, window)
    window.predict_mode = mode
    panel = PredictPanel(mode)
    dock = QDockWidget("Predict", window)
    dock.setObjectName("predict_panel")
    dock.setWidget(panel)
    window.add_panel(dock, Qt.DockWidgetArea.LeftDockWidgetArea, behind=beside)
    dock.setVisible(False)
    window.predict_dock = dock
    action = window._action("predict_mode", "&Predict Mode", lambda: None, "Ctrl+Shift+P",
                            "Hide the numbers the next phase computes; guess them, then F8 reveals how close you were")
    action.setCheckable(True)

    def toggled(on: bool) -> None:
        mode.set_on(on)
        dock.setVisible(on)
        if on:
            QTimer.singleShot(0, dock.raise_)
            window.show_message("Predict mode: select a neuron or edge, type your guess in the Predict panel, then F8")

    action.toggled.connect(toggled)
    QTimer.singleShot(0, lambda: dock.setVisible(action.isChecked()))  # after the saved layout is restored
    window.menus["View"].addAction(action)
    return mode


def worksheet_printer(window) -> WorksheetPrinter:
    """The window's worksheet printer, made (and the printing modules loaded) when first used."""
    printer = getattr(window, "worksheet_printer", None)
    if printer is None:
        from .printing import WorksheetPrinter

        printer = window.worksheet_printer = WorksheetPrinter(window)
    return printer


def print_or_save(window, what: str, pdf: bool) -> bool:
    """A Worksheet menu entry: ``what`` ("auto", "key", "step") printed, or saved as a PDF."""
    printer = worksheet_printer(window)
    return (printer.save_worksheet_pdf if pdf else printer.print_worksheet)(what)


def add_new_lesson(window) -> None:
    """File → New Lesson: a lesson of one step from the open network (undoable), then the editor."""
    document = window.document
    if document.network.lesson is not None:
        window.show_message("This network has a lesson already: the editor shows it")
    else:
        from .commands import SetLesson  # loaded when the action is first used

        reason = document.perform(SetLesson(document, "New lesson", new_lesson(document.network)))
        if reason:
            window.show_message(f"Not done: {reason}")
            return
    open_editor(window)


def open_editor(window) -> LessonEditor:
    """The lesson editor for the open file (one at a time; not modal, so the canvas stays at hand)."""
    editor = getattr(window, "lesson_editor", None)
    if editor is not None and editor.isVisible():
        editor.raise_()
        return editor
    from .editor import LessonEditor  # loaded when first opened

    editor = LessonEditor(window.document, window)
    window.lesson_editor = editor
    editor.show()
    return editor
