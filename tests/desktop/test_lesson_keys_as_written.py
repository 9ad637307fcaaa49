"""A guided lesson's step that says which keys to press ends where it says when the student presses
exactly those keys.

The teacher's review: guided_chain_rule's step 7 said "Step through the backward phase until it reaches h
(F8 to Backward, then F7)". F8 moves one whole phase, so Backward already reached h; the F7 the text asked
for went on to Update, which showed the new weights and biases (the answers of steps 8 to 11).
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from test_lesson_error_hidden import lesson_at_step
from test_training_support import press

COUNTS = {"once": 1, "twice": 2, "three times": 3, "four times": 4, "five times": 5}
#: the key instructions a lesson's text may give, in the order they are read
INSTRUCTION = re.compile(r"(F8|F7) (once|twice|three times|four times|five times)"
                         r"|F8 to (Forward|Loss|Backward|Update)|then (F7|F8)")
KEYS = {"F7": Qt.Key.Key_F7, "F8": Qt.Key.Key_F8}


def keys_as_written(text: str) -> list[tuple[str, int | str]]:
    """[(key, times or the phase to press it until)] of the text's key instructions, in order."""
    found = []
    for m in INSTRUCTION.finditer(text):
        key, count, phase, then = m.groups()
        if key:
            found.append((key, COUNTS[count]))
        elif phase:
            found.append(("F8", phase.lower()))
        else:
            found.append((then, 1))
    return found


def test_guided_chain_rule_step_7_ends_in_backward_at_h_with_the_keys_it_names(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_chain_rule", 7)
    step = net.lesson.steps[6]
    assert step.action is not None and (step.action.kind, step.action.phase, step.action.layer) == \
        ("step_through", "backward", "h")
    keys = keys_as_written(step.text)
    assert keys, f"step 7 names no keys to press: {step.text!r}"
    for key, times in keys:
        if isinstance(times, int):
            for _ in range(times):
                before = window.view_state.stepping
                press(qtbot, window, KEYS[key])
                qtbot.waitUntil(lambda: window.view_state.stepping is not before, timeout=10000)
        else:
            for _ in range(6):
                if window.view_state.stepping is not None and window.view_state.stepping.phase == times:
                    break
                before = window.view_state.stepping
                press(qtbot, window, KEYS[key])
                qtbot.waitUntil(lambda: window.view_state.stepping is not before, timeout=10000)
    step_through = window.view_state.stepping
    assert step_through is not None and step_through.phase == "backward", \
        f"the keys of {step.text!r} end in {step_through.phase if step_through else 'no step-through'}"
    assert list(step_through.trace.layers)[step_through.layer] == "h"
    assert "✓ done" in student.panel.action.text()
