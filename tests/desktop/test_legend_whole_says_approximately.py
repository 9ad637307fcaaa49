"""At 1400×900 the legend, shown whole, says what "≈" means, in room it has already (review 16 follow-up).

A legend shown whole (a canvas taller than ``FOLD_LEGEND_BELOW``) left "≈" unexplained: its own row cost
skip_connection's edge digits their size, and set beside a key it widened the legend and moved exam_csv's
cards between phases. The words now go after a row's words within the legend's width, or on a row the
step-through's Fit left room for (the Loss phase has Forward's glow row spare) or over canvas the network
left empty: Fit leaves room for the legend without them. A teacher reads them in the box without pointing
at any edge.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from test_editor_readable import open_at
from test_every_edge_number_shown import under_the_legend
from test_training_support import press_f8_to
from window_texts import painted_texts

DESKTOP = (1400, 900)


def legend_words(window) -> list[str]:
    """The words the legend paints, row by row (a legend shown whole: not pointed at)."""
    return [text for row in window.canvas.legend.rows() for _, text in row]


def approximate_on_canvas(window) -> list[str]:
    return [t for t in painted_texts(window.canvas.scene()) if "≈" in t]


@pytest.mark.parametrize(("lesson", "phase", "explained"), [
    ("skip_connection", "backward", "≈: last digit may differ"),  # "≈0.3499" = a · δ on h → y
    ("three_classes_softmax", "backward", "≈: last digit may differ"),
    ("exam_csv", "backward", "≈: last digit may differ"),
    ("exam_csv", "loss", "≈1, ≈0: near it, not exactly it"),  # "≈1" in h₀
], ids=lambda v: v if isinstance(v, str) and "≈" not in v else None)
def test_the_whole_legend_explains_approximately_without_growing(qtbot, lesson_window, lesson, phase, explained):
    window = lesson_window
    open_at(window, lesson, DESKTOP)
    press_f8_to(qtbot, window, "forward")
    legend = window.canvas.legend
    assert not legend.folded
    press_f8_to(qtbot, window, phase)
    for _ in range(3):
        QApplication.instance().processEvents()
    shown = approximate_on_canvas(window)
    assert shown, f"{lesson} {phase}: no ≈ on the canvas"
    words = legend_words(window)
    assert any(explained in text for text in words), " | ".join(words)
    without = legend.bare_size()  # the box as it would be with nothing on "≈" to say
    assert legend.width() == without.width(), (legend.size(), without)  # it widens nothing
    room = max(without.height(), legend.reserved.height(), without.height() + legend.free_above)
    assert legend.height() <= room, (legend.size(), legend.reserved, legend.free_above)  # no room taken
    assert not under_the_legend(window), under_the_legend(window)  # over nothing the network draws
