"""Where a canvas legend shown whole writes what "≈" means, in room it has already (``Legend.rows``).

A row of its own on "≈" cost the network its room: at 1400×900 skip_connection's edge digits went from 9 to
7.9 px, and set beside a key (a wider legend) it moved exam_csv's cards between phases. So the words go
where they take nothing from the network:

* on a row of their own only while the legend stays inside the box the last Fit to Window left it (the
  step-through fits once at its start, with Forward's glow row; the Loss phase has that row spare);
* else after the last words of a row that leaves them room within the legend's width as it is without
  them ("glow: dL/dw = a · δ now known (into h); ≈: last digit may differ");

each kind in its longest words that fit (``approximate_numbers.BY_HAND_FORMS``, ``NEAR_FORMS``). Words that
fit nowhere are left to the legend's tooltip.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

#: between a row's words and the "≈" words set after them
SEPARATOR = "; "
#: the box's margin right of its rows (``Legend.sizeHint``), and the least margin right of added words
MARGIN = 14
ADDED_MARGIN = 8


def placed(rows: Sequence[Sequence[tuple]], kinds: Sequence[Sequence[str]], row_end: Callable[[list], float],
           width: float, spare_rows: int, row_width: float) -> tuple[list[list[tuple]], list[str]]:
    """(the legend's rows with the "≈" words set in, the words of each kind left out).

    ``rows``: the legend's rows, each a list of (mark, words) keys; ``kinds``: each kind's forms, longest
    first; ``row_end(row)``: the pixel where ``row``'s last words end, from the box's left edge; ``width``:
    the box's width without the "≈" words, which they must not widen; ``spare_rows``: how many rows the
    box may grow by without leaving the room Fit left it, a row at most ``row_width`` wide."""
    rows = [list(row) for row in rows]
    left_out = []
    for forms in kinds:
        for words in forms:
            if spare_rows > 0 and row_end([("text", words)]) + MARGIN <= row_width:
                rows.append([("text", words)])
                spare_rows -= 1
                break
            if _append(rows, words, row_end, width):
                break
        else:
            left_out.append(forms[0])
    return rows, left_out


def _append(rows: list[list[tuple]], words: str, row_end: Callable[[list], float], width: float) -> bool:
    """Set ``words`` after the last words of the lowest row that has room for them (True), or nowhere."""
    for row in reversed(rows):
        mark, text = row[-1]
        longer = row[:-1] + [(mark, f"{text}{SEPARATOR}{words}")]
        if row_end(longer) + ADDED_MARGIN <= width:
            row[:] = longer
            return True
    return False
