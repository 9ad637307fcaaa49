"""File → Print Worksheet… and File → Save Worksheet as PDF…: paper for the open lesson or the step.

What is printed: the open file's lesson as a worksheet with blanks
(``core.lesson_worksheet.worksheet_html``); without a lesson, the training step being
stepped through (``core.trace_worksheet.render_html`` of the step-through's trace). The
HTML is laid out by a ``QTextDocument`` on the printer's page (A4 or Letter, whatever the
print dialog chose; PDFs are A4), so tables wrap to the page.

A PDF is written next to its name first and then renamed onto it, so a failed write never
leaves half a file where the student asked for one.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from core.lesson import LessonError
from core.lesson_worksheet import worksheet_html
from core.trace_worksheet import render_html

NOTHING = ("There is nothing to print yet: open a file with a lesson (File → Examples), or step through a "
           "training step (F8) to print its numbers.")


def worksheet(document, view_state, answers: bool = False) -> tuple[str, str] | None:
    """(a title for the file name, the HTML) of what File → Print Worksheet prints now, or None;
    ``answers``: the lesson's answer key (a step's trace has its numbers anyway).

    ``LessonError`` when the lesson has a question the network cannot answer."""
    net = document.network
    if net.lesson is not None:
        title = net.lesson.title or net.name or "lesson"
        return (f"{title} answer key" if answers else title), worksheet_html(net, answers=answers)
    if view_state.stepping is not None:
        return f"{net.name or 'network'} step", render_html(view_state.stepping.trace)
    return None


def text_document(html: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc


def save_pdf(html: str, path: str | Path) -> None:
    """Lay ``html`` out on A4 pages and write them to ``path`` as a PDF (``OSError`` if it cannot)."""
    path = Path(path)
    part = path.with_name(path.name + ".part")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setOutputFileName(str(part))
    text_document(html).print_(printer)
    if not part.exists() or part.stat().st_size == 0:
        raise OSError(f"could not write {path}: the PDF came out empty")
    os.replace(part, path)


class WorksheetPrinter:
    """The two File menu entries' work, with their dialogs."""

    def __init__(self, window):
        self.window = window
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)

    def _worksheet(self, answers: bool = False):
        try:
            found = worksheet(self.window.document, self.window.view_state, answers)
        except LessonError as exc:
            QMessageBox.warning(self.window, "Print Worksheet", f"The lesson cannot be printed: {exc}")
            return None
        if found is None:
            QMessageBox.information(self.window, "Print Worksheet", NOTHING)
        return found

    def print_worksheet(self) -> bool:
        """Qt's print dialog, then the worksheet on the printer chosen."""
        found = self._worksheet()
        if found is None:
            return False
        dialog = QPrintDialog(self.printer, self.window)
        dialog.setWindowTitle(f"Print worksheet: {found[0]}")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        text_document(found[1]).print_(self.printer)
        self.window.show_message(f"Worksheet sent to the printer: {found[0]}")
        return True

    def save_answer_key_pdf(self) -> bool:
        """The open lesson's worksheet with every answer filled in (for the teacher)."""
        if self.window.document.network.lesson is None:
            QMessageBox.information(self.window, "Save answer key", "The open network has no lesson to answer.")
            return False
        return self.save_worksheet_pdf(answers=True)

    def save_worksheet_pdf(self, answers: bool = False) -> bool:
        found = self._worksheet(answers)
        if found is None:
            return False
        suggested = "".join(c if c.isalnum() or c in " -_" else "_" for c in found[0]).strip() or "worksheet"
        path, _ = QFileDialog.getSaveFileName(self.window, "Save worksheet as PDF", f"{suggested}.pdf", "PDF (*.pdf)")
        if not path:
            return False
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            save_pdf(found[1], path)
        except OSError as exc:
            QMessageBox.warning(self.window, "Save worksheet as PDF", f"The PDF was not written: {exc}")
            return False
        self.window.show_message(f"Worksheet saved as {path}")
        return True
