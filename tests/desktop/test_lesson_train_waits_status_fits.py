"""The status bar's "Not trained" sentence fits the status bar at 1024×700.

The helper's report: with guided_perceptron at step 5 and the window at 1024×700, F5 wrote
"Not trained: answer step 5 first (it a…" at the status bar's left: the training figures at its right
leave the message about 230 px, and the sentence was cut in its aside. The status bar now leaves out a
message's asides in parentheses before it cuts one ("Not trained: answer steps 5–6 first."); the whole
sentence is in its tooltip, the Lesson panel says why at length. Since review 23b #3 the training figures give a
message the room it needs while it shows: at 1024 px the whole sentence shows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from test_lesson_error_hidden import lesson_at_step
from test_training_support import press

WHOLE = "Not trained: answer steps 5–6 first (then train at step 8; step 5 asks about the lesson's starting weights)."


def test_f5_in_a_lesson_at_1024_by_700_writes_the_sentence_whole(qtbot, main_window, canvas):
    window = main_window
    window.resize(1024, 700)
    student, _net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 5)
    bar = window.statusBar()
    press(qtbot, window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: bar.currentMessage() == WHOLE, timeout=5000)
    assert window.width() == 1024
    qtbot.waitUntil(lambda: bar.shown_message() == WHOLE, timeout=5000)  # the figures made room for it
    assert bar.fontMetrics().horizontalAdvance(WHOLE) <= bar.message_rect().width()  # whole, not cut
    assert bar.toolTip() == ""
    assert "steps 5 to 6 ask about the lesson&#x27;s starting weights" in student.panel.notice.text()
