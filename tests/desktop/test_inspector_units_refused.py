"""The Inspector's Units box says why it does not take a typed 0 (teacher review 21: the box silently went
back to 2), as the rename refusals do."""

from __future__ import annotations

from test_inspector import type_into


def test_units_zero_is_refused_with_words(main_window, canvas, qtbot):
    window = main_window
    canvas.click(canvas.centre("h"))  # the xor lesson's hidden layer, 2 units
    page = window.inspector.layer_page
    assert window.inspector.current_page() is page and page.layer_name == "h"
    type_into(qtbot, page.units, "0")
    assert window.document.network.layer("h").units == 2 and page.units.value() == 2
    said = window.statusBar().currentMessage()
    assert said.startswith("A layer needs at least 1 neuron"), said
