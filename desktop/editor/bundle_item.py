"""``BundleItem``: all edges of a connection to or from a collapsed layer (more than
``style.COLLAPSE_ABOVE`` units), drawn as one band: its share of positive values blue, of
negative values orange, and its words (how many values, how many of each sign, the mean |value|)
on a plate in its middle. The band is a cached picture painted again only when what it shows
changed (``refresh``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem

from . import style

if TYPE_CHECKING:
    from .edge_item import ConnectionItem

#: the band's words keep this far (scene units) from the cards at its ends
BAND_LABEL_MARGIN = 4


class BundleItem(QGraphicsItem):
    """All edges of a connection to or from a collapsed layer, drawn as one band."""

    def __init__(self, connection: "ConnectionItem"):
        super().__init__()
        self.connection = connection
        self.src, self.tgt = connection.src, connection.tgt
        self.polygon = QPolygonF()
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(-1)
        self.setAcceptHoverEvents(True)
        # a wide translucent band: kept as a pixmap, painted again only when what it shows changes
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._band = None  # the band's shares as last painted (``refresh``)
        self._words = None  # the label's words as last painted
        self._summarised = (None, (0.0, 0.0, 0, 0, 0))  # (values, their summary): see ``summary``
        self._label_box = QRectF()  # where its words are written (inside boundingRect)
        self.centre_line = QLineF()

    def refresh(self) -> None:
        """New values: paint again only what changed, not everything for every frame of a run: the whole
        band when its shares of positive and negative values moved by a quarter of a unit of its height
        or more, else only the label when its words changed (the band is a cached picture: a part of it
        is painted again by itself)."""
        scene = self.scene()
        if scene is None:
            return
        mean, mean_abs, n, pos, neg = self.summary()
        height = self.polygon.boundingRect().height()
        band = (n, round(4 * height * pos / n) if n else 0, round(4 * height * neg / n) if n else 0)
        words = (n, pos, neg, f"{mean_abs:.3g}", scene.mode_noun(), scene.mode_symbol())
        if band != self._band:
            self._band, self._words = band, words
            self._place_label()
            self.update()
        elif words != self._words:
            self._words = words
            before = QRectF(self._label_box)
            self._place_label()
            self.update(before.united(self._label_box))

    def _label(self) -> tuple[str, QRectF]:
        """The band's words and their plate, in the middle of the band: the longest words that fit the band's
        length between the two cards (words wider than it were cut by the cards: "eights: 4929 +"); none when
        not even the mean fits (the tooltip says it all)."""
        scene = self.scene()
        mean, mean_abs, n, pos, neg = self.summary()
        mean_words = f"mean |{scene.mode_symbol()}| {mean_abs:.3g}"
        fm = style.metrics(style.scene_font(scene, 8))
        room = self.centre_line.length() - 2 * BAND_LABEL_MARGIN
        mid = self.centre_line.pointAt(0.5)
        for text in (f"{n} {scene.mode_noun()}s: {pos} +, {neg} −\n{mean_words}", f"{pos} +, {neg} −\n{mean_words}",
                     f"mean |{scene.mode_symbol()}|\n{mean_abs:.3g}"):
            w = max(fm.horizontalAdvance(line) for line in text.split("\n")) + 12
            if w <= room:
                h = 2 * fm.height() + 6
                return text, QRectF(mid.x() - w / 2, mid.y() - h / 2, w, h)
        return "", QRectF()

    def _place_label(self) -> None:
        """Measure the words' plate; the item's bounds hold it (painting outside them is cut off, by
        the cache and by Qt's partial repaints)."""
        box = self._label()[1] if self.scene() is not None else QRectF()
        if box != self._label_box:
            if self._bounds(box) != self.boundingRect():
                self.prepareGeometryChange()
            self._label_box = box

    def adjust(self) -> None:
        self.prepareGeometryChange()
        self.update()
        c = self.connection
        a, b = c.src_item, c.dst_item
        sa, sb = a.card_rect().height() / 2 - 8, b.card_rect().height() / 2 - 8
        p1, p2 = a.out_anchor(0), b.in_anchor(0)
        if not a.collapsed:
            p1 = a.mapToScene(QPointF(a.card_rect().right(), 0))
        if not b.collapsed:
            p2 = b.mapToScene(QPointF(b.card_rect().left(), 0))
        self.polygon = QPolygonF([p1 + QPointF(0, -sa), p2 + QPointF(0, -sb),
                                  p2 + QPointF(0, sb), p1 + QPointF(0, sa)])
        self.centre_line = QLineF(p1, p2)
        self._place_label()

    def summary(self) -> tuple[float, float, int, int, int]:
        """(mean value, mean |value|, edges, positive edges, negative edges) of the connection
        (computed once per array of values the scene shows)."""
        values = self.scene().values.get((self.src, self.tgt))
        if values is self._summarised[0]:
            return self._summarised[1]
        if values is None or values.size == 0:
            summary = 0.0, 0.0, 0, 0, 0
        else:
            summary = (float(values.mean()), float(abs(values).mean()), int(values.size),
                       int((values > 0).sum()), int((values < 0).sum()))
        self._summarised = (values, summary)
        return summary

    def boundingRect(self) -> QRectF:
        return self._bounds(self._label_box)

    def _bounds(self, label_box: QRectF) -> QRectF:
        band = self.polygon.boundingRect().adjusted(-style.MAX_PEN, -style.MAX_PEN, style.MAX_PEN, style.MAX_PEN)
        return band.united(label_box) if not label_box.isNull() else band

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addPolygon(self.polygon)
        return path

    def _strip(self, top: float, bottom: float) -> QPolygonF:
        """The part of the band between fractions ``top`` and ``bottom`` of its height."""
        a, b, c, d = (self.polygon[k] for k in range(4))  # src top, tgt top, tgt bottom, src bottom
        lerp = lambda p, q, t: p + (q - p) * t  # noqa: E731
        return QPolygonF([lerp(a, d, top), lerp(b, c, top), lerp(b, c, bottom), lerp(a, d, bottom)])

    def paint(self, painter: QPainter, option, widget=None) -> None:
        """A band split into a blue part (share of positive values) and an orange part (negative)."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        mean, mean_abs, n, pos, neg = self.summary()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 18))
        painter.drawPolygon(self.polygon)
        if n:
            split = pos / n
            for colour, (top, bottom) in ((style.POSITIVE, (0.0, split)), (style.NEGATIVE, (split, split + neg / n))):
                if bottom > top:
                    fill = QColor(colour)
                    fill.setAlpha(70)
                    painter.setBrush(fill)
                    painter.drawPolygon(self._strip(top, bottom))
        if self.isSelected():
            painter.setPen(QPen(style.SELECTED, 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolygon(self.polygon)
        painter.setPen(style.TEXT)
        painter.setFont(style.scene_font(self.scene(), 8))
        text, rect = self._label()
        if rect.isNull():
            return
        painter.setBrush(QColor(255, 255, 255, 215))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(style.TEXT)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def hoverEnterEvent(self, event):
        mean, mean_abs, n, _, _ = self.summary()
        self.setToolTip(f"{self.src} → {self.tgt}: {n} {self.scene().mode_noun()}s, mean {mean:.4g}, "
                        f"mean |·| {mean_abs:.4g}\nRight-click to delete the connection")
        super().hoverEnterEvent(event)
