"""One dL/dw, one number on the canvas and in the heatmap (the teacher's review at 1024×700).

In one_sigmoid_neuron's Backward phase the canvas wrote dL/dw of h[0] → y[0] as −0.3595 and
its heatmap cell as −0.359 (three digits always): a student who rounds −0.3595 gets −0.360 and
sees two different answers. The cells now write the canvas's digits (View → Digits on Canvas);
where a cell is too narrow for them it may round to fewer, and the line under the plots says so.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

import core
from desktop.panels.heatmap_plot import cell_text
from desktop.panels.heatmap_writing import unit_text
from desktop.reveal import NOT_YET
from test_training_support import press_f8_to


def open_at(qtbot, window, name: str, size: tuple[int, int]):
    """``name`` opened from the Lessons menu in a window of ``size`` with the default layout."""
    window.resize(*size)
    QApplication.instance().processEvents()
    window.apply_default_layout()
    assert window.files.open_example(str(core.example_path(name)))
    window.training.wait_for_step_0()
    panel = window.training.ui.heatmaps
    qtbot.waitUntil(lambda: panel.blocks and all(panel.values(*b.edge) is not None for b in panel.blocks),
                    timeout=10000)
    for _ in range(5):  # the plots settle (a relayout waits for the next turn of the event loop)
        QApplication.instance().processEvents()
    return panel


def test_backward_writes_dl_dw_alike_on_the_edge_and_in_its_cell(qtbot, main_window):
    window = main_window
    panel = open_at(qtbot, window, "one_sigmoid_neuron", (1024, 700))
    press_f8_to(qtbot, window, "backward")
    edge = window.canvas.edge_item("h", "y", 0, 0)
    assert edge.label_text() == "−0.3595"  # the canvas's 4 digits of dL/dw = −0.359496
    assert panel.cell_texts("h", "y") == [["−0.3595"]]  # was −0.359
    window.actions_by_name["digits_3"].trigger()  # View → Digits on Canvas → 3
    QApplication.instance().processEvents()
    # (0.622 · (−0.578) = −0.3595 gives −0.360 by hand: the edge says "≈", review 11 #6; its cell has no a or δ beside it)
    assert edge.label_text() == "≈−0.359" and panel.cell_texts("h", "y") == [["−0.359"]]
    window.actions_by_name["digits_5"].trigger()
    QApplication.instance().processEvents()
    assert edge.label_text() == "−0.35950" and panel.cell_texts("h", "y") == [["−0.35950"]]  # −0.359496, 5 digits
    window.actions_by_name["digits_4"].trigger()


def rounded_digits(panel, digits: int) -> list[int]:
    """The digits of the connections whose cells are written with fewer than the canvas's ``digits``,
    read from the cells (each connection's cells carry one number of digits, the canvas's when they fit)."""
    used = []
    units = panel.cell_units()  # (whole numbers of the unit the plot's title names: their digits, the largest's)
    for block in panel.blocks:
        texts = panel.cell_texts(*block.edge)
        if texts is None or not all(t and t != NOT_YET for row in texts for t in row):
            continue  # no numbers (too many, too small, or "?": Backward has not reached them)
        values = panel.values(*block.edge)
        if block.edge in units:
            unit = units[block.edge]
            assert texts == [[unit_text(float(v), unit) for v in row] for row in values], (block.edge, texts)
            used.append(len(str(abs(round(float(abs(values).max()) / unit)))))
            continue
        matching = [d for d in range(digits, 0, -1) if texts == [[cell_text(float(v), d) for v in row] for row in values]]
        assert matching, (block.edge, texts)
        used.append(matching[0])
    return sorted({d for d in used if d < digits})


def test_cells_rounded_below_the_canvas_digits_say_so_under_the_plots(qtbot, main_window):
    """circles and skip_connection on a few screens, exam_csv at 1024×700 in Backward (x → h not
    reached yet, blank): when some cells have fewer digits than the canvas's (h → y of exam_csv
    holds two, 0.63 for the canvas's 0.6254), the line under the plots says so, and only then."""
    window = main_window
    rounded_seen = False
    for name, size, phase in [("circles", (1600, 1000), None), ("circles", (1920, 1080), None),
                              ("skip_connection", (1600, 1000), None), ("exam_csv", (1024, 700), "backward")]:
        panel = open_at(qtbot, window, name, size)
        if phase is not None:
            press_f8_to(qtbot, window, phase)
        digits = window.view_state.digits
        fewer = rounded_digits(panel, digits)
        line = panel.hover_label.text()
        if fewer:
            rounded_seen = True
            # (cells in units say the unit first, then the rounding: "In units (titles), rounded to 3 digits (canvas: 4): …")
            assert f"{' or '.join(map(str, fewer))} digits (canvas: {digits})" in line, (name, size, line)
            if phase is None:
                assert line.endswith("; hover a cell for all."), line
                assert panel.hover_label.fontMetrics().horizontalAdvance(line) <= panel.hover_label.width()
        else:
            assert "rounded" not in line, (name, size, line)
        window.stepper.cancel()
    assert rounded_seen  # (the case under test happened on at least one of these screens)


def test_rounded_numbers_keep_their_zeros_on_the_canvas_in_the_cells_and_the_chain_rule(qtbot, main_window):
    """one_hidden_sigmoid's Backward: dL/dw of h[0] → y[0] is −0.0588997, of h[1] → y[0] −0.0322349.
    Written −0.0589 beside −0.03223 the first read as known to three digits; it is −0.05890 everywhere,
    and a number known exactly (t = 0.6, the input 1) stays short."""
    window = main_window
    panel = open_at(qtbot, window, "one_hidden_sigmoid", (1024, 700))
    press_f8_to(qtbot, window, "backward")
    edge = window.canvas.edge_item("h", "y", 0, 0)
    assert edge.label_text() == "−0.05890"  # was −0.0589
    assert window.canvas.edge_item("h", "y", 0, 1).label_text() == "≈−0.03223"  # a₁ · δ as written: −0.03224
    assert panel.cell_texts("h", "y") == [["−0.05890", "−0.03223"]]
    from window_texts import painted_texts

    texts = painted_texts(window.canvas.scene())
    assert "0.6" in texts and "0.8" in texts, str(texts)  # t = 0.6 and z = 0.8·1 + 0 exactly: short
    window.view_state.select_edge("h", "y", 0, 0)
    QApplication.instance().processEvents()
    chain = window.inspector.edge_page.explanation.toPlainText()
    # σ(0.8) = 0.68997; 0.6900 · 0.2444 · (−0.3492) = −0.05889 by hand: the line says ≈ (review 10)
    assert "\ndL/dw = 0.6900 · 0.2444 · (−0.3492) ≈ −0.05890\n" in chain and "a_h0 = 0.6900" in chain, chain
