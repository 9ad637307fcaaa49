"""A legend measures each of its texts once (``LegendLabel._measure`` keeps the sizes), yet its sizes are
always those of the text as written in its font now: after the panel's font grows (a teacher's larger
system font, a zoomed window), its widest entry and its height at a width are the larger ones a legend
made in that font measures, never the sizes remembered from the smaller font."""

from __future__ import annotations

from PySide6.QtGui import QFont

from desktop.panels.legend_label import LegendLabel

ENTRIES = [((31, 119, 180), "━━", "batch (before its step)", "batch"),
           ((255, 127, 14), "━●━", "epoch mean", "epoch"),
           ((44, 160, 44), "━▼━", "validation", "val.")]


def legend(qtbot, points: float) -> LegendLabel:
    label = LegendLabel()
    qtbot.addWidget(label)
    font = QFont(label.font())
    font.setPointSizeF(points)
    label.setFont(font)
    label.set_entries(ENTRIES)
    return label


def test_sizes_follow_the_font(qtbot):
    label = legend(qtbot, 9)
    small = (label.widest(), label.widest(short=True), label.height_at(120, False))
    assert (label.widest(), label.height_at(120, False)) == (small[0], small[2])  # asked again: the same
    font = QFont(label.font())
    font.setPointSizeF(18)
    label.setFont(font)
    large = (label.widest(), label.widest(short=True), label.height_at(120, False))
    fresh = legend(qtbot, 18)
    assert large == (fresh.widest(), fresh.widest(short=True), fresh.height_at(120, False))
    assert all(b > a for a, b in zip(small, large))


def test_height_follows_the_width(qtbot):
    label = legend(qtbot, 9)
    wide = label.height_at(2000, False)
    narrow = label.height_at(60, False)
    assert narrow > wide  # the entries wrap in a narrow legend: more lines
    assert label.height_at(2000, False) == wide
