"""No guided lesson writes an answer before the question that asks it.

The teacher's review: guided_relu_tutorial was called "The ReLU tutorial: 0.61 or 0.32?" (its title and
its network's name, on screen from step 1), and step 4 asks "Compute y" = 0.61. Every bundled guided
lesson is read here as the student meets it: its network's name and description, its title, and each
step's text, all on screen before the step that asks a question; none may hold that question's answer.

Review 13: guided_perceptron step 9 asked "Where is w after 50 steps? Compare with 1/3." (the answer is 1/3),
guided_weight_decay step 8 "… so w₀ = 1.5 / 4.6. Where is w₀ after 200 steps?" (the answer is 1.5/4.6): the
question's own text holds its answer, and as a quotient. So the step's own text is read too, and every quotient
it writes ("1/3", "1.5 / 4.6") is worked out and compared with the answer at the question's tolerance.
"""

from __future__ import annotations

import re

import pytest

import core
from core.lesson import Answers

GUIDED = [e.name for e in core.list_examples() if core.load_network(core.example_path(e.name)).lesson is not None]
NUMBER = re.compile(r"\d+(?:\.\d+)?")
QUOTIENT = re.compile(r"(\d+(?:\.\d+)?) ?/ ?(\d+(?:\.\d+)?)")


def quotients(text: str) -> list[tuple[str, float]]:
    """Every quotient of two numbers the text writes ("1/3", "1.5 / 4.6"), with its value."""
    return [(m.group(0), float(m.group(1)) / float(m.group(2)))
            for m in QUOTIENT.finditer(text) if float(m.group(2)) != 0]


def written_forms(value: float) -> set[str]:
    """The ways a text may write ``value`` (2 to 6 significant digits, without its sign), leaving out the
    forms of one significant digit ("1", "0.7"), which a lesson's data write as well."""
    forms = {core.format_number(abs(value), d).lstrip("−-") for d in range(2, 7)}
    forms |= {f"{abs(value):.{d}g}" for d in range(2, 7)}
    return {f for f in forms if len(f.replace(".", "").strip("0")) >= 2}


def test_every_guided_lesson_is_found():
    assert len(GUIDED) >= 6, GUIDED


@pytest.mark.parametrize("name", GUIDED)
def test_no_answer_is_written_before_its_question(name):
    net = core.load_network(core.example_path(name))
    solver = Answers(net)
    seen = [("the network's name", net.name or ""), ("the description", net.description or ""),
            ("the lesson's title", net.lesson.title)]
    ahead = []
    for k, step in enumerate(net.lesson.steps):
        seen.append((f"step {k + 1}'s text", step.text))
        if step.question is not None:
            right = solver.answer(step.question)
            forms = written_forms(right)
            for where, text in seen:
                found = forms & set(NUMBER.findall(text))
                found |= {written for written, value in quotients(text) if step.question.tolerance.accepts(value, right)}
                if found:
                    ahead.append(f"step {k + 1}'s answer {sorted(found)} in {where}")
    assert not ahead, f"{name}: " + "; ".join(ahead)
