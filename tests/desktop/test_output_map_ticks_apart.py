"""spiral's Output map at 1024×700 numbers its x₀ axis with labels apart (teacher's review 11, finding 13).

The map is about 68 px wide there. The axis measured a label of its step 1 ("1") and, to show at
least two labels clear of the ends, took the finer step 0.5, whose labels "−1.0 −0.5 0 0.5 1.0" ran
together into "−1.00.50 0.51.0". A finer step now has to hold its own labels, and the ends count
with the room the axis lets a label reach past them.
"""

from __future__ import annotations

from PySide6.QtGui import QPainter, QPicture

from desktop.panels.output_map import OutputMapPanel
from test_editor_readable import open_at


def bottom_labels(window) -> list[tuple[float, float, str]]:
    """(left, right, text) of every tick label the output map's bottom axis draws now."""
    axis = window.findChild(OutputMapPanel).plot_widget.getAxis("bottom")
    picture = QPicture()
    painter = QPainter(picture)
    specs = axis.generateDrawSpecs(painter)
    painter.end()
    return sorted((rect.left(), rect.right(), text) for rect, _, text in specs[2])


def test_spirals_x0_labels_stay_apart_at_1024(qtbot, lesson_window):
    open_at(lesson_window, "spiral", (1024, 700))
    labels = bottom_labels(lesson_window)
    assert len(labels) >= 2, labels  # a scale to read
    for (_, right, a), (left, _, b) in zip(labels, labels[1:]):
        assert left - right >= 3, (a, b, labels)  # "−1.0" and "−0.5" overlapped by 14 px
