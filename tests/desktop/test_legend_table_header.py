"""The legend's table of numbers names its connection, and folded it says how to open the legend (review 16 #2).

three_classes_softmax at 1024×700 lists h → y's weights (and in Backward x → h's dL/dw) in a table under the
canvas: its header said only "w" or "dL/dw", while the opened legend said "x → h's listed below"; and the
folded legend showing the table lost its "Legend (point here to read it)" line, so nothing on screen told a
student that pointing at the table opens the rest. The header's first cell now reads "w h→y" / "dL/dw x→h",
and a short prompt sits in the header row after the last neuron's name where the canvas has the width, on
no row of its own; where it has not (Backward's x → h table fills the 454-px canvas), the folded line sits
above the table only where the network left that room empty (Fit leaves room for the table alone).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from test_editor_readable import open_at
from test_every_edge_number_shown import under_the_legend
from test_training_support import press_f8_to
from text_probe import widget_boxes

LAPTOP = (1024, 700)


def settle(qtbot) -> None:
    for _ in range(3):
        QApplication.instance().processEvents()
    qtbot.wait(50)  # the table is listed a turn after the numbers are placed


def header_row(legend) -> list[str]:
    """The texts the legend paints on its top line (a folded legend over a table: the table's header)."""
    boxes = widget_boxes(legend)
    top = min(box.top() for _, box in boxes)
    return [text for text, box in sorted(boxes, key=lambda b: b[1].left()) if abs(box.top() - top) < 2]


def test_the_folded_tables_header_names_the_connection_and_says_point_here(qtbot, lesson_window):
    window = lesson_window
    open_at(window, "three_classes_softmax", LAPTOP)
    settle(qtbot)
    legend = window.canvas.legend
    assert legend.folded and legend.tables, "three_classes_softmax at 1024×700 lists h → y's weights"
    header = header_row(legend)
    assert header[0] == "w h→y", header
    assert header[-1] == "legend ▸", header  # after h₅, on the header's own line
    rows = len(legend.tables[0])
    assert legend.height() == 6 + 14 * rows + 4, (legend.height(), rows)  # no row more than the table's
    press_f8_to(qtbot, window, "update")
    settle(qtbot)
    header = header_row(legend)
    assert header[0] == "new w h→y" and header[-1] == "legend ▸", header


def test_the_backward_table_names_x_to_h_and_says_point_here_over_nothing(qtbot, lesson_window):
    window = lesson_window
    open_at(window, "three_classes_softmax", LAPTOP)
    press_f8_to(qtbot, window, "backward")
    for _ in range(6):  # F7: the next layer, until Backward reaches h
        if window.view_state.active_layer() == "h":
            break
        qtbot.keyClick(window.canvas, Qt.Key.Key_F7)
    settle(qtbot)
    legend = window.canvas.legend
    assert legend.folded and legend.tables
    painted = [text for text, _ in widget_boxes(legend)]
    assert "dL/dw x→h" in painted, painted
    if legend.free_above >= legend.TABLE_LINE:  # the network left a line's room empty above the table
        assert "Legend (point here to read it)" in painted, painted
    else:  # (after other tests the window may fit the network lower: then the line would cost it room)
        assert "Legend (point here to read it)" not in painted, painted
    assert not under_the_legend(window), under_the_legend(window)  # the line covers nothing of the network
