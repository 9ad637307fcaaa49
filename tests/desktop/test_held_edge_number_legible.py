"""The selected edge's held-back number reads as a "?" (review 12 #15).

guided_sigmoid_neuron step 11 asks the new weight of h→y in Update; the selected edge showed a grey "?"
on a plate barely wider than the glyph, and the plate's dark frame closed round it: at 1024×700 it read
like "0" or "[]". The "?" now takes the room of "0.0" on its plate and is written as dark as the frame.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from test_lesson_error_hidden import lesson_at_step, press_f8_to
from text_probe import drawn_text_boxes


def test_the_selected_edges_question_mark_has_room_inside_its_frame(qtbot, main_window, canvas):
    window = main_window
    window.resize(1024, 700)
    student, net = lesson_at_step(qtbot, window, canvas, "guided_sigmoid_neuron", 11)
    asked = net.lesson.steps[10].question
    assert asked.kind == "weight_after_step"
    press_f8_to(qtbot, window, "update")
    edge = canvas.view.edge_item(asked.source, asked.target, asked.j, asked.i)
    # the student clicks the edge where it shows, between h's card and the "?" (the docks following the
    # window leave the canvas ~450 px across at 1024×700: a fifth of the way along lies under h's card)
    view = window.canvas
    on_screen = [f / 20 for f in range(1, 20)
                 if view.scene().itemAt(edge.line.pointAt(f / 20), view.transform()) is edge]
    assert on_screen, "the edge shows nowhere between the cards"
    canvas.click(edge.line.pointAt(on_screen[0]))
    qtbot.waitUntil(edge.isSelected)
    student.click_tab("Lesson")
    qtbot.wait(100)
    assert edge.label_size()[0] == "?"
    plate = window.canvas.viewportTransform().mapRect(edge.label_rect())
    marks = [box for text, box in drawn_text_boxes(window.canvas) if text == "?" and plate.contains(box.center())]
    assert len(marks) == 1, marks
    ink = marks[0]
    # room for the "?" inside the frame (2 px dark pen): the plate at least as wide as it is high, and
    # more than the ink's width beside the glyph on each side
    assert plate.width() >= plate.height(), (plate, ink)
    assert ink.left() - plate.left() >= ink.width() and plate.right() - ink.right() >= ink.width(), (plate, ink)
    image = window.canvas.viewport().grab().toImage()
    darkest = min(QColor(image.pixel(x, y)).lightness()
                  for x in range(int(ink.left()), int(ink.right()) + 1)
                  for y in range(int(ink.top()), int(ink.bottom()) + 1))
    # written dark as the text (#1A1A1A): the muted grey (#5A5A5A, lightness 90) antialiased on white
    # never paints a pixel darker than 90; the text's thin 7-px strokes reach about 80 at their darkest
    assert darkest < 88, darkest
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
