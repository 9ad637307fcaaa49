"""The messages between the window and its training session: commands in, answers out (no Qt).

**Who asked, and about which version.** Every command carries ``asker`` (who waits for
its answer: "window", "stepper", a test) and ``version`` (the document version it is
about). The session remembers the version of the network it holds: ``Load`` sets it,
``Follow`` (the document changed in a way that leaves the session's network as it is:
a layer moved, the session's own trained weights committed) and ``SetLearningRate`` /
``SetBatchSize`` move it on. Every answer echoes a ``Tag`` (asker, session, version):
snapshots carry ``session``, ``version`` and ``asker`` of the run; the window drops an
answer about a version it no longer shows.

Commands: ``Load`` (a network copy to train, a new session), ``Follow``, ``Run``, ``Pause``,
``SetLearningRate``, ``SetBatchSize``, ``SetSpeed``, ``SetStopConditions``, ``Trace``,
``Report``, ``Quit``. Answers besides the snapshots (``desktop.training.snapshot``):
``Traced`` (to a ``Trace``) and ``Evaluated`` (what a big network's finished snapshot left out).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(kw_only=True)
class Command:
    """What every command carries: who waits for the answer and the document version it is about
    (-1: not about a version, e.g. a speed limit)."""

    asker: str = "window"
    version: int = -1


@dataclass(frozen=True)
class Tag:
    """What every answer echoes: who asked, which ``Load`` (``session``) and which document version."""

    asker: str
    session: int
    version: int


@dataclass
class Load(Command):
    """Train this network copy (the document at ``version``) from now on (``session`` tags its answers);
    ``resume``: a ``core.ResumeState`` at exactly its weights (the run that left them, brought back by an
    Undo or Redo): the trainer goes on from it instead of afresh."""

    session: int
    network: object
    watched: object = None
    resume: object = None


@dataclass
class Follow(Command):
    """The document moved on to ``version`` and the session's network is still exactly what it holds."""


@dataclass
class Run(Command):
    """Train until ``steps`` more steps or ``epochs`` more epochs (None: until paused)."""

    steps: int | None = None
    epochs: int | None = None


@dataclass
class Pause(Command):
    pass


@dataclass
class SetLearningRate(Command):
    value: float


@dataclass
class SetBatchSize(Command):
    value: int


@dataclass
class SetSpeed(Command):
    """At most ``steps_per_second`` steps a second (None: as fast as possible)."""

    steps_per_second: float | None


@dataclass
class SetStopConditions(Command):
    """Stop when the epoch count reaches ``epochs`` or a batch loss falls to ``loss`` (None: off)."""

    epochs: int | None = None
    loss: float | None = None


@dataclass
class Quit(Command):
    pass


@dataclass
class Trace(Command):
    """Every number of the next step (``sample`` None: the next mini-batch, exactly the step
    the next Run takes; else that dataset row alone, from a fresh optimizer), changing nothing.
    When the next mini-batch is exactly that row, the sample's trace is the next step itself."""

    sample: int | None = None


@dataclass
class Traced:
    """The answer to ``Trace``: the ``core.StepTrace`` and the rows the next step (Run) trains on."""

    tag: Tag
    trace: object
    step_rows: list = field(default_factory=list)


@dataclass
class Evaluated:
    """What a big network's finished snapshot left out (``evaluation_pending``), sent after it (once the
    window drew it: ``desktop.training.session``):
    the loss and accuracy on all the data at ``step`` (``Snapshot.evaluation``; None for a very
    large dataset) and the output view there (None: the snapshot has it)."""

    tag: Tag
    step: int
    evaluation: dict | None
    output: object = None


@dataclass
class Report(Command):
    """Answer with what the session holds now (``emit_report``): its session id, whether it runs,
    the step, learning rate, batch size, parameters and sample count, the process id, whether
    Qt is loaded in that process, how many objects it froze (``gc.freeze``) and its peak memory; with ``run``
    (a run's key, ``Document.resume_state``) also "run": that run's kept end as (``core.ResumeState``,
    ``core.RunProgress``) copies, or None when it is no longer kept (what Save writes into the file)."""

    run: bytes | None = None
