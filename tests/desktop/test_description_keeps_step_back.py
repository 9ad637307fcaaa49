"""No lesson's description gives away a number that the step-through is still holding back.

The step-through (F8) writes "?" for the loss until its Loss phase, for each gradient and δ until
Backward reaches it and for each new weight until Update, so that the student works them out
first. A teacher's review found the Description box, in full view beside those "?", giving the
perceptron's loss 0.49, dL/dw 2.1 and new weight 0.59, and relu_tutorial's gradients 0.033 … 0.11
and new weight 0.29923. Here every bundled lesson is opened from the Lessons menu's action, F8 is
pressed (Forward) and the Description box is read: none of the step's later numbers may be in it.
A number that is also on screen in Forward (a weight, an input, a target, a neuron's value) proves
nothing: those are left out.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

import core
from test_phase_reveal import written_forms
from window_texts import numbers_in

LESSONS = [example.name for example in core.list_examples()]


def forms(values) -> set[str]:
    return set().union(*(written_forms(v) for v in np.ravel(values) if np.isfinite(v))) if np.size(values) else set()


def held_back(trace) -> set[str]:
    """The written forms of the numbers this step shows only after Forward: the loss, y − t, every δ,
    every gradient and every new parameter (those the update changes), less those of the numbers
    Forward shows (the weights, the inputs and targets, each neuron's z and a)."""
    output = trace.network.output_layer
    later = [trace.loss, trace.data_loss, trace.layers[output].a - trace.targets]
    later += [part for layer in trace.layers.values() for part in (layer.delta, layer.dL_da) if part is not None]
    later += [trace.gradient[np.abs(trace.gradient) > 1e-12], trace.updated[trace.updated != trace.before]]
    shown = [trace.before, trace.inputs, trace.targets]
    shown += [part for layer in trace.layers.values() for part in (layer.z, layer.a) if part is not None]
    return set().union(*(forms(v) for v in later)) - set().union(*(forms(v) for v in shown))


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_description_holds_no_number_of_the_step_in_forward(qtbot, lesson_window, lesson):
    window = lesson_window  # one window for the module: the lessons opened one after another, as a student does
    assert window.files.open_example(str(core.example_path(lesson)))  # the Lessons menu's action
    window.view_state.select(None)  # the Inspector shows the network's page, with its Description box
    box = window.findChild(QPlainTextEdit, "network_description")
    qtbot.keyClick(window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    step = window.view_state.stepping
    assert step.phase == "forward"
    assert box.isVisible() and box.toPlainText() == window.document.network.description
    given = numbers_in([box.toPlainText()]) & held_back(step.trace)
    assert not given, f"{lesson}'s description writes {sorted(given)}, which F8 shows only after Forward"
