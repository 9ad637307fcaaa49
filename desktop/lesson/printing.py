"""File → Worksheet: paper for the open lesson or the step being stepped through.

Print Worksheet… (Ctrl+P) and Save Worksheet as PDF… print the open file's lesson as a
worksheet with blanks (``core.lesson_worksheet.worksheet_html``), or without a lesson the
training step being stepped through (``core.trace_worksheet.render_html`` of its trace);
Save Answer Key as PDF… the lesson with its answers; Print This Step… and Save This Step
as PDF… the step being stepped through, lesson or not. The
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
from core.lesson_start import start_differs
from core.lesson_worksheet import worksheet_html
from core.trace_worksheet import render_html

from ..saved_where import file_name, written_to

#: what to say when there is nothing to print, by what was asked for
NOTHING = {"auto": "There is nothing to print yet: open a file with a lesson (File → Examples), or step through "
                   "a training step (F8) to print its numbers.",
           "key": "The open network has no lesson to answer.",
           "step": "Step through a training step first (F8): its numbers are what this prints."}


def worksheet(document, view_state, what: str = "auto", start=None) -> tuple[str, str] | None:
    """(a title for the file name, the HTML) to print, or None when there is none.

    ``what``: "auto" — the open lesson's worksheet with blanks, else the step being stepped
    through; "key" — the lesson's worksheet with every answer; "step" — the step being stepped
    through (``core.trace_worksheet``), lesson or not. A lesson is printed as written: from its start
    (``start``, the network the Lesson panel's answers are about, else the file's: ``core.lesson_start``),
    never from weights trained or edited since. ``LessonError`` when the lesson has a question the network
    cannot answer."""
    net = document.network
    if what in ("auto", "key") and net.lesson is not None:
        title = net.lesson.title or net.name or "lesson"
        written = net if start is None else _with_lesson(start, net.lesson)
        return (f"{title} answer key" if what == "key" else title), worksheet_html(written, answers=what == "key")
    if what in ("auto", "step") and view_state.stepping is not None:
        return f"{net.name or 'network'} step", render_html(view_state.stepping.trace)
    return None


def _with_lesson(start, lesson):
    """A copy of the ``start`` network with ``lesson`` (the document's, as the teacher last applied it)."""
    out = start.copy()
    out.lesson = lesson
    return out


#: the status bar's aside after a paper printed from a window whose network is no longer the lesson's start
AS_WRITTEN = "the lesson as written"


def start_words(window, what: str) -> str:
    """What the message's tooltip adds after naming what was printed when the window's network is no longer the
    lesson's start (trained or edited since): the paper has the lesson as written, not the canvas's numbers; ""
    otherwise. (The status bar itself says "(the lesson as written)", ``AS_WRITTEN``.)"""
    start, net = lesson_start(window), window.document.network
    if what == "step" or net.lesson is None or start is None or not start_differs(start, net):
        return ""
    return (" It has the lesson as written, from its starting weights, not the network in the window, which was trained or "
            "edited since.")


def paper_name(window, what: str) -> str:
    """Which paper a File → Worksheet entry made, as the status bar names it first ("Answer key", "Worksheet",
    "Step sheet"): the two PDFs of a lesson both said "Saved the lesson as written, from its…" at 1024 px."""
    if what == "key":
        return "Answer key"
    if what == "auto" and window.document.network.lesson is not None:
        return "Worksheet"
    return "Step sheet"


def lesson_start(window):
    """The network the open lesson starts from (the Lesson panel's answers'), or None."""
    guide = getattr(window, "lesson_guide", None)
    return None if guide is None else guide.service.network


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

    def _worksheet(self, what: str):
        try:
            found = worksheet(self.window.document, self.window.view_state, what, lesson_start(self.window))
        except LessonError as exc:
            QMessageBox.warning(self.window, "Print Worksheet", f"The lesson cannot be printed: {exc}")
            return None
        if found is None:
            QMessageBox.information(self.window, "Print Worksheet", NOTHING[what])
        return found

    def print_worksheet(self, what: str = "auto") -> bool:
        """Qt's print dialog, then the worksheet on the printer chosen."""
        found = self._worksheet(what)
        if found is None:
            return False
        dialog = QPrintDialog(self.printer, self.window)
        dialog.setWindowTitle(f"Print worksheet: {found[0]}")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        text_document(found[1]).print_(self.printer)
        since = start_words(self.window, what)
        self.window.show_message(f"{paper_name(self.window, what)} sent to the printer (“{found[0]}”"
                                 + (f"; {AS_WRITTEN})" if since else ")"), since.strip())
        return True

    def save_worksheet_pdf(self, what: str = "auto") -> bool:
        found = self._worksheet(what)
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
        since = start_words(self.window, what)
        self.window.show_message(f"{paper_name(self.window, what)} saved: {file_name(path)}"
                                 + (f" ({AS_WRITTEN})" if since else ""), written_to(path) + since)
        return True
