"""A place for every edge's number of a connection, when the greedy placement
(``ConnectionItem._place_labels``) left some without one: a small backtracking search.

Each number has its candidate spots (fraction along its edge, its rect with the margin), in the
order it prefers them; the search looks for one spot per number, no two rects meeting, trying
the numbers with the fewest spots first. It gives up after ``budget`` tries (the greedy's answer
then stands): a connection has at most ``style.MAX_LABELLED_EDGES`` numbers, and the answer is
kept while what it was found from stays (``NetworkScene._placements``).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF

#: the most spots the search tries before it gives up
BUDGET = 1500


def place_all(candidates: list[list[tuple[float, QRectF]]], budget: int = BUDGET) -> list[float] | None:
    """One fraction per number (in ``candidates``' order) whose rects meet no other's, or None when
    there is none or the search ran out of ``budget`` tries."""
    order = sorted(range(len(candidates)), key=lambda n: len(candidates[n]))
    if any(not candidates[n] for n in order):
        return None
    chosen: dict[int, tuple[float, QRectF]] = {}
    tries = 0

    def search(depth: int) -> bool:
        nonlocal tries
        if depth == len(order):
            return True
        n = order[depth]
        for fraction, rect in candidates[n]:
            tries += 1
            if tries > budget:
                return False
            if any(rect.intersects(other) for _, other in chosen.values()):
                continue
            chosen[n] = (fraction, rect)
            if search(depth + 1):
                return True
            del chosen[n]
        return False

    return [chosen[n][0] for n in range(len(candidates))] if search(0) else None
