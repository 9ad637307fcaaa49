"""``heatmap_heights``: how the rows of heatmap plots share the panel's height (review 19 #8)."""

from __future__ import annotations

import math

from desktop.panels.heatmap_heights import holding_numbers, known_room, row_heights

# spiral's three plots: x → h1 (8 rows, numbered 38 + 8·9), h1 → h2 (64 weights: no numbers), h2 → y (1 row)
NUMBERED = [110.0, 0.0, 47.0]
VISIBLE = [70.0, 70.0, 42.0]


def test_every_number_where_the_height_holds_them():
    assert row_heights(NUMBERED, VISIBLE, 2, 200.0, 6.0) == [110.0, 47.0]  # 163 + 6 ≤ 200
    assert row_heights(NUMBERED, VISIBLE, 2, math.inf, 6.0) == [110.0, 47.0]  # (not laid out yet)


def test_a_low_panel_gets_every_row_in_view_and_the_numbers_that_still_fit():
    heights = row_heights(NUMBERED, VISIBLE, 3, 92.0, 6.0)  # one row of three in spiral's 92 px
    assert heights == [70.0]  # x → h1's 110 does not fit: its rows at 4 px, every one in view
    assert holding_numbers(NUMBERED, heights, 3) == [False, False, True]  # h2 → y's one row holds its numbers
    assert row_heights(NUMBERED, VISIBLE, 2, 92.0, 6.0) is None  # two rows of plots: not even every row seen
    # one to a row in 154 px: h2 → y's 5 px raise first, then x → h1's 40 no longer fits (37 left)
    assert row_heights([110.0, 47.0], [70.0, 42.0], 1, 160.0, 6.0) == [70.0, 47.0]
    assert holding_numbers(NUMBERED, None, 2) == [False] * 3


def test_a_hidden_panel_has_no_height_to_fit_yet():
    assert known_room(92, True) == 92.0
    assert known_room(92, False) == math.inf and known_room(0, True) == math.inf
