"""Teacher review 23b #3: at 1024×700 the status bar cut Save's and Print's messages to their first words. Save As
showed "Saved /tmp/…/anna.bpn…" (not even the file's name whole), and Save Answer Key as PDF and Save Worksheet as
PDF both showed "Saved the lesson as written, from its…": a teacher could not tell which paper was written, or
where. The part that matters (which document, the file's name) comes first and shows whole."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import core
from lesson_support import Student
from test_lesson_error_hidden import answer_up_to
from test_lesson_start_kept import open_example
from test_status_bar_readable import drawn_lines

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def shown(window) -> str:
    """The status bar's message as painted (cut to its room), not its whole text."""
    bar = window.statusBar()
    message = window.statusBar().currentMessage()
    assert message
    lines = [text for text, box in drawn_lines(bar) if box.left() < bar.message_rect().right()]
    return " ".join(lines)


def test_save_and_the_pdfs_name_their_file_in_the_status_bar_at_1024(qtbot, main_window, canvas, dialogs, tmp_path):
    net = core.load_network(core.example_path("guided_perceptron"))
    window = main_window
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024, timeout=3000)
    open_example(window, "guided_perceptron")
    answer_up_to(Student(qtbot, window), canvas, net, 9)  # step 8 trained: the canvas is no longer the start
    folder = tmp_path / "a folder with a rather long name for the class of 2026"
    folder.mkdir()

    dialogs.answer("save_file", str(folder / "anna.bpnet"))
    QTest.keyClick(window, Qt.Key.Key_S, CTRL | SHIFT)
    assert (folder / "anna.bpnet").exists()
    said = shown(window)
    assert said.startswith("Saved anna.bpnet"), said
    assert str(folder) in window.statusBar().currentMessage()  # the folder: in the whole message (its tooltip)

    papers = {}
    for action, name in (("answer_key_pdf", "key.pdf"), ("worksheet_pdf", "ws.pdf")):
        dialogs.answer("save_file", str(folder / name))
        window.actions_by_name[action].trigger()
        assert (folder / name).exists()
        papers[name] = shown(window)
    assert papers["key.pdf"].startswith("Answer key saved as key.pdf"), papers
    assert papers["ws.pdf"].startswith("Worksheet saved as ws.pdf"), papers
