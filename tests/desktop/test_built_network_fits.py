"""A network built in the window stays fitted while the student has not zoomed or panned (README: "Until you
zoom or pan, the view stays fitted"; "small connections print every weight"): a freshly built 2-2-1 printed 1
of x → h1's 4 weights until Ctrl+0."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from desktop.editor.palette import LAYER_MIME


def drop_from_palette(canvas, kind: str, scene_point: QPointF) -> None:
    mime = QMimeData()
    mime.setData(LAYER_MIME, kind.encode())
    pos = canvas.point(scene_point)
    for event in (QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                  Qt.KeyboardModifier.NoModifier),
                  QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                             Qt.KeyboardModifier.NoModifier)):
        QApplication.sendEvent(canvas.view.viewport(), event)


def build_by_palette(window, canvas, qtbot) -> None:
    """File → New; the input layer by its palette button, h1 dropped right of it, y by its button; two port drags."""
    assert window.files.new()
    qtbot.mouseClick(window.palette_buttons["input"], Qt.MouseButton.LeftButton)
    drop_from_palette(canvas, "hidden", QPointF(200, 0))
    qtbot.mouseClick(window.palette_buttons["output"], Qt.MouseButton.LeftButton)
    assert [layer.name for layer in window.document.network.layers] == ["x", "h1", "y"]
    canvas.connect("x", "h1")
    canvas.connect("h1", "y")
    assert window.document.network.connections == [("x", "h1"), ("h1", "y")]


def edge_numbers_shown(canvas, connection) -> int:
    source, target = connection
    rows, cols = canvas.window.document.network.weights[connection].shape
    return sum(not canvas.view.edge_item(source, target, j, i).label_rect().isNull()
               for j in range(rows) for i in range(cols))


def laptop_window(window, qtbot) -> None:
    """The window at 1024×700 with its default layout, as the README's laptop screen shows it, settled there
    (its docks and canvas at their sizes) before the student starts building."""
    window.resize(1024, 700)
    window.apply_default_layout()
    qtbot.wait(500)


def test_a_freshly_built_network_prints_every_weight_on_its_edge(main_window, canvas, qtbot):
    laptop_window(main_window, qtbot)
    build_by_palette(main_window, canvas, qtbot)
    # every weight on its edge, none left to the legend's table
    qtbot.waitUntil(lambda: canvas.scene.hidden_edge_numbers() == 0, timeout=3000)
    assert edge_numbers_shown(canvas, ("x", "h1")) == 4
    assert edge_numbers_shown(canvas, ("h1", "y")) == 2


def test_a_zoomed_view_is_left_as_the_student_zoomed_it(main_window, canvas, qtbot):
    laptop_window(main_window, qtbot)
    build_by_palette(main_window, canvas, qtbot)
    canvas.key(Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)  # the student zooms out
    zoom = canvas.view.transform().m11()
    qtbot.mouseClick(main_window.palette_buttons["hidden"], Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert canvas.view.transform().m11() == zoom
