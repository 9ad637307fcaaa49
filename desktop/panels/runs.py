"""Runs kept for comparison in the loss panel: their settings in words and their curves (no Qt).

``run_fields`` names a run's settings (learning rate, optimizer, batch size, seed,
regularization), ``legend_rows`` says once what all the runs share and per run what
differs, and ``Run`` holds one earlier run's curves and how it ended.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from core.notation import format_loss, format_number

#: earlier runs kept for comparison
MAX_RUNS = 5


@dataclass
class Run:
    """An earlier run kept for comparison: its number (1 = the first since the network was
    opened), the settings label, the loss curve (``steps``, ``losses``: (k,) each; ``what`` says
    which loss), the validation loss per epoch (``val_steps``, ``val_losses``, empty without
    validation) and its colour."""

    number: int
    fields: dict[str, str]
    steps: np.ndarray
    losses: np.ndarray
    what: str
    colour: tuple[int, int, int]
    val_steps: np.ndarray = field(default_factory=lambda: np.zeros(0))
    val_losses: np.ndarray = field(default_factory=lambda: np.zeros(0))
    #: x is the steps taken (a full-batch run, ``loss_after_step``): the loss at x = k was measured at step k + 1
    after_steps: bool = False
    #: where the run is in the document's undo history (``CompareRuns._place``), None: not known
    place: object = None

    def held_back(self, hidden_from: int | None, held_at=None) -> "Run":
        """This run without the losses the loss panel holds back, by the rule of this run's own curve
        (``LossPanel._known``): a loss measured at the weights after ``hidden_from`` steps or later (None: none
        held), or at weights
        after k steps where ``held_at(k)`` (steps (n,) → (n,) bool; None: none held). Measured at step x, or at
        x + 1 when ``after_steps`` (x = 0, the loss before training, at step 0), so at the weights after x − 1
        steps (after x when ``after_steps``); a validation loss at its epoch's end, x, after x steps."""
        if hidden_from is None and held_at is None:
            return self
        measured = self.steps + 1.0 if self.after_steps else self.steps
        if self.after_steps:
            measured = np.where(self.steps == 0, 0.0, measured)
        weights = np.maximum(measured - 1.0, 0.0)  # (the steps taken before it was measured)
        keep = np.ones(len(measured), dtype=bool) if hidden_from is None else weights < hidden_from
        val_keep = np.ones(len(self.val_steps), dtype=bool) if hidden_from is None else self.val_steps < hidden_from
        if held_at is not None:
            keep &= ~np.asarray(held_at(weights), dtype=bool)
            val_keep &= ~np.asarray(held_at(self.val_steps), dtype=bool)
        return replace(self, steps=self.steps[keep], losses=self.losses[keep],
                       val_steps=self.val_steps[val_keep], val_losses=self.val_losses[val_keep])

    @property
    def label(self) -> str:
        """Every setting: 'lr 0.5 · sgd · batch 4 · seed 0' (see ``run_label``)."""
        return fields_label(self.fields)

    def figures(self) -> str:
        """How it ended: 'loss 0.0123, val. 0.0456' (its last points; the step is in ``details``)."""
        if not len(self.losses):
            return "loss ?"
        text = f"loss {format_loss(self.losses[-1], 3)}"
        if len(self.val_losses):
            text += f", val. {format_loss(self.val_losses[-1], 3)}"
        return text

    def details(self) -> str:
        """Everything, for a tooltip: 'run 2: lr 0.5 · sgd · batch 4 · seed 0 · L1 0.003; at step 500
        epoch mean 0.0123, validation 0.0456'."""
        if not len(self.losses):
            return f"run {self.number}: {self.label}; its losses come with a later question"
        text = f"run {self.number}: {self.label}; at step {int(self.steps[-1])} {self.what} {format_loss(self.losses[-1])}"
        if len(self.val_losses):
            text += f", validation {format_loss(self.val_losses[-1])}"
        return text


def _rate(first: float, last: float) -> str:
    """'0.5', or '0.1→0.5' when it changed during the run; written as the canvas writes numbers ('1e6', not '1e+06')."""
    return format_number(first, 6) if first == last else f"{format_number(first, 6)}→{format_number(last, 6)}"


NO_REGULARIZATION = "no regularization"


def run_fields(training, learning_rates: tuple[float, float], batch_sizes: tuple[int, int]) -> dict[str, str]:
    """The settings of a run, each as words: lr, optimizer, batch, seed, regularization; the
    learning rate and batch size as (first, last) of its snapshots ('lr 0.1→0.5' when changed)."""
    o = training.optimizer
    optimizer = o.name
    if o.name == "sgd" and o.momentum:
        optimizer += f" momentum {format_number(o.momentum, 6)}" + (" nesterov" if o.nesterov else "")
    regularization = (NO_REGULARIZATION if training.regularization == "none"
                      else f"{training.regularization.upper()} {format_number(training.regularization_rate, 6)}")
    return {"lr": f"lr {_rate(*learning_rates)}", "optimizer": optimizer, "batch": f"batch {_rate(*batch_sizes)}",
            "seed": f"seed {training.seed}", "regularization": regularization}


def run_label(training, learning_rates: tuple[float, float], batch_sizes: tuple[int, int]) -> str:
    """'lr 0.5 · sgd · batch 4 · seed 0' (+ ' · L2 0.01' with regularization): the settings of a run."""
    return fields_label(run_fields(training, learning_rates, batch_sizes))


def fields_label(fields: dict[str, str]) -> str:
    """The settings joined by ' · ', "no regularization" left out."""
    return " · ".join(v for k, v in fields.items() if k != "regularization" or v != NO_REGULARIZATION)


def legend_rows(this: dict[str, str] | None, runs: list[Run]) -> tuple[str, list[str]]:
    """(what all the runs share, an entry per run saying what differs): 'lr 0.5 · sgd · batch 10 ·
    seed 2', ['this run: L2 0.003', 'run 2: L1 0.003', 'run 1: no regularization', …].
    ``this`` is the current run's fields (None: not shown); ``runs`` newest first."""
    all_fields = ([this] if this is not None else []) + [run.fields for run in runs]
    shared = [k for k in all_fields[0] if all(f[k] == all_fields[0][k] for f in all_fields)]
    common = fields_label({k: all_fields[0][k] for k in shared})

    def own(fields):
        return " · ".join(v for k, v in fields.items() if k not in shared) or "the same settings"

    rows = [f"this run: {own(this)}"] if this is not None else []
    rows += [f"run {run.number}: {own(run.fields)}" for run in runs]
    return common, rows
