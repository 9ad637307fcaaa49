"""Connections on the canvas: one ``EdgeItem`` per weight, or one ``BundleItem`` (``bundle_item``) per connection.

Items read the values they show from the scene's cache (``scene.values``: weights or
gradients, (target units, source units) per connection, and ``scene.scale``) so a
repaint after training costs no rebuild. ``adjust()`` follows the layers when they
move (it calls ``prepareGeometryChange`` first, as the elasticnodes example does).
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem

from core.notation import change_text, format_number

from desktop import canvas_numbers
from desktop.reveal import NOT_YET

from . import card_painter, edge_routes, style
from .bundle_item import BundleItem
from .connection_numbers import ConnectionNumbers
from .edge_routes import crosses as _crosses

LABEL_POINTS = 7.5
#: the room a held-back edge number ("?") takes on its plate
HELD_ROOM = "0.0"
#: before an edge's number that is its weight while the other edges write dL/dw (``ViewState.edge_writes_weight``)
WEIGHT_PREFIX = "w "
#: the selected edge's number lies over the layer cards (``LayerItem.RESTING_Z`` 2), the others under them
SELECTED_LABEL_Z = 3


class EdgeItem(QGraphicsItem):
    """The edge from neuron i of ``src`` to neuron j of ``tgt`` (the weight W[j, i])."""

    def __init__(self, connection: "ConnectionItem", j: int, i: int):
        super().__init__()
        self.connection = connection
        self.src, self.tgt, self.j, self.i = connection.src, connection.tgt, j, i
        self.line = QLineF()  # from anchor to anchor
        self.detour: tuple[float, float, float] | None = None  # (x from, x to, y): the way around a layer card
        self.path = QPainterPath()
        self._stroke: QPainterPath | None = None  # the outline of ``path`` (``crosses``), kept until the route changes
        self._fraction = 0.5
        self.label: EdgeLabel | None = None
        #: (text, width, height) of the number's box, and its rect at ``_fraction``: kept until the
        #: number, the font or the geometry changes (``forget_label``), as Qt asks for them many times a frame
        self._label_size: tuple[str, float, float] | None = None
        self._label_rect: QRectF | None = None
        #: (fraction, margin) → the plate there grown by the margin (``label_plate_at``): placing the
        #: numbers asks for the same spots many times (every spot against every other number and edge)
        self._plates: dict[tuple[float, float], QRectF] = {}
        #: (least x, least y, greatest x, greatest y) of ``line`` (``crosses``' quick test)
        self._line_box = (0.0, 0.0, 0.0, 0.0)
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(0)
        self.setAcceptHoverEvents(True)

    @property
    def key(self) -> tuple[str, str, int, int]:
        return (self.src, self.tgt, self.j, self.i)

    def value(self) -> tuple[float, bool]:
        return self.scene().edge_value(self.src, self.tgt, self.j, self.i)

    def forget_label(self) -> None:
        """The number, the font or the place changed: its box is measured again when asked."""
        self._label_size = self._label_rect = None
        self._plates.clear()

    def adjust(self) -> None:
        self.prepareGeometryChange()
        self.forget_label()
        c = self.connection
        self.line = QLineF(c.src_item.out_anchor(self.i), c.dst_item.in_anchor(self.j))
        x1, y1, x2, y2 = self.line.x1(), self.line.y1(), self.line.x2(), self.line.y2()
        self._line_box = (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
        self.set_detour(None)

    def set_detour(self, detour: tuple[float, float, float] | None) -> None:
        """Draw the edge straight (None), or along a detour (``edge_routes.detour_path``): around a
        layer card, or level beside a neuron where it carries its number."""
        self.prepareGeometryChange()
        self.forget_label()
        self.detour = detour
        self._stroke = None
        self.path = edge_routes.detour_path(self.line.p1(), self.line.p2(), detour)

    def point_at(self, fraction: float) -> QPointF:
        """The point ``fraction`` of the way along the edge (straight or around a card)."""
        return self.line.pointAt(fraction) if self.detour is None else self.path.pointAtPercent(fraction)

    def crosses(self, rect: QRectF) -> bool:
        """Whether the drawn edge passes through ``rect``."""
        if self.detour is None:
            left, top, right, bottom = rect.getCoords()
            x1, y1, x2, y2 = self._line_box
            if x2 < left or x1 > right or y2 < top or y1 > bottom:
                return False  # the line's bounding box misses the rect (most numbers are far from most edges)
            return _crosses(self.line, rect)
        if self._stroke is None:  # asked for every spot of every number: outlined once per route
            stroker = QPainterPathStroker()
            stroker.setWidth(1.0)
            self._stroke = stroker.createStroke(self.path)
        return self._stroke.intersects(rect)

    def label_text(self) -> str:
        """The edge's number as the canvas writes it (the view state's digits; in Update the new weight
        with as many more as it takes to differ from the old one, ``canvas_numbers.new_value_text``)."""
        view_state = getattr(self.scene(), "view_state", None)
        if view_state is None:
            return "−0.00"
        value, enabled = self.value()
        change = view_state.weight_change(*self.key) if enabled else None
        if change is not None:  # Update: the new weight, with the digits that show it moved (4.999996, not 5)
            return canvas_numbers.new_value_text(change[0], change[1], view_state.digits,
                                                 canvas_numbers.update_writing(view_state))
        if view_state.edge_writes_weight(self.src, self.tgt):  # among dL/dw's: the weight, named
            return f"{WEIGHT_PREFIX}{view_state.format(value)}"
        return canvas_numbers.gradient_text(view_state, *self.key, view_state.format(value))

    def label_fraction(self) -> float:
        """Where along the edge its number sits (chosen by the connection so labels don't collide)."""
        return 0.5 if self._fraction is None else self._fraction

    def label_size(self) -> tuple[str, float, float]:
        """(text, width, height) of the number's box at the canvas's font: as wide as the number with
        all its digits (``style.number_width``), so that it keeps its place while a run moves it."""
        if self._label_size is None:
            text = self.label_text()
            scene = self.connection.src_item.scene()
            font = style.scene_font(scene, LABEL_POINTS)
            digits = scene.view_state.digits if getattr(scene, "view_state", None) is not None else 4
            # a held-back number ("?") takes the room of "0.0": on a thin plate the selected edge's dark
            # frame closed round it and it read "0" or "[]" (review 12 #15)
            width = (style.metrics(font).horizontalAdvance(HELD_ROOM) if text == NOT_YET
                     else style.number_width_in(font, text, digits))
            self._label_size = (text, width + 4, style.metrics(font).height())
        return self._label_size

    def label_rect_at(self, fraction: float) -> QRectF:
        """The number's plate centred ``fraction`` along the edge, as wide as its text (the selected
        edge's number keeps its font and gets a dark frame: selecting it never widens it onto a neighbour)."""
        p = self.point_at(fraction)
        _, w, h = self.label_size()
        return QRectF(p.x() - w / 2, p.y() - h / 2 - 1, w, h + 2)

    def label_plate_at(self, fraction: float, margin: float = 0.0) -> QRectF:
        """``label_rect_at(fraction)`` grown by ``margin`` each side, kept until the number, the font or
        the route changes (``forget_label``); the caller must not change the rect it is given."""
        key = (fraction, margin)
        plate = self._plates.get(key)
        if plate is None:
            plate = self._plates[key] = self.label_rect_at(fraction).adjusted(-margin, -margin, margin, margin)
        return plate

    def label_rect(self) -> QRectF:
        """Where the number is drawn; a null rect when there is no free spot for it, or when its
        connection shows no numbers and the edge is not selected (``ConnectionItem.labelled``)."""
        if self._fraction is None or not (self.connection.labelled or self.isSelected()):
            return QRectF()
        if self._label_rect is None:
            self._label_rect = self.label_rect_at(self._fraction)
        return QRectF(self._label_rect)

    def _path(self) -> QPainterPath:
        return self.path

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(9)
        return stroker.createStroke(self._path())

    def boundingRect(self) -> QRectF:
        extra = style.MAX_PEN + 6
        return self.path.boundingRect().adjusted(-extra, -extra, extra, extra)

    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged and self.label is not None:
            self.label.update()
        return super().itemChange(change, value)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        scene = self.scene()
        value, enabled = self.value()
        pen = style.value_pen(value, scene.scale) if enabled else style.removed_pen()
        if enabled and (self.src, self.tgt) in scene.active_connections:
            glow = QPen(style.glow(scene.active_colour), pen.widthF() + 9)
            glow.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(glow)
            painter.drawPath(self.path)
        if self.isSelected():
            halo = QPen(style.SELECTED, pen.widthF() + 5)
            halo.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(halo)
            painter.drawPath(self.path)
        painter.setPen(pen)
        painter.drawPath(self.path)

    def tooltip_text(self) -> str:
        value, enabled = self.value()
        view_state = self.scene().view_state
        hidden = "weight" if view_state.edge_noun() == "weight" else "dL/dw"
        step = view_state.stepping
        held_update = step is not None and step.phase == "update" and value != value  # a lesson holds it back
        hidden = "updated" if held_update else hidden
        number = f"{value:.6g}" if value == value else view_state.pending(hidden, self.tgt, (self.src, self.j, self.i))  # NaN: not revealed
        noun = "new weight" if held_update else view_state.edge_noun()
        weight_named = view_state.edge_writes_weight(self.src, self.tgt)
        if weight_named:
            noun = "weight"
        state = f"{noun} {number}" if enabled else "removed (right-click to restore)"
        lines = [f"{self.src}[{self.i}] → {self.tgt}[{self.j}]: {state}"]
        if weight_named:
            lines.append(f"(the open question's formula takes this weight; its dL/dw is "
                         f"{view_state.format(view_state.edge_gradient(*self.key))}, on the Gradient heatmap)")
        if held_update:
            before = float(step.trace.weights(self.src, self.tgt, "before")[self.j, self.i])
            lines.append(f"before this step: w = {format_number(before, 6)}")
        change = view_state.weight_change(*self.key) if enabled else None
        if change is not None:
            old, new, gradient = change
            lines.append(f"this step: w = {change_text(old, new)} (dL/dw = {format_number(gradient, 6)})")
        lines.append("Double-click to type a new weight")
        return "\n".join(lines)

    def hoverEnterEvent(self, event):
        self.setToolTip(self.tooltip_text())
        super().hoverEnterEvent(event)


class EdgeLabel(QGraphicsItem):
    """The number of one edge, drawn above every line; clicking it selects the edge."""

    def __init__(self, edge: EdgeItem):
        super().__init__()
        self.edge = edge
        edge.label = self
        self.setZValue(1)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.IBeamCursor)

    def boundingRect(self) -> QRectF:
        return self.edge.label_rect().adjusted(-2, -2, 2, 2)

    def adjust(self) -> None:
        """Placed again: the selected edge's number goes over the layer cards (z 1 is under them): with
        no free spot it may cover a card's edge, and it must show whole."""
        self.prepareGeometryChange()
        self.setZValue(SELECTED_LABEL_Z if self.edge.isSelected() else 1)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        """The plate and the number on it (``card_painter.text_at``: where Qt's centred drawText puts it)."""
        value, enabled = self.edge.value()
        rect = self.edge.label_rect()
        if not enabled or rect.isNull():
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = style.scene_font(self.scene(), LABEL_POINTS)
        fonts = (card_painter.font_entry(font),)
        plate = card_painter.EDGE_SELECTED if self.edge.isSelected() else card_painter.EDGE
        text = self.edge.label_size()[0]
        colour = (style.TEXT if text == NOT_YET else  # a "?" dark as the frame round it: read at once
                  card_painter.darker_sign(value, 135) if value else style.MUTED_TEXT)
        box = rect.getRect()
        text = card_painter.text_at(fonts[0], box, card_painter.CENTRE, text, 0, colour)
        card_painter.paint_ops(painter, (("p", *box, plate), text), fonts)

    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.scene().clearSelection()
            self.edge.setSelected(True)
            event.accept()
            return
        super().mousePressEvent(event)

    def hoverEnterEvent(self, event):
        self.setToolTip(self.edge.tooltip_text())
        super().hoverEnterEvent(event)


class ConnectionItem(ConnectionNumbers):
    """Groups the items of one connection and keeps them attached to their layers."""

    def __init__(self, scene, src_item, dst_item, shape: tuple[int, int], allow_labels: bool = True):
        self.src, self.tgt = src_item.name, dst_item.name
        self.src_item, self.dst_item = src_item, dst_item
        rows, cols = shape
        self.bundled = src_item.collapsed or dst_item.collapsed
        self.labelled = allow_labels and not self.bundled and rows * cols <= style.MAX_LABELLED_EDGES
        self._margin = 2.0  # around each number while placing them (``label_margin``)
        self.lead_outs: list | None = None  # the edges' detours when their numbers sit on lead-outs (``edge_routes``)
        if self.bundled:
            self.items = [BundleItem(self)]
        else:
            self.items = [EdgeItem(self, j, i) for j in range(rows) for i in range(cols)]
        self.labels = [EdgeLabel(item) for item in self.items] if self.labelled else []
        for item in self.items + self.labels:
            scene.addItem(item)
        src_item.connections.append(self)
        dst_item.connections.append(self)
        self.adjust()

    def adjust(self, numbers: bool = True) -> None:
        """Follow the layers: the edges' routes again, then (``numbers``) their numbers' places. A scene
        routes every connection before placing any number (no number may sit on another's edge)."""
        for item in self.items:
            item.adjust()
        if not self.bundled:
            self._route_around_cards()
        if numbers:
            self.place_numbers()

    def place_numbers(self) -> None:
        """Place the edges' numbers along their routes as they are (``adjust`` routes them first)."""
        if self.labelled:
            self._place_labels()
            for label in self.labels:
                label.adjust()
        elif not self.bundled:
            self._place_selected_number()

    def _route_around_cards(self) -> None:
        """Edges whose straight line would cross another layer's card go around it (``edge_routes``)."""
        self.lead_outs = None
        edge_routes.around_cards(self, self.src_item.scene(), LABEL_POINTS)

    def holds_selected_edge(self) -> bool:
        """Whether one of this connection's edges, drawn on its own, is selected."""
        return not self.bundled and any(item.isSelected() for item in self.items)

    def _place_selected_number(self) -> None:
        """A connection that shows no numbers (too many edges) still shows its selected edge's: its
        label is made when first needed and placed as ``_place_labels`` places a selected one."""
        for label in self.labels:
            label.edge._fraction = label.edge._label_rect = None
        selected = next((item for item in self.items if item.isSelected()), None)
        scene = self.src_item.scene()
        if selected is not None and scene is not None:
            if selected.label is None:
                label = EdgeLabel(selected)
                scene.addItem(label)
                self.labels.append(label)
            cards, scene_labels = self._blocked(scene)
            selected._fraction = self._free_fraction(selected, cards + scene_labels, [])
            if selected._fraction is None:
                selected._fraction = self._least_covering_fraction(selected, cards)
        for label in self.labels:
            label.adjust()


    def edge(self, j: int, i: int) -> EdgeItem | None:
        if self.bundled:
            return None
        return self.items[j * self.src_item.units + i]

    def forget_labels(self) -> None:
        """New numbers: each label is measured again when asked."""
        for label in self.labels:
            label.edge.forget_label()

    def repaint(self, fractions: tuple | None = None) -> None:
        """New numbers: labels are sized to their text, so they are placed again (``fractions``: the
        places ``placement_inputs`` led to last time, reused without searching)."""
        self.forget_labels()
        if self.labelled:
            if fractions is None:
                self._place_labels()
            else:
                lead_outs, places = fractions
                if lead_outs is not None or self.lead_outs is not None:
                    edge_routes.apply(self, lead_outs)
                    self.lead_outs = lead_outs
                for item, fraction in zip(self.items, places):
                    item._fraction, item._label_rect = fraction, None
            for label in self.labels:
                label.adjust()
        elif not self.bundled:
            self._place_selected_number()
        for item in self.items + self.labels:
            if isinstance(item, BundleItem):
                item.refresh()
            else:
                item.update()

    def placement_inputs(self) -> tuple:
        """What ``_place_labels`` reads of this connection: each number's place now, its box's size,
        its edge's ends and detour (an equal tuple, with equal cards, places the numbers equally)."""
        if not self.labelled:
            return ()
        return tuple((e._fraction, *e.label_size()[1:], e.line.x1(), e.line.y1(), e.line.x2(), e.line.y2(), e.detour)
                     for e in self.items)

    def fractions(self) -> tuple:
        """(the lead-outs' detours or None, where each number sits along its edge (None: no free spot))."""
        return (self.lead_outs, tuple(e._fraction for e in self.items)) if self.labelled else ()
