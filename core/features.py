"""Input features: derived columns computed from a two-input dataset before the input layer.

As in TensorFlow Playground, a network with two raw inputs x₀, x₁ (the dataset's two input
columns) may feed its input layer any of these columns instead of x₀, x₁ themselves:

========  ===========  ================================
name      label        column (for a row (x₀, x₁))
========  ===========  ================================
x1        x₀           x₀
x2        x₁           x₁
x1^2      x₀²          x₀ · x₀
x2^2      x₁²          x₁ · x₁
x1*x2     x₀x₁         x₀ · x₁
sin(x1)   sin x₀       sin(x₀)  (radians)
sin(x2)   sin x₁       sin(x₁)
========  ===========  ================================

The labels count the raw inputs from 0, as the canvas captions every input neuron (x₀, x₁)
and the questions and hints index them (a_x0); the file names (``x1``, ``x1^2``, …) are the
``.bpnet`` format's and stay as they are: ``x1`` is the first raw input, shown x₀.

Shapes: raw inputs X are (batch, 2); ``feature_columns(X, features)`` is
(batch, len(features)), column k being feature ``features[k]``. The dataset stays raw;
the input layer's units equal the number of chosen features, and its activations a (what
every view shows for the input layer) are these columns. The chain rule stops at the input
layer (features have no parameters). ``("x1", "x2")`` is the same as no features at all,
so a network stores ``None`` for it (see ``normalize``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np


@dataclass(frozen=True)
class Feature:
    """One derived input column: its file name, display label, formula in words, and the
    function (x1, x2) → column, both (batch,) float64 arrays."""

    name: str
    label: str
    formula: str
    compute: Callable[[np.ndarray, np.ndarray], np.ndarray]


FEATURES: dict[str, Feature] = {
    f.name: f
    for f in (
        Feature("x1", "x₀", "x₀", lambda x1, x2: x1),
        Feature("x2", "x₁", "x₁", lambda x1, x2: x2),
        Feature("x1^2", "x₀²", "x₀·x₀", lambda x1, x2: x1 * x1),
        Feature("x2^2", "x₁²", "x₁·x₁", lambda x1, x2: x2 * x2),
        Feature("x1*x2", "x₀x₁", "x₀·x₁", lambda x1, x2: x1 * x2),
        Feature("sin(x1)", "sin x₀", "sin(x₀)", lambda x1, x2: np.sin(x1)),
        Feature("sin(x2)", "sin x₁", "sin(x₁)", lambda x1, x2: np.sin(x2)),
    )
}
#: every feature, in the order the inspector lists them (and ``ordered`` sorts them)
FEATURE_NAMES: tuple[str, ...] = tuple(FEATURES)
#: the features that mean "the raw inputs themselves"
RAW: tuple[str, ...] = ("x1", "x2")
#: features are computed from this many raw input columns (x₀, x₁)
RAW_INPUTS = 2


def check_features(features) -> tuple[str, ...]:
    """``features`` as a tuple of known, distinct names (at least one); ``ValueError`` saying
    what is wrong otherwise."""
    if isinstance(features, str) or not hasattr(features, "__iter__"):
        raise ValueError(f"input features must be a list of names; got {features!r}")
    out = tuple(features)
    if not out:
        raise ValueError("choose at least one input feature")
    for name in out:
        if name not in FEATURES:
            raise ValueError(f"unknown input feature {name!r}; expected one of {', '.join(FEATURE_NAMES)}")
    seen = set()
    for name in out:
        if name in seen:
            raise ValueError(f"the input feature {name!r} is chosen twice")
        seen.add(name)
    return out


def normalize(features) -> tuple[str, ...] | None:
    """Checked features, or None when there are none or they are exactly ``RAW`` (x₀, x₁)."""
    if features is None:
        return None
    out = check_features(features)
    return None if out == RAW else out


def ordered(names) -> tuple[str, ...]:
    """``names`` in the order of ``FEATURE_NAMES`` (the inspector's order)."""
    chosen = set(names)
    return tuple(n for n in FEATURE_NAMES if n in chosen)


def feature_columns(X: np.ndarray, features) -> np.ndarray:
    """The feature columns of raw inputs X (batch, 2): (batch, len(features)), float64.

    Column k is ``FEATURES[features[k]].compute(X[:, 0], X[:, 1])``.
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != RAW_INPUTS:
        raise ValueError(f"input features need raw inputs of shape (batch, {RAW_INPUTS}); got {X.shape}")
    x1, x2 = X[:, 0], X[:, 1]
    out = np.empty((X.shape[0], len(features)))
    for k, name in enumerate(features):
        out[:, k] = FEATURES[name].compute(x1, x2)
    return out


def labels(features) -> list[str]:
    """Display labels (x₀, x₀², sin x₁, …) of ``features`` (None: the raw x₀, x₁)."""
    return [FEATURES[n].label for n in (features or RAW)]


__all__ = ["Feature", "FEATURES", "FEATURE_NAMES", "RAW", "RAW_INPUTS", "check_features", "normalize", "ordered",
           "feature_columns", "labels"]
