"""A lesson whose task is regression shows no accuracy and no classes; a classifier keeps them.

A teacher's review found guided_chain_rule (two linear outputs, target (1, 0), taught as a
regression: δ_yk = (y_k − t_k)/2) scored as a classifier because its one target row looked one-hot:
the Loss panel and the status bar said "accuracy 0.0 %", the Output map "class 0 / class 1", and the
canvas coloured its outputs as classes. A network classifies only when its outputs read as class
probabilities (a sigmoid or softmax output, or a cross-entropy loss) and its targets are labels.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QLabel

import core
from lesson_support import leave_lesson
from test_training_support import press_step


def is_regression(name: str) -> bool:
    """What the lesson teaches, read from the file: a linear output (its values are numbers to match,
    not probabilities) or targets that are not 0/1 labels."""
    net = core.load_network(core.example_path(name))
    labels = np.all((net.dataset.targets == 0) | (net.dataset.targets == 1))
    return net.layer(net.output_layer).activation == "identity" or not labels


LESSONS = [e.name for e in core.list_examples()]
REGRESSIONS = [name for name in LESSONS if is_regression(name)]


def open_and_step(qtbot, window, name: str) -> None:
    """Open the lesson from the Lessons menu's action, leave its guided lesson (if any) and press Step."""
    assert window.files.open_example(str(core.example_path(name)))
    qtbot.waitUntil(lambda: window.training.latest is not None, timeout=15000)
    leave_lesson(window)
    press_step(qtbot, window)
    qtbot.waitUntil(lambda: window.training.ui.loss.summary.text().startswith("last batch"), timeout=10000)


def scored_words(window) -> dict[str, str]:
    """What the Loss panel, the status bar and the Output map's legend say."""
    loss = window.training.ui.loss
    return {"loss panel": loss.summary.text(),
            "status bar": window.findChild(QLabel, "status_training").text(),
            "output map": " · ".join(window.training.ui.output_map.legend.entries())}


def test_guided_chain_rule_is_a_regression_and_so_are_the_linear_lessons():
    assert "guided_chain_rule" in REGRESSIONS and "sine_regression" in REGRESSIONS
    assert "saturation" not in REGRESSIONS and "xor" not in REGRESSIONS


@pytest.mark.parametrize("name", REGRESSIONS)
def test_a_regression_lesson_shows_no_accuracy_and_no_classes(qtbot, lesson_window, name):
    window = lesson_window
    open_and_step(qtbot, window, name)
    for where, text in scored_words(window).items():
        assert "accuracy" not in text and "class" not in text, f"{name}: the {where} says {text!r}"
    assert not window.training.ui.loss.accuracy_plot.isVisible()
    net, scene = window.document.network, window.canvas.scene()
    outputs = net.layer(net.output_layer).units
    assert all(scene.thumbnail_colouring(net.output_layer, k) == "grey" for k in range(outputs))


@pytest.mark.parametrize("name", ["saturation", "xor", "three_classes_softmax", "guided_softmax"])
def test_a_classifier_keeps_its_accuracy_and_classes(qtbot, lesson_window, name):
    window = lesson_window
    open_and_step(qtbot, window, name)
    words = scored_words(window)
    assert "accuracy" in words["status bar"], words  # (the Loss panel's line names it once an epoch ends)
    assert "class 0" in words["output map"] or name == "guided_softmax", words  # (one sample: its own legend)
    assert window.training.ui.loss.accuracy_plot.isVisible()
