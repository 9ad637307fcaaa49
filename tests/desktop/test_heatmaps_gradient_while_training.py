"""The heatmaps draw the last step's dL/dw and its running mean while a run goes on. A student presses
Play (F5) and, while it trains, picks "Last step's dL/dw", then "Running mean |dL/dw|" in the heatmaps'
box: each shows the gradient of a step the run just took, and after Pause that of its last step.

Running snapshots carry those gradients only while the heatmaps draw them (``messages.SetGradients``;
the default mode draws the traced input's dL/dw, which the window computes): these tests keep the
modes that need them drawn while training."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from test_training_support import press, training_window, wait_finished, xor_network

__all__ = ["training_window"]  # (a fixture)


@pytest.mark.parametrize("mode, field", [("latest", "gradient"), ("magnitude", "gradient_magnitude")])
def test_heatmaps_draw_a_running_steps_gradient(qtbot, training_window, mode, field):
    window = training_window(xor_network(lr=0.1, batch=4))
    c, panel = window.training, window.training.ui.heatmaps
    blocks = window.document.network.parameter_layout().weight_blocks
    shown = []
    c.snapshot_shown.connect(shown.append)
    c.set_speed(300)  # (slow enough that the run is still going when the panel is looked at)
    press(qtbot, window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: c.running and any(not s.finished and s.step > 5 for s in shown), timeout=10000)
    panel.set_mode(mode)  # the student's choice in the panel's box, while the run goes on

    def drawn_from_a_running_snapshot() -> bool:
        values = panel.values(*blocks[0].edge)
        return values is not None and any(
            not s.finished and getattr(s, field) is not None and np.array_equal(values, blocks[0].take(getattr(s, field)))
            for s in shown)

    qtbot.waitUntil(drawn_from_a_running_snapshot, timeout=5000)
    assert c.running
    press(qtbot, window, Qt.Key.Key_F5)  # Pause
    snap = wait_finished(qtbot, c)
    qtbot.waitUntil(lambda: np.array_equal(panel.values(*blocks[0].edge), blocks[0].take(getattr(snap, field))),
                    timeout=5000)
