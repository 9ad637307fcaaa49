"""Guided lessons: steps of text, actions the student does and questions the engine answers.

A ``Lesson`` (the optional ``lesson`` section of a ``.bpnet`` file, schema version
``SCHEMA_VERSION``) is a title and a list of ``LessonStep``: a text (a little Markdown,
see ``core.lesson_text``), an optional ``Action`` the student must do, and an optional
``Question``: a quantity the student computes by hand and types.

A question names a quantity, never its answer. ``answer(question, network)`` computes
it with the engine, the way ``backprop-studio trace`` has it:

* the run (``lesson_run``): the one the window trains: a trainer on the network's
  weights with its own settings that goes on with the run its file kept (the
  ``progress`` section: the optimizer's state, the shuffle position), else a new run;
* the point: ``step`` = k steps of that run (``trainer.run(steps=k)``, what
  ``backprop-studio train FILE --steps k`` saves); 0 = the network as saved;
* without ``sample``: the run's next mini-batch after those k steps
  (``trace_trainer_step``); with ``sample`` = K: dataset row K (0-based, before the
  validation split) alone, as a batch of one (``trace_step(net_k, K)``);
* ``a``, ``z``, ``delta`` (δ = dL/dz) of neuron ``unit`` of ``layer``, and ``output``
  (a of the output layer's neuron ``unit``), are values of ONE sample: without
  ``sample`` the next mini-batch must have one row;
* ``loss``: the batch loss with its regularization penalty (what ``Trainer.step``
  returns);
* ``dL/dw`` of the edge ``source``[i] → ``target``[j] (w_ji) and ``dL/db`` of neuron
  ``unit`` of ``layer``: the batch gradient, regularization term included;
* ``weight_after_step`` / ``bias_after_step``: the value after one step from the
  step-k network (the trace's "updated");
* ``weight_after_steps``: the weight after k = ``step`` steps (the step-k network's
  weight; the trace's "before" of a network trained k steps).

``check(question, value, network)`` compares a typed value with the answer
(``Tolerance``: by default the value must agree with the answer to 3 significant
digits) and, for a wrong one, gives a hint: the chain rule in symbols and, when it can
tell, which factor differs ("your σ'(z_y0) is right, your a_h0 is not"), else the factors
to check, from ``core.lesson_hints``. The hint never gives the right value: that comes with
its worked computation (``Verdict.worked``) when the student asks to reveal it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from .lesson_words import one_sample_words
from .network import Network
from .resume import resume_saved
from .trace import StepTrace, trace_step, trace_trainer_step
from .training import DivergenceError, Trainer

__all__ = [
    "SCHEMA_VERSION", "QUESTION_KINDS", "ACTION_KINDS", "PHASES", "MAX_STEP",
    "Action", "Observed", "Question", "Tolerance", "Lesson", "LessonStep", "Verdict", "LessonError",
    "answer", "check", "network_at_step", "lesson_run", "question_label", "question_context", "one_sample_words",
    "action_label", "Answers", "needs_data",
    "hidden_quantity", "new_lesson", "LAYER_FIELDS",
]

SCHEMA_VERSION = 1

#: what a question may ask for, and the place each one names
QUESTION_KINDS = ("a", "z", "delta", "dL/dw", "dL/db", "loss", "output",
                  "weight_after_step", "bias_after_step", "weight_after_steps")
NEURON_KINDS = ("a", "z", "delta")
EDGE_KINDS = ("dL/dw", "weight_after_step", "weight_after_steps")
BIAS_KINDS = ("dL/db", "bias_after_step")
#: kinds about one sample's value (not a batch sum): without ``sample`` the batch must have one row
ONE_SAMPLE_KINDS = ("a", "z", "delta", "output")

ACTION_KINDS = ("step_through", "set_weight", "set_bias", "train", "select_edge", "select_layer")
#: the step-through's phases in order
PHASES = ("forward", "loss", "backward", "update")

#: the smallest tolerance: float64 rounding leaves answers that are really 0 at about 1e-17
FLOOR = 1e-12

#: the largest ``step`` a question may name (the answer trains that many steps)
MAX_STEP = 100_000


class LessonError(ValueError):
    """A question the engine cannot answer for this network (a place that does not exist, a
    one-sample question on a batch of several rows, a run that diverges before the step)."""


# ------------------------------------------------------------------ the model
@dataclass(frozen=True)
class Tolerance:
    """How close a typed value must be to the answer.

    ``significant_digits`` (default 3): |value − answer| ≤ half a unit in the last of those
    digits of the answer (for 0.59 with 3 digits: ±0.0005), and never less than ``FLOOR`` = 1e-12
    (an answer that is 0 up to rounding, such as 5.6e−17, accepts 0). ``absolute`` (when not None, it replaces the digits rule): |value − answer| ≤
    absolute.
    """

    significant_digits: int = 3
    absolute: float | None = None

    def allowed(self, right: float) -> float:
        """The largest |value − right| accepted."""
        if self.absolute is not None:
            return self.absolute
        if right == 0 or not math.isfinite(right):
            return FLOOR
        exponent = math.floor(math.log10(abs(right)))
        return max(FLOOR, 0.5 * 10.0 ** (exponent - self.significant_digits + 1) * (1 + 1e-9))

    def accepts(self, value: float, right: float) -> bool:
        return math.isfinite(value) and abs(value - right) <= self.allowed(right)

    def to_json(self) -> dict:
        """{"significant_digits": n} or {"absolute": x}: the file's form."""
        if self.absolute is not None:
            return {"absolute": self.absolute}
        return {"significant_digits": self.significant_digits}

    def describe(self) -> str:
        if self.absolute is not None:
            return f"within ±{self.absolute:g}"
        return f"to {self.significant_digits} significant digits"


@dataclass(frozen=True)
class Question:
    """A quantity the student computes by hand (see the module docstring for each kind).

    Place: ``layer`` and ``unit`` (``a``, ``z``, ``delta``, ``dL/db``, ``bias_after_step``;
    ``output`` takes only ``unit``, default 0), or ``source``, ``target``, ``j``, ``i``
    (the edge from neuron i of source to neuron j of target: ``dL/dw``, ``weight_after_step``,
    ``weight_after_steps``); ``loss`` names no place. ``sample``: a dataset row (0-based)
    or None for the next mini-batch; ``step``: training steps from the file's weights.
    """

    kind: str
    layer: str | None = None
    unit: int | None = None
    source: str | None = None
    target: str | None = None
    j: int | None = None
    i: int | None = None
    sample: int | None = None
    step: int = 0
    tolerance: Tolerance = field(default_factory=Tolerance)

    def __post_init__(self):
        if self.kind == "output" and self.unit is None:
            object.__setattr__(self, "unit", 0)

    def place_fields(self) -> dict:
        """The place keys this kind uses, with their values (None ones left out)."""
        if self.kind in EDGE_KINDS:
            keys = ("source", "target", "j", "i")
        elif self.kind == "output":
            keys = ("unit",)
        elif self.kind == "loss":
            keys = ()
        else:
            keys = ("layer", "unit")
        return {k: getattr(self, k) for k in keys if getattr(self, k) is not None}


@dataclass(frozen=True)
class Action:
    """Something the student does; the app recognises it as done (``is_done``) when:

    * ``step_through`` (``phase``, optional ``layer``): the step-through has reached
      ``phase`` (one of ``PHASES``) and, with ``layer``, that phase has computed ``layer``
      — or it is past that phase ("press F8 until Backward reaches h");
    * ``set_weight`` (``source``, ``target``, ``j``, ``i``, ``value``): the document's
      weight w_ji of source → target equals ``value`` (to 1e-9 relative);
    * ``set_bias`` (``layer``, ``unit``, ``value``): that bias equals ``value``;
    * ``train`` (``steps``): at least ``steps`` training steps were taken since the lesson
      step was opened;
    * ``select_edge`` (``source``, ``target``, ``j``, ``i``): that edge is selected
      (the inspector shows it);
    * ``select_layer`` (``layer``): that layer is selected.
    """

    kind: str
    phase: str | None = None
    layer: str | None = None
    unit: int | None = None
    source: str | None = None
    target: str | None = None
    j: int | None = None
    i: int | None = None
    value: float | None = None
    steps: int | None = None

    def fields(self) -> dict:
        """The keys this kind uses, with their values (None ones left out): the file's form."""
        keys = {
            "step_through": ("phase", "layer"),
            "set_weight": ("source", "target", "j", "i", "value"),
            "set_bias": ("layer", "unit", "value"),
            "train": ("steps",),
            "select_edge": ("source", "target", "j", "i"),
            "select_layer": ("layer",),
        }[self.kind]
        return {k: getattr(self, k) for k in keys if getattr(self, k) is not None}

    def is_done(self, observed: "Observed") -> bool:
        """Whether what the app ``observed`` completes this action (rules in the class docstring)."""
        if self.kind == "step_through":
            if observed.phase not in PHASES:
                return False
            here, wanted = PHASES.index(observed.phase), PHASES.index(self.phase)
            if here != wanted:
                return here > wanted
            return self.layer is None or self.layer in observed.phase_layers
        if self.kind in ("set_weight", "set_bias"):
            net = observed.network
            try:
                if self.kind == "set_weight":
                    current = float(net.weights[self.source, self.target][self.j, self.i])
                else:
                    current = float(net.biases[self.layer][self.unit])
            except (KeyError, IndexError, TypeError):
                return False
            return math.isclose(current, self.value, rel_tol=1e-9, abs_tol=1e-12)
        if self.kind == "train":
            return observed.steps_trained >= (self.steps or 0)
        if self.kind == "select_edge":
            return observed.selected_edge == (self.source, self.target, self.j, self.i)
        if self.kind == "select_layer":
            return observed.selected_layer == self.layer
        return False


@dataclass
class Observed:
    """What the app sees, for ``Action.is_done``: the document's ``network``; the step-through's
    ``phase`` (one of ``PHASES`` or None) and the layers that phase has computed so far
    (``phase_layers``); training steps taken since the lesson step opened; the selected edge
    (source, target, j, i) and layer."""

    network: Network | None = None
    phase: str | None = None
    phase_layers: frozenset = frozenset()
    steps_trained: int = 0
    selected_edge: tuple | None = None
    selected_layer: str | None = None


@dataclass(frozen=True)
class LessonStep:
    """One step of a lesson: ``text`` (a little Markdown), an optional ``action`` and ``question``."""

    text: str = ""
    action: Action | None = None
    question: Question | None = None


@dataclass(frozen=True)
class Lesson:
    """A guided lesson: ``title``, the lesson schema ``version`` and its ``steps``; ``start``: the network its
    text is written for when it is not the file's network (a ``core.lesson_start.LessonStart``, or None: the
    file's network is the start). Its questions are answered from the start (``core.lesson_start``)."""

    title: str = ""
    steps: tuple = ()
    version: int = SCHEMA_VERSION
    start: object = field(default=None, compare=False, repr=False)

    def questions(self) -> list[tuple[int, Question]]:
        """(step index, question) of every step that asks one."""
        return [(k, s.question) for k, s in enumerate(self.steps) if s.question is not None]

    def with_layer_renamed(self, old: str, new: str) -> "Lesson":
        """This lesson with every layer name ``old`` (``LAYER_FIELDS`` of each action and
        question) replaced by ``new``; this very lesson when it never names ``old``."""
        steps = tuple(replace(step, action=_renamed(step.action, old, new), question=_renamed(step.question, old, new))
                      for step in self.steps)
        start = None if self.start is None else self.start.renamed(old, new)
        return self if steps == self.steps and start is None else replace(self, steps=steps, start=start)


#: the fields of an ``Action`` or a ``Question`` that name a layer
LAYER_FIELDS = ("layer", "source", "target")


def _renamed(item, old: str, new: str):
    """``item`` (an Action, a Question or None) with the layer name ``old`` replaced by ``new``."""
    if item is None:
        return None
    changes = {key: new for key in LAYER_FIELDS if getattr(item, key) == old}
    return replace(item, **changes) if changes else item


@dataclass
class Verdict:
    """The result of ``check``: ``right``; the right ``answer`` and the typed ``value``;
    ``factors``: the chain-rule factors of the answer as (name, value) in the order they
    multiply (empty when the number is not a product); ``hint``: for a wrong value, lines
    of text that say what to check without the right value (the formula in symbols, and which
    factor differs when that can be told, else the factors to check); ``differing``: the name of
    that factor or None; ``worked``: the right value and its worked computation (the chain rule
    with the right numbers), for every value: what Reveal shows."""

    right: bool
    answer: float
    value: float
    hint: list[str] = field(default_factory=list)
    factors: list[tuple[str, float]] = field(default_factory=list)
    differing: str | None = None
    worked: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ answers
def needs_data(q: Question) -> bool:
    """Whether ``q``'s answer needs the dataset: all but the weights as saved (``weight_after_steps``, step 0)."""
    return not (q.kind == "weight_after_steps" and q.step == 0)


def lesson_run(network: Network, step: int = 0) -> Trainer:
    """The run a lesson's questions are about, ``step`` steps into it: a trainer on a copy of ``network`` that goes
    on with the run its file kept (``core.resume_saved``: the optimizer's state (momentum's v, Adam's m, v, t), the
    shuffle position, the counters) while that still describes it, as the window's training does; else a new run.
    ``LessonError`` when it cannot train or diverges before that step."""
    try:
        trainer = Trainer(network.copy())
    except ValueError as exc:
        raise LessonError(f"cannot train to step {step}: {exc}" if step else str(exc)) from None
    resume_saved(trainer)
    if step:
        result = trainer.run(steps=step)
        if result.reason == "diverged":
            raise LessonError(f"training diverges before step {step}: {result.message}")
    return trainer


def network_at_step(network: Network, step: int) -> Network:
    """A copy of ``network`` after ``step`` steps of its lesson's run (``lesson_run``; 0: a plain copy).

    Exactly what ``backprop-studio train FILE --steps k`` saves (``Trainer.run``, going on with the file's run).
    ``LessonError`` when the run cannot train or diverges before that step.
    """
    return network.copy() if step == 0 else lesson_run(network, step).net


class Answers:
    """Answers to many questions about one network, sharing the trained networks and traces.

    The network is copied; editing it afterwards does not change the answers (make a new
    ``Answers``). Its run is ``lesson_run``'s: the one the window trains (and resumes, from a file that kept it).
    """

    def __init__(self, network: Network):
        self.network = network.copy()
        self._runs: dict[int, Trainer] = {}
        self._nets: dict[int, Network] = {}
        self._traces: dict[tuple[int, int | None], StepTrace] = {}

    def run(self, step: int) -> Trainer:
        """The lesson's run ``step`` steps in (``lesson_run``; not to be trained further)."""
        if step not in self._runs:
            self._runs[step] = lesson_run(self.network, step)
        return self._runs[step]

    def net(self, step: int) -> Network:
        if step not in self._nets:
            self._nets[step] = self.network.copy() if step == 0 else self.run(step).net
        return self._nets[step]

    def trace(self, step: int, sample: int | None) -> StepTrace:
        """The next step of the run ``step`` steps in (``sample`` None), or of dataset row ``sample`` alone from
        the optimizer's initial state at those weights (``trace_step``), as the window's trace has them."""
        key = (step, sample)
        if key not in self._traces:
            try:
                self._traces[key] = (trace_trainer_step(self.run(step)) if sample is None
                                     else trace_step(self.net(step), sample))
            except DivergenceError as exc:
                raise LessonError(str(exc)) from None
            except ValueError as exc:
                raise LessonError(str(exc)) from None
        return self._traces[key]

    def answer(self, q: Question) -> float:
        """The number ``q`` asks for (see the module docstring); ``LessonError`` if it has none."""
        _check_place(q, self.network)
        if q.kind == "weight_after_steps":
            return float(self.net(q.step).weights[q.source, q.target][q.j, q.i])
        t = self.trace(q.step, q.sample)
        if q.kind == "loss":
            return float(t.loss)
        if q.kind in ("dL/dw", "weight_after_step"):
            of = "gradient" if q.kind == "dL/dw" else "updated"
            return float(t.weights(q.source, q.target, of)[q.j, q.i])
        if q.kind in BIAS_KINDS:
            of = "gradient" if q.kind == "dL/db" else "updated"
            return float(t.bias(q.layer, of)[q.unit])
        if t.batch_size != 1:
            raise LessonError(
                f"{question_label(q)} is one sample's value, but the next mini-batch has {t.batch_size} rows; "
                "give the question a sample (a dataset row) or use a batch size of 1")
        if q.kind == "output":
            return float(t.layers[self.network.output_layer].a[0, q.unit or 0])
        layer = t.layers[q.layer]
        values = {"a": layer.a, "z": layer.z, "delta": layer.delta}[q.kind]
        return float(values[0, q.unit])


def answer(question: Question, network: Network) -> float:
    """The number ``question`` asks for, computed from ``network`` with the engine.

    ``LessonError`` (a ``ValueError``) when the network has no such place, the run
    diverges, or a one-sample question meets a batch of several rows.
    """
    return Answers(network).answer(question)


def check(question: Question, value: float, network: Network, answers: Answers | None = None) -> Verdict:
    """Whether ``value`` answers ``question`` on ``network`` (within its tolerance), with a hint
    for a wrong value (``core.lesson_hints``). Pass ``answers`` to reuse its computations.
    ``LessonError`` as from ``answer``; this may train up to ``question.step`` steps."""
    from .lesson_hints import diagnose

    answers = answers if answers is not None else Answers(network)
    right = answers.answer(question)
    value = float(value)
    ok = question.tolerance.accepts(value, right)
    factors, hint, differing, worked = diagnose(question, value, right, answers, ok)
    return Verdict(ok, right, value, hint, factors, differing, worked)


def _check_place(q: Question, net: Network) -> None:
    """``LessonError`` when the place ``q`` names does not exist in ``net``."""
    names = [layer.name for layer in net.layers]
    if q.kind in EDGE_KINDS:
        if (q.source, q.target) not in net.weights:
            raise LessonError(f"there is no connection {q.source!r} → {q.target!r}")
        rows, cols = net.weights[q.source, q.target].shape
        if q.j is None or q.i is None or not (0 <= q.j < rows and 0 <= q.i < cols):
            raise LessonError(f"{q.source} → {q.target} has no edge [{q.j}, {q.i}]; j < {rows}, i < {cols}")
        return
    if q.kind == "loss":
        return
    layer = net.output_layer if q.kind == "output" else q.layer
    if layer not in names:
        raise LessonError(f"there is no layer called {layer!r}")
    units = net.layer(layer).units
    unit = q.unit if q.unit is not None else (0 if q.kind == "output" else None)
    if unit is None or not 0 <= unit < units:
        raise LessonError(f"layer {layer!r} has no neuron {unit}; it has {units}")
    if q.kind in ("z", "delta") + BIAS_KINDS and layer == net.input_layer:
        raise LessonError(f"the input layer {layer!r} has no {'z' if q.kind == 'z' else q.kind}")
    if q.kind in BIAS_KINDS and layer not in net.biases:
        raise LessonError(f"layer {layer!r} has no bias")


# ---------------------------------------------------------- for the window
def hidden_quantity(q: Question, network: Network) -> tuple:
    """What an open question hides on the canvas and every panel (the spoiler rule), as a key:

    ("neuron", layer, unit, "a" | "z" | "delta") for ``a``, ``z``, ``delta`` and ``output``;
    ("edge", source, target, j, i, "gradient" | "weight") for ``dL/dw`` and for the weight
    after one or k steps; ("bias", layer, unit, "gradient" | "value"); ("loss",).
    """
    if q.kind in ("a", "z", "delta"):
        return ("neuron", q.layer, q.unit, q.kind)
    if q.kind == "output":
        return ("neuron", network.output_layer, q.unit or 0, "a")
    if q.kind in EDGE_KINDS:
        return ("edge", q.source, q.target, q.j, q.i, "gradient" if q.kind == "dL/dw" else "weight")
    if q.kind in BIAS_KINDS:
        return ("bias", q.layer, q.unit, "gradient" if q.kind == "dL/db" else "value")
    return ("loss",)


def new_lesson(network: Network) -> Lesson:
    """A lesson of one step for ``network`` (File → New Lesson): its name as the title, one text step."""
    return Lesson(network.name or "Lesson", (LessonStep("Describe what the student should do or compute."),))


# the labels (in their own module; here for ``from core.lesson import question_label``)
from .lesson_labels import action_label, question_context, question_label  # noqa: E402
