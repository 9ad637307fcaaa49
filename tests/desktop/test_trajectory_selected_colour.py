"""The selected weight's trajectory is drawn in the colour its key shows (teacher review 18 #5).

guided_perceptron's step 4 selects the edge x → y; at step 9 the Weight trajectories panel's key read a
green "━━ w[x→y][0,0]", but the only curve on the plot was black: the selection's highlight, drawn over the
weight's own curve in black. A student matching key to curve found none. The highlight now takes the
weight's own colour (twice as wide).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDockWidget

from test_lesson_error_hidden import lesson_at_step


def plot_pixels(panel) -> np.ndarray:
    """The trajectory plot's data area as the student sees it: (height, width, 3) RGB."""
    view = panel.plot_widget
    area = view.mapFromScene(panel.plot.getViewBox().sceneBoundingRect()).boundingRect().adjusted(2, 2, -2, -2)
    image = view.grab(area).toImage().convertToFormat(QImage.Format.Format_RGB888)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
    return pixels[:, :image.width() * 3].reshape(image.height(), image.width(), 3).astype(int)


def test_the_selected_weights_curve_has_its_keys_colour(qtbot, main_window, canvas):
    window = main_window
    window.resize(1024, 700)
    student, _net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 9)
    window.apply_default_layout()
    qtbot.wait(50)
    canvas.click(canvas.edge_label("x", "y", 0, 0))  # the weight selected (the lesson's step 4 did it too)
    dock = window.findChild(QDockWidget, "trajectories_panel")
    if dock.visibleRegion().isEmpty():  # behind the Loss panel, a tab
        student.click_tab("Weight trajectories")
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty(), timeout=5000)
    qtbot.wait(200)
    panel = dock.widget()
    assert panel.label.text().startswith("selected: w[x→y][0,0]"), panel.label.text()
    [(key, name)] = panel.legend.keys()
    assert name == "w[x→y][0,0]"
    pixels = plot_pixels(panel)
    black = (pixels.max(axis=2) < 70).sum()
    keyed = (np.abs(pixels - np.array(key)).max(axis=2) < 40).sum()
    assert black == 0, f"{black} black pixels: a curve in no key's colour"
    assert keyed > 50, f"{keyed} pixels of the key's colour {key}"
