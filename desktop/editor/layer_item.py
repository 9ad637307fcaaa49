"""A layer on the canvas: a card of neuron circles with its name above and its activation below.

The item's position is the layer's ``position`` in the network (the centre of the
card: the neuron column sits left of it by half the room of the numbers beside the neurons). It only draws and reports geometry; moving it by mouse is reported
to the scene, which pushes the undoable Move. Connections attached to it are told to
``adjust()`` whenever it moves (the elasticnodes pattern). Where and in which font it
writes its numbers (inside or beside the neurons, z and b, t, y − t, the loss) is the mixin
``LayerNumbers`` (``layer_numbers.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject

from . import card_painter, style
from .card_parts import CardBackdrop, PortItem
from .layer_numbers import INFO_POINTS, NAME_POINTS, NUMBER_POINTS, LayerNumbers  # noqa: F401 (tests read it)
from .thumbnail_zoom import ThumbnailZoom


#: a neuron showing a thumbnail is this much wider than a plain one (its map or curve reads larger)
THUMBNAIL_GROW = 14.0


class LayerItem(LayerNumbers, QGraphicsObject):
    #: layers are drawn over the edges (0) and their numbers (1)
    RESTING_Z = 2

    def __init__(self, name: str):
        super().__init__()
        self.name = name
        self.units = 1
        self.activation = "identity"
        self.bias_enabled = False
        self.is_input = False
        self.biases = None  # ndarray of the current bias values, or None
        self.connections: list = []  # ConnectionItems touching this layer
        self._flash = False
        self._room = 0.0  # width right of the neurons for their numbers (0: the numbers fit inside)
        self._grow = 0.0  # how much wider the neurons are drawn for their thumbnails or numbers (0: not wider)
        self._side_room = 0.0  # height under each neuron for its z and b (0: not shown)
        self._card_extra = 0.0  # how much wider the card is than its neurons for the z and b under them
        self._apart = 0.0  # how much further apart the neurons are for an output's column of target lines
        self._made_for = None  # (z and b height, target width, loss shown): what the size was made for
        self._input_widest: str | None = None  # an input layer's widest value text last traced
        self._kept_for, self._kept = None, {}  # LayerNumbers' sizes for one view (kept_per_view)
        self._occupied: tuple = (None, [])  # (what they were found for, LayerNumbers.occupied_rects)
        self._rows_under = False  # a two-neuron output: its target lines under its neurons (targets_under)
        self._bounds: QRectF | None = None  # boundingRect, kept until the next prepareGeometryChange
        self._bounds_made_for = None  # what relayout measured the bounds for
        self._plan: card_painter.CardPlan | None = None  # the numbers' fonts and places (card_plan)
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
            | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
        )
        self.setZValue(self.RESTING_Z)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.port = PortItem(self)
        self.backdrop = CardBackdrop(self)
        self.zoom = ThumbnailZoom(self)

    # ------------------------------------------------------------- state
    def set_layer(self, layer, is_input: bool, biases) -> None:
        self.prepareGeometryChange()
        self.units, self.activation, self.bias_enabled = layer.units, layer.activation, layer.bias
        self.is_input = is_input
        self.biases = biases
        self._room = self._number_room()
        card = self.card_rect()
        self.port.setPos(card.right(), card.top() + 2)
        self.setToolTip(self._tooltip())
        self.refresh_backdrop()
        self.update()

    def text_font(self, points: float, bold: bool = False):
        """A canvas font that stays readable on screen (the scene's rule), or the plain one off a scene."""
        return style.scene_font(self.scene(), points, bold)

    def relayout(self) -> bool:
        """Take the width the numbers need at the view's zoom now, the height of z and b, the size of
        the neurons (larger with thumbnails), an output's target lines under or beside it; True when
        the card changed (its edges must follow)."""
        placed = self.choose_target_place()
        room, side, grow = self._number_room(), self._numbers_room(), self._thumbnail_grow()
        column = 2 * (style.NEURON_RADIUS + grow / 2 + style.CARD_PADDING) + room
        extra = max(self.zb_width() + 6 - column, 0.0) if side else 0.0  # z and b wider than the card
        apart = max(self.column_pitch() - (style.NEURON_SPACING + side + grow), 0.0)
        changed = placed or max(abs(room - self._room), abs(side - self._side_room), abs(grow - self._grow),
                                abs(extra - self._card_extra), abs(apart - self._apart)) >= 0.5
        # the texts around the card may have grown: Qt is told only when the bounds really change
        # (telling it re-indexes the item, ~1 ms on a big network, every frame); they are measured
        # again only when what they follow changed (the rest comes through prepareGeometryChange)
        scene = self.scene()
        loss = self.loss_rect().width() if self._is_output() and self._shows_loss() else None
        made_for = (room, side, grow, extra, apart, getattr(scene, "view_scale", None), getattr(scene, "dpi", None),
                    getattr(scene, "text_floor", None), loss,
                    self._rows_under)
        if self._bounds is None or made_for != self._bounds_made_for:
            before = self.boundingRect()
            old = self._room, self._side_room, self._grow, self._card_extra, self._apart
            self._room, self._side_room, self._grow, self._card_extra, self._apart = room, side, grow, extra, apart
            self._bounds = None
            if self.boundingRect() != before:
                self._room, self._side_room, self._grow, self._card_extra, self._apart = old  # Qt's rule: tell it before
                self.prepareGeometryChange()  # (Qt measures the old bounds here: they must not stay kept)
                self._room, self._side_room, self._grow, self._card_extra, self._apart = room, side, grow, extra, apart
                self._bounds = None
            self._bounds_made_for = made_for
        if changed:
            card = self.card_rect()
            self.port.setPos(card.right(), card.top() + 2)
        self.refresh_backdrop()
        return changed

    def _thumbnail_grow(self) -> float:
        """How much wider the neurons are drawn: ``THUMBNAIL_GROW`` with thumbnails, else as much as
        their numbers need to sit inside the rims (``value_grow``)."""
        view_state = getattr(self.scene(), "view_state", None)
        shown = view_state is not None and not self.collapsed and view_state.shows_thumbnails()
        return THUMBNAIL_GROW if shown else self.value_grow()

    def radius(self) -> float:
        """The neurons' radius now: ``style.NEURON_RADIUS``, larger by half THUMBNAIL_GROW with thumbnails
        (or half ``value_grow``)."""
        return style.NEURON_RADIUS + self._grow / 2

    def connections_changed(self) -> None:
        """The connections are attached: the info line (input / not connected) may change."""
        self.prepareGeometryChange()
        self.setToolTip(self._tooltip())
        self.refresh_backdrop()
        self.update()

    def set_biases(self, biases) -> None:
        self.biases = biases
        target = self.target_room() if self._is_output() else 0.0  # only an output writes t beside it
        made_for = (self._numbers_room(), target, self._shows_loss())
        if made_for != self._made_for:  # z and b, the loss terms shown or hidden: the item's size changes
            self.prepareGeometryChange()
            self._made_for = made_for
        self.update()

    @property
    def collapsed(self) -> bool:
        return self.units > style.COLLAPSE_ABOVE

    def info_text(self) -> str:
        if self.is_input and self.connections:
            return f"input · {self.units} unit{'s' if self.units != 1 else ''}"
        if not self.connections:
            return f"{self.units} unit{'s' if self.units != 1 else ''} · not connected"
        bias = "bias" if self.bias_enabled else "no bias"
        return f"{self.activation} · {bias}"

    def _tooltip(self) -> str:
        text = f"Layer {self.name}: {self.units} units, {self.info_text()}"
        return text + "\nDouble-click the name to rename, a neuron to set its bias."

    # ---------------------------------------------------------- geometry
    def neuron_spacing(self) -> float:
        """From one neuron's centre to the next: wider by the z and b rows under each neuron when shown,
        and as far as an output's column of target lines needs (``column_pitch``)."""
        return style.NEURON_SPACING + self._side_room + self._grow + self._apart

    def card_rect(self) -> QRectF:
        """The card, centred on the item's position: the neuron column, right of it the numbers' room
        (so the gaps to the layers either side stay even), under the last neuron the room of its z
        and b (the card as wide as they are)."""
        w = 2 * self.radius() + 2 * style.CARD_PADDING
        if self.collapsed:
            h = style.COLLAPSED_HEIGHT
            return QRectF(-w / 2, -h / 2, w + self._room, h)
        half = (self.units - 1) * self.neuron_spacing() / 2 + self.radius() + style.CARD_PADDING
        width = w + self._room + self._card_extra  # wider when the z and b under the neurons need it
        return QRectF(-width / 2, -half, width, 2 * half + self._side_room)

    def name_rect(self) -> QRectF:
        fm = style.metrics(self.text_font(NAME_POINTS, bold=True))
        w = max(fm.horizontalAdvance(self.name) + 8, 40)
        card = self.card_rect()
        return QRectF(card.center().x() - w / 2, card.top() - fm.height() - 6, w, fm.height() + 2)

    def info_rect(self) -> QRectF:
        """The info line under the card, centred; wider than an input's card, it ends at the card's
        right edge (its edges leave there and curve down: they ran through "input · 2 units")."""
        fm = style.metrics(self.text_font(INFO_POINTS))
        w = fm.horizontalAdvance(self.info_text()) + 8
        card = self.card_rect()
        left = card.center().x() - w / 2
        if self.is_input and self.connections and w > card.width():
            left = card.right() - w
        return QRectF(left, card.bottom() + 4, w, fm.height() + 2)

    def prepareGeometryChange(self) -> None:  # noqa: N802 (Qt)
        """Every change of the item's size comes through here (Qt's rule): the kept bounds go."""
        self._bounds = None
        super().prepareGeometryChange()

    def boundingRect(self) -> QRectF:
        """The card, its name and info line, the z and b plates, an output's t and loss (Qt asks for
        it many times a frame: measured once per geometry change)."""
        if self._bounds is None:
            self._bounds = self._measure_bounds()
        return QRectF(self._bounds)

    def _measure_bounds(self) -> QRectF:
        rect = self.card_rect().adjusted(-3, -3, 3, 3).united(self.name_rect()).united(self.info_rect())
        if self._is_output():  # the output: room for "t …", and the loss under it
            rect = rect.adjusted(0, 0, self.target_column_offset(), 0)
            if self._shows_loss():
                rect = rect.united(self.loss_rect())
        if self._side_room and not self.collapsed:
            for k in range(self.units):
                rect = rect.united(self.zb_plate(k) if self._zb_rows() else self.target_plate(k))
        return rect

    def shape(self) -> QPainterPath:
        """Clicks: the card, its name and info, not the room of the z and b beside it (edges run there)."""
        path = QPainterPath()
        for rect in (self.card_rect().adjusted(-3, -3, 3, 3), self.name_rect(), self.info_rect()):
            path.addRect(rect)
        return path.simplified()

    def neuron_centre(self, k: int) -> QPointF:
        """Centre of neuron k in item coordinates: the column left of the card's centre by half the
        numbers' room (the card's centre when collapsed)."""
        if self.collapsed:
            return QPointF(0, 0)
        return QPointF(-self._room / 2, (k - (self.units - 1) / 2) * self.neuron_spacing())

    def out_anchor(self, k: int) -> QPointF:
        """Scene point where an edge leaving neuron k starts."""
        if self.collapsed:
            return self.mapToScene(QPointF(self.card_rect().right(), 0))
        return self.mapToScene(self.neuron_centre(k) + QPointF(self.radius() + self._room, 0))

    def in_anchor(self, k: int) -> QPointF:
        """Scene point where an edge into neuron k ends."""
        if self.collapsed:
            return self.mapToScene(QPointF(self.card_rect().left(), 0))
        return self.mapToScene(self.neuron_centre(k) - QPointF(self.radius(), 0))

    def thumbnail(self, k: int):
        """Neuron k's activation over the input plane (a QImage), or None (see the scene)."""
        scene = self.scene()
        return scene.thumbnail(self.name, k) if scene is not None and hasattr(scene, "thumbnail") else None

    def neuron_at(self, local: QPointF) -> int | None:
        if self.collapsed:
            return None
        for k in range(self.units):
            d = local - self.neuron_centre(k)
            if d.x() ** 2 + d.y() ** 2 <= self.radius() ** 2:
                return k
        return None

    # ----------------------------------------------------------- drawing
    def _border(self) -> tuple:
        """(colour, width) of the card's border: refused (a moment), selected, the step-through's
        active layer, or plain."""
        if self._flash:
            return style.REFUSED, 3.5
        if self.isSelected():
            return style.CARD_SELECTED, 3.0
        scene = self.scene()
        if scene is not None and getattr(scene, "view_state", None) is not None and \
                scene.view_state.active_layer() == self.name:
            return scene.active_colour, 3.0
        return style.CARD_BORDER, 1.3

    def _rings(self) -> tuple:
        """Per neuron, whether its circle has the δ ring (it shows δ in the Backward phase)."""
        view_state = getattr(self.scene(), "view_state", None)
        if self.collapsed or view_state is None:
            return ()
        return tuple(view_state.shown_number(self.name, k)[1] == "δ" for k in range(self.units))

    def backdrop_look(self) -> tuple:
        """Everything ``paint_backdrop`` reads (equal looks paint equal pixels): the sizes ``relayout``
        took, which with the units and the zoom's fonts decide every rect; the texts; the border; the rings."""
        colour, width = self._border()
        scene = self.scene()
        zoom = (scene.view_scale, scene.dpi, scene.text_floor) if scene is not None and hasattr(scene, "view_scale") else None
        return (self._room, self._side_room, self._grow, self._card_extra, self.units, zoom, self.name,
                self.info_text(), QColor(colour).rgba(), width, self._rings())

    def refresh_backdrop(self) -> None:
        """The card, its texts and circles are painted again when they changed (see ``CardBackdrop``)."""
        look = self.backdrop_look()
        if look != self.backdrop.look:
            rect = self.card_rect().adjusted(-3, -3, 3, 3).united(self.name_rect()).united(self.info_rect())
            self.backdrop.show_look(look, rect)

    def paint_backdrop(self, painter: QPainter) -> None:
        """The card with its border, its name and info line, and the neuron circles (``CardBackdrop``)."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = self.card_rect()
        colour, width = self._border()
        painter.setPen(QPen(colour, width))
        painter.setBrush(style.CARD_FILL)
        painter.drawRoundedRect(card, 10, 10)
        painter.setPen(style.TEXT)
        painter.setFont(self.text_font(NAME_POINTS, bold=True))
        painter.drawText(self.name_rect(), Qt.AlignmentFlag.AlignCenter, self.name)
        painter.setPen(style.MUTED_TEXT)
        painter.setFont(self.text_font(INFO_POINTS))
        painter.drawText(self.info_rect(), Qt.AlignmentFlag.AlignCenter, self.info_text())
        if self.collapsed:
            self._paint_collapsed(painter, card)
            return
        r = self.radius()
        painter.setBrush(style.NEURON_FILL)
        for k, ring in enumerate(self._rings() or (False,) * self.units):
            painter.setPen(QPen(style.DELTA_RING if ring else style.CARD_BORDER, 2.2 if ring else 1.4))
            painter.drawEllipse(self.neuron_centre(k), r, r)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        """The numbers (the card and circles under them are the ``CardBackdrop``'s): ``card_painter``."""
        card_painter.paint_card_numbers(self, painter, getattr(self.scene(), "view_state", None))

    def card_plan(self) -> card_painter.CardPlan:
        """The fonts and places of the card's numbers (``card_painter.CardPlan``), kept while
        ``numbers_key()`` and the sizes ``relayout`` took stay; made again at the first paint after."""
        key = (self.numbers_key(), self._room, self._side_room, self._grow, self._card_extra)
        if self._plan is None or self._plan.key != key:
            self._plan = card_painter.CardPlan(self, key)
        return self._plan

    # ------------------------------------------------------------- hover
    def hoverMoveEvent(self, event):
        k = self.neuron_at(event.pos())
        self.setToolTip(self.neuron_tooltip(k) if k is not None else self._tooltip())
        if k != self.zoom.neuron:
            self.zoom.show_neuron(k)
        super().hoverMoveEvent(event)

    def hoverLeaveEvent(self, event):
        self.zoom.show_neuron(None)
        super().hoverLeaveEvent(event)

    def _paint_collapsed(self, painter: QPainter, card: QRectF) -> None:
        painter.setPen(QPen(style.CARD_BORDER, 1))
        painter.setBrush(QBrush(style.NEURON_FILL))
        inner = card.adjusted(6, 6, -6, -6)
        painter.drawRoundedRect(inner, 8, 8)
        painter.setPen(style.TEXT)
        painter.setFont(self.text_font(11, bold=True))
        painter.drawText(inner.adjusted(0, 0, 0, -inner.height() / 2 + 6),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, str(self.units))
        painter.setFont(self.text_font(8))
        painter.setPen(style.MUTED_TEXT)
        painter.drawText(inner.adjusted(0, inner.height() / 2 + 2, 0, 0),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, "units")

    # --------------------------------------------------------- behaviour
    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for connection in self.connections if getattr(self.scene(), "edges_follow_cards", True) else ():
                connection.adjust()
        elif change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.refresh_backdrop()
        return super().itemChange(change, value)

    def flash_refused(self, ms: int = 900) -> None:
        """Show a red border for a moment (a refused connection)."""
        self._flash = True
        self.refresh_backdrop()
        self.update()
        QTimer.singleShot(ms, self._end_flash)

    def _end_flash(self) -> None:
        try:
            self._flash = False
            self.refresh_backdrop()
            self.update()
        except RuntimeError:  # the item was deleted meanwhile
            pass
