"""Every panel follows the step-through: no number before the phase that computes it.

The student opens a bundled lesson, presses F7 through one training step and reads the
whole window in each phase (every widget's text, the canvas's painted numbers, the plots'
labels and ticks, with an edge of each connection and a neuron of each layer selected in
turn). A gradient of this step (dL/dw, dL/db, δ) may appear only once Backward has reached
its layer, the loss only from the Loss phase on, the output only once Forward has reached it.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

import core
from desktop import reveal
from desktop.view_state import Selection
from window_texts import numbers_in, window_texts


def written_forms(value: float) -> set[str]:
    """Every way a panel may write ``value`` (3 to 6 significant digits), without its sign."""
    forms = {core.format_number(float(value), d).lstrip("−-") for d in (3, 4, 5, 6)}
    return {f for f in forms if len(f.replace("0", "").replace(".", "")) >= 2}  # "0" or "0.1" prove nothing


def read_window(qtbot, window, selections) -> set[str]:
    """The numbers of the whole window with each of ``selections`` selected in turn (both tabs of
    the edge page: chain rule and L(w))."""
    seen: set[str] = set()
    for selection in selections:
        window.view_state.select(selection)
        tabs = window.inspector.edge_page.tabs
        for tab in range(tabs.count()) if selection is not None and selection.kind == "edge" else [0]:
            tabs.setCurrentIndex(tab)
            qtbot.wait(1)
            seen |= numbers_in(window_texts(window))
    tabbed = [d for d in window.findChildren(QDockWidget) if d.isVisible() and window.tabifiedDockWidgets(d)]
    for dock in tabbed:  # the docks behind a tab (Matrix form, Sum over paths, …), each raised in turn
        dock.raise_()
        for selection in selections[:3]:
            window.view_state.select(selection)
            qtbot.wait(1)
            seen |= numbers_in(window_texts(window))
    return seen


@pytest.fixture
def lesson_window(qtbot, main_window):
    assert main_window.files.open_example(str(core.example_path("one_hidden_sigmoid")))  # the Lessons menu's action
    qtbot.waitUntil(lambda: main_window.training.latest is not None, timeout=15000)
    return main_window


def test_no_number_appears_before_its_phase(qtbot, lesson_window):
    window = lesson_window
    net = window.document.network
    selections = [Selection.edge("x", "h", 1, 0), Selection.edge("h", "y", 0, 0),
                  Selection.of_layers("h", neuron=0), Selection.of_layers("y", neuron=0), None]
    qtbot.keyClick(window, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    trace = window.view_state.stepping.trace
    layout = net.parameter_layout()
    gradients = {("dL/dw", b.target) if b.kind == "weight" else ("dL/db", b.key): b.take(trace.gradient).ravel()
                 for b in layout.blocks}
    for layer in ("h", "y"):
        gradients[("delta", layer)] = trace.layers[layer].delta.ravel()
    y, t = trace.layers["y"].a.ravel(), trace.targets.ravel()
    later = {("loss", None): [trace.loss, *(y - t)], ("output", "y"): list(y)}
    phases = []
    while window.view_state.stepping is not None:
        step = window.view_state.stepping
        phases.append((step.phase, step.layer))
        seen = read_window(qtbot, window, selections)
        for (quantity, layer), values in {**gradients, **later}.items():
            shown = window.view_state.revealed(quantity, layer)
            for value in values:
                spoiled = written_forms(value) & seen
                assert shown or not spoiled, (
                    f"{quantity} of {layer} ({value}) is on screen as {spoiled} in {step.phase} "
                    f"(layer {step.layer}), before the phase that computes it")
        if step.phase == "backward" and step.layer == 1:
            for values in gradients.values():  # once computed, each gradient is on some panel
                assert any(written_forms(v) & seen for v in values if abs(v) > 1e-12)
        if step.phase == "update":
            break
        qtbot.keyClick(window, Qt.Key.Key_F7)
    assert phases == [("forward", 1), ("forward", 2), ("loss", 2), ("backward", 2), ("backward", 1), ("update", 2)]


def test_the_rule_in_each_phase(qtbot, lesson_window):
    """What ``revealed`` answers along the walk, and the same "?" words on the canvas and in the inspector."""
    window = lesson_window
    view_state = window.view_state
    answers = []
    qtbot.keyClick(window, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: view_state.stepping is not None, timeout=10000)
    view_state.select(Selection.edge("x", "h", 0, 0))
    while view_state.stepping.phase != "update":
        answers.append(tuple(view_state.revealed(q, layer) for q, layer in
                             (("a", "y"), ("loss", None), ("delta", "y"), ("dL/dw", "y"), ("dL/dw", "h"), ("updated", None))))
        if not view_state.revealed("dL/dw", "h"):
            assert window.inspector.edge_page.gradient.text() == view_state.pending("dL/dw", "h") == \
                "? (appears when Backward reaches h)"
            assert window.canvas.edge_item("x", "h", 0, 0).label_text() in ("?", view_state.format(
                view_state.parameters()[net_index(window, "x", "h")]))
        qtbot.keyClick(window, Qt.Key.Key_F7)
    assert answers == [(False, False, False, False, False, False), (True, False, False, False, False, False),
                       (True, True, False, False, False, False), (True, True, True, True, False, False),
                       (True, True, True, True, True, False)]
    assert view_state.revealed("updated", "h")
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # cancel: the normal view
    assert view_state.stepping is None and view_state.revealed("dL/dw", "h")
    assert window.inspector.edge_page.gradient.text() != view_state.pending("dL/dw", "h")


def net_index(window, source, target) -> int:
    return window.document.network.parameter_layout().weight(source, target).index(0, 0)


def test_backward_edges_not_reached_show_a_question_mark(qtbot, lesson_window):
    window = lesson_window
    qtbot.keyClick(window, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    while window.view_state.stepping.phase != "backward":
        qtbot.keyClick(window, Qt.Key.Key_F7)
    trace = window.view_state.stepping.trace
    assert window.canvas.edge_item("x", "h", 0, 0).label_text() == reveal.NOT_YET
    assert window.canvas.edge_item("h", "y", 0, 0).label_text() == \
        window.view_state.format(trace.weights("h", "y", "gradient")[0, 0])
    cells = window.training.ui.heatmaps.cell_texts("x", "h")
    assert cells is None or all(text in ("", reveal.NOT_YET) for row in cells for text in row)


def test_a_lesson_can_hide_a_quantity_through_the_same_rule(qtbot, lesson_window):
    """A guided lesson's open question: dL/dw into y stays hidden, outside any step-through too."""
    window = lesson_window
    view_state = window.view_state
    view_state.select(Selection.edge("h", "y", 0, 0))
    view_state.hide("dL/dw", "y")
    assert not view_state.revealed("dL/dw", "y") and view_state.revealed("dL/dw", "h")
    assert window.inspector.edge_page.gradient.text() == "? (hidden: work it out first)"
    gradient = view_state.traced_gradient()
    block = window.document.network.parameter_layout().weight("h", "y")
    assert np.isnan(block.take(gradient)).all() and not np.isnan(gradient[:block.start]).any()
    view_state.unhide("dL/dw", "y")
    assert view_state.revealed("dL/dw", "y") and "?" not in window.inspector.edge_page.gradient.text()
    with pytest.raises(ValueError, match="unknown quantity"):
        view_state.hide("gradient")


def walk_to(qtbot, window, phase: str):
    qtbot.keyClick(window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    while window.view_state.stepping.phase != phase:
        qtbot.keyClick(window, Qt.Key.Key_F8)
    return window.view_state.stepping.trace


def canvas_texts(window) -> list[str]:
    from window_texts import painted_texts

    return painted_texts(window.canvas.scene())


def test_the_loss_phase_writes_t_y_minus_t_and_each_loss_term_on_the_canvas(qtbot, lesson_window):
    window = lesson_window
    before = canvas_texts(window)
    assert "y − t" not in before and not any(text.startswith("L = ") for text in before)
    trace = walk_to(qtbot, window, "loss")
    fmt = window.view_state.format
    y, t = trace.layers["y"].a[0, 0], trace.targets[0, 0]
    texts = canvas_texts(window)
    for label, value in (("t", t), ("y − t", y - t), ("(y − t)²", (y - t) ** 2)):
        assert label in texts and fmt(value) in texts, (label, texts)
    assert "L =" in texts and fmt(trace.loss) in texts and "(sum of the terms)" in texts
    # under the output, no edge through it
    y = window.canvas.scene().layer_items["y"]
    loss, card = y.mapRectToScene(y.loss_rect()), y.mapRectToScene(y.card_rect())
    assert loss.top() > card.bottom()
    assert not any(edge.crosses(loss) for c in window.canvas.scene().connection_items.values() for edge in c.items)


def test_softmax_cross_entropy_shows_minus_ln_p_of_the_target_class(qtbot, main_window):
    path = core.example_path("three_classes_softmax")
    main_window.document.replace_network(core.load_network(path), path)
    trace = walk_to(qtbot, main_window, "loss")
    out = main_window.document.network.output_layer
    p, target = trace.layers[out].a[0], trace.targets[0]
    k = int(np.argmax(target))
    texts = canvas_texts(main_window)
    assert texts.count("−ln y") == 1  # only the target class has a term, named by the output y it shows
    assert main_window.view_state.format(-np.log(p[k])) in texts
    assert main_window.view_state.neuron(out, k).loss_term == pytest.approx(trace.data_loss, rel=1e-12)


def test_z_and_b_beside_the_neurons_and_the_bias_change_in_update(qtbot, lesson_window):
    window = lesson_window
    view_state, fmt = window.view_state, window.view_state.format
    net = window.document.network
    # on by default for a small network, under each neuron inside its card: every edge keeps its number
    z = core.layer_traces(net, net.dataset.inputs[[0]], net.dataset.targets[[0]])["h"].z[0, 1]
    texts = canvas_texts(window)
    assert window.actions_by_name["canvas_numbers"].isChecked() and view_state.canvas_numbers
    assert fmt(z) in texts and "z" in texts and "b" in texts
    assert all(fmt(w) in texts for w in net.weights["h", "y"].ravel()), texts
    h = window.canvas.scene().layer_items["h"]
    assert all(h.card_rect().contains(h.zb_plate(k).center()) and h.zb_plate(k).top() > h.neuron_centre(k).y()
               for k in range(2))  # under its own neuron, inside the card
    window.actions_by_name["canvas_numbers"].trigger()  # View → z and b on Canvas: off
    assert "z" not in canvas_texts(window)
    window.actions_by_name["canvas_numbers"].trigger()  # and on again
    assert fmt(z) in canvas_texts(window)
    trace = walk_to(qtbot, window, "update")
    old, new = trace.bias("h", "before")[1], trace.bias("h", "updated")[1]
    assert new != old
    texts = canvas_texts(window)
    assert "old b" in texts and "new b" in texts and fmt(new) in texts


def test_a_layer_without_bias_writes_z_alone_with_no_empty_row(qtbot, main_window):
    """relu_tutorial's layers have no bias: under each neuron one row, z = Σ w·a, no blank "b" row."""
    path = core.example_path("relu_tutorial")
    main_window.document.replace_network(core.load_network(path), path)
    net = main_window.document.network
    trace = walk_to(qtbot, main_window, "loss")  # h and y computed
    fmt = main_window.view_state.format
    texts = canvas_texts(main_window)
    z = trace.layers["h"].z[0]
    assert "z" in texts and all(fmt(v) in texts for v in z)
    assert "b" not in texts and "old b" not in texts
    scene = main_window.canvas.scene()
    row = scene.layer_items["h"].text_font(8.0)
    from PySide6.QtGui import QFontMetricsF

    one_row = QFontMetricsF(row).height()
    for name in ("h", "y"):
        assert not net.layer(name).bias
        plate = scene.layer_items[name].zb_plate(0)
        assert one_row <= plate.height() < 2 * one_row, (name, plate.height(), one_row)
    walk_to(qtbot, main_window, "update")
    assert "old b" not in canvas_texts(main_window)


def figure_texts(window) -> dict[str, str]:
    return {"status bar": window.training.ui.status_label.text(), "loss panel": window.training.ui.loss.summary.text()}


@pytest.mark.parametrize("lesson", ["one_hidden_sigmoid", "xor"])
def test_status_bar_and_loss_summary_write_this_steps_loss_only_from_the_loss_phase(qtbot, main_window, lesson):
    """After one Step (F6), the step-through (F7) of the next one: the status bar writes "?" for the loss and the
    accuracy (the output against the target) until the Loss phase, with the same words as the other panels; the
    line under the loss plots never tells the walked step's loss before that phase, and writes no figure that was
    not on screen before the walk (step 1's own figures of a full-batch run stay: review 21, finding 12); Cancel
    shows them all again."""
    window, view_state = main_window, main_window.view_state
    assert window.files.open_example(str(core.example_path(lesson)))
    qtbot.waitUntil(lambda: window.training.latest is not None, timeout=15000)
    qtbot.keyClick(window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: window.training.latest.step == 1 and not window.training.running, timeout=15000)
    before = figure_texts(window)
    assert all("loss" in text and "?" not in text for text in before.values()), before
    classification = window.document.network.dataset.is_classification
    assert ("accuracy" in before["status bar"]) == classification
    qtbot.keyClick(window, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: view_state.stepping is not None, timeout=10000)
    trace = view_state.stepping.trace
    out = window.document.network.output_layer
    loss_words, accuracy_words = view_state.pending("loss", out), view_state.pending("accuracy", out)
    assert loss_words == accuracy_words == "? (appears in the Loss phase)"
    seen_phases = set()
    while True:
        step = view_state.stepping
        seen_phases.add(step.phase)
        texts = figure_texts(window)
        for where, text in texts.items():
            if step.phase == "forward":
                assert not written_forms(trace.loss) & numbers_in([text]), \
                    f"the {where} tells the loss in Forward: {text!r}"
                assert numbers_in([text]) <= numbers_in([before[where]]), f"the {where} tells a new figure: {text!r}"
                if where == "status bar":
                    assert f"loss {loss_words}" in text and "loss 0" not in text and "loss 1" not in text
            else:
                assert "?" not in text, f"the {where} still hides a figure in {step.phase}: {text!r}"
            if classification and "accuracy" in text and where == "status bar":
                assert (f"accuracy {accuracy_words}" in text) == (step.phase == "forward"), text
        if step.phase == "loss":
            assert texts == before  # the figures as they were before the walk
        if step.phase == "update":
            break
        qtbot.keyClick(window, Qt.Key.Key_F7)
    assert seen_phases == {"forward", "loss", "backward", "update"}
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # cancel
    assert view_state.stepping is None and "?" not in "".join(figure_texts(window).values())
