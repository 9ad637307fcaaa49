"""Review 21: sentences wrote programmer notation ("lr = 1e+06", "Set learning rate to 1e+06",
"Set weight … to -1.17061" with an ASCII minus) while the canvas writes 1e6 and −1.171. Driven as a
student: the toolbar's learning rate typed + Return, F8 to the Update phase, a weight typed on the canvas."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from test_training_support import press_f8_to
from test_weight_named_as_the_lessons_write_it import edit_menu_action


def test_the_learning_rate_and_a_typed_weight_read_as_the_canvas_writes_numbers(main_window, canvas, qtbot):
    window = main_window
    box = window.findChild(QToolBar, "training_toolbar").learning_rate
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "1e6")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    undo = edit_menu_action(window, "undo")
    assert undo.text().replace("&", "") == "Undo Set learning rate to 1e6"
    window.training.wait_for_step_0()
    press_f8_to(qtbot, window, "update")
    sentence = window.findChild(QToolBar, "step_toolbar").phase_text.text()
    assert "lr = 1e6" in sentence and "e+06" not in sentence, sentence

    canvas.double_click(canvas.edge_label("x", "h", 0, 0))
    editor = canvas.view.editor
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, "-1.1706140698367438")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: canvas.view.editor is None, timeout=3000)
    assert undo.text().replace("&", "") == "Undo Set weight w[x→h][0,0] to −1.17061"  # U+2212, as the canvas
