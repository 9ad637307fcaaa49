"""Backprop Studio's engine: a NumPy backpropagation library for small layer graphs.

Pure NumPy; never imports Qt. See the README's "Python API" section.
"""

from .activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, get_activation
from .datasets import GENERATORS, CSVError, Dataset, generate, load_csv, split_indices
from .examples import Example, example_path, find_lesson, list_examples
from .explain import (
    EdgeExplanation,
    GradientExplanation,
    NeuronExplanation,
    explain_edge,
    explain_gradient,
    explain_neuron,
)
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
from .notation import format_number
from .optimizers import SGD, Adam, make_optimizer
from .settings import OptimizerSettings, TrainingSettings
from .trace import LayerTrace, StepTrace, layer_traces, trace_step, trace_trainer_step
from .kfold import CrossValidationResult, FoldResult, KFoldResult, cross_validate, fold_rows, k_fold
from .training import DivergenceError, EpochStats, RunResult, Trainer
from .weight_probe import LossCurve, loss_curve

__all__ = [
    "ACTIVATIONS", "HIDDEN_ACTIVATIONS", "get_activation",
    "GENERATORS", "CSVError", "Dataset", "generate", "load_csv", "split_indices",
    "NetworkFileError", "load_network", "save_network", "network_from_json", "network_to_json", "dataset_from_spec",
    "Example", "example_path", "find_lesson", "list_examples",
    "GradientExplanation", "explain_gradient",
    "EdgeExplanation", "NeuronExplanation", "explain_edge", "explain_neuron", "format_number",
    "GradCheckResult", "gradcheck", "ParameterCheck", "check_parameter",
    "GraphError", "Layer",
    "DecimatingBuffer", "History", "RecentBuffer",
    "ParameterBlock", "ParameterLayout",
    "LOSSES", "get_loss",
    "INITIALIZERS", "Gradients", "Network",
    "SGD", "Adam", "make_optimizer",
    "OptimizerSettings", "TrainingSettings",
    "LayerTrace", "StepTrace", "layer_traces", "trace_step", "trace_trainer_step",
    "CrossValidationResult", "FoldResult", "KFoldResult", "cross_validate", "fold_rows", "k_fold",
    "DivergenceError", "EpochStats", "RunResult", "Trainer",
    "LossCurve", "loss_curve",
    "Action", "Lesson", "LessonError", "LessonStep", "Question", "Tolerance", "Verdict",
]
