"""File → Save Worksheet as PDF… and File → Print Worksheet… (the print dialog accepted, printing to a PDF
file), for the open lesson and, without a lesson, for the step being stepped through.

The PDF is checked as bytes (a PDF header, its end marker, one or more pages); when pypdf is
importable its text is read too: every question's words are on the pages.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

import core
from core.lesson import question_label
from test_training_support import xor_network


def pdf_pages(path) -> int:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:], "not a complete PDF"
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def pdf_text(path) -> str | None:
    try:
        import pypdf
    except ImportError:  # not in the test extra: the bytes were checked
        return None
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


def test_the_open_lessons_worksheet_saves_as_a_pdf(qtbot, main_window, tmp_path, dialogs):
    window = main_window
    net = core.load_network(core.example_path("guided_perceptron"))
    window.document.replace_network(net, None)
    target = tmp_path / "worksheet"
    dialogs.answer("save_file", str(target))
    window.actions_by_name["worksheet_pdf"].trigger()
    pdf = tmp_path / "worksheet.pdf"
    assert pdf.exists() and not (tmp_path / "worksheet.pdf.part").exists()
    assert pdf_pages(pdf) >= 1
    text = pdf_text(pdf)
    if text is not None:
        flat = " ".join(text.split())
        assert net.lesson.title in flat
        for _, q in net.lesson.questions():
            words = question_label(q).replace("→", " ").split()
            assert all(word in flat for word in words if word.isalpha()), question_label(q)


def test_print_worksheet_prints_the_step_without_a_lesson(qtbot, main_window, tmp_path, dialogs, monkeypatch):
    window = main_window
    window.document.replace_network(xor_network(), None)
    window.actions_by_name["print_worksheet"].trigger()  # nothing stepped: says what to do
    assert dialogs.of("information") and "F8" in dialogs.of("information")[-1][2]

    pdf = tmp_path / "printed.pdf"

    def accept(dialog):
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(pdf))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    QTest.keyClick(window.canvas, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert pdf.exists() and pdf_pages(pdf) >= 1
    text = pdf_text(pdf)
    if text is not None:
        assert "Forward" in text or "forward" in text


def test_the_answer_key_has_the_answers(qtbot, main_window, tmp_path, dialogs):
    from core.lesson import answer

    window = main_window
    net = core.load_network(core.example_path("guided_perceptron"))
    window.document.replace_network(net.copy(), None)
    dialogs.answer("save_file", str(tmp_path / "key.pdf"))
    window.actions_by_name["answer_key_pdf"].trigger()
    pdf = tmp_path / "key.pdf"
    assert pdf_pages(pdf) >= 1
    text = pdf_text(pdf)
    if text is not None:
        flat = " ".join(text.split())
        assert "answer key" in flat
        first = net.lesson.questions()[0][1]
        assert core.format_number(answer(first, net), 6).replace("−", "-") in flat.replace("−", "-")


def test_this_step_prints_the_step_even_with_a_lesson_open(qtbot, main_window, tmp_path, dialogs):
    window = main_window
    window.document.replace_network(core.load_network(core.example_path("guided_chain_rule")), None)
    window.actions_by_name["step_pdf"].trigger()  # not stepping yet: says what to do, writes nothing
    assert "F8" in dialogs.of("information")[-1][2]
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    dialogs.answer("save_file", str(tmp_path / "step.pdf"))
    window.actions_by_name["step_pdf"].trigger()
    pdf = tmp_path / "step.pdf"
    assert pdf_pages(pdf) >= 1
    text = pdf_text(pdf)
    if text is not None:
        flat = " ".join(text.split())
        lesson_title = window.document.network.lesson.title
        assert lesson_title not in flat and ("Forward" in flat or "forward" in flat)
    assert window.menus["Worksheet"].actions()  # File → Worksheet holds the entries
