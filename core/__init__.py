"""Backprop Studio's engine: a NumPy backpropagation library for small layer graphs.

Pure NumPy; never imports Qt. See the README's "Python API" section.

The explanations (``explain_edge``, ...), k-fold cross-validation and the loss as a function of one
weight are loaded when first used (``core.explain_edge`` or ``from core import explain_edge`` alike):
opening a network needs none of them, and loading their modules (nine dataclasses, each compiling its
methods from source) was ~15 ms of a window's start.
"""

import importlib

from .activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, get_activation
from .datasets import GENERATORS, CSVError, Dataset, generate, load_csv, split_indices
from .examples import Example, example_path, find_lesson, list_examples
from .fileio import (
    NetworkFileError,
    dataset_from_spec,
    load_network,
    network_from_json,
    network_to_json,
    save_network,
)
from .gradcheck import GradCheckResult, ParameterCheck, check_parameter, gradcheck
from .graph import GraphError, Layer
from .history import DecimatingBuffer, History, RecentBuffer
from .lesson import Action, Lesson, LessonError, LessonStep, Question, Tolerance, Verdict
from .layout import ParameterBlock, ParameterLayout
from .losses import LOSSES, get_loss
from .network import INITIALIZERS, Gradients, Network
from .open_without_data import load_network_without_missing_csv
from .notation import format_number
from .optimizers import SGD, Adam, make_optimizer
from .resume import ResumeState, RunProgress, SavedRun, keeps_run, resume_saved, run_key
from .settings import OptimizerSettings, TrainingSettings
from .task import is_classifier
from .trace import LayerTrace, StepTrace, layer_traces, trace_step, trace_trainer_step
from .training import DivergenceError, EpochStats, RunResult, Trainer

__all__ = [
    "ACTIVATIONS", "HIDDEN_ACTIVATIONS", "get_activation",
    "GENERATORS", "CSVError", "Dataset", "generate", "load_csv", "split_indices",
    "NetworkFileError", "load_network", "save_network", "network_from_json", "network_to_json", "dataset_from_spec",
    "load_network_without_missing_csv",
    "Example", "example_path", "find_lesson", "list_examples",
    "GradientExplanation", "explain_gradient",
    "EdgeExplanation", "NeuronExplanation", "explain_edge", "explain_neuron", "format_number",
    "GradCheckResult", "gradcheck", "ParameterCheck", "check_parameter",
    "GraphError", "Layer",
    "DecimatingBuffer", "History", "RecentBuffer",
    "ParameterBlock", "ParameterLayout",
    "LOSSES", "get_loss",
    "INITIALIZERS", "Gradients", "Network",
    "SGD", "Adam", "make_optimizer", "ResumeState", "RunProgress", "SavedRun", "resume_saved", "keeps_run", "run_key",
    "OptimizerSettings", "TrainingSettings",
    "is_classifier",
    "LayerTrace", "StepTrace", "layer_traces", "trace_step", "trace_trainer_step",
    "CrossValidationResult", "FoldResult", "KFoldResult", "cross_validate", "fold_rows", "k_fold",
    "DivergenceError", "EpochStats", "RunResult", "Trainer",
    "LossCurve", "loss_curve",
    "Action", "Lesson", "LessonError", "LessonStep", "Question", "Tolerance", "Verdict",
]


#: names loaded from their module when first asked for (PEP 562): {name: submodule}
_LAZY = {
    **dict.fromkeys(("EdgeExplanation", "GradientExplanation", "NeuronExplanation", "explain_edge",
                     "explain_gradient", "explain_neuron"), "explain"),
    **dict.fromkeys(("CrossValidationResult", "FoldResult", "KFoldResult", "cross_validate", "fold_rows",
                     "k_fold"), "kfold"),
    **dict.fromkeys(("LossCurve", "loss_curve"), "weight_probe"),
}


def __getattr__(name: str):
    """``core.explain_edge`` and the other names of ``_LAZY``: imported from their module on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'core' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
