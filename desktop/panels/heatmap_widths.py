"""How the gradient heatmaps share the panel's width (``heatmaps.HeatmapPanel``).

A column of plots gets the width in proportion to its cells across (its stretch factor). A column
whose cells could print their numbers with more width (high enough for a number, too narrow for the
widest of them) then takes what it needs, when that is there to take, from the columns whose cells print no numbers at any width
(too many weights, or rows lower than a number's ink): those keep their axis, their title and cells of
``MIN_CELL_WIDTH`` across. A column whose numbers show keeps at least its share: it is never squeezed
out of them. circles at 1024×700 (1 × 4 cells of h → y beside 4 × 2 of x → h with 9-px rows): h → y's
cells were 42 px, "−0.0019" needs about 52; x → h gives it the width.
"""

from __future__ import annotations

from dataclasses import dataclass

#: a donor plot's cells keep at least this many pixels across: room for a column's neuron number
MIN_CELL_WIDTH = 16
#: a wanted width is rounded up to this many pixels, so that numbers changing while training seldom
#: lay the plots out again
WIDTH_STEP = 8


@dataclass
class Column:
    """One column of plots: ``share`` its width by stretch (pixels), ``least`` the least it keeps
    (axis, title, readable cells), ``need`` the width its cells' numbers need (0: no numbers wanted)
    and ``donor`` True when its cells print no numbers at any width."""
    share: float
    least: float
    need: float
    donor: bool


def column_floors(columns: list[Column]) -> list[float]:
    """The least width of each column (0: no floor) so that the columns whose numbers need more than
    their share get it from the donors' width beyond their ``least``: the smallest wants first, each
    only when the rest of the donors' width holds all it needs (width that would still leave its cells
    blank stays where it is); the columns that keep their numbers at their share keep it. No receiver
    served: no floors (the stretch alone)."""
    pool = sum(max(0.0, c.share - c.least) for c in columns if c.donor)
    floors = [0.0] * len(columns)
    wanting = sorted((c.need - c.share, k) for k, c in enumerate(columns) if not c.donor and c.need > c.share)
    for gift, k in wanting:
        if gift <= pool + WIDTH_STEP:  # (``need`` is rounded up by less than a step)
            floors[k] = columns[k].share + min(gift, pool)
            pool -= min(gift, pool)
    if not any(floors):
        return floors
    return [f if f else c.least if c.donor else c.share for f, c in zip(floors, columns)]


def rounded_up(width: float) -> float:
    """``width`` rounded up to a multiple of ``WIDTH_STEP``."""
    return -(-width // WIDTH_STEP) * WIDTH_STEP


def stretch_shares(room: float, stretch: list[int], least: list[float]) -> list[float]:
    """The pixels each column of plots gets of ``room`` by its ``stretch`` factor alone, at least its
    ``least`` (``least`` empty or all 0: none): what the layout gives the columns while none has a floor."""
    least = list(least) if len(least) == len(stretch) else [0.0] * len(stretch)
    fixed: dict[int, float] = {}
    while True:
        free = [k for k in range(len(stretch)) if k not in fixed]
        left = room - sum(fixed.values())
        total = sum(stretch[k] for k in free) or 1
        shares = {k: left * stretch[k] / total for k in free}
        short = [k for k in free if shares[k] < least[k]]
        if not short:
            return [fixed.get(k, shares.get(k, 0.0)) for k in range(len(stretch))]
        for k in short:
            fixed[k] = least[k]
