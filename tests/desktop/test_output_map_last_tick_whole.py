"""guided_sigmoid_neuron's Output map at 1024×700 writes its x axis's last tick whole (teacher review 15 #10).

The curve's x₀ axis runs to 3, and its label "3", centred on the plot's right edge, was cut in half by the
panel's edge: the plot kept 1 px right of it. Without a colour bar there, the plot keeps the room a label
may reach past its end.
"""

from __future__ import annotations

from PySide6.QtGui import QPainter, QPicture

from desktop.panels.output_map import OutputMapPanel
from test_lesson_error_hidden import lesson_at_step


def test_the_curves_last_x_label_is_inside_the_panel(qtbot, main_window, canvas):
    window = main_window
    window.resize(1024, 700)
    window.apply_default_layout()
    lesson_at_step(qtbot, window, canvas, "guided_sigmoid_neuron", 1)
    qtbot.wait(100)
    plot = window.findChild(OutputMapPanel).plot_widget
    axis = plot.getAxis("bottom")
    picture = QPicture()
    painter = QPainter(picture)
    specs = axis.generateDrawSpecs(painter)
    painter.end()
    labels = [(axis.mapRectToScene(rect), text) for rect, _, text in specs[2]]
    assert len(labels) >= 2, labels
    right = max(labels, key=lambda label: label[0].right())
    assert right[1] == "3", labels  # the curve's x₀ runs to 3
    assert all(0 <= rect.left() and rect.right() <= plot.width() for rect, _ in labels), (plot.width(), labels)
