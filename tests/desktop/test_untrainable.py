"""A network that cannot train says so when it opens and at Play, with how to fix it; and the
output map's legend keeps a sensible size with many classes (issue 24, point 4)."""

from __future__ import annotations

import json

import numpy as np

import core


def _xor_with_two_target_columns(tmp_path):
    with open(core.example_path("xor"), encoding="utf-8") as f:
        doc = json.load(f)
    rows = [[0, 0], [0, 1], [1, 0], [1, 1]]
    doc["dataset"] = {"inputs": rows, "targets": [[a ^ b, 1 - (a ^ b)] for a, b in rows]}
    path = tmp_path / "two-targets.bpnet"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_a_dataset_that_does_not_fit_says_so_on_opening_and_at_play(main_window, qtbot, tmp_path):
    assert main_window.files.load(str(_xor_with_two_target_columns(tmp_path)))
    status, bar = main_window.training.ui.status_label, main_window.statusBar()
    expected = ("Cannot train: the output layer 'y' has 1 unit but the dataset has 2 target columns: "
                "give 'y' 2 units or use a dataset with 1 target column")
    qtbot.waitUntil(lambda: status.toolTip() == expected, timeout=5000)
    shown = status.text().rstrip("…")
    assert expected.startswith(shown) and "give 'y' 2 units" in shown  # what and how, visible
    main_window.training.toolbar.play_action.trigger()  # the student presses Play anyway
    assert not main_window.training.running and bar.currentMessage() == expected
    assert main_window.files.load(core.example_path("xor"))  # a network that fits: ready again
    qtbot.waitUntil(lambda: not status.text().startswith("Cannot train"), timeout=5000)


def test_a_fitting_dataset_is_ready(main_window, qtbot):
    assert main_window.files.load(core.example_path("xor"))
    status = main_window.training.ui.status_label
    qtbot.waitUntil(lambda: not status.text().startswith("Cannot train"), timeout=5000)


def _sixty_classes() -> core.Network:
    net = core.Network("sixty")
    net.add_layer("x", 2)
    net.add_layer("y", 60, activation="softmax")
    net.connect("x", "y")
    net.training.loss = "cross_entropy"
    rng = np.random.default_rng(0)
    X = rng.normal(size=(240, 2))
    T = np.eye(60)[np.arange(240) % 60]
    net.dataset = core.Dataset(X, T)
    return net


def test_sixty_classes_keep_the_legend_small(main_window, qtbot):
    main_window.document.replace_network(_sixty_classes(), None)
    panel = main_window.training.ui.output_map
    dock = next(d for d in main_window.training.ui.docks.values() if d.widget() is panel)
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: len(panel.legend.entries()) > 0, timeout=5000)
    entries = panel.legend.entries()
    assert len(entries) == 8 and entries[0] == "class 0" and entries[-1].startswith("and 53 more classes")
    qtbot.waitUntil(lambda: panel.legend.height() > 0, timeout=5000)
    # the legend, above the map or (a panel much wider than high) in a column right of it, leaves the map its room
    assert panel.legend.height() < panel.height() / 3 or panel.legend.geometry().left() > panel.width() / 2
    assert panel.plot_widget.height() >= panel.height() / 2


def test_a_layer_left_unconnected_says_cannot_train_not_ready(main_window, qtbot):
    """"+ Hidden layer" adds a layer with no connections: the network has two output layers and F8, F6 and
    Play are refused, while the status bar's right end said "Ready to train." (teacher review 20 #3)."""
    from PySide6.QtGui import QAction

    assert main_window.files.load(core.example_path("xor"))
    status = main_window.training.ui.status_label
    qtbot.waitUntil(lambda: status.text() and not status.text().startswith("Cannot train"), timeout=5000)
    add = next(a for a in main_window.findChildren(QAction) if "Hidden layer" in a.text())
    add.trigger()  # the toolbar's "+ Hidden layer"
    problems = main_window.document.network.problems()
    assert problems
    qtbot.waitUntil(lambda: status.toolTip() == "Cannot train: " + "; ".join(problems), timeout=5000)
    assert status.text().startswith("Cannot train") and "Ready" not in status.text()
    main_window.document.undo_stack.undo()  # Ctrl+Z takes the layer back: ready again
    qtbot.waitUntil(lambda: not status.text().startswith("Cannot train"), timeout=5000)


def test_a_layer_left_unconnected_is_the_reason_nothing_is_traced(main_window, qtbot):
    """"+ Hidden layer" at a network with data: the gradient heatmap said "nothing traced yet (the network needs a
    dataset that fits it)", sending the student to the Dataset panel; it names the layer left unconnected, as the
    status bar and the lesson's note do (teacher review 22 #6)."""
    from PySide6.QtGui import QAction

    assert main_window.files.load(core.example_path("xor"))
    heatmaps = main_window.training.ui.heatmaps
    heatmaps.parentWidget().show()
    add = next(a for a in main_window.findChildren(QAction) if "Hidden layer" in a.text())
    add.trigger()  # the toolbar's "+ Hidden layer"
    problem = main_window.document.network.problems()[0]
    qtbot.waitUntil(lambda: "nothing traced" in heatmaps.what.toolTip(), timeout=5000)
    said = heatmaps.what.toolTip()
    assert "the network cannot compute: " + problem in said and "dataset" not in said, said
