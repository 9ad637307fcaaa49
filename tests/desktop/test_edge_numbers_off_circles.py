"""No edge's number is written over a neuron's circle: three_classes_softmax at 1024×700.

There Fit keeps the canvas's texts at 9 px (not every one of the 2-6-3's 30 numbers has a spot), where
the gap between h's and y's cards (~40 px) is narrower than a number of h → y (~46 px). None of those
18 numbers shows, but the selected edge's always does: with no free spot it went where it covered the
least of the cards, which lay by the output's circles: "−0.08969" (h₁ → y₀) over y₀'s rim, "−0.5549"
(h₃ → y₁) on y₁'s, as opened and in every phase. (At 1400×900 Fit finds the room for 9 px texts
with gaps that hold a number, ``style.ROOMY_MIN_TEXT_PX``, and the question does not arise.)

A student opens the lesson, selects h → y's first edge from the keyboard (Shift+Tab on the canvas:
the last connection), and walks its 18 edges with the arrow keys, as opened, in each phase of a
step-through by F8 and after training (Play, Pause); each time, every edge number painted keeps off every
neuron's circle on screen.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication

from desktop.view_state import Selection
from test_canvas_texts_apart import phases_walked
from test_cards_apart_every_lesson import train_a_while
from test_editor_readable import open_at

LAPTOP = (1024, 700)
#: how near (px on screen) an edge number's plate may come to a circle's outline: its pen's half width
RIM_PX = 1.0


def circles_on_screen(window) -> list[tuple[str, QPointF, float]]:
    """(neuron, centre, radius) of each neuron's circle as drawn, in viewport pixels."""
    view = window.canvas
    to_view = view.viewportTransform()
    scale = view.transform().m11()
    return [(f"{name}[{k}]", to_view.map(item.mapToScene(item.neuron_centre(k))), item.radius() * scale)
            for name, item in window.scene.layer_items.items() if not item.collapsed for k in range(item.units)]


def meets_circle(box: QRectF, centre: QPointF, radius: float) -> bool:
    """Whether the rect ``box`` comes within ``RIM_PX`` of the disc of ``radius`` around ``centre``."""
    dx = max(box.left() - centre.x(), 0.0, centre.x() - box.right())
    dy = max(box.top() - centre.y(), 0.0, centre.y() - box.bottom())
    return math.hypot(dx, dy) < radius + RIM_PX


def numbers_on_circles(window) -> list[tuple[str, str, str]]:
    """(edge, its number, neuron) for each edge number whose plate, on screen, meets a neuron's circle."""
    to_view = window.canvas.viewportTransform()
    circles = circles_on_screen(window)
    found = []
    for connection in window.scene.connection_items.values():
        for edge in connection.items if not connection.bundled else ():
            rect = edge.label_rect()
            if rect.isNull():
                continue
            box = to_view.mapRect(rect)
            found += [(f"{edge.src}[{edge.i}] → {edge.tgt}[{edge.j}]", edge.label_size()[0], neuron)
                      for neuron, centre, radius in circles if meets_circle(box, centre, radius)]
    return found


def select_each_edge(qtbot, window, source: str, target: str):
    """Select ``source`` → ``target``'s edges one after another from the keyboard (Shift+Tab to the
    last connection, then the arrows: right along the source neurons, down to the next target neuron);
    yield each one's (j, i) once the canvas has placed its number."""
    view = window.canvas
    view.setFocus()
    view_state = window.view_state
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # nothing selected: Shift+Tab goes to the last stop
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert view_state.selection == Selection.edge(source, target, 0, 0)
    rows, cols = window.document.network.weights[source, target].shape
    for j in range(rows):
        for step in range(cols):
            QApplication.processEvents()
            s = view_state.selection
            yield s.j, s.i
            if step < cols - 1:
                qtbot.keyClick(view, Qt.Key.Key_Right if j % 2 == 0 else Qt.Key.Key_Left)
        if j < rows - 1:
            qtbot.keyClick(view, Qt.Key.Key_Down)


def test_no_edge_number_on_a_circle_as_the_student_selects_each_edge(qtbot, lesson_window):
    window = lesson_window
    open_at(window, "three_classes_softmax", LAPTOP)
    net = window.document.network
    source, target = [key for key in net.connections if key[1] == net.output_layer][-1]
    found = {}

    def look(when) -> None:
        for j, i in select_each_edge(qtbot, window, source, target):
            on = numbers_on_circles(window)
            if on:
                found[when + ((j, i),)] = on

    for phase in phases_walked(qtbot, window, Qt.Key.Key_F8):
        look(phase)
    train_a_while(qtbot, window)
    look(("trained",))
    assert not found, f"edge numbers on a neuron's circle (phase, selected (j, i)): {found}"
