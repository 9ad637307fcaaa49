"""Lesson → Progress Summary: a student's place in a lesson on one small page, for the teacher who opens their file.

One row per step: its number, what it asks in a few words (``core.lesson.question_label``: "the loss L",
"dL/dw[x→y][0,0]"; a step without a question, what it has the student do, or "(text to read)"), how it went and the
wrong answers typed (``Progress.answers``, oldest first, as the student typed them):

* a question answered right: "right at try 2: 1.2" (the try counted among the answers kept for that step: the
  wrong ones before the first right one, plus one; "right" alone for an answer kept before answers were kept);
* revealed: "revealed" ("revealed after 3 wrong tries");
* the step open: "open (the student's step)", with what the answer box holds, typed and not checked;
* a step after the furthest one the student reached: "not reached".

It reads the place and changes nothing (no step opens: the student's place stays where it is). Qt-free but for
``html``; the dialog is ``summary_dialog``.
"""

from __future__ import annotations

import html

from core.lesson import action_label, question_label

#: the colours of the page (those of the Lesson panel's verdicts)
RIGHT, REVEALED, MUTED = "#1b7a1b", "#8a5a00", "#555555"


def complete_words(lesson, progress) -> str:
    """"Lesson complete: 4 of 5 questions answered, 1 revealed." (the panel's words at the lesson's end)."""
    questions = len(lesson.questions())
    return (f"Lesson complete: {len(progress.answered)} of {questions} questions answered, "
            f"{len(progress.revealed)} revealed.")


def furthest_reached(progress) -> int:
    """The furthest step (0-based) the student reached: the step open, or a later one settled, done or answered."""
    marks = [progress.current, *progress.answered, *progress.revealed, *progress.actions_done,
             *(a.step for a in progress.answers)]
    return max(marks)


def step_result(lesson, progress, k: int) -> tuple[str, str]:
    """How step ``k`` went, in words, and its colour."""
    step = lesson.steps[k]
    answers = [a for a in progress.answers if a.step == k]
    wrong_before = next((n for n, a in enumerate(answers) if a.right), None)
    if step.question is not None and k in progress.answered:
        if wrong_before is None:
            return "right", RIGHT
        return f"right at try {wrong_before + 1}: {answers[wrong_before].typed}", RIGHT
    if step.question is not None and k in progress.revealed:
        wrong = len(answers) if wrong_before is None else wrong_before
        after = f" after {wrong} wrong {'try' if wrong == 1 else 'tries'}" if wrong else ""
        return f"revealed{after}", REVEALED
    if k == progress.current:
        done = step.action is not None and k in progress.actions_done
        return "open (the student's step)" + (": done" if done and step.question is None else ""), "black"
    if k > furthest_reached(progress):
        return "not reached", MUTED
    if step.question is not None:
        return "not answered", MUTED
    if step.action is not None:
        return ("done", RIGHT) if k in progress.actions_done else ("not done", MUTED)
    return "read", MUTED


def what_it_asks(step, network) -> str:
    """The step in a few words: its question, else what it has the student do, else "(text to read)"."""
    if step.question is not None:
        return question_label(step.question, network)
    if step.action is not None:  # (a step-through's keys left out: a few words)
        return f"(no question) {action_label(step.action).replace(' (F7: next layer, F8: next phase)', '')}"
    return "(text to read)"


def summary_html(lesson, progress, network) -> str:
    """The page: a heading, one line of counts, and the table of steps (see the module docstring)."""
    steps = lesson.steps
    questions = [k for k, s in enumerate(steps) if s.question is not None]
    right = len([k for k in questions if k in progress.answered])
    revealed = len([k for k in questions if k in progress.revealed])
    far = furthest_reached(progress)
    unreached = len([k for k in questions if k > far])
    left = len(questions) - right - revealed - unreached
    head = (f"<h3>{html.escape(lesson.title or 'Lesson')}</h3>"
            f"<p>The student's step: <b>Step {progress.current + 1} of {len(steps)}</b>. Of {len(questions)} "
            f"questions: {right} answered right, {revealed} revealed, {left} reached and not answered yet, "
            f"{unreached} not reached.</p>")
    rows = []
    for k, step in enumerate(steps):
        result, colour = step_result(lesson, progress, k)
        wrong = [a.typed for a in progress.answers if a.step == k and not a.right]
        typed = ", ".join(html.escape(t) for t in wrong)
        if k == progress.current and progress.unchecked and k not in progress.answered | progress.revealed:
            typed += ("; " if typed else "") + f"<i>in the box, not checked:</i> {html.escape(progress.unchecked)}"
        mark = " style='font-weight:bold'" if k == progress.current else ""
        rows.append(f"<tr{mark}><td align='right'>{k + 1}</td><td>{html.escape(what_it_asks(step, network))}</td>"
                    f"<td style='color:{colour}'>{html.escape(result)}</td><td>{typed}</td></tr>")
    table = ("<table cellspacing='0' cellpadding='3' border='1' style='border-collapse:collapse'>"
             "<tr><th>Step</th><th>Asks</th><th>How it went</th><th>Wrong answers typed</th></tr>"
             + "".join(rows) + "</table>")
    foot = (f"<p style='color:{MUTED}'>Read from the place kept with the file (and, on the computer where it was "
            "worked, what was done since the last save). Reading it moves nothing.</p>")
    return head + table + foot
