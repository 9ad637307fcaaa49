"""How the canvas legend lays out a table of the numbers edges have no room for (``Legend.tables``).

A table's header names what it lists and the connection ("dL/dw x→h"), then one layer's neurons ("h₀",
"h₁", …), each right-aligned over its column of numbers. Numbers are wider than the neurons' names, so the
header's first cell reaches into the room left of the first name rather than widening the table (the
rows below it hold only "x₀", "x₁").

While the legend is folded, the table is all it shows: a short prompt ("legend: point here") after the
header's last name says that pointing at it opens the rest, on no row of its own, where the canvas leaves
the box the width (``prompt``).
"""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF

#: the gap between a table's columns, and the least room between the header's first cell and the first name
GAP = 7.0
HEAD_GAP = 10.0
#: the room between the header's last name and the prompt after it (the prompt is in muted grey)
PROMPT_GAP = 5.0
#: the box's margin left and right of a table
MARGIN = 10.0
#: the folded legend's prompt over a table, longest first
PROMPTS = ("legend: point here", "legend ▸")


def columns(table: list[list[str]], fm: QFontMetricsF, head: str = "") -> list[float]:
    """The x of each column's right edge (the first column's left edge is ``MARGIN``): a column as wide as
    its widest cell, the first as its row names, or more where the header's first cell (followed by
    ``head``, the folded legend's prompt set there) would reach the first column's name."""
    widths = [max(fm.horizontalAdvance(row[k]) for row in table) for k in range(len(table[0]))]
    names = max((fm.horizontalAdvance(row[0]) for row in table[1:]), default=0.0)
    first = fm.horizontalAdvance(table[0][0]) + (PROMPT_GAP + fm.horizontalAdvance(head) if head else 0.0)
    if len(widths) > 1:  # the room left of the first column's name, right-aligned over its numbers
        room = GAP + widths[1] - fm.horizontalAdvance(table[0][1]) - HEAD_GAP
        widths[0] = max(names, first - room)
    else:
        widths[0] = max(names, first)
    ends, x = [], MARGIN
    for k, width in enumerate(widths):
        x += width + (GAP if k else 0.0)
        ends.append(x)
    return ends


def head_end(table: list[list[str]], fm: QFontMetricsF, ends: list[float]) -> float:
    """Where the header's first cell may end: before the first column's name (the table's edge for one column)."""
    if len(ends) < 2:
        return ends[0]
    return ends[1] - fm.horizontalAdvance(table[0][1]) - HEAD_GAP


def prompt(table: list[list[str]], fm: QFontMetricsF, room: float) -> tuple[str, bool]:
    """(the longest prompt that fits within ``room`` pixels across, whether it follows the header's first
    cell rather than its last name): after the last name where the box may widen, else after the first
    cell where the first column's room and the table's width allow; ("", False) where neither does."""
    end = columns(table, fm)[-1]
    for words in PROMPTS:
        if end + PROMPT_GAP + fm.horizontalAdvance(words) + MARGIN <= room:
            return words, False
        if columns(table, fm, words)[-1] + MARGIN <= max(room, end + MARGIN):
            return words, True
    return "", False
