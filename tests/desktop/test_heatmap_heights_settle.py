"""The gradient heatmaps settle on one layout at every height (code review 20 #5).

In a tall panel the line under the plots wraps, and it said different things for different layouts ("Cells rounded
to 2 digits …" on one line, "h → y: cells too narrow for their numbers; hover a cell." on two); its height took room
from the plots, whose layout chose the words. A network of 1 input, 24 tanh neurons and 1 output, at 1000 px wide
with the heatmaps' dock 434–446 px high, laid its plots out for 288 px, then 302, then 288, … for ever, one layout
per turn of the event loop. The line now keeps two lines whatever it says.
"""

from __future__ import annotations

import json

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import core
from test_training_support import wait_finished


def tall_network(path, hidden: int = 24) -> str:
    """A .bpnet of x (1) → h (``hidden`` tanh) → y (1) on the sine generator's 50 points."""
    rng = np.random.default_rng(0)
    data = core.generate("sine", samples=50, noise=0.0, seed=0)
    optimizer = {"name": "sgd", "learning_rate": 0.05, "momentum": 0.0, "nesterov": False,
                 "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
    network = {
        "format": "backprop-studio.network", "version": 1, "name": "tall",
        "layers": [{"name": "x", "units": 1, "position": [0.0, 0.0]},
                   {"name": "h", "units": hidden, "activation": "tanh", "bias": [0.0] * hidden, "position": [260.0, 0.0]},
                   {"name": "y", "units": 1, "activation": "identity", "bias": [0.0], "position": [520.0, 0.0]}],
        "connections": [{"from": "x", "to": "h", "weights": rng.normal(size=(hidden, 1)).round(3).tolist()},
                        {"from": "h", "to": "y", "weights": rng.normal(size=(1, hidden)).round(3).tolist()}],
        "training": {"loss": "mse", "optimizer": optimizer, "batch_size": 10,
                     "regularization": {"kind": "none", "rate": 0.0}, "validation_fraction": 0.0, "seed": 0},
        "dataset": {"inputs": data.inputs.tolist(), "targets": data.targets.tolist()}}
    path.write_text(json.dumps(network))
    return str(path)


def layout_of(panel) -> tuple:
    """What the student sees move: the plots' room, their least height and the line under them."""
    return panel.scroll.viewport().height(), panel.plots.minimumHeight(), panel.hover_label.height()


def test_the_heatmaps_settle_on_one_layout_at_every_height(qtbot, main_window, dialogs, tmp_path):
    window = main_window
    window.resize(1000, 1300)
    dialogs.answer("open_file", tall_network(tmp_path / "tall.bpnet"))
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # File → Open
    window.apply_default_layout()
    qtbot.waitUntil(lambda: window.training.latest is not None, timeout=20000)
    for epoch in range(1, 41):  # Step epoch (Shift+F6) 40 times: 200 steps of 10 samples
        QTest.keyClick(window, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: window.document.undo_stack.count() == epoch, timeout=20000)
        wait_finished(qtbot, window.training)
    assert window.training.latest.step == 200
    panel = window.training.ui.heatmaps
    dock = next(d for d in window.panel_docks.values() if panel in d.findChildren(type(panel)))
    app = QApplication.instance()
    moving = {}
    for height in range(404, 470, 3):  # the student drags the dock's edge
        window.resizeDocks([dock], [height], Qt.Orientation.Vertical)
        for _ in range(8):
            app.processEvents()
        seen = set()
        for _ in range(6):  # turns of the event loop with nothing more done: nothing more may move
            app.processEvents()
            seen.add(layout_of(panel))
        if len(seen) > 1:
            moving[height] = sorted(seen)
    assert not moving, moving
