"""Wiring of guided lessons into the main window: ``install_lesson_ui(window)``.

Adds the Lesson dock (``window.lesson_guide.panel``; shown when the open file has a lesson),
the Lesson menu (Reset Progress, Edit Lesson…), and File → New Lesson and File → Print
Worksheet…. Everything here runs in the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMenu

from desktop import naming
from desktop.files import app_settings

from .guide import LessonGuide

DOCK_NAME = "lesson_panel"
#: the dock the Lesson panel is a tab beside
BESIDE = "trajectories_panel"


def install_lesson_ui(window) -> LessonGuide:
    """Give ``window`` guided lessons: ``window.lesson_guide``, its dock and menu entries."""
    guide = LessonGuide(window.document, window.view_state, getattr(window, "training", None), app_settings, window)
    window.lesson_guide = guide
    dock = QDockWidget("Lesson", window)
    dock.setObjectName(DOCK_NAME)
    dock.setWidget(guide.panel)
    # a tab in front of the weight trajectories (the least needed while computing by hand): the right column's room
    behind = window.findChild(QDockWidget, BESIDE)
    window.add_panel(dock, Qt.DockWidgetArea.RightDockWidgetArea, behind=behind)
    window.lesson_dock = dock
    guide.status.connect(window.show_message)

    def present(has_lesson: bool) -> None:
        dock.setVisible(has_lesson)
        if has_lesson:
            QTimer.singleShot(0, dock.raise_)  # after the tabs settle

    guide.lesson_present.connect(present)
    present(guide.lesson is not None)

    menu = naming.name(QMenu("&Lesson", window), "lesson_menu", "Lesson")
    window.menuBar().insertMenu(window.menus["Help"].menuAction(), menu)
    window.menus["Lesson"] = menu
    menu.addAction(window._action("lesson_reset", "&Reset Progress", guide.reset_progress, None,
                                  "Start the open lesson again from step 1 (your answers are forgotten)"))
    return guide
