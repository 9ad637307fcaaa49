"""A number is written "1" or "0" only when it is exactly that (teacher's review 11, finding 7).

``format_number`` writes a value within 1e−9 of a short form as that form (0.49 computed as
0.48999999999999994 is 0.49): an output trained to 0.9999999996 read "1", the "1" of an exact 1,
and nothing said which. Now such a near value reads "≈1" (the ≈0 of rounding noise, one place
further), and where every dL/dw is exactly 0 (guided_chain_rule trained to its targets: cells "0"
on a colour bar of ±0.000001, the bar's least scale) the heatmaps' caption says they are exactly 0.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QApplication

import core
from window_texts import painted_texts


def one_weight_network(weight: float) -> core.Network:
    """x → y (identity, no bias), w = ``weight``, one sample x = 1 with target t = 1: y = w."""
    net = core.Network("one weight")
    net.add_layer("x", 1)
    net.add_layer("y", 1, activation="identity", bias=False)
    net.connect("x", "y")
    net.weights["x", "y"][:] = weight
    net.dataset = core.Dataset(np.array([[1.0]]), np.array([[1.0]]))
    net.training.loss = "half_mse"
    return net


def shown(qtbot, window, net):
    """``net`` opened in ``window``, its step 0 drawn; the heatmap panel."""
    window.document.replace_network(net, None)
    window.training.wait_for_step_0()
    panel = window.training.ui.heatmaps
    qtbot.waitUntil(lambda: panel.cell_texts("x", "y") not in (None, [[""]]), timeout=10000)
    for _ in range(3):
        QApplication.instance().processEvents()
    return panel


def test_an_output_near_but_not_at_its_target_reads_approximately(qtbot, main_window):
    panel = shown(qtbot, main_window, one_weight_network(0.9999999996))
    texts = painted_texts(main_window.canvas.scene())
    assert texts.count("≈1") >= 2, texts  # y = 0.9999999996 and its weight (its z too): they read "1"
    assert texts.count("1") == 2, texts  # x and t, which are 1
    assert panel.cell_texts("x", "y") == [["−4e−10"]]  # dL/dw = (y − t)·x: not 0


def test_an_output_exactly_at_its_target_reads_1_and_its_zero_gradients_say_exactly(qtbot, main_window):
    panel = shown(qtbot, main_window, one_weight_network(1.0))
    texts = painted_texts(main_window.canvas.scene())
    assert texts.count("1") >= 4 and "≈1" not in texts, texts  # x, w, y, t
    assert panel.cell_texts("x", "y") == [["0"]]
    assert panel.what.text().startswith("Every dL/dw is exactly 0"), panel.what.text()  # not a rounded ±0.000001
