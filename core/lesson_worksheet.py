"""A lesson as a worksheet: JSON, plain text or printable HTML, with blanks or with the answer key.

``worksheet_dict(net, answers=False)`` is the JSON form::

    {"lesson": title, "network": the file's network name,
     "steps": [{"index": k (0-based, as lesson.steps[k]), "text": the step's Markdown text,
                "action": {"kind": ..., its fields} or null,
                "question": null or {"kind": ..., the place keys it uses (layer, unit | source, target,
                                     j, i), "sample": row or null (the next mini-batch), "step": k,
                                     "answer": number (only with answers=True), "tolerance": {...}}}]}

All three are of the lesson as written: the network its text is written for (the lesson's start,
``core.lesson_start.start_network``), not weights trained or edited since.
``worksheet_text`` and ``worksheet_html`` show the network's numbers (layers, weights,
biases, training settings, dataset rows), then each step: its text, what to do, and a
blank for each question (or the answer, to 6 significant digits). The HTML has no script,
and fits A4 and Letter: no fixed page size (the printer's paper), a body narrower than
both papers' printable width, tables and questions never cut across pages.
"""

from __future__ import annotations

import html
import json

from .lesson import Answers, Lesson, action_label, question_context, question_label
from .lesson_start import start_network
from .lesson_text import to_html, to_plain
from .network import Network
from .notation import exact_enough, format_number

__all__ = ["worksheet_dict", "worksheet_json", "worksheet_text", "worksheet_html", "ANSWER_DIGITS"]

ANSWER_DIGITS = 6
MAX_DATA_ROWS = 8


def _lesson(net: Network) -> Lesson:
    if net.lesson is None:
        raise ValueError("this network file has no lesson (no \"lesson\" section)")
    return net.lesson


def _as_written(net: Network) -> Network:
    """The network the lesson's text is written for (``core.lesson_start``): its numbers and its answers are
    the worksheet's, whatever training or edits left in ``net``."""
    _lesson(net)
    return start_network(net)


def worksheet_dict(net: Network, answers: bool = False) -> dict:
    """The JSON form (module docstring). ``LessonError`` when an answer cannot be computed."""
    net = _as_written(net)
    lesson = _lesson(net)
    solver = Answers(net) if answers else None
    steps = []
    for k, step in enumerate(lesson.steps):
        question = None
        if step.question is not None:
            q = step.question
            question = {"kind": q.kind, **q.place_fields(), "sample": q.sample, "step": q.step}
            if solver is not None:
                question["answer"] = solver.answer(q)
            question["tolerance"] = q.tolerance.to_json()
        action = None if step.action is None else {"kind": step.action.kind, **step.action.fields()}
        steps.append({"index": k, "text": step.text, "action": action, "question": question})
    return {"lesson": lesson.title, "network": net.name, "steps": steps}


def worksheet_json(net: Network, answers: bool = False) -> str:
    return json.dumps(worksheet_dict(net, answers), ensure_ascii=False, allow_nan=False, indent=1) + "\n"


# ---------------------------------------------------------------- the network
def _n(x: float) -> str:
    return exact_enough(x, ANSWER_DIGITS)


def network_facts(net: Network) -> list[tuple[str, str]]:
    """(what, value) rows: the layers, the training settings and the dataset's size."""
    t = net.training
    layers = []
    for layer in net.layers:
        if layer.name == net.input_layer:
            layers.append(f"{layer.name} ({layer.units} input{'s' if layer.units != 1 else ''})")
        else:
            bias = "" if layer.name in net.biases else ", no bias"
            layers.append(f"{layer.name} ({layer.units}, {layer.activation}{bias})")
    facts = [("layers", " → ".join(layers)), ("loss", t.loss),
             ("optimizer", f"{t.optimizer.name}, learning rate {_n(t.optimizer.learning_rate)}"),
             ("batch size", str(t.batch_size))]
    if t.regularization != "none":
        facts.append(("regularization", f"{t.regularization.upper()}, rate {_n(t.regularization_rate)}"))
    if net.dataset is not None:
        facts.append(("dataset", f"{len(net.dataset)} row{'s' if len(net.dataset) != 1 else ''}"))
    return facts


def _matrices(net: Network) -> list[tuple[str, list[list[str]]]]:
    """(caption, rows of cells) for every weight matrix (row j, column i) and bias vector; a matrix or
    vector wider than ``MAX_COLUMNS`` is split into tables of at most that many columns (so it fits the page)."""
    out = []
    for s, t in net.connections:
        w = net.weights[s, t]
        caption = f"weights {s} → {t} (row j: neuron of {t}; column i: neuron of {s})"
        for lo, hi, part in _column_blocks(w.shape[1], caption):
            header = [f"w[{s}→{t}]"] + [f"i = {i}" for i in range(lo, hi)]
            out.append((part, [header] + [[f"j = {j}"] + [_n(v) for v in w[j, lo:hi]] for j in range(w.shape[0])]))
    for name, b in net.biases.items():
        for lo, hi, part in _column_blocks(len(b), f"bias of {name}"):
            out.append((part, [[""] + [f"{name}{k}" for k in range(lo, hi)], ["b"] + [_n(v) for v in b[lo:hi]]]))
    return out


#: columns of one printed table: 1 label + 6 numbers of up to 8 characters fit 175 mm at 10.5 pt
MAX_COLUMNS = 6


def _column_blocks(n: int, caption: str):
    """(first column, end, caption) blocks of at most ``MAX_COLUMNS`` columns."""
    if n <= MAX_COLUMNS:
        return [(0, n, caption)]
    return [(lo, min(n, lo + MAX_COLUMNS), f"{caption}, columns {lo} to {min(n, lo + MAX_COLUMNS) - 1}")
            for lo in range(0, n, MAX_COLUMNS)]


def _data_rows(net: Network) -> list[list[str]]:
    data = net.dataset
    rows = [["row", "inputs", "targets"]]
    for r in range(min(len(data), MAX_DATA_ROWS)):
        rows.append([str(r), ", ".join(_n(v) for v in data.inputs[r]), ", ".join(_n(v) for v in data.targets[r])])
    return rows


def _answer_text(value: float) -> str:
    return format_number(value, ANSWER_DIGITS)


def _questions(net: Network, answers: bool):
    """Per step: (question label, context, tolerance text, answer text or None)."""
    solver = Answers(net) if answers else None
    out = []
    for step in _lesson(net).steps:
        q = step.question
        if q is None:
            out.append(None)
            continue
        value = _answer_text(solver.answer(q)) if solver is not None else None
        out.append((question_label(q, net), question_context(q, net), q.tolerance.describe(), value))
    return out


# ------------------------------------------------------------------- text
def worksheet_text(net: Network, answers: bool = False) -> str:
    net = _as_written(net)
    lesson = _lesson(net)
    questions = _questions(net, answers)
    title = lesson.title or net.name or "Lesson"
    lines = [title, "=" * len(title), f"network: {net.name}" + (" — answer key" if answers else ""), ""]
    lines += [f"{what}: {value}" for what, value in network_facts(net)]
    for caption, rows in _matrices(net):
        lines += ["", caption + ":"] + ["  " + "  ".join(cell.rjust(10) for cell in row) for row in rows]
    if net.dataset is not None:
        lines += ["", "dataset:"] + ["  " + " | ".join(row) for row in _data_rows(net)]
    for k, (step, question) in enumerate(zip(lesson.steps, questions)):
        lines += ["", f"Step {k + 1} of {len(lesson.steps)}", "-" * 20]
        if step.text.strip():
            lines.append(to_plain(step.text))
        if step.action is not None:
            lines.append(f"Do: {action_label(step.action)}")
        if question is not None:
            label, context, tolerance, value = question
            blank = value if value is not None else "________________"
            lines.append(f"Q{k + 1}. {label} ({context}) = {blank}   [{tolerance}]")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------- HTML
CSS = """
@page { margin: 15mm }
html { font-family: "DejaVu Serif", Georgia, serif; font-size: 10.5pt; color: #000 }
body { margin: 0 auto; max-width: 175mm }
h1 { font-size: 16pt; margin: 0 0 4pt }
h2 { font-size: 12pt; margin: 12pt 0 4pt; border-bottom: 1px solid #444; break-after: avoid; page-break-after: avoid }
p, li { margin: 3pt 0; overflow-wrap: anywhere }
.meta { color: #333; font-style: italic }
table { border-collapse: collapse; margin: 4pt 0 8pt; break-inside: avoid; page-break-inside: avoid; max-width: 100% }
.caption { font-style: italic; margin: 6pt 0 2pt; break-after: avoid; page-break-after: avoid }
.block { break-inside: avoid; page-break-inside: avoid }
th, td { border: 1px solid #888; padding: 2pt 6pt; text-align: right; font-variant-numeric: tabular-nums;
         white-space: nowrap }
td.left { white-space: normal; overflow-wrap: anywhere }
td.list { white-space: normal; text-align: left }
th { background: #eee; font-weight: normal }
td.left, th.left { text-align: left }
.step { break-inside: avoid; page-break-inside: avoid; margin: 0 0 8pt }
.do { margin: 3pt 0; padding-left: 8pt; border-left: 3px solid #888 }
.question { margin: 6pt 0; padding: 4pt 6pt; border: 1px solid #444; break-inside: avoid; page-break-inside: avoid }
.blank { display: inline-block; min-width: 45mm; border-bottom: 1px solid #000; height: 1.1em; vertical-align: bottom }
.answer { font-weight: bold }
.tolerance { color: #444; font-size: 9pt }
"""


def _table(rows: list[list[str]], caption: str = "", *, text: bool = False) -> str:
    """A table (first row the header; ``text``: every cell left-aligned, no header row)."""
    if text:
        cells = "".join(f'<tr><td class="left">{html.escape(a)}</td><td class="left">{html.escape(b)}</td></tr>'
                        for a, b in rows)
        return f'<div class="block"><table>{cells}</table></div>'
    head, *body = rows
    cap = f'<p class="caption">{html.escape(caption)}</p>' if caption else ""
    th = "".join(f'<th class="left">{html.escape(c)}</th>' if k == 0 else f"<th>{html.escape(c)}</th>"
                 for k, c in enumerate(head))
    trs = "".join("<tr>" + "".join(f"<td{_cell_class(k, c)}>{html.escape(c)}</td>" for k, c in enumerate(row))
                  + "</tr>" for row in body)
    return f'<div class="block">{cap}<table><tr>{th}</tr>{trs}</table></div>'


def _cell_class(column: int, text: str) -> str:
    """The first column is a label; a list of numbers ("0.5, 1, 2") may wrap between its numbers."""
    if column == 0:
        return ' class="left"'
    return ' class="list"' if ", " in text else ""


def worksheet_html(net: Network, answers: bool = False) -> str:
    net = _as_written(net)
    lesson = _lesson(net)
    questions = _questions(net, answers)
    e = html.escape
    title = lesson.title or net.name or "Lesson"
    parts = [f"<h1>{e(title)}</h1>",
             f'<p class="meta">network: {e(net.name)}{" — answer key" if answers else ""}</p>',
             "<h2>The network</h2>",
             _table([[what, value] for what, value in network_facts(net)], text=True)]
    parts += [_table(rows, caption) for caption, rows in _matrices(net)]
    if net.dataset is not None:
        caption = "dataset" + (f" (first {MAX_DATA_ROWS} rows)" if len(net.dataset) > MAX_DATA_ROWS else "")
        parts.append(_table(_data_rows(net), caption))
    parts.append("<h2>Steps</h2>")
    for k, (step, question) in enumerate(zip(lesson.steps, questions)):
        body = [f"<h3>Step {k + 1} of {len(lesson.steps)}</h3>"]
        if step.text.strip():
            body.append(to_html(step.text))
        if step.action is not None:
            body.append(f'<p class="do">Do: {e(action_label(step.action))}</p>')
        if question is not None:
            label, context, tolerance, value = question
            blank = f'<span class="answer">{e(value)}</span>' if value is not None else '<span class="blank"></span>'
            body.append(f'<p class="question">Q{k + 1}. {e(label)} <span class="tolerance">({e(context)})</span>'
                        f" = {blank} <span class=\"tolerance\">[{e(tolerance)}]</span></p>")
        parts.append('<div class="step">' + "\n".join(body) + "</div>")
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            + "\n".join(parts) + "\n</body>\n</html>\n")
