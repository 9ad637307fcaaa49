"""The hovered neuron's thumbnail, enlarged beside its layer card, with words saying what it shows
(over which range of the input, which colours, and the traced sample's dot)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

if TYPE_CHECKING:
    from .layer_item import LayerItem

from . import style, thumbnails


#: a layer whose enlarged thumbnail shows is drawn over the other layers (its zoom is its child)
RAISED_Z = 5


class ThumbnailZoom(QGraphicsItem):
    """The hovered neuron's thumbnail, enlarged beside its layer card, with what it shows."""

    SIZE = 132.0
    WORDS_FLAGS = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap

    def __init__(self, layer_item: "LayerItem"):
        super().__init__(layer_item)
        self.layer_item = layer_item
        self.neuron: int | None = None
        self.setZValue(30)
        self.setVisible(False)

    def show_neuron(self, k: int | None) -> None:
        """Show neuron k's thumbnail (None: hide)."""
        image = self.layer_item.thumbnail(k) if k is not None else None
        self.prepareGeometryChange()  # its words may take another number of lines
        self.neuron = k if image is not None else None
        if self.neuron is not None:
            card = self.layer_item.card_rect()
            centre = self.layer_item.neuron_centre(k)
            self.setPos(card.right() + 14, centre.y() - self.SIZE / 2)
        self.setVisible(self.neuron is not None)
        self.layer_item.setZValue(RAISED_Z if self.neuron is not None else self.layer_item.RESTING_Z)  # over the next card
        self.update()

    def refresh(self) -> None:
        if self.neuron is not None:
            self.show_neuron(self.neuron)

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
        fm = QFontMetricsF(style.font(7.5))
        return fm.boundingRect(QRectF(0, 0, self.SIZE, 1000), self.WORDS_FLAGS, self.words()).height() + 4

    def boundingRect(self) -> QRectF:
        if self.neuron is None:  # hidden: no extent, so Fit does not make room for it
            return QRectF()
        return QRectF(-4, -4, self.SIZE + 8, self.SIZE + 8 + max(self._words_height(), 38))

    def paint(self, painter: QPainter, option, widget=None) -> None:
        image = self.layer_item.thumbnail(self.neuron) if self.neuron is not None else None
        if image is None:
            return
        painter.setPen(QPen(QColor(0, 0, 0, 90), 1))
        painter.setBrush(QColor(255, 255, 255, 245))
        painter.drawRoundedRect(self.boundingRect().adjusted(0.5, 0.5, -0.5, -0.5), 5, 5)
        painter.drawImage(QRectF(0, 0, self.SIZE, self.SIZE), image)
        scene = self.layer_item.scene()
        mark = scene.thumbnail_mark(self.layer_item.name, self.neuron) if scene is not None else None
        if mark is not None:
            thumbnails.paint_mark(painter, QRectF(0, 0, self.SIZE, self.SIZE), mark)
        painter.setPen(style.TEXT)
        painter.setFont(style.font(7.5))
        painter.drawText(QRectF(0, self.SIZE + 2, self.SIZE, self._words_height()), self.WORDS_FLAGS, self.words())
