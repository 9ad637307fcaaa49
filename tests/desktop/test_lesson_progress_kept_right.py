"""The place kept in a lesson's file is kept right when files change under it (code review 23 #1, #2, #5).

* A card moved on the canvas (not saved), then File → Examples / File → Open of another lesson (the unsaved-changes
  question answered Discard): the undo history's clear said "file state changed" before the guide started the new
  lesson, so the OLD lesson's place was copied under the NEW file's key. The other lesson opened at the old step,
  and a student's own file lost its place for good.
* A Save that fails (the file's folder gone: a USB stick pulled out) still recorded the new place as the file's
  record, so the next Open took the student back to the file's older place.
* A file whose ``lesson_progress`` cannot be read forgot this computer's place at every Open, not once: each
  session's work was lost (typed answers leave the document clean, so nothing asks to save).
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import core
from core.lesson import answer
from desktop.lesson.panel import number_text
from test_lesson_progress_in_file import CTRL, close, new_window, open_example, open_file, save_as, work_to_step_3


def move_a_card(window) -> None:
    """Tab selects a layer card on the canvas, the Right arrow moves it: one unsaved change."""
    window.canvas.setFocus()
    for _ in range(5):
        selection = window.view_state.selection
        if selection is not None and selection.layers:
            break
        QTest.keyClick(window.canvas, Qt.Key.Key_Tab)
    QTest.keyClick(window.canvas, Qt.Key.Key_Right)
    assert window.document.dirty


def test_another_example_opened_after_a_card_moved_starts_at_its_own_step(qtbot, main_window, dialogs):
    net = core.load_network(core.example_path("guided_perceptron"))
    student = open_example(qtbot, main_window, "guided_perceptron")
    work_to_step_3(student, net)
    move_a_card(main_window)
    other = open_example(qtbot, main_window, "guided_weight_decay")  # the unsaved-changes question: Discard
    assert other.panel.progress.text() == "Step 1 of 10"  # was "Step 3 of 10", guided_perceptron's place


def test_a_students_file_keeps_its_place_when_opened_over_unsaved_work(qtbot, main_window, dialogs, tmp_path):
    path = tmp_path / "anna.bpnet"
    path.write_text(open(core.example_path("guided_weight_decay")).read())
    anna = open_file(qtbot, main_window, dialogs, path)
    anna.next()
    assert anna.panel.progress.text() == "Step 2 of 10"
    close(qtbot, main_window)

    window = new_window(qtbot)
    try:
        net = core.load_network(core.example_path("guided_perceptron"))
        work_to_step_3(open_example(qtbot, window, "guided_perceptron"), net)
        move_a_card(window)
        again = open_file(qtbot, window, dialogs, path)  # the unsaved-changes question: Discard
        assert again.panel.progress.text() == "Step 2 of 10"  # was "Step 3 of 10"
    finally:
        close(qtbot, window)
    later = new_window(qtbot)
    try:
        assert open_file(qtbot, later, dialogs, path).panel.progress.text() == "Step 2 of 10"  # was for good
    finally:
        close(qtbot, later)


def test_a_save_that_failed_leaves_the_place_worked_on(qtbot, main_window, dialogs, tmp_path):
    net = core.load_network(core.example_path("guided_perceptron"))
    student = open_example(qtbot, main_window, "guided_perceptron")
    work_to_step_3(student, net)
    stick = tmp_path / "stick"
    stick.mkdir()
    path = stick / "anna.bpnet"
    save_as(main_window, dialogs, path)  # the file: step 3
    assert student.type_answer(number_text(answer(net.lesson.steps[2].question, net))).startswith("Right")
    student.next()
    assert student.panel.progress.text() == "Step 4 of 10"
    stick.rename(tmp_path / "pulled_out")  # the USB stick pulled out: Ctrl+S cannot write
    QTest.keyClick(main_window, Qt.Key.Key_S, CTRL)
    assert [title for _, title, _ in dialogs.of("critical")] == ["Cannot save the network"]
    (tmp_path / "pulled_out").rename(stick)  # plugged in again: the file still holds step 3
    close(qtbot, main_window)

    window = new_window(qtbot)
    try:
        assert open_file(qtbot, window, dialogs, path).panel.progress.text() == "Step 4 of 10"  # was "Step 3"
    finally:
        close(qtbot, window)


def test_a_file_with_an_unreadable_place_forgets_this_computers_place_once(qtbot, main_window, dialogs, tmp_path):
    net = core.load_network(core.example_path("guided_perceptron"))
    doc = json.loads(open(core.example_path("guided_perceptron")).read())
    doc["lesson_progress"] = {"step": 99}  # the teacher cut the lesson short in a text editor
    path = tmp_path / "anna.bpnet"
    path.write_text(json.dumps(doc))
    student = open_file(qtbot, main_window, dialogs, path)
    assert "starts at step 1" in student.panel.notice_text()
    work_to_step_3(student, net)
    close(qtbot, main_window)  # typed answers leave the document clean: nothing asks to save

    window = new_window(qtbot)
    try:
        again = open_file(qtbot, window, dialogs, path)
        assert again.panel.progress.text() == "Step 3 of 10"  # was "Step 1 of 10" at every Open
        notice = again.panel.notice_text()
        assert "could not be read" in notice and "starts at step 1" not in notice, notice
    finally:
        close(qtbot, window)

    doc["lesson_progress"] = {"step": 98}  # another bad section: met for the first time, so step 1 again
    path.write_text(json.dumps(doc))
    third = new_window(qtbot)
    try:
        fresh = open_file(qtbot, third, dialogs, path)
        assert fresh.panel.progress.text() == "Step 1 of 10"
        assert "starts at step 1" in fresh.panel.notice_text()
    finally:
        close(qtbot, third)
