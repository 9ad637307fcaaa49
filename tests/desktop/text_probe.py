"""What text a widget really draws, and how tall it is on screen.

``drawn_texts(view)`` renders a ``QGraphicsView``'s viewport through a recording paint
engine: every string the items paint arrives at ``drawTextItem`` with its font and the
painter's transform, so the on-screen height of each text is its font's em height
(points × 96 / 72) times the view's scale, exactly as the student's screen gets it.
``drawn_boxes`` gives each text's line box on screen, ``drawn_text_boxes`` its ink (the glyphs'
tight bounding box), to find texts written over each other (``overlapping_texts``), and
``drawn_digit_heights`` how tall each number's digits are on screen.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF
from PySide6.QtGui import QFontMetricsF, QPaintDevice, QPaintEngine, QPainter

#: a canvas text that is a number: "0.61", "−0.0838", "1.2e−5", "t 0.6"
NUMBER = re.compile(r"[−-]?\d+(\.\d+)?(e[−-]?\d+)?")


class _RecordingEngine(QPaintEngine):
    def __init__(self):
        super().__init__(QPaintEngine.PaintEngineFeature.AllFeatures)
        self.texts: list[tuple[str, float]] = []
        self.boxes: list[tuple[str, QRectF]] = []
        self.inks: list[tuple[str, QRectF]] = []
        self.digits: list[tuple[str, float]] = []

    def begin(self, device) -> bool:
        return True

    def end(self) -> bool:
        return True

    def updateState(self, state) -> None:
        pass

    def type(self):
        return QPaintEngine.Type.User

    def drawPixmap(self, rect, pixmap, source) -> None:
        pass

    def drawImage(self, rect, image, source, flags=None) -> None:
        pass

    def drawPolygon(self, *args) -> None:
        pass

    def drawPath(self, *args) -> None:
        pass

    def drawTextItem(self, point, item) -> None:
        t = self.painter().worldTransform()
        scale = (abs(t.m11() * t.m22() - t.m12() * t.m21())) ** 0.5
        font = item.font()
        em = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96.0 / 72.0
        self.texts.append((item.text(), em * scale))
        metrics = QFontMetricsF(font)
        origin = t.map(point)  # the baseline's start, in device pixels
        self.boxes.append((item.text(), QRectF(origin.x(), origin.y() - metrics.ascent() * scale,
                                               metrics.horizontalAdvance(item.text()) * scale,
                                               metrics.height() * scale)))
        ink = metrics.tightBoundingRect(item.text()).translated(QPointF(point))
        self.inks.append((item.text(), t.mapRect(ink)))
        digits = "".join(c for c in item.text() if "0" <= c <= "9")
        if digits:
            self.digits.append((item.text(), metrics.tightBoundingRect(digits).height() * scale))


class _RecordingDevice(QPaintDevice):
    def __init__(self, width: int, height: int):
        super().__init__()
        self.size = (width, height)
        self.engine = _RecordingEngine()

    def paintEngine(self):
        return self.engine

    def metric(self, metric):
        m = QPaintDevice.PaintDeviceMetric
        w, h = self.size
        return {m.PdmWidth: w, m.PdmHeight: h, m.PdmWidthMM: int(w * 25.4 / 96), m.PdmHeightMM: int(h * 25.4 / 96),
                m.PdmDpiX: 96, m.PdmDpiY: 96, m.PdmPhysicalDpiX: 96, m.PdmPhysicalDpiY: 96, m.PdmDepth: 32,
                m.PdmNumColors: 0xFFFFFF, m.PdmDevicePixelRatio: 1,
                m.PdmDevicePixelRatioScaled: int(QPaintDevice.devicePixelRatioFScale())}.get(metric, 0)


def _record(view) -> _RecordingEngine:
    rect = view.viewport().rect()
    device = _RecordingDevice(rect.width(), rect.height())
    painter = QPainter(device)
    view.render(painter, QRectF(0, 0, rect.width(), rect.height()), QRect(rect))
    painter.end()
    return device.engine


def widget_boxes(widget) -> list[tuple[str, QRectF]]:
    """Every (text, line box in the widget's pixels) a plain widget paints (the canvas's legend: a
    ``QGraphicsView``'s ``render`` draws its scene alone)."""
    device = _RecordingDevice(widget.width(), widget.height())
    painter = QPainter(device)
    widget.render(painter, QPoint(0, 0))
    painter.end()
    return [(text, box) for text, box in device.engine.boxes if text.strip()]


def drawn_texts(view) -> list[tuple[str, float]]:
    """Every (text, on-screen em height in px) the view's scene paints in the visible viewport."""
    return [(text, px) for text, px in _record(view).texts if text.strip()]


def drawn_digit_heights(view) -> list[tuple[str, float]]:
    """Every (text holding digits, the height of its digits' ink on screen in px) the view paints: what
    a student reads a number by (the panels' 9-point digits are 9 px tall)."""
    return _record(view).digits


def drawn_boxes(view) -> list[tuple[str, QRectF]]:
    """Every (text, the box its glyphs' line takes on screen, in viewport pixels) the view paints."""
    return [(text, box) for text, box in _record(view).boxes if text.strip()]


def drawn_text_boxes(view) -> list[tuple[str, QRectF]]:
    """Every (text, on-screen rect of its ink in px) the view's scene paints in the visible viewport."""
    return [(text, box) for text, box in _record(view).inks if text.strip()]


def overlapping_texts(view) -> list[tuple[str, str]]:
    """Pairs of texts whose ink overlaps on screen: one written over the other."""
    return overlapping_inks(drawn_text_boxes(view))


def overlapping_inks(inks: list[tuple[str, QRectF]]) -> list[tuple[str, str]]:
    """Pairs of ``inks`` (``drawn_text_boxes``) that overlap: one text written over the other."""
    return [(a, b) for k, (a, ra) in enumerate(inks) for b, rb in inks[k + 1:] if ra.intersects(rb)]


def numbers(texts: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """The texts that hold a number."""
    return [(text, px) for text, px in texts if NUMBER.search(text)]
