"""The ``lesson`` section of a ``.bpnet`` file: read and check it against the network, and write it.

The section is optional; its own schema version is ``core.lesson.SCHEMA_VERSION``
(see the README's "File format" for every field; ``start``, the network the lesson's text is written for when
the file's network was trained or edited since: ``core.bpnet_lesson_start``)::

    "lesson": {
      "version": 1,
      "title": "One weight, by hand",
      "steps": [
        {"text": "Compute the output *y = w·x*."},
        {"text": "…", "action": {"kind": "set_weight", "source": "x", "target": "y", "j": 0, "i": 0, "value": 0.5}},
        {"text": "…", "question": {"kind": "dL/dw", "source": "x", "target": "y", "j": 0, "i": 0,
                                   "sample": 0, "step": 0, "tolerance": {"significant_digits": 3}}}
      ]
    }

Every place a step names (layers, neurons, edges, dataset rows) is checked against the
network the file describes; a problem is a ``NetworkFileError`` naming the JSON path
(``lesson.steps[2].question.kind``). Unknown keys are ignored, like the rest of the format.
"""

from __future__ import annotations

from .bpnet_lesson_start import read_start, start_to_dict
from .jsonchecks import Checker, NetworkFileError, describe, join
from .lesson import (
    ACTION_KINDS, BIAS_KINDS, EDGE_KINDS, MAX_STEP, NEURON_KINDS, PHASES, QUESTION_KINDS, SCHEMA_VERSION,
    Action, Lesson, LessonStep, Question, Tolerance, needs_data,
)
from .network import Network

MAX_STEPS = 1_000
MAX_TEXT_LENGTH = 100_000
MAX_TITLE_LENGTH = 200
MAX_TRAIN_STEPS = 1_000_000
MAX_DIGITS = 15
#: the largest row a question may name while its file's data is missing (checked against the data once it is back)
MAX_SAMPLE = 10**9

__all__ = ["read_lesson", "lesson_to_dict", "MAX_STEPS"]


def read_lesson(c: Checker, raw, place: str, net: Network, *, data_missing: bool = False) -> Lesson | None:
    """The ``Lesson`` of the file's ``lesson`` value (None for null/absent), checked against ``net``.

    ``data_missing``: the file names a dataset that is not here (a CSV moved away: ``core.open_without_data``), so a
    question that needs data, or names a dataset row, is kept as written (its row checked once the data is back)."""
    if raw is None:
        return None
    c.obj(raw, place, 'a lesson object ({"version": 1, "title": ..., "steps": [...]})')
    version = raw.get("version", SCHEMA_VERSION)
    if type(version) is int and version > SCHEMA_VERSION:
        c.fail(join(place, "version"), f"the lesson has version {version}, written by a newer Backprop Studio; "
                                       f"this one reads lesson version {SCHEMA_VERSION}. Please update Backprop Studio.")
    if type(version) is not int or version != SCHEMA_VERSION:
        c.fail(join(place, "version"), f"expected {SCHEMA_VERSION}, found {describe(version)}")
    title = c.string(raw.get("title", ""), join(place, "title"), max_length=MAX_TITLE_LENGTH)
    raw_steps = c.seq(c.required(raw, "steps", place), join(place, "steps"), "a list of lesson steps", MAX_STEPS)
    steps = tuple(_read_step(c, s, join(join(place, "steps"), k), net, data_missing)
                  for k, s in enumerate(raw_steps))
    return Lesson(title, steps, version, read_start(c, raw.get("start"), join(place, "start"), net))


def _read_step(c: Checker, raw, place: str, net: Network, data_missing: bool) -> LessonStep:
    c.obj(raw, place, 'a lesson step ({"text": ..., "action": ..., "question": ...})')
    text = c.string(raw.get("text", ""), join(place, "text"), max_length=MAX_TEXT_LENGTH)
    action = None if raw.get("action") is None else _read_action(c, raw["action"], join(place, "action"), net)
    question = (None if raw.get("question") is None
                else _read_question(c, raw["question"], join(place, "question"), net, data_missing))
    return LessonStep(text, action, question)


# ------------------------------------------------------------------ places
def _layer(c: Checker, raw: dict, place: str, net: Network, *, key: str = "layer") -> str:
    names = [layer.name for layer in net.layers]
    name = c.string(c.required(raw, key, place), join(place, key))
    if name not in names:
        c.fail(join(place, key), f"there is no layer called {name!r}; the layers are {', '.join(map(repr, names[:20]))}")
    return name


def _unit(c: Checker, raw: dict, place: str, net: Network, layer: str, *, default: int | None = None) -> int:
    units = net.layer(layer).units
    if "unit" not in raw and default is not None:
        return default
    return c.integer(c.required(raw, "unit", place), join(place, "unit"), 0, units - 1)


def _edge(c: Checker, raw: dict, place: str, net: Network) -> tuple[str, str, int, int]:
    source = _layer(c, raw, place, net, key="source")
    target = _layer(c, raw, place, net, key="target")
    if (source, target) not in net.weights:
        c.fail(place, f"there is no connection {source!r} → {target!r}")
    rows, cols = net.weights[source, target].shape
    j = c.integer(c.required(raw, "j", place), join(place, "j"), 0, rows - 1)
    i = c.integer(c.required(raw, "i", place), join(place, "i"), 0, cols - 1)
    return source, target, j, i


def _has_bias(c: Checker, place: str, net: Network, layer: str) -> None:
    if layer == net.input_layer:
        c.fail(join(place, "layer"), f"{layer!r} is the input layer: it has no bias, z or δ")
    if layer not in net.biases:
        c.fail(join(place, "layer"), f"layer {layer!r} has no bias")


# ------------------------------------------------------------------ actions
def _read_action(c: Checker, raw, place: str, net: Network) -> Action:
    c.obj(raw, place, 'an action object ({"kind": ..., ...})')
    kind = c.choice(c.required(raw, "kind", place), join(place, "kind"), ACTION_KINDS, "action kind")
    if kind == "step_through":
        phase = c.choice(c.required(raw, "phase", place), join(place, "phase"), PHASES, "step-through phase")
        layer = _layer(c, raw, place, net) if raw.get("layer") is not None else None
        return Action(kind, phase=phase, layer=layer)
    if kind in ("set_weight", "select_edge"):
        source, target, j, i = _edge(c, raw, place, net)
        value = c.number(c.required(raw, "value", place), join(place, "value")) if kind == "set_weight" else None
        if kind == "set_weight" and not net.edge_enabled(source, target, j, i):
            c.fail(place, f"the edge {source} → {target} [{j}, {i}] is removed (its mask is 0): its weight stays 0")
        return Action(kind, source=source, target=target, j=j, i=i, value=value)
    if kind == "set_bias":
        layer = _layer(c, raw, place, net)
        _has_bias(c, place, net, layer)
        unit = _unit(c, raw, place, net, layer)
        return Action(kind, layer=layer, unit=unit, value=c.number(c.required(raw, "value", place), join(place, "value")))
    if kind == "train":
        return Action(kind, steps=c.integer(c.required(raw, "steps", place), join(place, "steps"), 1, MAX_TRAIN_STEPS))
    return Action(kind, layer=_layer(c, raw, place, net))


# ---------------------------------------------------------------- questions
def _read_question(c: Checker, raw, place: str, net: Network, data_missing: bool = False) -> Question:
    c.obj(raw, place, 'a question object ({"kind": ..., ...})')
    kind = c.choice(c.required(raw, "kind", place), join(place, "kind"), QUESTION_KINDS, "question kind")
    fields: dict = {}
    if kind in EDGE_KINDS:
        fields.update(zip(("source", "target", "j", "i"), _edge(c, raw, place, net)))
    elif kind == "output":
        fields["unit"] = _unit(c, raw, place, net, net.output_layer, default=0)
    elif kind in NEURON_KINDS or kind in BIAS_KINDS:
        layer = _layer(c, raw, place, net)
        if kind in BIAS_KINDS:
            _has_bias(c, place, net, layer)
        elif kind != "a" and layer == net.input_layer:
            c.fail(join(place, "layer"), f"{layer!r} is the input layer: it has no {kind}")
        fields["layer"], fields["unit"] = layer, _unit(c, raw, place, net, layer)
    step = c.integer(raw.get("step", 0), join(place, "step"), 0, MAX_STEP)
    if needs_data(Question(kind, step=step)) and net.dataset is None and not data_missing:
        c.fail(place, "this question needs the network's dataset (its answer comes from a training step), "
                      "but the file has none")
    sample = None
    if raw.get("sample") is not None:
        if kind == "weight_after_steps":
            c.fail(join(place, "sample"), "weight_after_steps is the weight after `step` steps of training: "
                                          "it names no sample")
        if net.dataset is None and not data_missing:
            c.fail(join(place, "sample"), "the file has no dataset to take a sample from")
        rows = MAX_SAMPLE + 1 if net.dataset is None else len(net.dataset)
        sample = c.integer(raw["sample"], join(place, "sample"), 0, rows - 1)
    tolerance = _read_tolerance(c, raw.get("tolerance"), join(place, "tolerance"))
    return Question(kind, sample=sample, step=step, tolerance=tolerance, **fields)


def _read_tolerance(c: Checker, raw, place: str) -> Tolerance:
    """Absent: 3 significant digits; a number > 0: absolute; {"significant_digits": n} or {"absolute": x}."""
    if raw is None:
        return Tolerance()
    if not isinstance(raw, dict):
        if type(raw) in (int, float):
            return Tolerance(absolute=c.number(raw, place, low=0, low_open=True))
        c.fail(place, 'expected a number (absolute), {"significant_digits": n} or {"absolute": x}, '
                      f"found {describe(raw)}")
    if ("significant_digits" in raw) == ("absolute" in raw):
        c.fail(place, 'expected exactly one of "significant_digits" (1 to 15) or "absolute" (a number > 0)')
    if "absolute" in raw:
        return Tolerance(absolute=c.number(raw["absolute"], join(place, "absolute"), low=0, low_open=True))
    return Tolerance(significant_digits=c.integer(raw["significant_digits"], join(place, "significant_digits"),
                                                  1, MAX_DIGITS))


# ------------------------------------------------------------------ writing
def lesson_to_dict(c: Checker, lesson: Lesson, net: Network) -> dict:
    """The file's ``lesson`` value; refused (``NetworkFileError`` naming the place) when the reader
    would refuse it, for example when a step names a layer the network no longer has."""
    steps = []
    for step in lesson.steps:
        entry: dict = {"text": step.text}
        if step.action is not None:
            entry["action"] = {"kind": step.action.kind, **step.action.fields()}
        if step.question is not None:
            entry["question"] = question_to_dict(step.question)
        steps.append(entry)
    doc = {"version": lesson.version, "title": lesson.title, "steps": steps}
    start = None if lesson.start is None else start_to_dict(c, lesson.start, net)
    if start is not None:  # the network the lesson's text is written for, when the file's is not it
        doc["start"] = start
    try:
        # the reader's rules: what is saved can be opened again (without its data, as it was opened, while the CSV
        # it names is missing: ``Network.left_out``)
        read_lesson(c, doc, "lesson", net, data_missing=net.dataset is None and net.left_out is not None)
    except NetworkFileError as exc:
        step = exc.place.split("]")[0].split("[")[-1] if exc.place.startswith("lesson.steps[") else None
        which = f"step {int(step) + 1} of the lesson" if step is not None and step.isdigit() else "the lesson"
        c.fail(exc.place, f"{which} no longer fits the network: {exc.problem}. Undo the change to the network, "
                          "or change that step of the lesson")
    return doc


def question_to_dict(q: Question) -> dict:
    """The question as the file (and the worksheet's JSON) has it: kind, place, sample, step, tolerance."""
    out = {"kind": q.kind, **q.place_fields()}
    if q.sample is not None:
        out["sample"] = q.sample
    out["step"] = q.step
    out["tolerance"] = q.tolerance.to_json()
    return out
