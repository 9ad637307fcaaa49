"""The selection lives in the view state: the canvas reports clicks to it, and the canvas,
the inspector and the trajectories all follow it, whoever selects."""

from __future__ import annotations

from desktop import commands
from desktop.view_state import Selection


def test_a_selection_made_anywhere_reaches_the_canvas_the_inspector_and_the_trajectories(main_window, qtbot):
    view_state, scene, inspector = main_window.view_state, main_window.canvas.scene(), main_window.inspector
    trajectories = main_window.training.ui.trajectories
    view_state.select_edge("h", "y", 0, 1)
    assert [item.key for item in scene.selectedItems()] == [("h", "y", 0, 1)]
    assert inspector.current_page() is inspector.edge_page
    assert trajectories.selected == ("h", "y", 0, 1)

    view_state.select(Selection.of_layers("h"))
    assert [getattr(item, "name", None) for item in scene.selectedItems()] == ["h"]
    assert inspector.current_page() is inspector.layer_page and inspector.layer_page.layer_name == "h"
    assert trajectories.selected is None

    view_state.select(None)
    assert scene.selectedItems() == [] and inspector.current_page() is inspector.network_page


def test_a_click_on_the_canvas_is_one_selection_change(main_window, canvas, qtbot):
    changes = []
    main_window.view_state.selection_changed.connect(changes.append)
    canvas.click(canvas.centre("x"))
    assert changes == [Selection.of_layers("x")]
    assert main_window.view_state.selection == Selection.of_layers("x")


def test_a_selected_edge_that_disappears_leaves_nothing_selected(main_window, qtbot):
    doc, view_state, inspector = main_window.document, main_window.view_state, main_window.inspector
    view_state.select_edge("h", "y", 0, 1)
    assert doc.perform(commands.disconnect(doc, "h", "y")) is None
    assert view_state.selection is None and inspector.current_page() is inspector.network_page
    doc.undo_stack.undo()  # the edge is back; selecting it again works
    view_state.select_edge("h", "y", 0, 1)
    assert inspector.current_page() is inspector.edge_page


def test_renaming_keeps_the_layer_selected_under_its_new_name(main_window, qtbot):
    view_state, page = main_window.view_state, main_window.inspector.layer_page
    view_state.select(Selection.of_layers("h"))
    page.name.setText("hidden")
    page.name.editingFinished.emit()
    assert view_state.selection == Selection.of_layers("hidden")
    assert [item.name for item in main_window.canvas.scene().selectedItems()] == ["hidden"]


def test_opening_another_network_clears_the_selection(main_window, qtbot):
    main_window.view_state.select_edge("x", "h", 1, 0)
    main_window.files.new()
    assert main_window.view_state.selection is None
    assert main_window.inspector.current_page() is main_window.inspector.network_page


def test_selecting_what_the_network_does_not_have_selects_nothing(main_window, qtbot):
    view_state, inspector = main_window.view_state, main_window.inspector
    view_state.select_edge("h", "y", 0, 1)
    for missing in (Selection.edge("x", "y", 0, 0), Selection.edge("h", "y", 5, 0),
                    Selection.of_layers("nope"), Selection.connection("y", "x")):
        view_state.select(missing)
        assert view_state.selection is None, missing
        assert inspector.current_page() is inspector.network_page
        view_state.select_edge("h", "y", 0, 1)


def test_a_neuron_that_disappears_and_odd_layer_names_break_nothing(main_window, qtbot):
    """A neuron chosen in a layer that then loses units, and links to a layer called 'h:1'."""
    from desktop.panels.inspector_widgets import neuron_link, parse_neuron_link

    doc, view_state, inspector = main_window.document, main_window.view_state, main_window.inspector
    assert doc.perform(commands.set_units(doc, "h", 6, seed=0)) is None
    view_state.select(Selection.of_layers("h", neuron=5))
    assert inspector.layer_page.neuron.value() == 5
    assert doc.perform(commands.set_units(doc, "h", 2, seed=0)) is None  # no exception in a slot
    assert inspector.layer_page.neuron.value() <= 1
    view_state.select(Selection.of_layers("h", neuron=5))  # a neuron the layer lacks: nothing selected
    assert view_state.selection is None
    for name in ("h:1", 'a"b<c>'):
        assert parse_neuron_link(neuron_link(name, 3)) == (name, 3)
    assert parse_neuron_link("https://example.org") is None
    assert doc.perform(commands.rename_layer(doc, "h", "h:1")) is None
    view_state.select_edge("x", "h:1", 0, 0)
    inspector.edge_page.follow.linkActivated.emit(neuron_link("h:1", 1))
    assert view_state.selection == Selection.of_layers("h:1", neuron=1)
