"""Where a layer card writes its numbers, and in which font: a mixin of ``LayerItem``.

* **Each neuron's number** (x, a or δ, as ``ViewState.shown_number`` gives it): inside its
  circle in the largest font from ``NUMBER_POINTS`` down to ``MIN_INSIDE_POINTS`` in which the
  widest number fits (``inside_font``), never under the canvas's on-screen minimum
  (``scene.text_font``); otherwise, or when a neuron shows a thumbnail, on a plate right of the
  circle (``numbers_beside``, ``number_plate``), in the card's room for numbers.
* **Beside the neurons** (their content comes from ``desktop.canvas_numbers``): z and b under
  each computing neuron (``zb_plate``; old and new b in Update), an output's t, y − t and loss
  term under its z and b (``target_plate``; right of the card, ``target_room``, when z and b are
  hidden) and the loss L under the card (``loss_rect``) from the
  Loss phase on; their room is kept from the step-through's start (``canvas_numbers.target_rows``,
  ``loss_rect``), so the cards stay put while the student presses F8. ``occupied_rects`` tells the
  edges where their numbers may not sit.
* **The tooltip** of a neuron names every number of it.

The mixin reads the item's ``scene()`` (its ``view_state`` and ``text_font``), ``units``,
``is_input``, ``collapsed``, ``connections``, ``activation``, its geometry (``card_rect``,
``neuron_centre``, ``radius``, ``info_rect``) and ``_room`` / ``_side_room`` (the widths and
heights ``LayerItem.relayout`` took for the numbers). ``card_painter`` paints what these methods
place (its ``CardPlan`` reads them once per view).
"""

from __future__ import annotations

import functools
import math

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from desktop import canvas_numbers
from desktop.view_numbers import nothing_traced_reason

from . import caption_fit, style, target_place
from .card_parts import PortItem

#: the points of a neuron's number at zoom 1, of its name and info line, of an output's target "t 0.6"
NUMBER_POINTS, NAME_POINTS, INFO_POINTS, CAPTION_POINTS = 9.5, 10.0, 8.5, 6.5
#: a number inside its neuron may be written this small (and never under the on-screen minimum)
MIN_INSIDE_POINTS = 7.5
#: the most a neuron's circle grows (its diameter, scene units) to hold its number inside its rim (``value_grow``):
#: to 2.5 times ``style.NEURON_RADIUS``
MAX_VALUE_GROW = 3 * 22.0
#: the light plate under a neuron's z and b (and t): white, the card showing through a little
PLATE = QColor(255, 255, 255, 225)
#: the points of the lines by a neuron (z and b under it; t, y − t and the loss term right of an output)
SIDE_POINTS = 8.0
#: from the output port's edge (the blue handle of radius ``PortItem.RADIUS`` centred on the card's top
#: right corner) to the target lines right of an output, in pixels on screen (``target_gap``)
TARGET_GAP_PX = 4.0
#: room kept between an input's "x₀ 6.8" and where its edges leave the card, in pixels on screen
ROOM_PX = 3.0
#: an output of at most this many neurons may write each one's t, y − t and loss term under it (``targets_under``)
TARGETS_UNDER_UP_TO = 2


def kept_per_view(method):
    """Keep ``method``'s answer while the view state, the zoom and the layer stay as they were
    (``LayerNumbers.numbers_key``): the card's sizes are asked for many times in one frame."""
    name = method.__name__

    @functools.wraps(method)
    def kept(self, *args, **kwargs):
        key = self.numbers_key()
        if self._kept_for != key:
            self._kept_for, self._kept = key, {}
        slot = (name, args, tuple(kwargs.items()))
        if slot not in self._kept:
            self._kept[slot] = method(self, *args, **kwargs)
        return self._kept[slot]
    return kept


def _inside_size(widest: str, smallest: float, width: float) -> float | None:
    """The largest point size from ``NUMBER_POINTS`` down to ``smallest`` (steps of 0.25) in which
    ``widest`` is at most ``width`` wide; None when none is (kept: asked several times a frame)."""
    key = (widest, smallest, width)
    if key not in _INSIDE_SIZES:
        if len(_INSIDE_SIZES) > 256:
            _INSIDE_SIZES.clear()
        found, size = None, max(NUMBER_POINTS, smallest)
        while size >= smallest - 1e-9:
            if style.metrics(style.font(size)).horizontalAdvance(widest) <= width:
                found = size
                break
            size -= 0.25
        _INSIDE_SIZES[key] = found
    return _INSIDE_SIZES[key]


_INSIDE_SIZES: dict[tuple[str, float, float], float | None] = {}


class LayerNumbers:
    """The numbers of a ``LayerItem``: their fonts, their places and their painting (see the module).

    The item's ``__init__`` sets ``_kept_for = None``, ``_kept = {}`` (see ``kept_per_view``),
    ``_occupied = (None, [])`` (``occupied_rects``) and ``_rows_under = False`` (``targets_under``)."""

    def numbers_key(self) -> tuple:
        """What the sizes of the card's numbers follow: the view state's sizes revision (the digits, the
        traced sample, the phase, what is shown; not new weights), whether thumbnails show (they need
        maps of the weights shown), the zoom, and the layer's own structure."""
        scene = self.scene()
        view_state = getattr(scene, "view_state", None)
        return (getattr(view_state, "sizes_revision", None), view_state is not None and view_state.shows_thumbnails(),
                self._rows_under,
                getattr(scene, "view_scale", None), getattr(scene, "dpi", None), getattr(scene, "text_floor", None),
                self.values_hidden(),
                self.name, self.units, self.activation, self.bias_enabled, self.is_input, self.collapsed,
                tuple(map(id, self.connections)))

    def values_hidden(self) -> bool:
        """Whether the card writes none of its neurons' numbers (a, δ, x, z and b, the target lines): at the
        canvas's zoom they would overlap (the scene's ``values_hidden``); the tooltip names them."""
        return bool(getattr(self.scene(), "values_hidden", False)) and not self.collapsed

    def numbers_beside(self) -> bool:
        """Whether the neurons' numbers sit on a plate right of their circles: when a neuron shows a
        thumbnail (the number must not hide the map), or when no readable font fits the widest
        number inside the circle (``inside_font``); never while the values are hidden (``values_hidden``)."""
        if self.collapsed or self.values_hidden():
            return False
        view_state = getattr(self.scene(), "view_state", None)
        if view_state is not None and view_state.shows_thumbnails():
            return True
        if getattr(self.scene(), "text_floor", None) == style.ROOMY_MIN_TEXT_PX and self.rim_grow() > 0:
            return True  # Fit found the room to keep the numbers off the rims: beside, as the circles stay
        inside = self.inside_font()
        if inside is None:
            return True
        return self.is_input and not self._name_fits_inside(inside)

    def _name_fits_inside(self, inside) -> bool:
        """Whether a neuron's caption (x₀) fits in its circle above its number written in ``inside``:
        at a laptop's zoom the readable fonts outgrow the circle, and an input's values stood there
        without their names ("1", "0.5": which is x₀?), so an input then writes its value beside the
        circle, its name in it (``input_text``: or "x₀ 1" beside it when even the name does not fit)."""
        radius = style.NEURON_RADIUS + self.value_grow() / 2 if self.value_grow() else self.radius()
        return caption_fit.name_fits_over_number(inside, self.text_font(CAPTION_POINTS), radius)

    @kept_per_view
    def value_grow(self) -> float:
        """How much wider (scene units) the neurons are drawn so that the widest number sits inside the
        rim, under its caption, in the smallest inside font (``rim_grow``); 0 when it needs no more than
        ``style.NEURON_RADIUS``, when the texts are at ``style.MIN_TEXT_PX`` (a crowded network) or
        ``style.ROOMY_MIN_TEXT_PX`` (the numbers sit beside the circles: taller cards had no room), when
        the neurons show thumbnails, or when it would need more than ``MAX_VALUE_GROW`` (the number
        then sits beside its circle). Texts of the panels' size at a laptop's zoom outgrew the circles:
        written beside them they took the card's width, and the network its room."""
        scene = self.scene()
        view_state = getattr(scene, "view_state", None)
        if self.collapsed or view_state is None or view_state.shows_thumbnails() or self.values_hidden() or \
                getattr(scene, "text_floor", style.MIN_TEXT_PX) in (style.MIN_TEXT_PX, style.ROOMY_MIN_TEXT_PX):
            return 0.0
        grow = self.rim_grow()
        return grow if 0 < grow <= MAX_VALUE_GROW else 0.0

    @kept_per_view
    def rim_grow(self) -> float:
        """How much wider (scene units, ≤ 0: none) the neurons must be drawn for the widest number to sit
        inside the rim, under its caption, in the smallest inside font.
        Math: the number's line is centred hc/2 under the circle's centre (hc: the caption's room above
        it), its digits reach half their cap height c above and below it, and w/2 either side, so the
        ink's corner lies within radius r when r ≥ √((w/2 + 1)² + (hc/2 + c/2 + 1)²) + ``caption_fit.RIM``."""
        fm = style.metrics(self.text_font(MIN_INSIDE_POINTS))
        caption = self.text_font(CAPTION_POINTS)
        symbol = style.metrics(style.font(caption.pointSizeF() * caption_fit.SYMBOL_SCALE))
        hc = caption_fit.caption_room(fm, symbol.ascent() + style.metrics(caption).ascent() * caption_fit.INDEX_DROP + 1)
        w = fm.horizontalAdvance(self._widest_number())
        reach = math.hypot(w / 2 + 1, hc / 2 + fm.capHeight() / 2 + 1) + caption_fit.RIM
        radius = max(reach, (fm.height() + hc) / 2 + 1)
        return 2 * (radius - style.NEURON_RADIUS)

    def inside_font(self):
        """The largest font from ``NUMBER_POINTS`` down to ``MIN_INSIDE_POINTS`` (and never under the
        on-screen minimum) in which the widest number fits inside a neuron; None when none does. In a
        circle grown to hold it (``value_grow``), the smallest."""
        if self.value_grow():
            return self.text_font(MIN_INSIDE_POINTS)
        smallest = self.text_font(MIN_INSIDE_POINTS).pointSizeF()
        size = _inside_size(self._widest_number(), smallest, self.inside_width())
        return style.font(size) if size is not None else None

    @staticmethod
    def inside_width() -> float:
        """How wide a number written on its neuron may be: the card's width (it may run over the
        circle's edge, on a white plate)."""
        return 2 * (style.NEURON_RADIUS + style.CARD_PADDING) - 6

    @kept_per_view
    def _widest_number(self, beside: bool = False) -> str:
        """The widest text a neuron of this layer may show: an input's own values (they stay while the
        same sample is traced), any other layer's number at the canvas's digits: "−0.0000" inside a
        neuron, "−0.000000" on a plate beside it (−0.00585 at 3 digits)."""
        view_state = getattr(self.scene(), "view_state", None)
        digits = view_state.digits if view_state is not None else 4
        if self.is_input and view_state is not None and not self.collapsed:  # a collapsed card shows no number
            shown = [(k, view_state.shown_number(self.name, k)[0]) for k in range(self.units)]
            texts = [self.input_text(view_state, k, v, beside) for k, v in shown if v is not None]
            if texts:
                fm = style.metrics(style.font(NUMBER_POINTS))
                self._input_widest = max(texts, key=fm.horizontalAdvance)
            if self._input_widest is not None:  # between two traces (an edit): the last ones, the card stays
                return self._input_widest
        # a rarer −0.000123 widens its own plate
        return ("−0.00" if beside else "−0.") + "0" * digits

    def input_text(self, view_state, k: int, value: float, beside: bool) -> str:
        """An input neuron's text: beside its thumbnail with its name ("x₀² 0.0358", the map fills the
        circle), and so beside empty circles when one of the card's names does not fit its circle
        (``names_fit_circles``); inside it, or beside circles that hold their names, the value alone
        (its name is the caption in the circle)."""
        text = canvas_numbers.input_feature_text(view_state, self.name, k, value)
        if not beside or (not view_state.shows_thumbnails() and self.names_fit_circles()):
            return text
        return f"{view_state.neuron_caption(self.name, k, 'x')} {text}"

    @kept_per_view
    def names_fit_circles(self) -> bool:
        """Whether every input's name (x₀, x₀², sin x₁) fits its circle: then each circle holds its name,
        else every name is written beside its circle, one rule for the card (regularization at 1400×900
        named five inputs inside their circles and wrote "sin x₀ 0.188" beside two empty ones)."""
        view_state = getattr(self.scene(), "view_state", None)
        if view_state is None:
            return True
        scale = getattr(self.scene(), "view_scale", None) or 1.0
        font, radius = self.text_font(CAPTION_POINTS), self.radius()
        return all(caption_fit.name_fits_circle(font, view_state.neuron_caption(self.name, k, "x"), radius, scale)
                   for k in range(self.units))

    @kept_per_view
    def _number_room(self) -> float:
        """Width right of the neurons for their numbers (0: inside them): the widest number and its
        plate; an input's "x₀ 6.8" as it is painted (its index in the caption's font) and
        ``ROOM_PX`` on screen more before the edges leave the card (they struck "6.8" in exam_csv)."""
        if not self.numbers_beside():
            return 0.0
        widest = self._widest_number(beside=True)
        room = style.metrics(self.text_font(NUMBER_POINTS)).horizontalAdvance(widest) + 10
        if self.is_input and " " in widest:
            caption, text = widest.rsplit(" ", 1)
            written = caption_fit.named_value_width(self.text_font(NUMBER_POINTS), self.text_font(CAPTION_POINTS), caption, text)
            room = max(room, written + 12 + ROOM_PX / (getattr(self.scene(), "view_scale", 1.0) or 1.0))
        return room

    def number_plate(self, k: int) -> QRectF:
        """Where neuron k's number sits when it is beside its neuron: a plate right of the circle, in
        the card's room for numbers, as tall as the readable font (``numbers_beside``)."""
        c = self.neuron_centre(k)
        h = style.metrics(self.text_font(NUMBER_POINTS)).height() + 2
        left = c.x() + self.radius() + 3
        return QRectF(left, c.y() - h / 2, max(self._room - 6, 10), h)

    def target_room(self) -> float:
        """Width right of an output layer's card for each neuron's t, and from the Loss phase on
        its y − t and loss term; 0 when they are written under the neurons (``targets_under``)."""
        return 0.0 if self.targets_under() or self.values_hidden() else self.column_room()

    @kept_per_view
    def column_room(self) -> float:
        """The width the target lines take in a column right of the card (``target_room``)."""
        fm = style.metrics(self.text_font(SIDE_POINTS))
        return max(fm.horizontalAdvance(f"{label} {self._widest_line_number(label)}")
                   for label in self._target_labels()) + 12

    def target_gap(self) -> float:
        """From the card's right edge to where an output's target lines start: past the output port,
        ``TARGET_GAP_PX`` on screen beyond it at any zoom ("t 1" once sat on the port)."""
        scale = getattr(self.scene(), "view_scale", 1.0) or 1.0
        return PortItem.RADIUS + max(4.0, TARGET_GAP_PX / scale)

    def target_column_offset(self) -> float:
        """How far right of the card an output's target lines reach (``target_gap`` and ``target_room``,
        2 more for the ink), 0 when they are written under the neurons."""
        room = self.target_room()
        return self.target_gap() + room + 2 if room else 0.0

    def _widest_line_number(self, label: str) -> str:
        """The widest number a target line labelled ``label`` may write: "t" a value at the canvas's
        digits; y − t and the loss term also "≈" before it and one
        digit more below 0.1 (≈0.08339 at 4 digits: four significant digits after "0.0")."""
        if label == "t":
            return self._widest_number()
        return "≈" + self._widest_number() + "0"

    def _target_labels(self) -> list[str]:
        """The labels an output's target lines may write: "t", and in the step-through (from its start:
        the room stays while the Loss phase writes them) "y − t" and the terms this network's loss
        really writes ("(y − t)²", "−ln(1 − y)", …)."""
        labels = ["t"]
        view_state = getattr(self.scene(), "view_state", None)
        if view_state is not None and view_state.stepping is not None:
            loss = view_state.network().training.loss
            targets = [view_state.neuron(self.name, k) for k in range(self.units)]
            labels += ["y − t"] + [canvas_numbers.term_label(loss, self.units, n.target if n is not None else None)
                                   for n in targets]
        return labels

    def targets_under(self) -> bool:
        """Whether an output writes each neuron's t, y − t and loss term under it (below its z and b when
        they are shown), not in a column right of the card. One neuron always does: the edges into the
        output keep the room for their numbers, and the network its width, on a laptop's canvas (the
        column of the Loss phase made early_stopping's cards crowd each other at 1024×700). Two do
        when that lets Fit draw the network larger (``target_place``, chosen by ``choose_target_place``
        as the card is laid out); more keep the column (under each of them the card would grow too
        tall for the canvas)."""
        if not self._is_output() or self.collapsed or getattr(self.scene(), "view_state", None) is None:
            return False
        return self.units == 1 or (self.units <= TARGETS_UNDER_UP_TO and self._rows_under)

    def choose_target_place(self) -> bool:
        """Choose again where a two-neuron output writes its target lines (``target_place``) for the
        zoom and the canvas now; True when the choice changed. The step-through keeps the choice it
        started with: weighed at each zoom Fit tries, with the room of the Loss phase's lines kept,
        it flipped to a column at the lower zooms and Fit settled there (exam_csv at 1024×700 drew
        its network at 0.27 instead of 0.35, without the h → y numbers), then back in Backward."""
        if not self._is_output() or self.units != TARGETS_UNDER_UP_TO or self.collapsed:
            return False
        view_state = getattr(self.scene(), "view_state", None)
        if view_state is not None and view_state.stepping is not None:
            return False
        row = style.metrics(self.text_font(SIDE_POINTS)).height()
        under = target_place.rows_under_fit_larger(self, self.targets_under(), row)
        changed, self._rows_under = under != self._rows_under, under
        return changed

    def _zb_shown(self) -> bool:
        view_state = getattr(self.scene(), "view_state", None)
        return view_state is not None and view_state.canvas_numbers and not self.is_input and not self.collapsed \
            and not self.values_hidden()

    @kept_per_view
    def _target_rows(self) -> int:
        """How many target lines the neurons under which they are written show at most in this
        step-through (0 to 3: ``canvas_numbers.target_rows``)."""
        if not self.targets_under() or self.values_hidden():
            return 0
        view_state = self.scene().view_state
        return max([canvas_numbers.target_rows(view_state, self.name, k) for k in range(self.units)] + [0])

    def column_pitch(self) -> float:
        """The least spacing of an output's neurons whose target lines are in a column right of its card
        (0 otherwise): neuron k's n_k lines (as many as the step-through will write: ``target_rows``),
        one side-font row r each, are centred on it, so neighbours' lines stay apart when the spacing
        is at least max over k of (n_k + n_(k+1))/2 · r + 2.
        three_classes_softmax's "−ln y 1.941" ran into the next neuron's "t 0" at zoom 0.39."""
        view_state = getattr(self.scene(), "view_state", None)
        if view_state is None or not self._is_output() or self.collapsed or self.targets_under() or self.values_hidden():
            return 0.0
        counts = [canvas_numbers.target_rows(view_state, self.name, k) for k in range(self.units)]
        row = style.metrics(self.text_font(SIDE_POINTS)).height()
        return max([(a + b) / 2 * row + 2 for a, b in zip(counts, counts[1:]) if a or b] + [0.0])

    def _shows_loss(self) -> bool:
        """Whether the card keeps the room of L under it (``loss_rect``): all through the step-through,
        whose Loss phase writes it (the cards stayed put only until then: a student pressing F8 saw
        exam_csv's output card jump)."""
        view_state = getattr(self.scene(), "view_state", None)
        return view_state is not None and view_state.stepping is not None

    def _is_output(self) -> bool:
        return bool(self.connections) and all(c.src_item is not self for c in self.connections)

    @kept_per_view
    def _numbers_room(self) -> float:
        """Height under each neuron for its z and b (View → z and b on the Canvas), and under a one-neuron
        output its target lines (``targets_under``), 0 when none is shown: text rows inside the card
        (z and b two rows, one, z = Σ w·a, for a layer without bias), so they never take the room the
        edges' numbers need."""
        rows = self._zb_rows() + self._target_rows()
        return rows * style.metrics(self.text_font(SIDE_POINTS)).height() + 6 if rows else 0.0

    def _zb_rows(self) -> int:
        """The rows of z and b under each neuron: 2 (z, b), 1 (z alone: no bias), 0 when not shown; and one
        more for the δ a guided lesson asks of the layer's neurons (``_delta_row``), empty until answered."""
        rows = 1 if self._delta_row() else 0
        if not self._zb_shown():
            return rows
        return rows + (2 if self.bias_enabled else 1)

    def _delta_row(self) -> bool:
        """Whether the card keeps a row under each neuron for an answered δ (``ViewState.keeps_delta_row``)."""
        view_state = getattr(self.scene(), "view_state", None)
        return view_state is not None and not self.is_input and not self.collapsed \
            and view_state.keeps_delta_row(self.name)

    @kept_per_view
    def zb_width(self) -> float:
        """How wide the z and b under a neuron are written: the widest number after its label ("old b"
        and "new b" of Update for a layer with bias, a number below 0.1 taking one digit more:
        "new b −0.04995"; "z" alone without; an output's target lines too), so the card never changes
        with the phase (exam_csv's "new b −0.04995" reached the card's border at 1024×700)."""
        fm = style.metrics(self.text_font(SIDE_POINTS))
        widest = self._widest_number()
        if not self._zb_shown():
            lines = ["t " + widest]
        elif self.bias_enabled:
            lines = [f"{label} b {widest}0" for label in ("old", "new")]
        else:
            lines = ["z " + widest]
        if self.targets_under():
            lines += [f"{label} {self._widest_line_number(label)}" for label in self._target_labels()]
        if self._delta_row():
            lines.append("δ " + widest)
        return max(fm.horizontalAdvance(line) for line in lines) + 8

    def zb_plate(self, k: int) -> QRectF:
        """Where neuron k's z and b are written: under its circle, across the card (which is as wide
        as they need, ``LayerItem.relayout``)."""
        card = self.card_rect()
        width = max(card.width() - 6, self.zb_width())
        top = self.neuron_centre(k).y() + self.radius() + 2
        rows = self._zb_rows()
        height = rows * style.metrics(self.text_font(SIDE_POINTS)).height() + 4 if rows else 0.0
        return QRectF(card.center().x() - width / 2, top, width, min(height, self._side_room - 2))

    def target_plate(self, k: int) -> QRectF:
        """Where output neuron k's t, y − t and loss term are written when ``targets_under``: under its z and b."""
        zb = self.zb_plate(k)
        rows = self._target_rows()
        return QRectF(zb.left(), zb.bottom(), zb.width(), rows * style.metrics(self.text_font(SIDE_POINTS)).height() + 2)

    def occupied_rects(self) -> list[QRectF]:
        """Where no edge number may sit (item coordinates): the card, its output port, its name and info
        line, the z and b under the neurons when shown, right of an output its targets, and the loss
        once written (kept while the view and the sizes ``relayout`` took stay)."""
        key = (self.numbers_key(), self._room, self._side_room, self._grow, self._card_extra)
        if self._occupied[0] != key:
            self._occupied = (key, self._find_occupied_rects())
        return [QRectF(rect) for rect in self._occupied[1]]

    def _find_occupied_rects(self) -> list[QRectF]:
        card = self.card_rect()
        r = PortItem.RADIUS + 1  # the output port, centred on the card's top right corner (``LayerItem.relayout``)
        port = QRectF(card.right() - r, card.top() + 2 - r, 2 * r, 2 * r)
        rects = [card, self.name_rect(), self.info_rect(), port]
        if self._side_room and not self.collapsed:
            if self._zb_rows():
                rects += [self.zb_plate(k) for k in range(self.units)]
            if self._target_rows():
                rects += [self.target_plate(k) for k in range(self.units)]
        if self._is_output():
            if not self.targets_under():
                rects.append(QRectF(card.right(), card.top(), self.target_column_offset(), card.height()))
            if self._shows_loss():
                rects.append(self.loss_rect())
        return rects

    def loss_rect(self) -> QRectF:
        """Under the output layer's info line, from the left of its neurons (where the edges into it end,
        so an edge coming from below, a skip connection's bypass, never runs through it): L and how
        the terms add up, two rows (three with a penalty), kept from the step-through's start (the Loss
        phase writes them: ``loss_room_lines``)."""
        fm = style.metrics(self.text_font(SIDE_POINTS))
        view_state = getattr(self.scene(), "view_state", None)
        shown = canvas_numbers.loss_lines(view_state) if view_state is not None else []
        room = canvas_numbers.loss_room_lines(view_state) if view_state is not None else []
        width = max([fm.horizontalAdvance(f"{label} {text}") + 4 for label, text in shown + room] + [10.0])
        left = self.neuron_centre(0).x() - self.radius()
        return QRectF(left, self.info_rect().bottom() + 2, width, max(2, len(shown), len(room)) * fm.height())

    def neuron_tooltip(self, k: int) -> str:
        """Every number of neuron k, each named (the canvas shows one of them)."""
        view_state = getattr(self.scene(), "view_state", None)
        numbers = view_state.neuron(self.name, k) if view_state is not None else None
        lines = [f"{self.name}[{k}]"]
        if numbers is None:
            return lines[0] + f": no input traced ({nothing_traced_reason(view_state.network())})" if view_state \
                else lines[0]
        fmt = view_state.format
        lines.append(f"for {view_state.traced_description()}:")
        if self.is_input:
            lines.append(f"x = {fmt(numbers.a)} (the input value)")
            return "\n".join(lines)
        plus_bias = " + bias" if numbers.bias is not None else ""  # (a layer without a bias: none)
        lines.append(f"z = {fmt(numbers.z)} (weighted sum of the inputs{plus_bias})")
        lines.append(f"a = f(z) = {self.activation}(z) = {fmt(numbers.a)} (the neuron's output)")
        lines.append(f"b = {fmt(numbers.bias)} (bias)" if numbers.bias is not None else "no bias")
        if numbers.target is not None:
            lines.append(f"t = {fmt(numbers.target)} (the target)")
        if numbers.delta is not None:
            lines.append(f"δ = dL/dz = {fmt(numbers.delta)}")
        lines.append("Double-click to set the bias." if numbers.bias is not None else "")
        return "\n".join(line for line in lines if line)
