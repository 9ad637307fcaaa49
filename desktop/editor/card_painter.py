"""How a layer card paints its numbers each frame, cheaply (``LayerItem.paint``).

Every Step repaints every card, but a card's geometry does not follow its numbers, so:

* ``CardPlan``: per layer, the fonts and their metrics and every neuron's places (its circle and
  the clip of its thumbnail, its number's plate beside it, its z and b plate, its target plate or
  the column right of the card). **Cached** on the item (``LayerItem.card_plan``) for one
  ``LayerNumbers.numbers_key()`` (the view state's sizes revision — digits, traced sample, phase,
  what is shown —, the zoom, the layer's name, units, activation, bias, connections) and the sizes
  ``LayerItem.relayout`` took (``_room``, ``_side_room``, ``_grow``, ``_card_extra``): any of them
  changing makes a new plan at the next paint.
* ``Stamp``: what changes seldom — the light plates, the labels ("z", "b", "t", "y − t", …), the
  captions ("a0", "x₀²") and an input layer's thumbnails (the scene keeps their images while the
  data's plane stays; a hidden neuron's changes with every step and is drawn each frame) — painted
  once into an image at the device's resolution and copied each frame. **Cached** while the list
  of what it shows (every plate's rect, every label's text, font and place, every thumbnail's image
  and dot) and the device transform (scale, sub-pixel offset) stay equal: that list is made again
  every paint from the plan and the view state, so a new label, a widened plate or a moved dot
  shows at once.
* The numbers, which change every step, are drawn every frame at a point (``text_at``): where Qt's
  aligned ``drawText`` puts them, without its layout work (pixel-identical; see the tests).

An op is ``("t", font, colour, x, baseline, text)`` (text at a point) or ``("r", font, colour, (x,
y, w, h), flags, text)`` (Qt's aligned drawText, when the text would not fit its rect and Qt clips
it) or ``("p", x, y, w, h, plate)`` (a rounded plate, ``PLATES``) or ``("i", x, y, w, h, image,
mark, clip)`` (a neuron's thumbnail in its circle, with the traced sample's dot: ``thumbnails.paint_mark``);
fonts are indices into ``CardPlan.fonts`` (colours are QColors).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEngine, QPainterPath, QPen, QTransform

from desktop import canvas_numbers

from . import style, thumbnails
from .caption_fit import (DIGITS, INDEX_DROP, INDEX_GAP, SUBSCRIPTS, SYMBOL_SCALE, caption_room,
                          feature_ink_in_circle, is_feature)
from .layer_numbers import CAPTION_POINTS, NUMBER_POINTS, PLATE, SIDE_POINTS

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter
#: the fonts of a plan, by index: a neuron's number beside it, inside it, the captions inside a circle
#: (above a number, or alone when the number is beside), an empty neuron's symbol, the z and b lines,
#: and the symbols of the two captions (a, δ, x: ``SYMBOL_SCALE`` times their index's size)
NUMBER, INSIDE, CAPTION, CAPTION_ALONE, EMPTY, SIDE, SYMBOL, SYMBOL_ALONE = range(8)
#: the largest stamp (device pixels) kept as an image; a card zoomed in further is painted directly
MAX_STAMP_PIXELS = 4_000_000


def text_at(entry, rect: tuple, flags, text: str, font: int, colour, dont_clip: bool = False,
            advance: float | None = None) -> tuple:
    """The op drawing ``text`` in ``rect`` (x, y, w, h) with ``flags`` (``LEFT`` or ``CENTRE``) as Qt's
    ``drawText(rect, flags, text)`` does: vertically centred on the font's ascent + descent, left or
    centred on its advance; Qt's own call (an "r" op) when the text is larger than the rect and Qt
    would clip it (``dont_clip`` False). ``entry``: the font's ``font_entry``; ``font``: its index in
    the ops' fonts."""
    x, y, w, h = rect
    _, fm, ascent, height = entry
    centre = flags is CENTRE
    if advance is None and (centre or not dont_clip):
        advance = fm.horizontalAdvance(text)
    if not dont_clip and (advance > w or height > h):
        return ("r", font, colour, rect, flags, text)
    left = x + (w - advance) / 2 if centre else x
    # Qt's text layout takes the line's place in 26.6 fixed point (QFixed::fromReal truncates), then adds the ascent
    return ("t", font, colour, math.trunc(left * 64) / 64, math.trunc((y + (h - height) / 2) * 64) / 64 + ascent, text)


def font_entry(font) -> tuple:
    """(font, its metrics, ascent, ascent + descent): what ``text_at`` and ``paint_ops`` read of a font
    (kept per family, size and weight, as ``style.metrics``)."""
    key = (font.family(), font.pointSizeF(), font.bold())
    found = _ENTRIES.get(key)
    if found is None:
        if len(_ENTRIES) > 256:
            _ENTRIES.clear()
        fm = style.metrics(font)
        found = _ENTRIES[key] = (font, fm, fm.ascent(), fm.ascent() + fm.descent())
    return found


_ENTRIES: dict[tuple, tuple] = {}


def paint_ops(painter: QPainter, ops, fonts) -> None:
    """Draw ``ops`` (see the module) in order, setting the font and the pen only when they change."""
    font = pen = None
    for op in ops:
        kind = op[0]
        if kind == "i":
            painter.save()
            painter.setClipPath(op[7])
            rect = QRectF(op[1], op[2], op[3], op[4])
            painter.drawImage(rect, op[5])
            if op[6] is not None:
                thumbnails.paint_mark(painter, rect, op[6])
            painter.restore()
            continue
        if kind == "p":
            plate_pen, brush, radius = PLATES[op[5]]
            if pen is not plate_pen:
                painter.setPen(plate_pen)
                pen = plate_pen
            painter.setBrush(brush)
            painter.drawRoundedRect(QRectF(op[1], op[2], op[3], op[4]), radius, radius)
            continue
        if op[1] != font:
            font = op[1]
            painter.setFont(fonts[font][0])
        if op[2] is not pen:
            pen = op[2]
            painter.setPen(pen)
        if kind == "t":
            painter.drawText(QPointF(op[3], op[4]), op[5])
        else:
            painter.drawText(QRectF(*op[3]), op[4], op[5])


#: the white plate under a neuron's own number (the z and b plates are ``layer_numbers.PLATE``)
NUMBER_PLATE = QColor(255, 255, 255, 235)
#: the plates an op may draw, by name: (pen, brush, corner radius) (ops stay plain tuples, compared cheaply):
#: under z and b, under a neuron's number, under an edge's number (with a faint frame; a dark one when selected)
ZB, UNDER_NUMBER, EDGE, EDGE_SELECTED = "zb", "number", "edge", "edge selected"
PLATES = {ZB: (Qt.PenStyle.NoPen, PLATE, 3), UNDER_NUMBER: (Qt.PenStyle.NoPen, NUMBER_PLATE, 3),
          EDGE: (QPen(QColor(0, 0, 0, 50), 0.8), QColor(255, 255, 255, 240), 4),
          EDGE_SELECTED: (QPen(style.SELECTED, 2.0), QColor(255, 255, 255, 240), 4)}


class CardPlan:
    """Fonts and places of one layer card's numbers (see the module; made by ``LayerItem.card_plan``).

    ``neurons[k]``: (centre x, centre y, circle box (x, y, w, h), thumbnail clip QPainterPath, number
    plate (x, y, w, h) beside the circle, z-and-b plate or None, target plate or None, the x where the
    target lines right of the card start); ``fonts[i]``: ``font_entry``; ``stamp``: the card's ``Stamp``."""

    def __init__(self, item, key):
        self.key = key
        number = item.text_font(NUMBER_POINTS)
        inside = item.inside_font() if not item.collapsed else None
        captions = item.text_font(CAPTION_POINTS), item.text_font(CAPTION_POINTS + 2)
        fonts = [number, inside or number, *captions, item.text_font(8), item.text_font(SIDE_POINTS),
                 *(style.font(caption.pointSizeF() * SYMBOL_SCALE) for caption in captions)]
        self.fonts = [font_entry(font) for font in fonts]
        self.advances: dict[tuple[int, str], float] = {}  # (font, label or caption) → its advance
        self.captions: dict[tuple[int, str], str] = {}  # (neuron, symbol) → its caption
        self.radius = r = item.radius()
        self.scale = getattr(item.scene(), "view_scale", None) or 1.0  # the zoom the plan is made for
        self.beside = item._room > 0
        self.is_input, self.name = item.is_input, item.name
        side = self.fonts[SIDE][1]
        self.row = side.height()
        self.label_room: dict[str, float] = {}  # "z" → advance of "z " in the side font
        self.targets_under = item.targets_under()
        self.side_room = item._side_room
        self.target_room = item.target_room() if item._is_output() else 0.0
        card = item.card_rect()
        self.neurons = []
        for k in range(0 if item.collapsed else item.units):
            c = item.neuron_centre(k)
            clip = QPainterPath()
            clip.addEllipse(c, r - 1.2, r - 1.2)
            plate = item.number_plate(k)
            zb = item.zb_plate(k).getRect() if self.side_room else None
            target = item.target_plate(k).getRect() if self.side_room and self.targets_under else None
            self.neurons.append((c.x(), c.y(), (c.x() - r, c.y() - r, 2 * r, 2 * r), clip, plate.getRect(), zb, target,
                                 card.right() + item.target_gap()))
        self.stamp = Stamp()

    def label_advance(self, label: str) -> float:
        """The advance of ``label`` and a space in the side font (where a line's number starts)."""
        found = self.label_room.get(label)
        if found is None:
            found = self.label_room[label] = self.fonts[SIDE][1].horizontalAdvance(label + " ")
        return found

    def caption(self, view_state, k: int, symbol: str) -> str:
        """Neuron k's caption for ``symbol`` (``ViewState.neuron_caption``: "a0", "x₀²"), kept for the plan:
        it follows the layer's name and input features, and any edit of them makes a new plan."""
        key = (k, symbol)
        found = self.captions.get(key)
        if found is None:
            found = self.captions[key] = view_state.neuron_caption(self.name, k, symbol)
        return found

    @staticmethod
    def _pair(font: int) -> tuple[int, int]:
        """(the symbol's font, the index's font) of a caption written for ``font``: in a circle above its
        number (``CAPTION``) or alone (``CAPTION_ALONE``), a larger symbol; beside an input's value
        (``NUMBER``), the symbol as large as the value and the index in the caption's digits."""
        return {CAPTION: (SYMBOL, CAPTION), CAPTION_ALONE: (SYMBOL_ALONE, CAPTION_ALONE)}.get(font, (font, CAPTION))

    def index_drop(self, font: int) -> float:
        """How far below the symbol's baseline a caption's index is written (``caption_ops``)."""
        return self.fonts[self._pair(font)[1]][2] * INDEX_DROP

    def caption_height(self, font: int) -> float:
        """The height a caption in ``font`` takes: its symbol's ascent, the index's drop under its
        baseline and a pixel (a symbol and its digits have no descent)."""
        return self.fonts[self._pair(font)[0]][2] + self.index_drop(font) + 1

    def caption_ops(self, font: int, rect: tuple, caption: str) -> list:
        """The ops of a neuron's caption centred in ``rect`` (x, y, w, h), muted: "δ₀" as a δ and, lowered
        by ``index_drop``, its index in digits of their own (``_pair``: in a circle the symbol is
        ``SYMBOL_SCALE`` times larger than ``font``; the font's own subscript digits are too small to
        read at the canvas's smallest text, and "δ0" on one line reads "60"); any other caption
        (x₀², x₀x₁, sin x₁) as it is, in ``font``."""
        head = caption.rstrip(SUBSCRIPTS)
        if is_feature(caption):
            return [text_at(self.fonts[font], rect, CENTRE, caption, font, style.MUTED_TEXT,
                            advance=self.advance(font, caption))]
        index = caption[len(head):].translate(DIGITS)
        x, y, w, h = rect
        if font == CAPTION_ALONE and self._caption_width(font, head, index) > w - 2:
            font = CAPTION  # the smaller caption, when the larger one would run over the circle's edge
        symbol, digits = self._pair(font)
        wide = self.advance(symbol, head)
        width, height = self._caption_width(font, head, index), self.caption_height(font)
        left, top = x + (w - width) / 2, y + (h - height) / 2
        baseline = top + self.fonts[symbol][2]
        return [("t", symbol, style.MUTED_TEXT, left, baseline, head),
                ("t", digits, style.MUTED_TEXT, left + wide + self.fonts[digits][2] * INDEX_GAP,
                 baseline + self.index_drop(font), index)]

    def caption_fits(self, font: int, caption: str, box: tuple) -> bool:
        """Whether ``caption`` written for ``font`` fits a circle's ``box`` (x, y, w, h) at the zoom the plan
        was made for: its width within the circle's, and a symbol's ascent within its height (the lowered
        index may reach the rim, as δ₀'s 0 does in a small circle; a circle smaller than that takes none)."""
        if self.caption_width(font, caption) > box[2]:
            return False
        if is_feature(caption):
            return feature_ink_in_circle(self.fonts[font][1], caption, box[2] / 2, self.scale)
        return self.fonts[self._pair(font)[0]][2] <= box[3] - 2

    def caption_width(self, font: int, caption: str) -> float:
        """How wide ``caption_ops`` writes ``caption`` for ``font`` (when it has the room)."""
        if is_feature(caption):
            return self.advance(font, caption)
        head = caption.rstrip(SUBSCRIPTS)
        return self._caption_width(font, head, caption[len(head):].translate(DIGITS))

    def _caption_width(self, font: int, head: str, index: str) -> float:
        """The width of a caption written by ``caption_ops``: symbol, gap, index."""
        symbol, digits = self._pair(font)
        return self.advance(symbol, head) + self.fonts[digits][2] * INDEX_GAP + self.advance(digits, index)

    def advance(self, font: int, text: str) -> float:
        """The advance of a label or caption (they repeat; numbers are measured where drawn)."""
        key = (font, text)
        found = self.advances.get(key)
        if found is None:
            if len(self.advances) > 512:
                self.advances.clear()
            found = self.advances[key] = self.fonts[font][1].horizontalAdvance(text)
        return found

    def line_ops(self, lines, x: float, top: float, width: float, muted: list, numbers: list) -> None:
        """(label, number) lines, one side-font row each from ``top``: the label muted (into ``muted``),
        the number in text colour after it (into ``numbers``), as ``LayerNumbers`` writes them."""
        entry = self.fonts[SIDE]
        row = self.row
        for n, (label, text) in enumerate(lines):
            rect = (x, top + row * n, width, row)
            muted.append(text_at(entry, rect, LEFT, label, SIDE, style.MUTED_TEXT, advance=self.advance(SIDE, label)))
            shift = self.label_advance(label)
            numbers.append(text_at(entry, (x + shift, rect[1], width - shift, row), LEFT, text, SIDE, style.TEXT,
                                   dont_clip=True))


class Stamp:
    """A picture of seldom-changing ops at the device's resolution (see the module): as large as the
    ops reach (``op_bounds``), painted again when the ops, the zoom or the sub-pixel offset change."""

    def __init__(self):
        self.look = None  # (ops, the transform's scale, the device's pixel ratio) the image shows
        self.bounds = QRectF()  # where the ops reach (item coordinates)
        self.offset = (0.0, 0.0)  # the transform's offset from the image's corner (sub-pixel)
        self.image: QImage | None = None

    def paint(self, painter: QPainter, ops: tuple, fonts) -> None:
        """Copy the picture of ``ops`` (painting it again first when they or the zoom changed)."""
        if not ops:
            return
        world = painter.worldTransform()
        if world.isRotating() or not world.isAffine() or not _plain_raster(painter):
            paint_ops(painter, ops, fonts)  # a rotated view, a printer, a painter that records what it draws
            return
        dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        t = world * QTransform.fromScale(dpr, dpr)  # item → the device's pixels (from the widget's corner)
        look = (ops, t.m11(), t.m22(), dpr)
        new = look != self.look
        if new:
            self.bounds = op_bounds(ops, fonts)
        dev = t.mapRect(self.bounds)
        ix, iy = math.floor(dev.left()), math.floor(dev.top())
        offset = (t.dx() - ix, t.dy() - iy)
        if new or offset != self.offset:
            w, h = math.ceil(dev.right()) - ix + 1, math.ceil(dev.bottom()) - iy + 1
            if w * h > MAX_STAMP_PIXELS:
                self.look = None
                paint_ops(painter, ops, fonts)
                return
            self.image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
            self.image.fill(0)
            p = QPainter(self.image)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setTransform(t * QTransform.fromTranslate(-ix, -iy))
            paint_ops(p, ops, fonts)
            p.end()
            self.image.setDevicePixelRatio(dpr)
            self.look, self.offset = look, offset
        painter.save()
        painter.setWorldTransform(QTransform())
        painter.drawImage(QPointF(ix / dpr, iy / dpr), self.image)
        painter.restore()


def op_bounds(ops, fonts) -> QRectF:
    """Where ``ops`` paint (item coordinates), with a margin for antialiased edges and pens."""
    rect = QRectF()
    for op in ops:
        if op[0] in ("p", "i"):
            rect = rect.united(QRectF(*op[1:5]))
        elif op[0] == "r":
            rect = rect.united(QRectF(*op[3]))
        else:
            fm = fonts[op[1]][1]
            rect = rect.united(QRectF(op[3], op[4] - fm.ascent(), fm.horizontalAdvance(op[5]), fm.height()))
    return rect.adjusted(-3, -3, 3, 3)


def paint_card_numbers(item, painter: QPainter, view_state) -> None:
    """Paint ``item``'s numbers (a ``LayerItem``; ``view_state`` may be None): the loss under an
    output card, the stamp of plates, labels and captions, each neuron's thumbnail and its number;
    in the order ``LayerNumbers`` describes (nothing drawn later overlaps what it covers)."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    plan = item.card_plan()
    fonts = plan.fonts
    if view_state is not None and item._is_output():
        loss = canvas_numbers.loss_lines(view_state)
        if loss:
            rect = item.loss_rect()
            labels: list = []
            numbers: list = []
            plan.line_ops(loss, rect.x(), rect.y(), rect.width(), labels, numbers)
            paint_ops(painter, [op for pair in zip(labels, numbers) for op in pair], fonts)
    muted: list = []  # plates, labels and captions: the stamp
    numbers = []
    thumbs = []
    name, r = item.name, plan.radius
    hidden = item.values_hidden()  # no room for them at this zoom: the tooltip names them
    for k, (cx, cy, box, clip, plate, zb, target, column) in enumerate(plan.neurons):
        value, symbol = view_state.shown_number(name, k) if view_state is not None else (None, "")
        if view_state is not None and not hidden:
            _side_ops(plan, view_state, name, k, cy, zb, target, column, muted, numbers)
        image = item.thumbnail(k)
        if image is not None:
            thumbs.append((k, box, clip, image))
        if hidden:
            continue
        text = (symbol or str(k)) if value is None else canvas_numbers.input_feature_text(view_state, name, k, value) \
            if plan.is_input else view_state.format(value)
        if value is None:
            colour = style.MUTED_TEXT
        elif symbol == "δ" and value:
            colour = darker_sign(value)
        else:
            colour = style.TEXT
        if plan.beside:
            circle = None  # the caption in the circle, whole or not at all: (its font, its text)
            if image is None and value is not None and (not plan.is_input or item.names_fit_circles()):
                caption = plan.caption(view_state, k, symbol)
                circle = next(((f, caption) for f in (CAPTION_ALONE, CAPTION) if plan.caption_fits(f, caption, box)),
                              None)
            if plan.is_input and value is not None and circle is None:  # "x₀ 1.5", as LayerNumbers.input_text
                caption = plan.caption(view_state, k, "x")  # writes it, its name a caption
                named = plan.caption_width(NUMBER, caption) + 2
                space, advance = plan.advance(NUMBER, " "), fonts[NUMBER][1].horizontalAdvance(text)
                rect = (plate[0], plate[1], max(plate[2], named + space + advance + 6), plate[3])
                muted.append(("p", *rect, UNDER_NUMBER))
                left = rect[0] + (rect[2] - named - space - advance) / 2
                muted += plan.caption_ops(NUMBER, (left, rect[1], named, rect[3]), caption)
                numbers.append(text_at(fonts[NUMBER], (left + named + space, rect[1], advance, rect[3]), LEFT, text,
                                       NUMBER, colour, dont_clip=True, advance=advance))
            else:
                advance = fonts[NUMBER][1].horizontalAdvance(text)
                rect = (plate[0], plate[1], max(plate[2], advance + 6), plate[3])
                muted.append(("p", *rect, UNDER_NUMBER))
                numbers.append(text_at(fonts[NUMBER], rect, CENTRE, text, NUMBER, colour, advance=advance))
            if circle is not None:
                muted += plan.caption_ops(circle[0], box, circle[1])
        elif value is None:
            numbers.append(text_at(fonts[EMPTY], box, CENTRE, text, EMPTY, colour))
        else:  # the caption (a0, x1, x₀²) small above the number, both inside the circle when they fit
            fm = fonts[INSIDE][1]
            hn, hc = fm.height(), caption_room(fm, plan.caption_height(CAPTION))
            caption = plan.caption(view_state, k, symbol) if hn + hc <= 2 * r + 2 else ""
            top = cy - (hn + (hc if caption else 0)) / 2
            number_top = top + (hc if caption else 0)
            width = fm.horizontalAdvance(text)
            if width > 2 * r - 6:  # wider than the circle: a plate under it, over the circle's edge
                muted.append(("p", cx - width / 2 - 2, number_top, width + 4, hn, UNDER_NUMBER))
            numbers.append(text_at(fonts[INSIDE], (cx - r - 20, number_top, 2 * r + 40, hn), CENTRE, text, INSIDE,
                                   colour, dont_clip=True, advance=width))
            if caption:
                muted += plan.caption_ops(CAPTION, (cx - r, top, 2 * r, plan.caption_height(CAPTION)), caption)
    if thumbs:  # each neuron's activation (an input: its value) over the input plane, the traced sample's dot
        scene = item.scene()
        thumbs = [("i", *box, image, scene.thumbnail_mark(name, k), clip) for k, box, clip, image in thumbs]
        if plan.is_input:  # an input's picture stays while the data's plane does: it joins the stamp
            muted += thumbs
            thumbs = []
    plan.stamp.paint(painter, tuple(muted), fonts)
    if thumbs:
        paint_ops(painter, thumbs, fonts)
    paint_ops(painter, numbers, fonts)


def _plain_raster(painter: QPainter) -> bool:
    """Whether ``painter`` is Qt's own painter on pixels (a window, an image): a stamp is a copy of
    pixels, so a printer, an SVG, or a painter that records the texts drawn gets the ops themselves."""
    engine = painter.paintEngine()
    return type(painter) is QPainter and engine is not None and engine.type() == QPaintEngine.Type.Raster


#: the least room (px on screen) between a z-and-b or target plate's left edge and its text
SIDE_INSET_PX = 1.5


def _side_ops(plan: CardPlan, view_state, name: str, k: int, cy: float, zb, target, column: float,
              muted: list, numbers: list) -> None:
    """t, y − t and the loss term under or right of an output neuron; z and b under a computing neuron."""
    inset = max(3.0, SIDE_INSET_PX / plan.scale)  # (at a laptop's zoom 3 scene units were a pixel from the border)
    lines = canvas_numbers.target_lines(view_state, name, k)
    if lines and target is not None:
        muted.append(("p", *target, ZB))
        plan.line_ops(lines, target[0] + inset, target[1] + 2, target[2] - inset - 2, muted, numbers)
    elif lines:
        rows = canvas_numbers.target_rows(view_state, name, k)  # centred as the last phase centres them
        plan.line_ops(lines, column, cy - plan.row * rows / 2, plan.target_room, muted, numbers)
    lines = canvas_numbers.zb_lines(view_state, name, k) if zb is not None else []
    if lines:
        muted.append(("p", *zb, ZB))
        plan.line_ops(lines, zb[0] + inset, zb[1] + 2, zb[2] - inset - 2, muted, numbers)


def darker_sign(value: float, factor: int = 150) -> QColor:
    """The sign's colour darkened (a δ written on a neuron, an edge's number; kept: a few colours)."""
    key = ((value > 0) - (value < 0), factor)
    if key not in _DARKER:
        _DARKER[key] = style.sign_colour(value).darker(factor)
    return _DARKER[key]


_DARKER: dict[tuple[int, int], QColor] = {}
