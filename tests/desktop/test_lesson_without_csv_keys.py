"""A lesson opened without its CSV, at a "Train N steps": F5 and F6 say the CSV first and train nothing.

``test_lesson_without_csv`` covers the opening and Check. Here the training keys: the teacher's lesson (its one row
in ``data.csv`` beside it) worked to step 8, "Train 3 steps", and saved there (Ctrl+S); the CSV is moved away; File →
Open the lesson again: it opens at step 8 without its data. Play (F5) and Step (F6) cannot train, and say why in the
lesson's words, "Not done: data.csv was not found beside teacher.bpnet: Load CSV… again, or put it back there. This
step needs that data." (``DataMissing.refusal``, from the guide's answer to the training's "Cannot train: …"),
not only the training's own list of problems; the weights, the run and the undo history stay as they were.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

import core
from test_lesson_error_hidden import answer_up_to
from test_lesson_without_csv import NOTE, open_file, teacher_lesson
from test_training_support import press

CTRL = Qt.KeyboardModifier.ControlModifier
SAID = f"Not done: {NOTE}. This step needs that data."


def test_f5_and_f6_at_a_train_step_say_the_csv_is_missing_and_train_nothing(qtbot, main_window, dialogs, canvas,
                                                                           tmp_path):
    window = main_window
    path = teacher_lesson(tmp_path)
    net = core.load_network(str(path))
    student = open_file(qtbot, window, dialogs, path)
    answer_up_to(student, canvas, net, 8)
    assert net.lesson.steps[7].action.kind == "train"
    press(qtbot, window, Qt.Key.Key_S, CTRL)  # File → Save: the place (step 8) in the file
    (tmp_path / "data.csv").rename(tmp_path / "elsewhere.csv")
    window.files.new()
    student = open_file(qtbot, window, dialogs, path)
    assert student.panel.progress.text() == "Step 8 of 10" and window.document.network.dataset is None
    weights = window.document.network.flat.copy()

    for key in (Qt.Key.Key_F5, Qt.Key.Key_F6):
        window.statusBar().clearMessage()
        student.press(key)
        qtbot.wait(200)
        said = window.statusBar().currentMessage()
        assert said == SAID, (key, said)  # was the training's "Cannot train: …" alone
        assert not window.training.running
        assert (window.document.network.flat == weights).all() and window.document.undo_stack.count() == 0
        assert "✓ done" not in student.panel.action.text()
