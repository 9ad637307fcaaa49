"""How the Output map panel arranges its parts: the legend and the two toggles in a row above the map,
or, in a panel much wider than high, in a column right of it.

The map keeps one scale for both inputs, so its plot is as high as it is wide: in a low panel every
line above it takes a line from the map's side. Tabbed with the Gradient heatmaps in a small window
(``dock_layout.tab_output_map``) the panel is about 610 × 150 px: the legend (three lines when narrow)
and the toggles above the map left it ~80 px; beside it they take width the map does not use.

Math: with a panel of width W and height H, the parts go beside the map when W ≥ ``BESIDE_FROM`` · H.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QVBoxLayout

#: the panel's width-to-height ratio from which the legend and the toggles sit right of the map
BESIDE_FROM = 2.2
#: how wide (px) the column of the legend and the toggles is at most, and at least, beside the map
BESIDE_WIDTH, BESIDE_LEAST = 240, 190


def build(panel, legend, toggles: list, plot_widget, caption) -> tuple[QBoxLayout, QBoxLayout]:
    """``panel``'s layout: a row ``parts`` (the legend, stretching, then the toggles one above the other)
    above the map (``plot_widget``, centred: with one scale for both axes it is only as wide as the data's
    shape needs) and the ``caption`` under it. (the panel's layout, the row of parts)."""
    column = QVBoxLayout()
    column.setSpacing(0)
    for toggle in toggles:
        column.addWidget(toggle)
    parts = QHBoxLayout()
    parts.addWidget(legend, 1)
    parts.addLayout(column)
    centred = QHBoxLayout()
    centred.addStretch(1)
    centred.addWidget(plot_widget, 1000)
    centred.addStretch(1)
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(2, 2, 2, 2)
    layout.addLayout(parts)
    layout.addLayout(centred, 1)
    layout.addWidget(caption)
    return layout, parts


def arrange(layout: QBoxLayout, parts: QBoxLayout, legend, width: int, height: int, caption_shown: bool) -> bool:
    """Put the row of parts above the map, or as a column right of it when the panel is ``width`` ×
    ``height`` px, ``width`` ≥ ``BESIDE_FROM`` · ``height`` and the caption under the map is not shown (a low
    panel says it in the map's tooltip); True when they are beside it."""
    beside = height > 0 and width >= BESIDE_FROM * height and not caption_shown
    if beside == (layout.direction() == QBoxLayout.Direction.RightToLeft):
        return beside
    # right to left: the parts, first in the layout, go right of the map
    layout.setDirection(QBoxLayout.Direction.RightToLeft if beside else QBoxLayout.Direction.TopToBottom)
    parts.setDirection(QBoxLayout.Direction.TopToBottom if beside else QBoxLayout.Direction.LeftToRight)
    legend.setMaximumWidth(BESIDE_WIDTH if beside else 16777215)
    legend.setMinimumWidth(BESIDE_LEAST if beside else 0)  # (its entries on a line each, not wrapped)
    legend.setAlignment(Qt.AlignmentFlag.AlignLeft | (Qt.AlignmentFlag.AlignBottom if beside else Qt.AlignmentFlag.AlignVCenter))
    return beside
