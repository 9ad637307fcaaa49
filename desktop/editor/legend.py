"""The canvas legend: which colour is which sign, what thickness means, what a dashed edge is."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from . import style


class Legend(QWidget):
    ROW = 19

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.mode = "weight"
        self.setFixedSize(self.sizeHint())

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.update()

    def rows(self) -> list[tuple[QPen | None, str]]:
        noun = "gradient" if self.mode == "gradient" else "weight"
        symbol = "g" if self.mode == "gradient" else "w"
        return [
            (style.value_pen(1, 1.5), f"positive {noun}"),
            (style.value_pen(-1, 1.5), f"negative {noun}"),
            (None, f"thicker line = larger |{symbol}|"),
            (style.removed_pen(), "removed edge"),
        ]

    def sizeHint(self) -> QSize:
        return QSize(190, 16 + self.ROW * 4 + 8)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(QColor(0, 0, 0, 60), 1))
        p.setBrush(QColor(255, 255, 255, 230))
        p.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        p.setFont(style.font(8.5))
        y = 12.0
        for pen, text in self.rows():
            if pen is None:
                thin, thick = style.value_pen(0.2, 1), style.value_pen(1, 1)
                thin.setColor(style.ZERO)
                thick.setColor(style.ZERO)
                p.setPen(thin)
                p.drawLine(QPointF(10, y + 3), QPointF(40, y + 3))
                p.setPen(thick)
                p.drawLine(QPointF(10, y + 10), QPointF(40, y + 10))
            else:
                p.setPen(pen)
                p.drawLine(QPointF(10, y + 7), QPointF(40, y + 7))
            p.setPen(style.TEXT)
            p.drawText(QRectF(50, y, self.width() - 54, self.ROW - 2), Qt.AlignmentFlag.AlignVCenter, text)
            y += self.ROW
