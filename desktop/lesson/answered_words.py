"""The answers a student typed, kept with the place, and what a step already settled says when it opens again.

Each answer checked is recorded (``record_answer``: step, the text as typed, the number read, the verdict, and the
engine's value when right) in the ``Progress``; it goes into the settings and into the saved file
(``file_progress``). Back at a step answered right (Back, the lesson opened again, the student's file opened by a
teacher) the verdict says the value found again, "Right: 1.2.", not only "Answered right." (teacher review 23 #5).
When the canvas no longer shows the network that answer is about (trained since, a weight typed), it says so, so a
student revising does not read the canvas's y = 0.6165 as the answer they got right: "Right: 1.2 (at the weights as
saved; the canvas now shows the weights after the lesson's 3 training steps)."
"""

from __future__ import annotations

import dataclasses
import re

from core.bpnet_lesson_progress import TypedAnswer

from .hiding import trains
from .panel import number_text

#: question kinds whose value is one update step on from the network they name
ONE_STEP_KINDS = ("weight_after_step", "bias_after_step")


def record_answer(progress, k: int, typed, verdict) -> None:
    """The answer ``typed`` ((text, number read), empty for a Reveal) at step ``k`` and its ``verdict``: the text
    typed in the box is no longer unchecked (``Progress.unchecked``) once checked or revealed."""
    if k == progress.current and (not typed or typed[0] == progress.unchecked):
        progress.unchecked = ""
    if typed:
        text, value = typed
        progress.answers.append(TypedAnswer(k, text, float(value), bool(verdict.right),
                                            float(verdict.answer) if verdict.right else None))


def settled_words(guide, k: int) -> str:
    """How step ``k``'s question was settled ("" while open): "Right: 1.2." with the value found (and what the
    canvas shows now, when it is another network), "Answered right." when no answer was recorded (answered
    before answers were kept), "Revealed."."""
    p = guide.progress
    if k not in p.answered:
        return "Revealed." if k in p.revealed else ""
    right = [a for a in p.answers if a.step == k and a.right]
    if not right:
        return "Answered right."
    found = right[-1].answer if right[-1].answer is not None else right[-1].value
    note = canvas_words(guide, guide.lesson.steps[k].question)
    return f"Right: {number_text(found)}" + (f" ({note})" if note else "") + "."


#: "(step 2)" in a lesson's text: a number that step settled, named with how (``with_settled_steps``)
STEP_REFERENCE = re.compile(r"\(step (\d+)\)")


def with_settled_steps(step, progress):
    """Lesson ``step`` with each "(step N)" of its text saying how the student settled step N's question: "(step 2:
    you answered it)", "(step 3: revealed)" (unchanged while it is open). guided_relu_tutorial step 5 said "Your
    a_h0 = 0.7 and a_h1 = 1.0 were checked" after a_h1 was revealed (teacher review 24 #10a)."""
    def words(match) -> str:
        k = int(match.group(1)) - 1
        if k in progress.answered:
            return f"(step {k + 1}: you answered it)"
        return f"(step {k + 1}: revealed)" if k in progress.revealed else match.group(0)
    text = STEP_REFERENCE.sub(words, step.text)
    return step if text == step.text else dataclasses.replace(step, text=text)


def lesson_steps_trained(guide) -> int:
    """The training steps of the lesson's "Train N steps" seen done (the steps the canvas's weights are on)."""
    return sum(step.action.steps for k, step in enumerate(guide.lesson.steps)
               if trains(step) and k in guide.progress.actions_done)


def canvas_words(guide, question) -> str:
    """Which network an answer to ``question`` is about, when the canvas shows another one ("" when it shows it)."""
    if question is None or not guide.edits.canvas_edited():
        return ""
    asked, trained = question.step, lesson_steps_trained(guide)
    one_more = question.kind in ONE_STEP_KINDS  # the value after one more step from the step-``asked`` network
    if asked + one_more and trained == asked + one_more:
        return ""  # (the canvas shows that network)
    if not asked and one_more and guide.edits.steps_applied(guide.service.network, guide.document.network) == 1:
        return ""  # (the step the answer is about, applied with F6 or F8: the canvas shows it; review 24 #1)
    weights = ("the lesson's starting weights" if not asked else
               f"the weights after {asked} training step{'s' if asked != 1 else ''} from the lesson's starting weights")
    about = f"one step from {weights}" if one_more else f"at {weights}"
    now = (f"the weights after the lesson's {trained} training step{'s' if trained != 1 else ''}" if trained
           else "weights changed since")
    return f"{about}; the canvas now shows {now}"
