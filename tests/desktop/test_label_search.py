"""label_search.place_all: a spot for every edge number when the greedy order leaves one out."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from desktop.editor.label_search import place_all


def box(x: float) -> QRectF:
    return QRectF(x, 0, 10, 10)


def test_it_finds_the_placement_a_first_come_order_misses():
    # number 0 prefers x = 0, the only spot of number 1: taken first come, number 1 would have none
    candidates = [[(0.5, box(0)), (0.3, box(20))], [(0.5, box(5))]]
    assert place_all(candidates) == [0.3, 0.5]


def test_no_placement_when_two_numbers_share_their_only_spot_or_one_has_none():
    assert place_all([[(0.5, box(0))], [(0.5, box(3))]]) is None
    assert place_all([[(0.5, box(0))], []]) is None


def test_it_gives_up_after_its_budget():
    # the placement above takes three tries: with two it stands by the greedy's answer (None)
    candidates = [[(0.5, box(0)), (0.3, box(20))], [(0.5, box(5))]]
    assert place_all(candidates, budget=2) is None
    assert place_all(candidates, budget=3) == [0.3, 0.5]
