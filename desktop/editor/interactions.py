"""Mouse modes of the canvas as small objects with ``move``, ``end`` and ``cancel``.

The scene holds at most one active interaction; mouse handlers forward to it instead
of spreading flags over themselves (orange-canvas-core's pattern).
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsLineItem

from . import style


class NewConnection:
    """Dragging a line from a layer's output port; releasing on another layer connects them."""

    def __init__(self, scene, source_item, start: QPointF):
        self.scene, self.source = scene, source_item
        self.line = QGraphicsLineItem(QLineF(start, start))
        pen = QPen(style.PORT_FILL, 2, Qt.PenStyle.DashLine)
        self.line.setPen(pen)
        self.line.setZValue(10)
        scene.addItem(self.line)

    def move(self, pos: QPointF) -> None:
        self.line.setLine(QLineF(self.line.line().p1(), pos))

    def end(self, pos: QPointF) -> None:
        self._remove_line()
        target = self.scene.layer_at(pos, exclude=self.source)
        if target is not None:
            self.scene.request_connect(self.source.name, target.name)

    def cancel(self, reason: str | None = None) -> None:
        self._remove_line()
        if reason:
            self.scene.message.emit(reason)

    def _remove_line(self) -> None:
        if self.line.scene() is not None:
            self.scene.removeItem(self.line)


class MoveLayers:
    """A drag of one or more layer cards; one undoable Move is pushed on release."""

    def __init__(self, scene):
        self.scene = scene
        self.start = {item.name: QPointF(item.pos()) for item in scene.layer_items.values()}

    def move(self, pos: QPointF) -> None:
        pass  # Qt moves the selected items itself

    def end(self, pos: QPointF) -> None:
        moved = {}
        for name, item in self.scene.layer_items.items():
            if name in self.start and item.pos() != self.start[name]:
                moved[name] = self.scene.document_position(item)
        if moved:
            self.scene.request_move(moved)

    def cancel(self, reason: str | None = None) -> None:
        for name, pos in self.start.items():
            item = self.scene.layer_items.get(name)
            if item is not None:
                item.setPos(pos)
