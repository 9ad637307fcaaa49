"""Every gradient heatmap cell prints its number at a laptop's 1024×700, in every bundled lesson, after
training (a teacher's review: skip_connection's x → y (1 × 2 cells) stayed blank, and with it x → h and
h → y; circles' x → h, spiral's and early_stopping's h2 → y, sine_regression's both likewise; then
three_classes_softmax's h → y, 3 × 6 = 18 weights, over the 16 the panel numbered). Only the connections
of 56 and 64 weights (``NUMBERLESS``) may go without numbers, and those too low or narrow once every row
is in view (``TOO_SMALL_AT_1024``, review 19 #8); the line under the plots says why.

Driven as a student meets it: the lesson opened from the Lessons menu's action, the window sized, Play
(F5) and Pause. Counted on what the plots really paint (``text_probe``): each cell's number drawn, at
least 8 px tall, and each reads its value, written out or in the unit its plot's title names
("h → y (×10⁻⁴)": "−51" is −0.0051), which the line under the plots names too.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from desktop.panels.heatmap_words import MAX_TEXT_CELLS
from test_cards_apart_every_lesson import lessons, open_lesson, train_a_while
from text_probe import drawn_texts

#: a number on screen is at least this tall (pixels: the font's em on screen)
LEAST_PIXELS = 8.0
#: the only connections of the bundled lessons whose cells may have no numbers: 56 or 64 weights, too many
#: for a laptop's panel (hovering a cell reads it; the line under the plots says so)
NUMBERLESS = {("early_stopping", ("x", "h1")), ("early_stopping", ("h1", "h2")),
              ("regularization", ("x", "h1")), ("regularization", ("h1", "h2")), ("spiral", ("h1", "h2"))}
#: connections whose cells have no room for numbers at 1024×700 once every row of the plots is in view
#: (review 19 #8: the panel's 92 px held them only by scrolling row 7, the axes and the colour bar's lower
#: half out of view): too low (8 or 10 rows in a row of plots 54 px high) or, beside the others in one row,
#: too narrow; the line under the plots says which and why
TOO_SMALL_AT_1024 = {("spiral", ("x", "h1")): "low", ("spiral", ("h2", "y")): "narrow",
                     ("regularization", ("h2", "y")): "narrow", ("early_stopping", ("h2", "y")): "narrow",
                     ("sine_regression", ("x", "h")): "low",
                     # (its cells of 21 px held "−40" in units of 0.01, which read as the gradient −0.40 times 100:
                     # a factor is for tiny gradients only since review 24 #8, and "−0.40" does not fit)
                     ("sine_regression", ("h", "y")): "narrow"}


def read(text: str) -> float:
    """The value a cell's text says: "−0.0051" → −0.0051, "≈0" → 0, "8.1e−6" → 8.1e−6."""
    return float(text.replace("≈", "").replace("−", "-"))


def last_digit(text: str) -> float:
    """What the last digit a number is written with is worth: "−0.0051" → 0.0001, "8.1e−6" → 1e−7, "51" → 1."""
    mantissa, _, exponent = text.replace("≈", "").replace("−", "-").partition("e")
    decimals = len(mantissa.partition(".")[2])
    return 10.0 ** (int(exponent or 0) - decimals)


def title_unit(title: str) -> float | None:
    """The unit a plot's title names ("h → y (×10⁻⁴)" → 0.0001, "h → y (×0.01)" → 0.01), None for plain numbers."""
    found = re.search(r"×(\S+?)\)?$", title)
    if found is None:
        return None
    power = re.fullmatch(r"10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)", found.group(1))
    if power is None:
        return read(found.group(1))
    return 10.0 ** int(power.group(1).translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")))


@pytest.mark.parametrize("name", lessons())
def test_every_cell_prints_its_number_at_1024_by_700_after_training(qtbot, lesson_window, name):
    window = lesson_window
    open_lesson(qtbot, window, name, (1024, 700))
    train_a_while(qtbot, window, 200)
    panel = window.training.ui.heatmaps
    drawn = drawn_texts(panel.plots)
    tall = Counter(text for text, pixels in drawn if pixels >= LEAST_PIXELS)
    line = panel.hover_label.text() + " " + panel.hover_label.toolTip()
    for block in panel.blocks:
        cells = panel.cell_texts(*block.edge)
        if (name, block.edge) in NUMBERLESS:
            assert block.size > MAX_TEXT_CELLS and cells is None, block.edge  # (too many: the line says so)
            assert f"{block.source} → {block.target} has {block.size} weights" in line, line
            continue
        assert cells is not None, f"{block.source} → {block.target} ({block.size} weights) has no numbers"
        if (name, block.edge) in TOO_SMALL_AT_1024:
            assert not any(any(row) for row in cells), (block.edge, cells)
            assert f"{block.source} → {block.target}'s cells are too {TOO_SMALL_AT_1024[name, block.edge]}" in line, line
            continue
        values = panel.values(*block.edge)
        assert all(all(row) for row in cells), (block.edge, cells, panel.hover_label.text())
        wanted = Counter(text for row in cells for text in row)
        short = {text: (tall[text], count) for text, count in wanted.items() if tall[text] < count}
        assert not short, (block.edge, short)  # (drawn, cells): each cell's number painted, legibly
        title = panel.images[block.edge].getViewBox().parentItem().titleLabel.text
        unit = title_unit(title)
        if unit is not None:
            assert f"{block.source} → {block.target}" in line, line  # said under the plots too
        for j, row in enumerate(cells):
            for i, text in enumerate(row):
                value = float(values[j, i])
                if unit is not None:
                    assert abs(read(text) * unit - value) <= 0.5 * unit * (1 + 1e-9), (block.edge, text, value, title)
                else:  # (its significant digits: rounded, off by at most half its last digit)
                    assert abs(read(text) - value) <= 0.5 * last_digit(text) * (1 + 1e-9), (block.edge, text, value)
