"""``SceneFonts``: the canvas's fonts at the view's zoom, a mixin of ``NetworkScene``.

Canvas texts keep their size on screen: a text of p points is drawn at p points at zoom 1, and never
under ``text_floor`` pixels on screen (``style.screen_font``), so at a small zoom its font grows in
scene units and the cards and numbers are laid out again (``relayout``, the scene's). The floor is
``style.MIN_TEXT_PX``, or larger when Fit to Window found the room for it (``fit_zoom.fit_readable``).
"""

from __future__ import annotations

from . import style
from .layer_numbers import NUMBER_POINTS


class SceneFonts:
    """The zoom, the screen's dots per inch and the texts' least size, and the fonts they make (needs the
    scene's ``relayout``)."""

    def init_fonts(self) -> None:
        #: the view's zoom and the screen's dots per inch: canvas texts keep ``text_floor`` on screen
        self.view_scale, self.dpi = 1.0, 96.0
        #: the least em height (px on screen) of its texts: ``style.MIN_TEXT_PX``, or larger when Fit
        #: found the room for it (``fit_zoom.fit_readable``)
        self.text_floor = style.MIN_TEXT_PX
        #: (the texts' least size, the zoom, whether the values are hidden) Fit chose for each layout and canvas size
        #: (``fit_zoom.layout_key``): the next phase fits from them without a search while it has the room
        self.chosen_text_floors: dict[tuple, tuple[float, float, bool]] = {}
        #: the texts' sizes Fit found no room for, per layout (``fit_zoom.layout_key`` bar the canvas's
        #: size): [(canvas width, canvas height, size)]
        self.too_large_floors: dict[tuple, list[tuple[int, int, float]]] = {}
        #: the neurons' own numbers (a, δ, x; z and b; an output's target lines) are not written: at this zoom
        #: they would overlap (``values_crowded``); a neuron's tooltip names them, the legend says so
        self.values_hidden = False
        self._fonts: dict[tuple[float, bool], object] = {}  # text_font's answers at this zoom
        self._fonts_unplaced = False  # the texts' size changed and the cards wait for the zoom to lay them out

    def text_font(self, point_size: float, bold: bool = False):
        """The font for a canvas text of ``point_size`` points, at least ``text_floor`` tall on screen."""
        key = (point_size, bold)
        font = self._fonts.get(key)
        if font is None:  # asked for thousands of times a frame: one QFont per size until the zoom changes
            font = self._fonts[key] = style.screen_font(point_size, self.view_scale, self.dpi, bold, self.text_floor)
        return font

    def set_text_floor(self, px: float, lay_out: bool = True) -> None:
        """Texts are at least ``px`` tall on screen from now on: cards and edge numbers are laid out again;
        ``lay_out`` False: by the ``set_view_scale`` that must follow (Fit's next zoom: one layout for both)."""
        if px == self.text_floor:
            return
        self.text_floor = px
        self._fonts.clear()
        if lay_out:
            self.relayout()
        else:
            self._fonts_unplaced = True

    def set_view_scale(self, view_scale: float, dpi: float = 96.0) -> None:
        """The view zoomed: texts keep their on-screen size, so layer cards and edge numbers are laid out again."""
        if abs(view_scale - self.view_scale) < 1e-6 and dpi == self.dpi and not self._fonts_unplaced:
            return
        self._fonts_unplaced = False
        self.view_scale, self.dpi = view_scale, dpi
        self._fonts.clear()
        self.relayout()

    def set_values_hidden(self, hidden: bool, lay_out: bool = True) -> None:
        """Write the neurons' numbers or not (``values_hidden``); the cards are laid out again (``lay_out``
        False: by the ``set_view_scale`` that must follow)."""
        if hidden == self.values_hidden:
            return
        self.values_hidden = hidden
        if lay_out:
            self.relayout()
        else:
            self._fonts_unplaced = True

    def values_crowded(self, view_scale: float | None = None) -> bool:
        """Whether, at the zoom ``view_scale`` (default: the view's), a neuron's number written beside its
        circle would reach its neighbour's: its plate (the line's ascent) taller than the card's
        ``neuron_spacing`` (scene units: ``style.NEURON_SPACING``, more with z and b rows under each neuron), in a
        card of several neurons (exam_csv's cards, their z and b shown, were taken for crowded at 1024×700). Texts keep ``text_floor`` px on
        screen, so the plate is h/s scene units at zoom s (h: the font's ascent in px): it is crowded
        below s = h / NEURON_SPACING, about 0.2 (three_classes_softmax at 900×650 printed h's six values
        in one grey blob at the zoom 0.06)."""
        scale = self.view_scale if view_scale is None else view_scale
        font = style.screen_font(NUMBER_POINTS, scale, self.dpi, floor_px=self.text_floor)
        plate = style.metrics(font).ascent()  # the digits' ink and the gap above them (exam_csv's x₀, x₁ at the
        # zoom 0.19, their lines' boxes touching, were readable)
        return any(item.units > 1 and not item.collapsed and plate > item.neuron_spacing()
                   for item in getattr(self, "layer_items", {}).values())

    def zoom_by_hand(self, view_scale: float, dpi: float = 96.0) -> None:
        """The student zoomed (the wheel, Ctrl +/−): the neurons' numbers show exactly when they have the room
        at the new zoom (``values_crowded``), and the cards are laid out for it."""
        self.set_values_hidden(self.values_crowded(view_scale), lay_out=False)
        self._fonts_unplaced = True
        self.set_view_scale(view_scale, dpi)
