"""Review 21, finding 8: an identity network at learning rate 1e6 (typed in the toolbar) diverges;
the weights kept are the last whose loss is finite (those after the last step already gave ∞), the
message says so and that Ctrl+Z takes back the whole run, and L(w) of an edge writes no "nan"."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

import core
from test_loss_of_weight_key import click_edge_and_lw_tab


def test_after_divergence_the_kept_weights_have_a_finite_loss(qtbot, main_window, dialogs, canvas, tmp_path):
    window = main_window
    window.resize(1024, 700)
    net = core.load_network(core.example_path("xor"))
    net.training.loss = "mse"
    for layer in ("h", "y"):
        net.set_activation(layer, "identity")
    core.save_network(net, str(tmp_path / "linear.bpnet"))
    dialogs.answer("open_file", str(tmp_path / "linear.bpnet"))
    window.actions_by_name["open"].trigger()
    controller = window.training
    told = []
    controller.notify = lambda title, text: told.append((title, text))  # (the non-modal message box)
    box = window.findChild(QToolBar, "training_toolbar").learning_rate
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "1e6")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_F5)  # Play
    qtbot.waitUntil(lambda: controller.latest is not None and controller.latest.state == "diverged", timeout=20000)
    qtbot.waitUntil(lambda: bool(told), timeout=5000)
    text = told[0][1]
    assert "were kept, the last whose loss is finite" in text and "Ctrl+Z takes back the whole run." in text
    assert "inf" not in text and "e+06" not in text  # "∞", "1e6"
    kept = window.document.network
    with np.errstate(all="ignore"):
        assert np.isfinite(kept.data_loss(kept.dataset.inputs, kept.dataset.targets))
    page = click_edge_and_lw_tab(qtbot, window, canvas, ("h", "y", 0, 0))
    caption = page.curve_caption.text()
    assert caption and "nan" not in caption and "L = ∞" not in caption
