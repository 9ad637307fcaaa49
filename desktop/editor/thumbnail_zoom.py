"""The hovered neuron's thumbnail, enlarged beside its layer card, with words saying what it shows
(over which range of the input, which colours, and the traced sample's dot).

The card keeps its size on screen at any zoom (``ItemIgnoresTransformations``): its words were drawn
in scene units and shrank with the zoom, ~3 px tall on a laptop's fitted canvas. It always shows
(``place``): where it covers nothing, as near the neuron as it can; when the canvas has no such
place (a laptop's, always), where it covers least, the layer cards weighing more than the edges'
numbers; never over the hovered neuron's row of its card (its circle, its value, its z, b and t),
nor under the canvas's note and legend (widgets over the view, drawn over any item). It shows only
while the pointer rests on the neuron, so what it covers comes back as the pointer moves on."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QWidget

if TYPE_CHECKING:
    from .layer_item import LayerItem

from . import style, thumbnails


#: a layer whose enlarged thumbnail shows is drawn over the other layers (its zoom is its child)
RAISED_Z = 5
#: the words' font (points: 10 px tall on a 96 dpi screen, at any zoom)
WORDS_POINTS = 7.5
#: the room kept between the enlarged thumbnail and what it must not cover, from the canvas's edge, and
#: the step of the places tried (pixels on screen)
GAP_PX, EDGE_PX, STEP_PX = 5.0, 2.0, 4.0
#: what covering a square pixel of each costs (``place``): a layer card, an edge's number
CARD_COST, NUMBER_COST = 2.0, 1.0
#: covered cost (square pixels) the nearest place may have over the least covering one and still be taken
COST_SLACK = 150.0


class ThumbnailZoom(QGraphicsItem):
    """The hovered neuron's thumbnail, enlarged beside its layer card, with what it shows (its sizes
    are pixels on screen: the item ignores the view's zoom)."""

    SIZE = 72.0
    WORDS_WIDTH = 124.0
    WORDS_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap

    def __init__(self, layer_item: "LayerItem"):
        super().__init__(layer_item)
        self.layer_item = layer_item
        self.neuron: int | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(30)
        self.setVisible(False)

    def show_neuron(self, k: int | None) -> None:
        """Show neuron k's thumbnail where it hides least (``place``; None: hide; hidden too when
        the view is smaller than the card)."""
        image = self.layer_item.thumbnail(k) if k is not None else None
        self.prepareGeometryChange()  # its words may take another number of lines
        self.neuron = k if image is not None else None
        spot = self._spot() if self.neuron is not None else None
        if spot is not None:
            self.setPos(self.layer_item.mapFromScene(spot))
        self.setVisible(spot is not None)
        self.layer_item.setZValue(RAISED_Z if spot is not None else self.layer_item.RESTING_Z)  # over the next card
        self.update()

    def refresh(self) -> None:
        if self.neuron is not None:
            self.show_neuron(self.neuron)

    def _spot(self) -> QPointF | None:
        """The scene point of the item's origin at the place of the view that covers least, nearest
        the neuron (``place``), or None when the card does not fit in the view."""
        scene = self.layer_item.scene()
        views = [v for v in scene.views() if v.isVisible()] if scene is not None else []
        if not views:
            return None
        view = views[0]
        item = self.layer_item

        def on_screen(rect: QRectF) -> QRectF:
            return QRectF(view.mapFromScene(rect).boundingRect())

        centre = QPointF(view.mapFromScene(item.mapToScene(item.neuron_centre(self.neuron))))
        reach = item.radius() * view.transform().m11() + GAP_PX  # the neuron and the pointer on it
        row = on_screen(item.sceneBoundingRect())
        below = [on_screen(item.mapRectToScene(item.zb_plate(self.neuron))).bottom()]  # its z and b
        if item.targets_under():
            below.append(on_screen(item.mapRectToScene(item.target_plate(self.neuron))).bottom())  # its t
        top, bottom = centre.y() - reach, max([centre.y() + reach] + below)
        kept = [QRectF(row.left(), top, row.width(), bottom - top)]
        cards = [on_screen(layer.sceneBoundingRect()) for layer in scene.layer_items.values()]
        numbers = [on_screen(label.sceneBoundingRect()) for c in scene.connection_items.values()
                   for label in c.labels if label.isVisible() and not label.edge.label_rect().isNull()]
        kept += [r.adjusted(-GAP_PX, -GAP_PX, GAP_PX, GAP_PX) for r in widgets_over(view)]
        port = QRectF(view.viewport().rect())
        taken = [(r, CARD_COST) for r in cards if r.intersects(port)] + \
            [(r, NUMBER_COST) for r in numbers if r.intersects(port)]
        found = place(centre, self.boundingRect().size(), port, kept, taken)
        if found is None:
            return None
        return view.mapToScene(found.toPoint())

    def words(self) -> str:
        """What the enlarged thumbnail shows: over what, in which colours, where the traced sample is."""
        scene = self.layer_item.scene()
        if scene is None or self.neuron is None:
            return ""
        name, k = self.layer_item.name, self.neuron
        values = scene.view_state.neuron_map(name, k)
        span = scene.thumbnail_range_words()
        if values is not None and values.ndim == 1:
            words = f"a (↑) over x₀ (→) {span}, grey line: the middle of a's range"
        else:
            words = f"a over the input plane (x₀ →, x₁ ↑) {span}, " + \
                thumbnails.colouring_words(scene.thumbnail_colouring(name, k))
        if scene.thumbnail_mark(name, k) is not None:
            words += "; dot: the traced sample"
        return f"{name}[{k}]: {words}"

    def _words_height(self) -> float:
        fm = QFontMetricsF(style.font(WORDS_POINTS))
        return fm.boundingRect(QRectF(0, 0, self.WORDS_WIDTH, 1000), self.WORDS_FLAGS, self.words()).height() + 4

    def boundingRect(self) -> QRectF:
        """The thumbnail and, right of it, its words (pixels on screen, from the thumbnail's corner)."""
        if self.neuron is None:  # hidden: no extent, so Fit does not make room for it
            return QRectF()
        return QRectF(-4, -4, self.SIZE + 6 + self.WORDS_WIDTH + 8, max(self.SIZE, self._words_height()) + 8)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        image = self.layer_item.thumbnail(self.neuron) if self.neuron is not None else None
        if image is None:
            return
        painter.setPen(QPen(QColor(0, 0, 0, 90), 1))
        painter.setBrush(QColor(255, 255, 255, 245))
        painter.drawRoundedRect(self.boundingRect().adjusted(0.5, 0.5, -0.5, -0.5), 5, 5)
        square = QRectF(0, 0, self.SIZE, self.SIZE)
        painter.drawImage(square, image)
        scene = self.layer_item.scene()
        mark = scene.thumbnail_mark(self.layer_item.name, self.neuron) if scene is not None else None
        if mark is not None:
            thumbnails.paint_mark(painter, square, mark)
        painter.setPen(style.TEXT)
        painter.setFont(style.font(WORDS_POINTS))
        painter.drawText(QRectF(self.SIZE + 6, 0, self.WORDS_WIDTH, self._words_height()), self.WORDS_FLAGS,
                         self.words())


def widgets_over(view) -> list[QRectF]:
    """The widgets drawn over the view's viewport (the note, its "more…", the legend; pixels of the
    viewport): any item under them is hidden."""
    port = view.viewport()
    rects = [QRectF(w.geometry().translated(-port.pos())) for w in view.children()
             if isinstance(w, QWidget) and w is not port and w.isVisible() and w.height() > 0]
    return [r for r in rects if r.intersects(QRectF(port.rect()))]


def place(centre: QPointF, size, view: QRectF, kept: list[QRectF],
          taken: list[tuple[QRectF, float]]) -> QPointF | None:
    """Where (the item's origin, pixels of the view; its box's corner is at (−4, −4)) a box of ``size``
    goes, of the places every ``STEP_PX`` within ``view`` (``EDGE_PX`` inside it) clear of every rect
    ``kept``: with each rect r of ``taken`` (r, cost per square pixel) grown by ``GAP_PX``, a place's
    cost is Σ cost · area(box ∩ r); of the free places (cost 0) or, when there is none, of those
    within ``COST_SLACK`` of the least cost, the one whose middle is nearest the neuron's ``centre``.
    None when the box does not fit in ``view`` clear of ``kept``."""
    w, h = size.width(), size.height()
    xs = np.arange(view.left() + EDGE_PX, view.right() - EDGE_PX - w + 1e-9, STEP_PX)
    ys = np.arange(view.top() + EDGE_PX, view.bottom() - EDGE_PX - h + 1e-9, STEP_PX)
    if not len(xs) or not len(ys):
        return None
    x, y = np.meshgrid(xs, ys)

    def overlap(r: QRectF, gap: float) -> np.ndarray:
        """The area the box at each place shares with r grown by ``gap`` each side."""
        across = np.minimum(x + w, r.right() + gap) - np.maximum(x, r.left() - gap)
        down = np.minimum(y + h, r.bottom() + gap) - np.maximum(y, r.top() - gap)
        return np.clip(across, 0, None) * np.clip(down, 0, None)

    cost = np.zeros(x.shape)
    for r, weight in taken:
        cost += weight * overlap(r, GAP_PX)
    for r in kept:
        cost[overlap(r, 0.0) > 0] = np.inf
    if not np.isfinite(cost).any():
        return None
    least = cost.min()
    near = cost <= least + (COST_SLACK if least > 0 else 0.0)
    distance = np.where(near, np.hypot(x + w / 2 - centre.x(), y + h / 2 - centre.y()), np.inf)
    k = np.unravel_index(np.argmin(distance), distance.shape)
    return QPointF(float(x[k]) + 4, float(y[k]) + 4)
