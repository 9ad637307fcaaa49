"""Which target of a dataset the chosen loss cannot take, named where a student finds it: ``target_problem``.

The rule is the loss's own (``core.losses.Loss.target_misfit``: binary_cross_entropy takes 0 ≤ t ≤ 1,
cross_entropy rows with t_k ≥ 0 and Σ_k t_k = 1); this module only writes the first target that breaks
it with its place: a CSV's file, line and column ("scores.csv, line 7, column 'y' holds 100.5"), else the
dataset row (0-based, as the step-through's Trace names rows) and target column.
``Network.dataset_problems`` adds the sentence to the other reasons data does not fit, so the
Dataset panel, the status bar's "Cannot train: …", ``core.Trainer`` and ``backprop-studio train``
all refuse such data before any step, in the same words.
"""

from __future__ import annotations

import os

from .losses import LOSSES, TargetMisfit
from .notation import MINUS, format_number

__all__ = ["ADVICE_OPENING", "target_problem"]

#: where the advice of a target problem begins (a view that gives the reason alone cuts it there)
ADVICE_OPENING = " (for "

#: significant digits of the value quoted (100.5, 0.999, 1.37123), more when fewer would write the bound it
#: breaks (1.0000001, not "1.00000")
DIGITS = 6


def target_problem(loss_name: str, data) -> str | None:
    """Why the loss ``loss_name`` cannot take the targets of ``data`` (a ``core.datasets.Dataset``): "the
    binary_cross_entropy loss needs targets between 0 and 1: scores.csv, line 7, column 'y' holds 100.5
    (for numbers like these …)"; None when it takes them all (or is unknown: ``Network.problems`` says so)."""
    loss = LOSSES.get(loss_name)
    if loss is None or loss.target_misfit is None:
        return None
    misfit = loss.target_misfit(data.targets)
    if misfit is None:
        return None
    advice = ADVICE_OPENING + loss.targets_advice.removeprefix("for ") + ")"
    return f"the {loss.name} loss needs {loss.targets_needed}: {_place(data, misfit)}{advice}"


def _place(data, misfit: TargetMisfit) -> str:
    """Where the misfit is and what it holds (or what its row sums to)."""
    value = _written(misfit.value)
    columns = data.source.get("targets") if "csv" in data.source else None
    if columns and len(columns) == data.targets.shape[1] and data.lines and len(data.lines) == len(data):
        where = f"{os.path.basename(data.source['csv'])}, line {data.lines[misfit.row]}"
        if misfit.column is None:
            return f"{where}: the targets in columns {', '.join(map(repr, columns))} sum to {value}"
        return f"{where}, column {columns[misfit.column]!r} holds {value}"
    where = f"dataset row {misfit.row}"
    if misfit.column is None:
        return f"{where}'s targets sum to {value}"
    if data.targets.shape[1] == 1:
        return f"{where} has the target {value}"
    return f"{where}, target column {misfit.column}, holds {value}"


def _written(value: float) -> str:
    """``value`` to ``DIGITS`` significant digits, or as many more as it takes not to read as 0 or 1 (the bounds
    a target breaks: 0…1, t ≥ 0, a sum of 1)."""
    for digits in range(DIGITS, 18):
        text = format_number(value, digits)
        if float(text.replace(MINUS, "-")) not in (0.0, 1.0):
            break
    return text
