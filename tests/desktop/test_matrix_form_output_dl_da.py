"""Review 21: the Matrix form at the output layer showed dL/dA as a bare matrix ("dL/dA (1×1) −1.373"),
never how it comes from the output and the target; now it is worked out: 2 · (A − T) = dL/dA."""

from __future__ import annotations

import numpy as np

import core
from test_lazy_panels import click_tab
from test_training_support import press_f8_to


def test_the_outputs_dl_da_is_worked_out_from_a_and_t(qtbot, main_window, dialogs, canvas, tmp_path):
    window = main_window
    net = core.load_network(core.example_path("xor"))
    net.training.loss = "mse"  # a self-built network's default: squared error, not fused with the sigmoid
    core.save_network(net, str(tmp_path / "mine.bpnet"))
    dialogs.answer("open_file", str(tmp_path / "mine.bpnet"))
    window.actions_by_name["open"].trigger()
    window.training.wait_for_step_0()
    window.canvas.setFocus()
    press_f8_to(qtbot, window, "backward")
    canvas.click(canvas.centre("y"))  # the student looks at the output layer
    click_tab(window, qtbot, "Matrix form")
    browser = window.matrix_form_panel.text
    qtbot.waitUntil(lambda: "At the output" in browser.toPlainText(), timeout=5000)
    text = browser.toPlainText()
    assert "dL/dA = 2 · (A − T), the derivative of L = (y − t)² for each sample; T: the targets." in text
    assert "T (" in text and "dL/dA (" in text
    form = core.matrix_form.layer_matrix_form(window.document.network, "y", *window.view_state.traced_data())
    np.testing.assert_allclose(form.dL_dA, 2 * (form.A - np.atleast_2d(window.view_state.traced_data()[1])))
