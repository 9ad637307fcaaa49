"""The parts of a layer card that are items of their own, children of its ``LayerItem``: the
output port a connection is dragged from (``PortItem``) and the cached picture of what seldom
changes (``CardBackdrop``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from . import style

if TYPE_CHECKING:
    from .layer_item import LayerItem


class PortItem(QGraphicsItem):
    """The output port on the right of a layer card: drag from it to connect."""

    RADIUS = 7.0

    def __init__(self, layer_item: "LayerItem"):
        super().__init__(layer_item)
        self.layer_item = layer_item
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAcceptHoverEvents(True)
        self.setToolTip("Drag from here onto another layer to connect them")
        self._hover = False
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # drawn again only when hovered

    def boundingRect(self) -> QRectF:
        r = self.RADIUS + 2
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(style.NEURON_FILL, 1.5))
        painter.setBrush(style.PORT_FILL.lighter(130) if self._hover else style.PORT_FILL)
        painter.drawEllipse(QPointF(0, 0), self.RADIUS, self.RADIUS)

    def hoverEnterEvent(self, event):
        self._hover = True
        self.update()

    def hoverLeaveEvent(self, event):
        self._hover = False
        self.update()


class CardBackdrop(QGraphicsItem):
    """What a layer card draws that seldom changes: the card, its name and info line, the neuron circles.

    Qt keeps it as a pixmap (``DeviceCoordinateCache``) and paints it again only when what it shows
    changed (``LayerItem.refresh_backdrop``: the card's geometry, its texts and fonts, the border of a
    selected, refused or active layer, the δ rings); the numbers over it are painted by the layer
    item every frame. Painting the rounded card and the antialiased circles every frame of a run
    cost the canvas more than all of its numbers. It is drawn just behind its layer item and
    is never hit by the mouse (an empty ``shape``): the layer item answers clicks and hovers.
    """

    def __init__(self, layer_item: "LayerItem"):
        super().__init__(layer_item)
        self.layer_item = layer_item
        self.look = None  # what it was last painted for (``LayerItem.backdrop_look``)
        self._bounds = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def show_look(self, look: tuple, bounds: QRectF) -> None:
        """Paint again if ``look`` differs from what is painted (``bounds``: where it paints now)."""
        if look == self.look:
            return
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = QRectF(bounds)
        self.look = look
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def shape(self) -> QPainterPath:
        return QPainterPath()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        self.layer_item.paint_backdrop(painter)
