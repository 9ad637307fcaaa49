"""The folded legend over Backward's table still says how to open it at 1024×700 (review: narrow windows #1).

three_classes_softmax at 1024×700, step-through (F8 to Loss, F7) to Backward at y: the canvas lists h → y's dL/dw in a table
("≈−0.05946" six times a row) that filled the canvas's width, and the network left no line empty above it,
so neither "legend ▸" after the header's last name nor the "Legend (point here to read it)" line had room:
nothing on screen said that pointing at the table opens the rest of the legend. The table is now written
as small as it must be (never under ``TABLE_LEAST_POINTS``) for its header to end in the prompt.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from test_editor_readable import open_at
from test_legend_table_header import header_row, settle
from test_training_support import press_f8_to
from text_probe import widget_boxes

from desktop.editor.legend import TABLE_LEAST_POINTS


def test_backward_at_y_table_header_ends_in_the_prompt_at_1024x700(qtbot, lesson_window):
    window = lesson_window
    open_at(window, "three_classes_softmax", (1024, 700))
    press_f8_to(qtbot, window, "loss")
    qtbot.keyClick(window.canvas, Qt.Key.Key_F7)  # the next layer: Backward at the output y
    settle(qtbot)
    legend = window.canvas.legend
    assert window.view_state.active_layer() == "y", window.view_state.active_layer()
    assert legend.folded and legend.tables, "Backward at y lists h → y's dL/dw under the canvas"
    painted = [text for text, _ in widget_boxes(legend)]
    header = header_row(legend)
    assert header[0] == "dL/dw h→y", header
    said = header[-1] == "legend ▸" or "Legend (point here to read it)" in painted
    assert said, (header, painted)
    assert legend.table_font().pointSizeF() >= TABLE_LEAST_POINTS, legend.table_font().pointSizeF()
    assert legend.width() <= window.canvas.viewport().width(), (legend.width(), window.canvas.viewport().width())
    for text, box in widget_boxes(legend):  # every text whole inside the box, none cut at its right edge
        assert box.right() <= legend.width() - 4, (text, box.right(), legend.width())
