"""A layer on the canvas: a card of neuron circles with its name above and its activation below.

The item's position is the layer's ``position`` in the network (the centre of the
neuron column). It only draws and reports geometry; moving it by mouse is reported
to the scene, which pushes the undoable Move. Connections attached to it are told to
``adjust()`` whenever it moves (the elasticnodes pattern).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject

from desktop import canvas_numbers

from . import style, thumbnails
from .thumbnail_zoom import ThumbnailZoom


#: the points of a neuron's number at zoom 1, of its name and info line, of an output's target "t 0.6"
NUMBER_POINTS, NAME_POINTS, INFO_POINTS, CAPTION_POINTS = 9.5, 10.0, 8.5, 6.5
#: a number inside its neuron may be written this small (and never under the on-screen minimum)
MIN_INSIDE_POINTS = 7.5
#: the points of the lines by a neuron (z and b under it; t, y − t and the loss term right of an output)
SIDE_POINTS = 8.0
#: a neuron showing a thumbnail is this much wider than a plain one (its map or curve reads larger)
THUMBNAIL_GROW = 14.0


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


class LayerItem(QGraphicsObject):
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
        self._grow = 0.0  # how much wider the neurons are drawn for their thumbnails (0: none shown)
        self._side_room = 0.0  # height under each neuron for its z and b (0: not shown)
        self._made_for = None  # (z and b height, target width, loss shown): what the size was made for
        self._input_widest: str | None = None  # an input layer's widest value text last traced
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
        self.update()

    def text_font(self, points: float, bold: bool = False):
        """A canvas font that stays readable on screen (the scene's rule), or the plain one off a scene."""
        scene = self.scene()
        return scene.text_font(points, bold) if scene is not None and hasattr(scene, "text_font") else style.font(points, bold)

    def numbers_beside(self) -> bool:
        """Whether the neurons' numbers sit on a plate right of their circles: when a neuron shows a
        thumbnail (the number must not hide the map), or when no readable font fits the widest
        number inside the circle (``inside_font``)."""
        if self.collapsed:
            return False
        view_state = getattr(self.scene(), "view_state", None)
        if view_state is not None and view_state.shows_thumbnails():
            return True
        return self.inside_font() is None

    def inside_font(self):
        """The largest font from ``NUMBER_POINTS`` down to ``MIN_INSIDE_POINTS`` (and never under the
        on-screen minimum) in which the widest number fits inside a neuron; None when none does."""
        smallest = self.text_font(MIN_INSIDE_POINTS).pointSizeF()
        size = max(NUMBER_POINTS, smallest)
        while size >= smallest - 1e-9:
            f = style.font(size)
            if QFontMetricsF(f).horizontalAdvance(self._widest_number()) <= self.inside_width():
                return f
            size -= 0.25
        return None

    @staticmethod
    def inside_width() -> float:
        """How wide a number written on its neuron may be: the card's width (it may run over the
        circle's edge, on a white plate)."""
        return 2 * (style.NEURON_RADIUS + style.CARD_PADDING) - 6

    def _widest_number(self, beside: bool = False) -> str:
        """The widest text a neuron of this layer may show: an input's own values (they stay while the
        same sample is traced), any other layer's number at the canvas's digits: "−0.0000" inside a
        neuron, "−0.000000" on a plate beside it (−0.00585 at 3 digits)."""
        view_state = getattr(self.scene(), "view_state", None)
        digits = view_state.digits if view_state is not None else 4
        if self.is_input and view_state is not None:
            shown = [(k, view_state.shown_number(self.name, k)[0]) for k in range(self.units)]
            texts = [self.input_text(view_state, k, v, beside) for k, v in shown if v is not None]
            if texts:
                fm = QFontMetricsF(style.font(NUMBER_POINTS))
                self._input_widest = max(texts, key=fm.horizontalAdvance)
            if self._input_widest is not None:  # between two traces (an edit): the last ones, the card stays
                return self._input_widest
        # a rarer −0.000123 widens its own plate
        return ("−0.00" if beside else "−0.") + "0" * digits

    def input_text(self, view_state, k: int, value: float, beside: bool) -> str:
        """An input neuron's text: beside its thumbnail with its name ("x₁² 0.0358", the map fills the
        circle), inside it the value alone (its name is the caption above it)."""
        text = view_state.format(value)
        return f"{view_state.neuron_caption(self.name, k, 'x')} {text}" if beside else text

    def _number_room(self) -> float:
        if not self.numbers_beside():
            return 0.0
        return QFontMetricsF(self.text_font(NUMBER_POINTS)).horizontalAdvance(self._widest_number(beside=True)) + 10

    def relayout(self) -> bool:
        """Take the width the numbers need at the view's zoom now, the height of z and b, the size of
        the neurons (larger with thumbnails); True when the card changed (its edges must follow)."""
        room, side, grow = self._number_room(), self._numbers_room(), self._thumbnail_grow()
        changed = max(abs(room - self._room), abs(side - self._side_room), abs(grow - self._grow)) >= 0.5
        self.prepareGeometryChange()  # the texts around the card may have grown
        self._room, self._side_room, self._grow = room, side, grow
        if changed:
            card = self.card_rect()
            self.port.setPos(card.right(), card.top() + 2)
        return changed

    def _thumbnail_grow(self) -> float:
        view_state = getattr(self.scene(), "view_state", None)
        shown = view_state is not None and not self.collapsed and view_state.shows_thumbnails()
        return THUMBNAIL_GROW if shown else 0.0

    def radius(self) -> float:
        """The neurons' radius now: ``style.NEURON_RADIUS``, larger by half THUMBNAIL_GROW with thumbnails."""
        return style.NEURON_RADIUS + self._grow / 2

    def connections_changed(self) -> None:
        """The connections are attached: the info line (input / not connected) may change."""
        self.prepareGeometryChange()
        self.setToolTip(self._tooltip())
        self.update()

    def set_biases(self, biases) -> None:
        self.biases = biases
        made_for = (self._numbers_room(), self.target_room(), self._shows_loss())
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
        """From one neuron's centre to the next: wider by the z and b rows under each neuron when shown."""
        return style.NEURON_SPACING + self._side_room + self._grow

    def card_rect(self) -> QRectF:
        """The card: the neuron column (centred on the item's position), right of it the numbers' room,
        under the last neuron the room of its z and b."""
        w = 2 * self.radius() + 2 * style.CARD_PADDING
        if self.collapsed:
            h = style.COLLAPSED_HEIGHT
            return QRectF(-w / 2, -h / 2, w + self._room, h)
        half = (self.units - 1) * self.neuron_spacing() / 2 + self.radius() + style.CARD_PADDING
        return QRectF(-w / 2, -half, w + self._room, 2 * half + self._side_room)

    def name_rect(self) -> QRectF:
        fm = QFontMetricsF(self.text_font(NAME_POINTS, bold=True))
        w = max(fm.horizontalAdvance(self.name) + 8, 40)
        card = self.card_rect()
        return QRectF(card.center().x() - w / 2, card.top() - fm.height() - 6, w, fm.height() + 2)

    def info_rect(self) -> QRectF:
        fm = QFontMetricsF(self.text_font(INFO_POINTS))
        w = fm.horizontalAdvance(self.info_text()) + 8
        card = self.card_rect()
        return QRectF(card.center().x() - w / 2, card.bottom() + 4, w, fm.height() + 2)

    def target_room(self) -> float:
        """Width right of an output layer's card for each neuron's t, and from the Loss phase on
        its y − t and loss term (outside that phase the edges' numbers need the room)."""
        fm = QFontMetricsF(self.text_font(SIDE_POINTS))
        label = "½(y − t)²/3 " if self._shows_loss() else "t "
        return fm.horizontalAdvance(label + self._widest_number()) + 12

    def _shows_loss(self) -> bool:
        """Whether the step-through's Loss phase has run: y − t, the terms and L are on the canvas."""
        view_state = getattr(self.scene(), "view_state", None)
        return view_state is not None and view_state.stepping is not None and view_state.revealed("loss")

    def boundingRect(self) -> QRectF:
        rect = self.card_rect().adjusted(-3, -3, 3, 3).united(self.name_rect()).united(self.info_rect())
        if self._is_output():  # the output: room for "t …", and the loss under it
            rect = rect.adjusted(0, 0, self.target_room() + 8, 0)
            if self._shows_loss():
                rect = rect.united(self.loss_rect())
        if self._side_room and not self.collapsed:
            for k in range(self.units):
                rect = rect.united(self.zb_plate(k))
        return rect

    def shape(self) -> QPainterPath:
        """Clicks: the card, its name and info, not the room of the z and b beside it (edges run there)."""
        path = QPainterPath()
        for rect in (self.card_rect().adjusted(-3, -3, 3, 3), self.name_rect(), self.info_rect()):
            path.addRect(rect)
        return path.simplified()

    def neuron_centre(self, k: int) -> QPointF:
        """Centre of neuron k in item coordinates (the card's centre when collapsed)."""
        if self.collapsed:
            return QPointF(0, 0)
        return QPointF(0, (k - (self.units - 1) / 2) * self.neuron_spacing())

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
    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = self.card_rect()
        if self._flash:
            border = QPen(style.REFUSED, 3.5)
        elif self.isSelected():
            border = QPen(style.CARD_SELECTED, 3)
        elif self.scene() is not None and self.scene().view_state.active_layer() == self.name:
            border = QPen(self.scene().active_colour, 3)
        else:
            border = QPen(style.CARD_BORDER, 1.3)
        painter.setPen(border)
        painter.setBrush(style.CARD_FILL)
        painter.drawRoundedRect(card, 10, 10)

        painter.setPen(style.TEXT)
        painter.setFont(self.text_font(NAME_POINTS, bold=True))
        painter.drawText(self.name_rect(), Qt.AlignmentFlag.AlignCenter, self.name)
        painter.setPen(style.MUTED_TEXT)
        painter.setFont(self.text_font(INFO_POINTS))
        painter.drawText(self.info_rect(), Qt.AlignmentFlag.AlignCenter, self.info_text())
        loss = canvas_numbers.loss_lines(self.scene().view_state) if self._is_output() and \
            getattr(self.scene(), "view_state", None) is not None else []
        if loss:
            painter.save()
            self._paint_lines(painter, loss, self.loss_rect())
            painter.restore()

        if self.collapsed:
            self._paint_collapsed(painter, card)
        else:
            self._paint_neurons(painter)

    def number_plate(self, k: int) -> QRectF:
        """Where neuron k's number sits when it is beside its neuron: a plate right of the circle, in
        the card's room for numbers, as tall as the readable font (``numbers_beside``)."""
        c = self.neuron_centre(k)
        h = QFontMetricsF(self.text_font(NUMBER_POINTS)).height() + 2
        left = c.x() + self.radius() + 3
        return QRectF(left, c.y() - h / 2, max(self._room - 6, 10), h)

    def _paint_neurons(self, painter: QPainter) -> None:
        """Each neuron shows the number the view state gives (x, a or δ): inside its circle with its
        symbol small above it, or on a plate beside it (``numbers_beside``), its thumbnail in the circle."""
        r = self.radius()
        view_state = getattr(self.scene(), "view_state", None)
        beside = self._room > 0
        for k in range(self.units):
            c = self.neuron_centre(k)
            value, symbol = view_state.shown_number(self.name, k) if view_state is not None else (None, "")
            painter.setPen(QPen(style.DELTA_RING if symbol == "δ" else style.CARD_BORDER, 2.2 if symbol == "δ" else 1.4))
            painter.setBrush(style.NEURON_FILL)
            painter.drawEllipse(c, r, r)
            if view_state is not None:
                self._paint_side_numbers(painter, view_state, k)
            box = QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r)
            image = self.thumbnail(k)
            if image is not None:  # the neuron's activation (an input: its value) over the input plane
                clip = QPainterPath()
                clip.addEllipse(c, r - 1.2, r - 1.2)
                painter.save()
                painter.setClipPath(clip)
                painter.drawImage(box, image)
                mark = self.scene().thumbnail_mark(self.name, k)
                if mark is not None:  # the traced sample: its a is the number beside the neuron
                    thumbnails.paint_mark(painter, box, mark)
                painter.restore()
            text = view_state.format(value) if value is not None else (symbol or str(k))
            colour = style.sign_colour(value).darker(150) if symbol == "δ" and value else style.TEXT
            if value is None:
                colour = style.MUTED_TEXT
            if beside:
                if self.is_input and value is not None:
                    text = self.input_text(view_state, k, value, True)
                plate = self.number_plate(k)
                font = self.text_font(NUMBER_POINTS)
                plate.setWidth(max(plate.width(), QFontMetricsF(font).horizontalAdvance(text) + 6))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(255, 255, 255, 235))
                painter.drawRoundedRect(plate, 3, 3)
                painter.setFont(font)
                painter.setPen(colour)
                painter.drawText(plate, Qt.AlignmentFlag.AlignCenter, text)
                if image is None and value is not None:
                    painter.setPen(style.MUTED_TEXT)
                    painter.setFont(self.text_font(CAPTION_POINTS + 2))
                    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, view_state.neuron_caption(self.name, k, symbol))
            elif value is None:
                painter.setPen(colour)
                painter.setFont(self.text_font(8))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            else:
                # the caption (a0, x1, x₁²) small above the number, both inside the circle when they fit
                font = self.inside_font() or self.text_font(NUMBER_POINTS)
                caption_font = self.text_font(CAPTION_POINTS)
                fm, fc = QFontMetricsF(font), QFontMetricsF(caption_font)
                hn, hc = fm.height(), fc.height() - 2
                caption = view_state.neuron_caption(self.name, k, symbol) if hn + hc <= 2 * r + 2 else ""
                top = c.y() - (hn + (hc if caption else 0)) / 2
                number = QRectF(c.x() - r - 20, top + (hc if caption else 0), 2 * r + 40, hn)
                width = fm.horizontalAdvance(text)
                if width > 2 * r - 6:  # wider than the circle: a plate under it, over the circle's edge
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(QColor(255, 255, 255, 235))
                    painter.drawRoundedRect(QRectF(c.x() - width / 2 - 2, number.top(), width + 4, hn), 3, 3)
                painter.setFont(font)
                painter.setPen(colour)
                painter.drawText(number, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextDontClip, text)
                if caption:
                    painter.setPen(style.MUTED_TEXT)
                    painter.setFont(caption_font)
                    painter.drawText(QRectF(c.x() - r, top - 1, 2 * r, hc + 2), Qt.AlignmentFlag.AlignCenter, caption)

    # ------------------------------------------- numbers beside the neurons (content: canvas_numbers)
    def _is_output(self) -> bool:
        return bool(self.connections) and all(c.src_item is not self for c in self.connections)

    def _numbers_room(self) -> float:
        """Height under each neuron for its z and b (View → z and b on the Canvas), 0 when not shown:
        two text rows inside the card (one, z = Σ w·a, for a layer without bias), so they never take
        the room the edges' numbers need."""
        view_state = getattr(self.scene(), "view_state", None)
        shown = view_state is not None and view_state.canvas_numbers and not self.is_input and not self.collapsed
        rows = 2 if self.bias_enabled else 1
        return rows * QFontMetricsF(self.text_font(SIDE_POINTS)).height() + 6 if shown else 0.0

    def zb_plate(self, k: int) -> QRectF:
        """Where neuron k's z and b are written: under its circle, centred on the card (wider than the
        card when the readable font needs it)."""
        card = self.card_rect()
        fm = QFontMetricsF(self.text_font(SIDE_POINTS))
        view_state = getattr(self.scene(), "view_state", None)
        updating = view_state is not None and view_state.stepping is not None and view_state.stepping.phase == "update"
        label = "old b " if updating else "z "  # Update writes the bias's old and new value
        width = max(card.width() - 6, fm.horizontalAdvance(label + self._widest_number()) + 8)
        top = self.neuron_centre(k).y() + self.radius() + 2
        return QRectF(card.center().x() - width / 2, top, width, self._side_room - 2)

    def occupied_rects(self) -> list[QRectF]:
        """Where no edge number may sit (item coordinates): the card, its name and info line, the z and
        b under the neurons when shown, right of an output its targets, and the loss once written."""
        card = self.card_rect()
        rects = [card, self.name_rect(), self.info_rect()]
        if self._side_room and not self.collapsed:
            rects += [self.zb_plate(k) for k in range(self.units)]
        if self._is_output():
            rects.append(QRectF(card.right(), card.top(), self.target_room() + 8, card.height()))
            view_state = getattr(self.scene(), "view_state", None)
            if view_state is not None and canvas_numbers.loss_lines(view_state):
                rects.append(self.loss_rect())
        return rects

    def loss_rect(self) -> QRectF:
        """Right of the output layer, under the last neuron's t, y − t and term: L and how the terms add
        up, two rows (lower when a z and b plate or the info line, wider than the card, reach into the column)."""
        fm = QFontMetricsF(self.text_font(SIDE_POINTS))
        view_state = getattr(self.scene(), "view_state", None)
        lines = canvas_numbers.loss_lines(view_state) if view_state is not None else []
        card = self.card_rect()
        last = self.units - 1 if not self.collapsed else 0
        above = len(canvas_numbers.target_lines(view_state, self.name, last)) if view_state is not None else 0
        top = self.neuron_centre(last).y() + fm.height() * max(above, 3) / 2 + 2
        width = max([self.target_room()] + [fm.horizontalAdvance(f"{label} {text}") + 4 for label, text in lines])
        rect = QRectF(card.right() + 6, top, width, 2 * fm.height())
        below = [self.info_rect()] + ([self.zb_plate(k) for k in range(self.units)] if self._side_room else [])
        for other in sorted(below, key=QRectF.top):  # a z and b plate or the info line wider than the card
            if rect.intersects(other):
                rect.moveTop(other.bottom() + 2)
        return rect

    def _paint_side_numbers(self, painter: QPainter, view_state, k: int) -> None:
        """t, y − t and the loss term right of an output neuron; z and b under a computing neuron."""
        c = self.neuron_centre(k)
        card = self.card_rect()
        row = QFontMetricsF(self.text_font(SIDE_POINTS)).height()
        painter.save()
        lines = canvas_numbers.target_lines(view_state, self.name, k)
        if lines:
            self._paint_lines(painter, lines, QRectF(card.right() + 6, c.y() - row * len(lines) / 2,
                                                     self.target_room(), row * len(lines)))
        lines = canvas_numbers.zb_lines(view_state, self.name, k) if self._side_room else []
        if lines:
            plate = self.zb_plate(k)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(255, 255, 255, 225))
            painter.drawRoundedRect(plate, 3, 3)
            self._paint_lines(painter, lines, plate.adjusted(3, 2, -2, -2))
        painter.restore()

    def _paint_lines(self, painter: QPainter, lines, rect: QRectF) -> None:
        """(label, number) lines, one text row each in ``rect``: the label muted, the number in text colour."""
        painter.setFont(self.text_font(SIDE_POINTS))
        fm = QFontMetricsF(painter.font())
        for n, (label, text) in enumerate(lines):
            row = QRectF(rect.left(), rect.top() + fm.height() * n, rect.width(), fm.height())
            painter.setPen(style.MUTED_TEXT)
            painter.drawText(row, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            painter.setPen(style.TEXT)
            painter.drawText(row.adjusted(fm.horizontalAdvance(label + " "), 0, 0, 0),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextDontClip, text)

    def neuron_tooltip(self, k: int) -> str:
        """Every number of neuron k, each named (the canvas shows one of them)."""
        view_state = getattr(self.scene(), "view_state", None)
        numbers = view_state.neuron(self.name, k) if view_state is not None else None
        lines = [f"{self.name}[{k}]"]
        if numbers is None:
            return lines[0] + ": no input traced (the network needs a dataset that fits it)"
        fmt = view_state.format
        lines.append(f"for {view_state.traced_description()}:")
        if self.is_input:
            lines.append(f"x = {fmt(numbers.a)} (the input value)")
            return "\n".join(lines)
        lines.append(f"z = {fmt(numbers.z)} (weighted sum of the inputs + bias)")
        lines.append(f"a = f(z) = {self.activation}(z) = {fmt(numbers.a)} (the neuron's output)")
        lines.append(f"b = {fmt(numbers.bias)} (bias)" if numbers.bias is not None else "no bias")
        if numbers.target is not None:
            lines.append(f"t = {fmt(numbers.target)} (the target)")
        if numbers.delta is not None:
            lines.append(f"δ = dL/dz = {fmt(numbers.delta)}")
        lines.append("Double-click to set the bias." if numbers.bias is not None else "")
        return "\n".join(line for line in lines if line)

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
            for connection in self.connections:
                connection.adjust()
        return super().itemChange(change, value)

    def flash_refused(self, ms: int = 900) -> None:
        """Show a red border for a moment (a refused connection)."""
        self._flash = True
        self.update()
        QTimer.singleShot(ms, self._end_flash)

    def _end_flash(self) -> None:
        try:
            self._flash = False
            self.update()
        except RuntimeError:  # the item was deleted meanwhile
            pass
