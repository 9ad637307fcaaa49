"""Lesson → Progress Summary…: the page of ``summary`` in a small window beside the main one (not modal).

It follows the place while it is open (an answer checked, a step opened) and moves nothing itself.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from desktop.naming import name

from .summary import summary_html

NO_LESSON = "This network has no guided lesson: there is no progress to summarise."


class ProgressSummary(QDialog):
    """The summary of ``guide``'s place (``summary.summary_html``), written again whenever the place is kept."""

    def __init__(self, guide, parent=None):
        super().__init__(parent)
        self.guide = guide
        self.setObjectName("progress_summary")
        self.setWindowTitle("Progress Summary")
        self.page = name(QTextBrowser(), "progress_summary_page", "The student's progress, step by step")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(buttons)
        self.resize(620, 460)
        guide.place_kept.connect(self.write)
        guide.lesson_present.connect(self.write)

    def write(self, *_args) -> None:
        """The page for the place as it is now (while the window shows)."""
        if not self.isVisible():
            return
        guide = self.guide
        lesson, progress = guide.lesson, guide.progress
        if lesson is None or progress is None or progress.steps != len(lesson.steps):
            self.page.setHtml(f"<p>{NO_LESSON}</p>")
            return
        self.setWindowTitle(f"Progress Summary — {lesson.title or 'Lesson'}")
        self.page.setHtml(summary_html(lesson, progress, guide.document.network))

    def plain_text(self) -> str:
        """The page as plain text (what a screen reader reads)."""
        return self.page.toPlainText()


def show_summary(window) -> ProgressSummary:
    """Lesson → Progress Summary…: the window's summary (one), shown and brought to the front."""
    summary = getattr(window, "progress_summary", None)
    if summary is None:
        summary = window.progress_summary = ProgressSummary(window.lesson_guide, window)
    summary.show()
    summary.write()
    summary.raise_()
    return summary
