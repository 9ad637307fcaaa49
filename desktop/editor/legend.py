"""The canvas legend: what the number in a neuron is and for which input, which colour is
which sign, what thickness means, what a dashed edge is."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QWidget

from . import style


class Legend(QWidget):
    ROW = 19

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.mode = "weight"
        self.neuron_text = "in a neuron: its output a"
        self.traced_text = ""
        self.glow_text = ""  # the step-through's highlighted edges, when it highlights some
        self.glow_colour = style.FORWARD_STEP
        self.setFixedSize(self.sizeHint())

    def show_state(self, view_state) -> None:
        """Say what the canvas numbers are now (the view state decides it)."""
        self.mode = view_state.edge_noun()
        step = view_state.stepping
        if step is not None and step.phase == "backward":
            self.neuron_text = "in a neuron: a, or δ = dL/dz (ringed) once backprop reached it"
        elif step is not None and step.phase == "forward":
            self.neuron_text = "in a neuron: its output a (? = not computed yet)"
        else:
            self.neuron_text = "in a neuron: its output a = f(z); inputs: x"
        self.traced_text = "for " + view_state.traced_description()
        layer = view_state.active_layer()
        if layer is None:
            self.glow_text = ""
        elif step.phase == "forward":
            self.glow_text, self.glow_colour = f"glow: weights into {layer}, z = Σ w·a + b", style.FORWARD_STEP
        else:
            self.glow_text, self.glow_colour = f"glow: dL/dw = a · δ now known (into {layer})", style.DELTA_RING
        self.setFixedSize(self.sizeHint())
        self.update()

    def rows(self) -> list[tuple[QPen | None, str]]:
        noun = self.mode
        symbol = "w" if noun == "weight" else "g"
        rows = [
            ("neuron", self.neuron_text),
            ("text", self.traced_text),
            (style.value_pen(1, 1.5), f"positive {noun}"),
            (style.value_pen(-1, 1.5), f"negative {noun}"),
            (None, f"thicker line = larger |{symbol}|"),
            (style.removed_pen(), "removed edge"),
        ]
        if self.glow_text:
            rows.append(("glow", self.glow_text))
        return rows

    def sizeHint(self) -> QSize:
        fm = QFontMetricsF(style.font(8.5))
        widest = max(fm.horizontalAdvance(text) for _, text in self.rows())
        return QSize(int(min(max(widest + 60, 190), 520)), 16 + self.ROW * len(self.rows()) + 8)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(QColor(0, 0, 0, 60), 1))
        p.setBrush(QColor(255, 255, 255, 230))
        p.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        p.setFont(style.font(8.5))
        y = 12.0
        for pen, text in self.rows():
            if isinstance(pen, str) and pen == "neuron":
                p.setPen(QPen(style.CARD_BORDER, 1.2))
                p.setBrush(style.NEURON_FILL)
                p.drawEllipse(QPointF(25, y + 7), 7, 7)
            elif pen == "glow":
                glow = QPen(style.glow(self.glow_colour), 9)
                glow.setCapStyle(Qt.PenCapStyle.RoundCap)
                p.setPen(glow)
                p.drawLine(QPointF(14, y + 7), QPointF(36, y + 7))
            elif isinstance(pen, str):
                pass
            elif pen is None:
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
