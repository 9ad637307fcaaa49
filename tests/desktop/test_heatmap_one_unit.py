"""On one colour scale the heatmaps' cells in units are in one unit, so their numbers compare as their
colours do (a teacher's review of three_classes_softmax at 1024×700: x → h's "−11" under "(×0.1)" beside
h → y's "71" under "(×0.01)" read as the smaller gradient beside the larger; skip_connection after
training wrote x → h in ×10⁻³ ("6", "−11") beside h → y's and x → y's ×10⁻⁴). Where they cannot be one
(each connection on its own colour scale, or a hundredfold apart), the line under the plots begins
"Units differ:" and names each plot's.

Driven as a student meets it: the lesson opened from the Lessons menu, the window at 1024×700, trained
(the gallery's 500 steps) where the review found it; read off the plots' titles and cells.
"""

from __future__ import annotations

import pytest

from desktop.panels.heatmap_words import cells_line
from test_cards_apart_every_lesson import open_lesson, settle
from test_heatmaps_every_number import read, title_unit

#: (lesson, training steps): where the review found two units side by side
#: (three_classes_softmax at step 0, whose "×0.1" and "×0.01" the review compared, writes its numbers
#: themselves since review 24 #8: units are for tiny gradients only, ``test_heatmap_plain_numbers``)
CASES = [("skip_connection", 500)]


def titles(panel) -> dict:
    return {b.edge: panel.images[b.edge].getViewBox().parentItem().titleLabel.text for b in panel.blocks}


@pytest.mark.parametrize(("name", "steps"), CASES, ids=[c[0] for c in CASES])
def test_on_one_colour_scale_the_cells_in_units_share_one_unit(qtbot, lesson_window, name, steps):
    window = lesson_window
    open_lesson(qtbot, window, name, (1024, 700))
    if steps:
        assert window.training.train_for_screenshot(steps)
        settle()
    panel = window.training.ui.heatmaps
    assert panel.shared_toggle.isChecked()  # (one colour scale: the default)
    units = {edge: title_unit(title) for edge, title in titles(panel).items() if title_unit(title) is not None}
    assert len(units) >= 2, titles(panel)  # (several plots in units: what the review compared)
    assert len(set(units.values())) == 1, titles(panel)
    unit = next(iter(units.values()))
    for edge in units:  # each cell its dL/dw in that unit, to half a unit (so the counts compare as the values)
        values = panel.values(*edge)
        for j, row in enumerate(panel.cell_texts(*edge)):
            for i, text in enumerate(row):
                assert abs(read(text) * unit - float(values[j, i])) <= 0.5 * unit * (1 + 1e-9), (edge, text)
    assert "Units differ" not in panel.hover_label.text()


def test_units_that_differ_are_said_first():
    """Two plots in different units, or one written out beside one in units: the line begins "Units differ:"
    and names each, in every form that names any unit."""
    forms, tip = cells_line([], [], {}, [], 4, {"x → h": "×0.1", "h → y": "×0.01"}, ("x → h", "−11", "−1.1"))
    assert forms[0] == "Units differ: x → h ×0.1, h → y ×0.01; in x → h, −11 means −1.1.", forms
    assert "not in one unit" in tip
    forms, _ = cells_line([], [], {}, [], 4, {"h → y": "×10⁻⁴"}, ("h → y", "−51", "−0.0051"), ["x → h"])
    assert forms[0] == "Units differ: h → y ×10⁻⁴, x → h written out; in h → y, −51 means −0.0051.", forms
    forms, _ = cells_line([], [], {}, [], 4, {"h → y": "×10⁻⁴"}, ("h → y", "−51", "−0.0051"))
    assert not any("differ" in form for form in forms)  # (one plot in units, nothing else written)
