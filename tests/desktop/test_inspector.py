"""The inspector: what it shows for a layer, an edge and the network, and that its edits are undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt

import core


def select_layer(window, name):
    scene = window.canvas.scene()
    scene.clearSelection()
    scene.layer_items[name].setSelected(True)
    return window.inspector.layer_page


def type_into(qtbot, box, text):
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), text)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)


def test_layer_page_edits_units_activation_bias_and_name(main_window, qtbot, state_of):
    doc = main_window.document
    net_before = state_of(doc.network)
    page = select_layer(main_window, "h")
    assert main_window.inspector.current_page() is page
    assert page.units.value() == 2 and page.activation.currentText() == "sigmoid" and page.bias.isChecked()
    assert "from x" in page.links.text() and "to y" in page.links.text()

    type_into(qtbot, page.units, "5")
    assert doc.network.layer("h").units == 5
    assert main_window.canvas.scene().layer_items["h"].units == 5
    page.activation.setCurrentText("tanh")
    assert doc.network.layer("h").activation == "tanh"
    page.bias.setChecked(False)
    assert "h" not in doc.network.biases
    page.name.setText("hidden")
    page.name.editingFinished.emit()
    assert [l.name for l in doc.network.layers] == ["x", "hidden", "y"]
    assert main_window.inspector.layer_page.layer_name == "hidden"

    for _ in range(4):
        doc.undo_stack.undo()
    assert state_of(doc.network) == net_before


def test_input_layer_has_no_activation_or_bias_to_edit(main_window):
    page = select_layer(main_window, "x")
    assert "input layer" in page.role.text()
    assert not page.activation.isEnabled() and not page.bias.isEnabled()


def test_layer_page_sets_a_bias_value(main_window, qtbot):
    doc = main_window.document
    page = select_layer(main_window, "h")
    page.neuron.setValue(1)
    type_into(qtbot, page.bias_value, "-0.75")
    assert doc.network.biases["h"][1] == -0.75
    assert main_window.canvas.scene().layer_items["h"].biases[1] == -0.75
    doc.undo_stack.undo()
    assert doc.network.biases["h"][1] != -0.75


def test_edge_page_shows_the_edge_edits_its_weight_and_explains_the_traced_gradient(main_window, qtbot):
    doc, scene, inspector = main_window.document, main_window.canvas.scene(), main_window.inspector
    main_window.view_state.set_sample(2)
    main_window.view_state.select_edge("h", "y", 0, 1)
    page = inspector.edge_page
    assert inspector.current_page() is page
    assert page.title.text() == "Edge h1 → y0"
    net = doc.network
    X, T = net.dataset.inputs[[2]], net.dataset.targets[[2]]
    expected = core.explain_edge(net, "h", "y", 0, 1, X, T)
    _, grads = net.loss_and_gradients(X, T)
    assert abs(expected.total - grads.weights["h", "y"][0, 1]) <= 1e-12
    assert page.gradient.text() == core.format_number(expected.total, 6)
    text = page.explanation.toPlainText()
    assert text.startswith("for sample 2 (x = [1, 0], t = [1])") and "dL/dw[h→y][0,1] = a_h1 · " in text
    assert "−0" not in text.replace("−0.", "")
    page.check_numerically()
    assert "relative error" in page.check_result.text()
    assert len(page.curve_line.getData()[0]) > 50 and page.now_point.getData()[0][0] == net.weights["h", "y"][0, 1]
    original = float(doc.network.weights["h", "y"][0, 1])
    assert page.weight.value() == original

    type_into(qtbot, page.weight, "2.5e-1")
    assert doc.network.weights["h", "y"][0, 1] == 0.25
    page.weight.stepUp()
    page.weight.stepUp()
    assert doc.network.weights["h", "y"][0, 1] == 0.45
    assert doc.undo_stack.count() == 1  # consecutive edits of one spin box are one undo step
    page.present.setChecked(False)
    assert not doc.network.edge_enabled("h", "y", 0, 1) and not page.weight.isEnabled()
    doc.undo_stack.undo()
    assert doc.network.edge_enabled("h", "y", 0, 1)
    doc.undo_stack.undo()
    assert doc.network.weights["h", "y"][0, 1] == original


def test_network_page_settings_are_undoable(main_window, qtbot):
    doc, inspector = main_window.document, main_window.inspector
    main_window.canvas.scene().clearSelection()
    page = inspector.network_page
    assert inspector.current_page() is page
    before = doc.network.training.copy()
    page.optimizer.setCurrentText("adam")
    assert doc.network.training.optimizer.name == "adam"
    assert page._training_form.isRowVisible(page.beta1) and not page._training_form.isRowVisible(page.momentum)
    type_into(qtbot, page.learning_rate, "0.03")
    type_into(qtbot, page.batch_size, "2")
    page.regularization.setCurrentText("l2")
    type_into(qtbot, page.rate, "0.001")
    type_into(qtbot, page.validation, "0.25")
    type_into(qtbot, page.seed, "9")
    page.loss.setCurrentText("half_mse")
    t = doc.network.training
    assert (t.optimizer.learning_rate, t.batch_size, t.regularization, t.regularization_rate,
            t.validation_fraction, t.seed, t.loss) == (0.03, 2, "l2", 0.001, 0.25, 9, "half_mse")
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert doc.network.training == before
    assert page.optimizer.currentText() == before.optimizer.name


def test_network_page_switches_the_dataset_generator(main_window, qtbot):
    doc, page = main_window.document, main_window.inspector.network_page
    main_window.canvas.scene().clearSelection()
    old = doc.network.dataset
    page.source.setCurrentText("moons")
    page.source.activated.emit(page.source.currentIndex())
    assert doc.network.dataset.source["generator"] == "moons"
    type_into(qtbot, page.samples, "60")
    assert len(doc.network.dataset) == 60
    expected = core.generate("moons", samples=60, noise=doc.network.dataset.source["noise"], seed=0)
    assert (doc.network.dataset.inputs == expected.inputs).all()
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.network.dataset is old


def test_network_page_loads_a_csv_file(main_window, dialogs, tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("a,b,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n")
    page = main_window.inspector.network_page
    dialogs.answer("open_file", str(path))
    page.choose_csv()
    ds = main_window.document.network.dataset
    assert ds.inputs.shape == (4, 2) and ds.targets.tolist() == [[0], [1], [1], [0]]
    assert "data.csv" in page.data_summary.text()
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b,label\n0,zero,0\n")
    dialogs.answer("open_file", str(bad))
    page.choose_csv()
    assert dialogs.of("warning") and main_window.document.network.dataset is ds


def test_network_page_lists_what_keeps_the_network_from_training(main_window):
    main_window.files.new()
    page = main_window.inspector.network_page
    assert page.problems.isVisibleTo(page) and "no layers" in page.problems.text()


def test_an_unconnected_layer_can_still_get_an_activation(main_window):
    main_window.files.new()
    main_window.canvas.scene().add_layer("output")
    page = select_layer(main_window, "y")
    assert "Not connected" in page.role.text()
    assert page.activation.isEnabled()
    page.activation.setCurrentText("tanh")
    assert main_window.document.network.layer("y").activation == "tanh"


def test_loss_of_one_weight_is_in_view_without_scrolling(main_window, qtbot):
    """L(w) is a tab beside the chain rule: at 1400×900 the whole plot shows without scrolling, the
    current point inside it, its axis label whole (it read "oss L(w)" below the fold)."""
    from PySide6.QtCore import QPoint, QRect

    window = main_window
    window.resize(1400, 900)
    assert window.files.open_example(str(core.example_path("perceptron")))
    window.view_state.select_edge("x", "y", 0, 0)
    page = window.inspector.edge_page
    page.tabs.setCurrentIndex(page.tabs.indexOf(page.loss_of_weight))
    qtbot.waitUntil(lambda: page.curve_plot.isVisible(), timeout=2000)
    qtbot.wait(50)
    viewport = page.curve_plot.parentWidget()
    while viewport is not None and viewport.objectName() != "qt_scrollarea_viewport":
        viewport = viewport.parentWidget()
    assert viewport is not None
    plot = page.curve_plot
    corners = [plot.mapTo(viewport, QPoint(0, 0)), plot.mapTo(viewport, QPoint(plot.width() - 1, plot.height() - 1))]
    assert all(QRect(QPoint(0, 0), viewport.size()).contains(p) for p in corners), "the plot needs scrolling"
    (x0, x1), (y0, y1) = plot.getViewBox().viewRange()
    w0, loss0 = page.now_point.getData()[0][0], page.now_point.getData()[1][0]
    assert x0 <= w0 <= x1 and y0 <= loss0 <= y1
    axis = plot.getAxis("left")
    assert axis.label.toPlainText().strip() == "L(w)"
    assert axis.label.sceneBoundingRect().height() < axis.sceneBoundingRect().height()
