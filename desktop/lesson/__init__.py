"""Guided lessons in the window: the Lesson panel, the lesson editor, printing worksheets.

``install_lesson_ui(window)`` (``desktop.lesson.ui``) adds them to the main window.
"""
