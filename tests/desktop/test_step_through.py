"""Seeing backprop happen in the window: the numbers on the canvas, and one training step in phases.

* the neuron numbers are core's forward/backward values for the traced input;
* walking Forward → Loss → Backward → Update and applying it with the next mini-batch
  traced gives bit for bit what Trainer.step gives (plain SGD, momentum, Adam, after a run);
* with one sample traced, the phases show that sample's numbers and the step applied is one
  Step of the session all the same (the status line says when it trains on more rows).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
import pytest

import core
from desktop import commands
from desktop.view_state import Selection
from test_training_support import training_window, wait_finished, xor_network  # noqa: F401 (a fixture)


def lesson(name: str) -> core.Network:
    return core.load_network(core.example_path(name))


def walk(qtbot, window, granularity: str = "phase"):
    """Press Next until the step is applied; return the phases seen (with their layer)."""
    stepper, view_state = window.stepper, window.view_state
    press = stepper.next_phase if granularity == "phase" else stepper.next_layer
    seen = []
    press()
    qtbot.waitUntil(lambda: view_state.stepping is not None, timeout=5000)
    while view_state.stepping is not None:
        seen.append((view_state.stepping.phase, view_state.stepping.layer))
        press()
    return seen


def test_canvas_numbers_are_cores_forward_and_backward_values(qtbot, training_window):
    net = lesson("one_hidden_sigmoid")
    window = training_window(net)
    view_state = window.view_state
    view_state.set_sample(0)
    expected = core.layer_traces(net, net.dataset.inputs[[0]], net.dataset.targets[[0]])
    for layer in ("h", "y"):
        for j in range(net.layer(layer).units):
            value, symbol = view_state.shown_number(layer, j)
            assert symbol == "a" and value == expected[layer].a[0, j]
            numbers = view_state.neuron(layer, j)
            assert numbers.z == expected[layer].z[0, j] and numbers.delta == expected[layer].delta[0, j]
    assert view_state.shown_number("x", 0) == (1.0, "x")
    assert view_state.neuron("y", 0).target == 0.6
    assert view_state.neuron("h", 0).bias == net.biases["h"][0]
    assert view_state.neuron("h", net.layer("h").units) is None and view_state.neuron("gone", 0) is None
    tip = window.scene.layer_items["h"].neuron_tooltip(0)
    assert "z = " in tip and "a = f(z) = sigmoid(z)" in tip and "for sample 0" in tip


def test_the_next_mini_batch_shows_batch_means(qtbot, training_window):
    net = xor_network(batch=8)
    window = training_window(net)
    view_state = window.view_state
    assert view_state.sample == 0  # a lesson opens tracing sample 0: numbers to check by hand
    view_state.set_sample(None)
    rows = core.Trainer(net.copy()).next_batch_indices()
    qtbot.waitUntil(lambda: np.array_equal(view_state.traced_rows(), rows), timeout=5000)
    expected = core.layer_traces(net, net.dataset.inputs[rows], net.dataset.targets[rows])
    assert view_state.shown_number("h", 2)[0] == pytest.approx(expected["h"].a[:, 2].mean(), abs=1e-15)
    assert "mean over its 8 samples" in view_state.traced_description()
    assert view_state.neuron("y", 0).target is None  # a mean of 0/1 targets is no target to show
    assert "mean over its 8 samples" in window.canvas.legend.traced_text
    view_state.set_sample(5)
    assert view_state.neuron("y", 0).target == net.dataset.targets[5, 0]


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_a_phased_step_is_exactly_a_step(qtbot, training_window, optimizer):
    net = xor_network(batch=8)
    if optimizer == "momentum":
        net.training.optimizer.momentum = 0.9
    elif optimizer == "adam":
        net.training.optimizer.name = "adam"
        net.training.optimizer.learning_rate = 0.01
    reference = core.Trainer(net.copy())
    for _ in range(6):
        reference.step()
    window = training_window(net)
    window.view_state.set_sample(None)  # the next mini-batch: the step-through is the Step itself
    c = window.training
    c.step(5)  # from any state: after a run, with momentum/Adam state built up
    wait_finished(qtbot, c)
    c.step(1)
    wait_finished(qtbot, c)
    seen = walk(qtbot, window, "phase")
    assert [phase for phase, _ in seen] == ["forward", "loss", "backward", "update"]
    qtbot.waitUntil(lambda: c.latest is not None and c.latest.step == 7 and not c.running, timeout=5000)
    reference.step()
    assert np.array_equal(window.document.network.flat, reference.net.flat)


def test_next_layer_walks_every_layer_both_ways(qtbot, training_window):
    net = lesson("one_hidden_sigmoid")
    window = training_window(net)
    seen = walk(qtbot, window, "layer")
    assert seen == [("forward", 1), ("forward", 2), ("loss", 2), ("backward", 2), ("backward", 1), ("update", 2)]


def test_forward_phase_hides_layers_not_yet_computed_and_backward_shows_delta(qtbot, training_window):
    net = lesson("one_hidden_sigmoid")
    window = training_window(net)
    view_state = window.view_state
    window.stepper.next_layer()
    qtbot.waitUntil(lambda: view_state.stepping is not None, timeout=5000)
    assert view_state.shown_number("h", 0)[1] == "a" and view_state.shown_number("y", 0) == (None, "?")
    for _ in range(3):
        window.stepper.next_layer()
    assert view_state.stepping.phase == "backward"
    trace = view_state.stepping.trace
    assert view_state.shown_number("y", 0) == (trace.layers["y"].delta[0, 0], "δ")
    assert view_state.shown_number("h", 0)[1] == "a"
    assert window.scene.mode_noun() == "dL/dw"
    window.stepper.cancel()
    assert view_state.stepping is None and window.document.undo_stack.count() == 0


def test_a_step_by_hand_on_one_traced_sample_is_a_training_step_and_says_it_trains_on_the_batch(
        qtbot, training_window):
    """Issue 21 point 3: the walk shows sample 3's numbers; the press after Update is one Step
    of the session (F6's batch, counted, on the loss curve, one undo step), and the status line
    says that this step trains on a mini-batch that is not just sample 3."""
    net = xor_network(batch=8)
    window = training_window(net)
    doc, c = window.document, window.training
    reference = core.Trainer(net.copy())
    c.step(2)
    wait_finished(qtbot, c)
    reference.step(), reference.step()
    before = doc.network.parameters()
    window.view_state.set_sample(3)
    expected_sample = core.trace_step(reference.net, sample=3)
    messages = []
    window.stepper.status.connect(messages.append)
    seen = []
    window.stepper.next_phase()
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=5000)
    assert window.view_state.stepping.trace.rows == [3]  # the phases show the sample's own numbers
    while window.view_state.stepping is not None:
        seen.append(window.view_state.stepping.phase)
        if seen[-1] == "update":
            assert np.array_equal(window.view_state.stepping.trace.updated, expected_sample.updated)
        window.stepper.next_phase()
    assert seen == ["forward", "loss", "backward", "update"]
    qtbot.waitUntil(lambda: c.latest is not None and c.latest.step == 3 and not c.running, timeout=5000)
    reference.step()
    assert np.array_equal(doc.network.flat, reference.net.flat)  # bit for bit F6's third step
    assert c.latest.loss_steps[-1] == 3  # drawn on the loss curve, counted
    assert "mini-batch of 8 rows" in messages[-1] and "not sample 3 alone" in messages[-1]
    assert messages[-2].startswith("Update of sample 3 alone")  # said in the phases already
    assert messages[-2].count("sample 3") == 1  # the shown step is the sample's, the applied one the batch's: once each
    assert any(m.startswith("Loss") and "not sample 3 alone" in m for m in messages)
    assert doc.undo_stack.text(doc.undo_stack.index() - 1) == "Training step"
    doc.undo_stack.undo()  # one undo step, like a Step
    assert np.array_equal(doc.network.flat, before)


def test_a_step_by_hand_on_a_one_row_dataset_is_that_samples_step(qtbot, training_window):
    net = xor_network(batch=8, samples=1)
    window = training_window(net)
    window.view_state.set_sample(0)
    expected = core.trace_step(net, sample=0)
    seen = walk(qtbot, window, "phase")
    assert seen[-1][0] == "update"
    c = window.training
    qtbot.waitUntil(lambda: c.latest is not None and c.latest.step == 1 and not c.running, timeout=5000)
    assert np.array_equal(window.document.network.flat, expected.updated)


def test_update_phase_shows_old_and_new_weights(qtbot, training_window):
    net = lesson("relu_tutorial")
    window = training_window(net)
    view_state = window.view_state
    for _ in range(4):  # forward, loss, backward, update
        window.stepper.next_phase()
        qtbot.waitUntil(lambda: view_state.stepping is not None, timeout=5000)
    assert view_state.stepping.phase == "update"
    trace = view_state.stepping.trace
    old, new, gradient = view_state.weight_change("h", "y", 0, 0)
    assert old == trace.weights("h", "y", "before")[0, 0] and new == trace.weights("h", "y", "updated")[0, 0]
    assert new == pytest.approx(old - net.training.optimizer.learning_rate * gradient, abs=1e-15)
    edge = window.canvas.edge_item("h", "y", 0, 0)
    assert edge.value()[0] == new and "→" in edge.tooltip_text()


def test_view_menu_sets_the_digits_of_every_number_on_the_canvas(qtbot, training_window):
    net = lesson("relu_tutorial")
    window = training_window(net)
    view_state, edge = window.view_state, window.canvas.edge_item("h", "y", 0, 0)
    weight = -0.123456789
    assert window.document.perform(commands.SetWeight(window.document, "h", "y", 0, 0, weight)) is None
    assert window.actions_by_name[f"digits_{view_state.digits}"].isChecked()
    for digits in (2, 6, 3):
        window.actions_by_name[f"digits_{digits}"].trigger()
        assert view_state.digits == digits and window.actions_by_name[f"digits_{digits}"].isChecked()
        assert edge.label_text() == core.format_number(weight, digits)
        assert float(edge.label_text().replace("−", "-")) == pytest.approx(weight, rel=10.0 ** (1 - digits))


def test_each_phase_highlights_the_connections_into_the_layer_it_reached(qtbot, training_window):
    window = training_window(lesson("relu_tutorial"))  # x → h → y
    view_state, scene, legend = window.view_state, window.canvas.scene(), window.canvas.legend
    assert view_state.active_connections() == set()
    seen = []
    window.stepper.next_layer()
    qtbot.waitUntil(lambda: view_state.stepping is not None, timeout=5000)
    while view_state.stepping is not None:
        step = view_state.stepping
        seen.append((step.phase, view_state.active_layer(), frozenset(scene.active_connections)))
        if view_state.active_layer() is not None:
            assert view_state.active_layer() in legend.glow_text
        else:
            assert legend.glow_text == ""
        window.stepper.next_layer()
    forward = [(layer, set(c)) for phase, layer, c in seen if phase == "forward" and c]
    backward = [(layer, set(c)) for phase, layer, c in seen if phase == "backward" and c]
    assert forward == [("h", {("x", "h")}), ("y", {("h", "y")})]
    assert backward == [("y", {("h", "y")}), ("h", {("x", "h")})]
    assert all(not c for phase, _, c in seen if phase in ("loss", "update"))


def test_clicking_a_neuron_explains_its_delta_for_the_traced_sample(qtbot, training_window):
    from conftest import Canvas

    net = lesson("relu_tutorial")
    window = training_window(net)
    window.view_state.set_sample(0)
    canvas, page = Canvas(window, qtbot), window.inspector.layer_page
    item = canvas.scene.layer_items["h"]
    canvas.click(item.mapToScene(item.neuron_centre(1)))
    assert window.view_state.selection == Selection.of_layers("h", neuron=1)
    assert window.inspector.current_page() is page and page.neuron.value() == 1
    data = net.dataset
    expected = core.explain_neuron(net, "h", 1, data.inputs[[0]], data.targets[[0]]).lines(4)
    text = page.explanation.toPlainText()
    assert text.startswith("for sample 0") and text.endswith("\n".join(expected))
    assert "δ_h1" in text  # the hidden neuron's δ, written out
    canvas.click(item.mapToScene(item.neuron_centre(0)))  # another neuron of the same layer
    assert page.neuron.value() == 0 and "δ_h0" in page.explanation.toPlainText()


def test_the_loss_curve_shows_the_weights_recent_steps_leading_to_now(qtbot, training_window):
    net = lesson("one_sigmoid_neuron")
    window = training_window(net)
    page, controller = window.inspector.edge_page, window.training
    controller.step(4)
    wait_finished(qtbot, controller)
    source, target = window.document.network.connections[0]
    window.view_state.select_edge(source, target, 0, 0)
    qtbot.waitUntil(lambda: page.earlier_line.getData()[0] is not None and len(page.earlier_line.getData()[0]) > 0,
                    timeout=5000)
    w, loss = page.earlier_line.getData()
    doc_net = window.document.network
    assert w[-1] == doc_net.weights[source, target][0, 0]  # the path ends at the weight now
    steps, values = window.view_state.earlier_weights(source, target, 0, 0)
    np.testing.assert_array_equal(w[:-1], values)
    assert len(values) >= 3 and list(steps) == sorted(steps)
    probe = doc_net.copy()
    X, T = window.view_state.traced_data()
    for value, shown in zip(values, loss[:-1]):
        probe.weights[source, target][0, 0] = value
        assert shown == pytest.approx(probe.loss_and_gradients(X, T)[0], rel=1e-12)
    assert "green squares" in page.curve_caption.text()
    window.document.undo_stack.undo()  # the run is undone: its path no longer leads to the weight shown
    assert window.view_state.earlier_weights(source, target, 0, 0) is None


@pytest.mark.parametrize("name", ["spiral", "xor", "three_classes_softmax"])
def test_the_legend_shows_every_word_it_has(qtbot, training_window, name):
    from PySide6.QtGui import QFontMetricsF

    from desktop.editor import style

    window = training_window(lesson(name))
    window.view_state.set_sample(None)
    window.training.step(1)
    wait_finished(qtbot, window.training)
    legend = window.canvas.legend
    qtbot.waitUntil(lambda: "mini-batch" in legend.traced_text, timeout=5000)
    fm = QFontMetricsF(style.font(8.5))
    column = legend._column_width(fm)
    for row in legend.rows():
        for k, (_, text) in enumerate(row):
            right = 10 + (column if k else 0) + legend.MARK + fm.horizontalAdvance(text)
            assert right <= legend.width() - 4, text
    assert legend.height() <= 5 * legend.ROW + 24  # compact: the network keeps the canvas


def test_clicking_a_point_in_the_output_map_traces_that_sample(qtbot, training_window):
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest

    window = training_window(xor_network())
    window.training.step(1)
    wait_finished(qtbot, window.training)
    panel = window.training.ui.output_map
    qtbot.waitUntil(lambda: len(panel.train_points.points()) > 0, timeout=5000)
    point = panel.train_points.points()[3]
    view = panel.plot_widget
    pixel = view.mapFromScene(panel.plot.getViewBox().mapViewToScene(QPointF(point.pos())))
    with qtbot.waitSignal(panel.sample_clicked) as clicked:  # a real click (points may overlap: the top one wins)
        QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pixel)
        QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pixel, 50)
    row = clicked.args[0]
    assert window.view_state.sample == row
    data = window.document.network.dataset
    assert np.abs(data.inputs[row] - [point.pos().x(), point.pos().y()]).max() < 0.1  # the point under the mouse
    assert np.array_equal(window.view_state.traced_data()[0], data.inputs[[row]])
    assert window.training.step_toolbar.sample.value() == row
    assert window.canvas.legend.traced_text.startswith(f"for sample {row} ")


def test_during_the_step_through_the_heatmaps_show_the_steps_own_gradient(qtbot, training_window):
    window = training_window(lesson("relu_tutorial"))
    view_state, panel = window.view_state, window.training.ui.heatmaps
    for _ in range(3):  # forward, loss, backward
        window.stepper.next_phase()
        qtbot.waitUntil(lambda: view_state.stepping is not None, timeout=5000)
    trace = view_state.stepping.trace
    assert view_state.stepping.phase == "backward"
    for source, target in window.document.network.connections:
        assert np.array_equal(panel.values(source, target), trace.weights(source, target, "gradient"))
    # the caption's whole sentence (its tooltip; the line shows the longest form that fits the panel)
    assert "at the weights before this step" in panel.what.toolTip()
    assert panel.what.text() in panel.what.forms() and panel.what.text().startswith("dL/dw for the next mini-batch")


@pytest.mark.parametrize("ending", ["applied", "cancelled"])
def test_the_heatmap_mode_the_student_chose_comes_back_after_the_step_through(qtbot, training_window, ending):
    """The heatmaps switch to this step's dL/dw while stepping (F8); they stayed there after the
    step was applied (F8 past Update) or cancelled (Shift+F8), the student's choice lost."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = training_window(lesson("relu_tutorial"))
    panel, view_state = window.training.ui.heatmaps, window.view_state
    panel.mode_box.setFocus()
    QTest.keyClick(panel.mode_box, Qt.Key.Key_Down)  # the closed combo box moves to the next mode
    QTest.keyClick(panel.mode_box, Qt.Key.Key_Down)
    assert panel.mode == "magnitude" and panel.mode_box.currentText() == "Running mean |dL/dw|"

    def f8(modifier=Qt.KeyboardModifier.NoModifier):
        window.canvas.setFocus()
        QTest.keyClick(window.canvas, Qt.Key.Key_F8, modifier)

    f8()
    qtbot.waitUntil(lambda: view_state.stepping is not None, timeout=5000)
    assert panel.mode == "traced" and not panel.mode_box.isEnabled()  # the step's own gradient, "?" until Backward
    if ending == "applied":
        while view_state.stepping is not None:  # loss, backward, update, then apply
            f8()
    else:
        f8(Qt.KeyboardModifier.ShiftModifier)
    assert view_state.stepping is None
    assert panel.mode == "magnitude" and panel.mode_box.isEnabled()
    assert panel.what.text().startswith("the running mean of |dL/dw|")


def test_the_update_phase_names_the_optimizers_own_rule(qtbot, training_window):
    from desktop.training.stepper import update_rule

    net = xor_network()
    net.training.optimizer.momentum = 0.9
    window = training_window(net)
    view_state = window.view_state
    for _ in range(4):
        window.stepper.next_phase()
        qtbot.waitUntil(lambda: view_state.stepping is not None, timeout=5000)
    assert view_state.stepping.phase == "update"
    text = window.stepper.describe(view_state.stepping)
    assert "v = μ·v + g, new = old − lr·v" in text and "μ = 0.9" in text
    window.view_state.select_edge("x", "h", 0, 0)
    old, new, _ = view_state.weight_change("x", "h", 0, 0)
    assert f"this step: w {core.format_number(old, 6)} → {core.format_number(new, 6)}" in \
        window.inspector.edge_page.gradient.text()
    assert update_rule(core.OptimizerSettings(learning_rate=0.5)) == "SGD, lr = 0.5: new = old − lr·g"
    assert "new = old − lr·(g + μ·v)" in update_rule(core.OptimizerSettings(momentum=0.5, nesterov=True))
    assert update_rule(core.OptimizerSettings(name="adam")).startswith("Adam")


def test_rounding_noise_is_drawn_thin(qtbot, training_window):
    """relu_2_2_1 fits its one sample exactly: dL/dw is 0 up to rounding (about 1e-16, or exactly 0, as the
    CPU's arithmetic has it), and was drawn as thick 'negative' edges."""
    from desktop.editor import style
    from desktop.editor.scene import SCALE_FLOOR

    window = training_window(lesson("relu_2_2_1"))
    window.training.step(500)
    wait_finished(qtbot, window.training)
    view_state, scene = window.view_state, window.canvas.scene()
    for _ in range(3):
        window.stepper.next_phase()
        qtbot.waitUntil(lambda: view_state.stepping is not None, timeout=5000)
    assert view_state.stepping.phase == "backward"
    gradient = view_state.stepping.trace.gradient
    noise = np.abs(gradient).max()
    assert noise < 1e-12  # the lesson's output equals its target
    # the floor holds rounding noise (1e-16 on some CPUs) thin; exactly 0 (others) has nothing to scale
    assert scene.scale == (SCALE_FLOOR if noise > 0 else 1.0)
    edge = window.canvas.edge_item("h", "y", 0, 0)
    assert style.value_pen(edge.value()[0], scene.scale).widthF() < style.MIN_PEN + 0.01


def test_a_term_of_the_chain_rule_can_be_followed_to_its_neuron(qtbot, training_window):
    window = training_window(lesson("relu_tutorial"))  # x → h → y
    inspector, view_state = window.inspector, window.view_state
    view_state.select_edge("x", "h", 1, 0)
    follow = inspector.edge_page.follow
    assert 'href="neuron:h:1"' in follow.text() and 'href="neuron:y:0"' in follow.text()
    follow.linkActivated.emit("neuron:y:0")  # the term w_y0,h1 · δ_y0 of dL/da_h1
    assert view_state.selection == Selection.of_layers("y", neuron=0)
    page = inspector.layer_page
    assert inspector.current_page() is page and page.layer_name == "y" and page.neuron.value() == 0
    assert "δ_y0" in page.explanation.toPlainText()
    follow.linkActivated.emit("neuron:h:1")
    assert page.layer_name == "h" and page.neuron.value() == 1
    assert 'href="neuron:y:0"' in page.follow.text()  # the hidden neuron's δ comes from y0's


def test_the_canvas_gradient_toggle_steps_aside_during_the_step_through(qtbot, training_window):
    window = training_window(lesson("relu_tutorial"))
    toggle = window.training.ui.heatmaps.canvas_toggle
    assert toggle.isEnabled()
    window.stepper.next_phase()
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=5000)
    assert not toggle.isEnabled() and "step-through" in toggle.toolTip()
    window.stepper.cancel()
    assert toggle.isEnabled()


def test_the_phase_is_told_beside_its_buttons(qtbot, training_window):
    window = training_window(lesson("relu_tutorial"))
    label = window.training.step_toolbar.phase_text
    window.stepper.next_phase()
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=5000)
    assert label.text().startswith("Forward:") and label.toolTip() == ""  # shown whole: no tooltip needed
    window.stepper.next_phase()
    assert label.text().strip().startswith("Loss of this sample") and "L = " in label.text()


@pytest.mark.parametrize("presses", [2, 3])  # the Loss phase, the Backward phase
def test_file_new_during_a_step_through_with_an_edge_selected(qtbot, canvas, presses):
    """F8 to the Loss or Backward phase, an edge clicked, File → New: the canvas placed the edges'
    numbers for the deselection while the old network's trace was still the view's, and read an
    output layer from the new, empty network (GraphError in the event loop)."""
    window = canvas.window  # the XOR lesson, as the window opens
    qtbot.waitUntil(lambda: window.training.latest is not None, timeout=10000)
    for _ in range(presses):
        canvas.key(Qt.Key.Key_F8)
        qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=5000)
    qtbot.waitUntil(lambda: window.view_state.stepping.phase == ("loss", "backward")[presses - 2], timeout=5000)
    qtbot.wait(100)  # the step toolbar has made room for the walk's sentences: the canvas sits lower
    with qtbot.waitSignal(window.view_state.selection_changed) as signal:
        canvas.click(canvas.edge_point("h", "y", 0, 1, 0.2))
    assert signal.args == [Selection.edge("h", "y", 0, 1)]
    window.actions_by_name["new"].trigger()
    qtbot.wait(50)  # an exception in the event loop fails the test (pytest-qt)
    assert window.view_state.stepping is None and not window.document.network.layers
