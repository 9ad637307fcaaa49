"""Teacher review 23b #3: at 1024×700 the status bar cut Save's and Print's messages to their first words. Save As
showed "Saved /tmp/…/anna.bpn…" (not even the file's name whole), and Save Answer Key as PDF and Save Worksheet as
PDF both showed "Saved the lesson as written, from its…": a teacher could not tell which paper was written, or
where. The part that matters (which document, the file's name, what it holds) comes first and shows whole, what
is drawn is checked (the status bar painted, not its message string); the whole path and the long explanation are
in the message's tooltip. The training figures beside the message give it room while it shows."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPainter, QRegion
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

import core
from lesson_support import Student
from test_lesson_error_hidden import answer_up_to
from test_lesson_start_kept import open_example
from text_probe import _RecordingDevice

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def shown(window) -> str:
    """The status bar's message as painted (cut to its room), not its whole text: the bar drawn without the
    permanent widgets on it (the training figures)."""
    bar = window.statusBar()
    assert bar.currentMessage()
    device = _RecordingDevice(bar.width(), bar.height())
    painter = QPainter(device)
    bar.render(painter, QPoint(0, 0), QRegion(0, 0, bar.width(), bar.height()),
               QWidget.RenderFlag.DrawWindowBackground)
    painter.end()
    return " ".join(text for text, _box in device.engine.boxes if text.strip())


def shown_whole(qtbot, window, starts: str) -> str:
    """The message painted, once the bar has laid out its room for it: it must start with ``starts`` and show
    whole (no "…")."""
    bar = window.statusBar()
    qtbot.waitUntil(lambda: bar.currentMessage().startswith(starts), timeout=3000)
    try:
        qtbot.waitUntil(lambda: shown(window) == bar.currentMessage(), timeout=3000)
    except Exception:  # (pytest-qt's TimeoutError)
        raise AssertionError(f"drawn {shown(window)!r}, whole {bar.currentMessage()!r}") from None
    return shown(window)


def at_1024(qtbot, window) -> None:
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024, timeout=3000)


def test_save_and_the_pdfs_name_their_file_whole_in_the_status_bar_at_1024(qtbot, main_window, canvas, dialogs,
                                                                             tmp_path):
    net = core.load_network(core.example_path("guided_perceptron"))
    window = main_window
    at_1024(qtbot, window)
    open_example(window, "guided_perceptron")
    answer_up_to(Student(qtbot, window), canvas, net, 9)  # step 8 trained: the canvas is no longer the start
    folder = tmp_path / "a folder with a rather long name for the class of 2026"
    folder.mkdir()

    dialogs.answer("save_file", str(folder / "anna.bpnet"))
    QTest.keyClick(window, Qt.Key.Key_S, CTRL | SHIFT)
    assert (folder / "anna.bpnet").exists()
    said = shown_whole(qtbot, window, "Saved anna.bpnet")
    assert said == ("Saved anna.bpnet (with your place in the lesson, the run at step 3 and the lesson's start)"), said
    tip = window.statusBar().toolTip()  # the whole path and what opening the file does: in the tooltip
    assert str(folder / "anna.bpnet") in tip and "opening it goes on from there" in tip, tip

    papers = {}
    for action, name in (("answer_key_pdf", "key.pdf"), ("worksheet_pdf", "ws.pdf")):
        dialogs.answer("save_file", str(folder / name))
        window.actions_by_name[action].trigger()
        assert (folder / name).exists()
        papers[name] = shown_whole(qtbot, window, "Answer key" if name == "key.pdf" else "Worksheet")
        tip = window.statusBar().toolTip()
        assert str(folder / name) in tip and "not the network in the window" in tip, tip
    assert papers["key.pdf"] == "Answer key saved: key.pdf (the lesson as written)", papers
    assert papers["ws.pdf"] == "Worksheet saved: ws.pdf (the lesson as written)", papers


def test_an_export_names_its_file_whole_at_1024(qtbot, main_window, dialogs, tmp_path):
    """File → Export → NumPy Script said "Exported the NumPy script to /tmp/…/mine.py (… bytes)", cut in the path."""
    window = main_window
    at_1024(qtbot, window)
    folder = tmp_path / "exports of the class of 2026 for the teacher"
    folder.mkdir()
    dialogs.answer("save_file", str(folder / "mine.py"))
    window.actions_by_name["export_numpy"].trigger()
    size = (folder / "mine.py").stat().st_size
    said = shown_whole(qtbot, window, "Exported mine.py")
    assert said == f"Exported mine.py (NumPy script, {size:,} bytes)", said
    assert str(folder / "mine.py") in window.statusBar().toolTip()


def test_the_training_figures_give_a_message_room_and_take_it_back(qtbot, main_window, canvas, dialogs, tmp_path):
    """The permanent figures ("Epoch 3 · Step 3 · now, all training data: loss …") took the bar's width and left a
    message about 30 characters; while a message shows they are narrower (ending in "…" when they must, whole in their
    tooltip), after it they have their width back."""
    net = core.load_network(core.example_path("guided_perceptron"))
    window = main_window
    at_1024(qtbot, window)
    open_example(window, "guided_perceptron")
    answer_up_to(Student(qtbot, window), canvas, net, 9)
    figures = window.training.ui.status_label
    qtbot.waitUntil(lambda: not figures.is_cut() and not window.statusBar().currentMessage(), timeout=10000)
    wide = figures.width()
    dialogs.answer("save_file", str(tmp_path / "anna.bpnet"))
    QTest.keyClick(window, Qt.Key.Key_S, CTRL | SHIFT)
    shown_whole(qtbot, window, "Saved anna.bpnet")
    assert figures.width() < wide
    if figures.is_cut():  # (cut with "…": whole in their tooltip)
        assert figures.toolTip() == figures.text()
    window.statusBar().clearMessage()  # (what the message's timeout does)
    qtbot.waitUntil(lambda: figures.width() == wide, timeout=3000)
    assert not figures.is_cut()
