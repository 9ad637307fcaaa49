"""Parsed ``.bpnet`` JSON (version 1) → a ``Network``, checking everything first.

A CSV dataset is read only from the network file's own folder or a folder below it
(symbolic links resolved): a path that leads elsewhere (``/etc/passwd``, ``../x.csv``)
is refused, so a network file from someone else cannot make the program read an
arbitrary file. (A CSV the student chooses in the Dataset panel may be anywhere; saving
writes its rows into the file when it is outside the file's folder, see ``bpnet_write``.)

Order of the checks: the top level, the layers (names, units), the connections
(layer names, duplicates), the graph (one input, one output, no cycle), the total
parameter count — all before any array is allocated — then activations, biases,
weights and masks, the training settings and the dataset. Only when everything is
valid is a ``Network`` built, so nothing is ever half-loaded.
"""

from __future__ import annotations

import os

import numpy as np

from . import datasets
from .activations import ACTIVATIONS
from .bpnet_lesson import read_lesson
from .bpnet_lesson_progress import read_lesson_progress
from .bpnet_progress import read_progress
from .features import FEATURE_NAMES, normalize
from .graph import MAX_UNITS, GraphError, Layer, sinks, sources, topological_order
from .jsonchecks import Checker, MissingCSVError, NetworkFileError, count, describe, first_bad_number, join
from .losses import LOSSES
from .network import Network
from .settings import OPTIMIZER_NAMES, REGULARIZATION_KINDS, OptimizerSettings, TrainingSettings

FORMAT = "backprop-studio.network"
VERSION = 1
MAX_LAYERS = 1_000
MAX_CONNECTIONS = 10_000
#: weights + biases of one network: 10 million float64 = 80 MB
MAX_PARAMETERS = 10_000_000
#: samples × columns of a generated or inline dataset (80 MB of float64)
MAX_DATASET_VALUES = 10_000_000
MAX_NAME_LENGTH = 200
#: a lesson text of about 30 pages; a file's description longer than this is refused (it would
#: only be a way to make a window slow)
MAX_DESCRIPTION_LENGTH = 100_000
MAX_SEED = 2**63 - 1
MAX_POSITION = 1e9

TOP_LEVEL_KEYS = ("format", "version", "name", "description", "layers", "connections", "training", "dataset",
                  "lesson", "progress", "lesson_progress")


def read_network(doc, file: str, base_dir: str | None, *, data_missing: bool = False) -> Network:
    """The ``Network`` that ``doc`` (parsed JSON) describes; ``NetworkFileError`` otherwise.

    ``file`` names the source in messages; CSV paths are relative to ``base_dir``. ``data_missing``: the file's
    dataset was left out (its CSV is missing), so its lesson is read without it (``read_lesson``).
    """
    c = Checker(file)
    c.obj(doc, "", "a JSON object ({...}) at the top level")
    _check_header(c, doc)
    name = c.string(doc.get("name", ""), "name")
    description = c.string(doc.get("description", ""), "description", max_length=MAX_DESCRIPTION_LENGTH)
    raw_layers = c.seq(c.required(doc, "layers", ""), "layers", "a list of layers", MAX_LAYERS)
    raw_edges = c.seq(c.required(doc, "connections", ""), "connections", "a list of connections", MAX_CONNECTIONS)
    layers = [_read_layer_head(c, raw, join("layers", k)) for k, raw in enumerate(raw_layers)]
    units = _unique_units(c, layers)
    edges = [_read_edge_ends(c, raw, join("connections", k), units) for k, raw in enumerate(raw_edges)]
    _check_edge_duplicates(c, edges)
    input_name, output_name = _check_graph(c, list(units), edges)
    _check_parameter_count(c, layers, edges, units, input_name, raw_layers)

    state_layers, biases = [], {}
    for k, (raw, (lname, lunits, position)) in enumerate(zip(raw_layers, layers)):
        place = join("layers", k)
        if lname == input_name:
            features = _read_features(c, raw.get("features"), join(place, "features"), lunits)
            state_layers.append(Layer(lname, lunits, "identity", True, position, features))
            continue
        if raw.get("features") is not None:
            c.fail(join(place, "features"), f"only the input layer ({input_name!r}) can compute input features")
        activation = c.choice(c.required(raw, "activation", place), join(place, "activation"),
                              tuple(ACTIVATIONS), "activation")
        if activation == "softmax" and lname != output_name:
            c.fail(join(place, "activation"), f"softmax is only allowed on the output layer ({output_name!r})")
        bias = raw.get("bias", [0.0] * lunits)
        if bias is not None:
            biases[lname] = c.vector(bias, join(place, "bias"), lunits, f"numbers (one per neuron of {lname!r}) or null")
        state_layers.append(Layer(lname, lunits, activation, bias is not None, position))

    weights, masks = {}, {}
    for k, (raw, (src, tgt)) in enumerate(zip(raw_edges, edges)):
        place = join("connections", k)
        rows, cols = units[tgt], units[src]
        row_what, col_what = f"one per neuron of {tgt!r}", f"one per neuron of {src!r}"
        weights[src, tgt] = c.matrix(c.required(raw, "weights", place), join(place, "weights"),
                                     rows, cols, row_what, col_what)
        if raw.get("mask") is not None:
            mask = c.matrix(raw["mask"], join(place, "mask"), rows, cols, row_what, col_what)
            bad = np.argwhere((mask != 0) & (mask != 1))
            if len(bad):
                j, i = bad[0]
                c.fail(f"{place}.mask[{j}][{i}]", f"expected 0 (edge removed) or 1 (edge present), found {mask[j, i]:g}")
            if not mask.all():
                masks[src, tgt] = mask

    training = read_training(c, doc.get("training"), "training")
    out_activation = next(l.activation for l in state_layers if l.name == output_name)
    refusal = LOSSES[training.loss].refusal(repr(output_name), out_activation)
    if refusal:
        c.fail("training.loss", refusal)
    dataset = read_dataset(c, doc.get("dataset"), "dataset", base_dir)

    net = Network(name, description)
    net.set_state({"layers": state_layers, "edges": edges, "weights": weights, "masks": masks, "biases": biases})
    net.training = training
    net.dataset = dataset
    net.extra = {k: v for k, v in doc.items() if k not in TOP_LEVEL_KEYS}
    bad = first_bad_number(net.extra)
    if bad is not None:
        c.fail(bad[0], f"expected a finite number, found {describe(bad[1])}")
    problems = net.problems()
    if problems:  # every rule above should have caught it first; never hand out an invalid network
        c.fail("layers", "; ".join(problems))
    net.lesson = read_lesson(c, doc.get("lesson"), "lesson", net, data_missing=data_missing and dataset is None)
    net.progress = read_progress(c, doc.get("progress"), "progress", net)
    # a student's place not valid does not refuse the file: the lesson starts at step 1 and says why
    net.lesson_progress = read_lesson_progress(file, doc.get("lesson_progress"), "lesson_progress", net.lesson)
    return net


def _check_header(c: Checker, doc: dict) -> None:
    fmt = c.required(doc, "format", "")
    if fmt != FORMAT:
        c.fail("format", f"expected {FORMAT!r} (this is not a Backprop Studio network file), found {describe(fmt)}")
    version = c.required(doc, "version", "")
    if type(version) is int and version > VERSION:
        c.fail("version", f"the file has version {version}, written by a newer Backprop Studio; "
                          f"this one reads version {VERSION}. Please update Backprop Studio.")
    if type(version) is not int or version != VERSION:
        c.fail("version", f"expected {VERSION}, found {describe(version)}")


def _read_layer_head(c: Checker, raw, place: str):
    """(name, units, position) of one layer."""
    c.obj(raw, place, "a layer object ({\"name\": ..., \"units\": ...})")
    name = c.string(c.required(raw, "name", place), join(place, "name"), nonempty=True, max_length=MAX_NAME_LENGTH)
    units = c.integer(c.required(raw, "units", place), join(place, "units"), 1, MAX_UNITS)
    position = (0.0, 0.0)
    if raw.get("position") is not None:
        c.vector(raw["position"], join(place, "position"), 2, "numbers (x, y)")
        position = tuple(c.number(v, f"{place}.position[{k}]", low=-MAX_POSITION, high=MAX_POSITION)
                         for k, v in enumerate(raw["position"]))
    return name, units, position


def _read_features(c: Checker, raw, place: str, units: int) -> tuple[str, ...] | None:
    """The input layer's optional ``features``: null, or a list of distinct names of
    ``core.features`` (one per unit of the layer). ["x1", "x2"] means the raw inputs (None)."""
    if raw is None:
        return None
    names = c.seq(raw, place, "a list of input feature names", len(FEATURE_NAMES))
    if not names:
        c.fail(place, f"expected at least one input feature ({', '.join(FEATURE_NAMES)}), found an empty list")
    seen: dict[str, int] = {}
    for k, name in enumerate(names):
        c.choice(name, join(place, k), FEATURE_NAMES, "input feature")
        if name in seen:
            c.fail(join(place, k), f"the input feature {name!r} is already listed at {join(place, seen[name])}")
        seen[name] = k
    if len(names) != units:
        c.fail(place, f"expected {count(units, 'feature names')} (one per unit of the input layer), "
                      f"found {len(names)}")
    return normalize(names)


def _unique_units(c: Checker, layers) -> dict[str, int]:
    units: dict[str, int] = {}
    first: dict[str, int] = {}
    for k, (name, n, _) in enumerate(layers):
        if name in units:
            c.fail(f"layers[{k}].name", f"another layer (layers[{first[name]}]) is already called {name!r}; names must be unique")
        units[name], first[name] = n, k
    if len(units) < 2:
        c.fail("layers", f"a network needs at least an input and an output layer, found {len(units)} layer(s)")
    return units


def _read_edge_ends(c: Checker, raw, place: str, units: dict[str, int]) -> tuple[str, str]:
    c.obj(raw, place, "a connection object ({\"from\": ..., \"to\": ..., \"weights\": ...})")
    ends = []
    for key in ("from", "to"):
        end = c.string(c.required(raw, key, place), join(place, key))
        if end not in units:
            known = ", ".join(repr(n) for n in list(units)[:20])
            c.fail(join(place, key), f"there is no layer called {end!r}; the layers are {known}")
        ends.append(end)
    if ends[0] == ends[1]:
        c.fail(place, f"a layer cannot be connected to itself ({ends[0]!r})")
    return ends[0], ends[1]


def _check_edge_duplicates(c: Checker, edges) -> None:
    seen: dict[tuple[str, str], int] = {}
    for k, edge in enumerate(edges):
        if edge in seen:
            c.fail(f"connections[{k}]", f"{edge[0]!r} → {edge[1]!r} is already connected by connections[{seen[edge]}]")
        seen[edge] = k


def _check_graph(c: Checker, names: list[str], edges) -> tuple[str, str]:
    try:
        topological_order(names, edges)
    except GraphError as exc:
        c.fail("connections", str(exc))
    ins, outs = sources(names, edges), sinks(names, edges)
    if len(ins) != 1:
        c.fail("connections", "expected exactly one input layer (a layer no connection goes into), "
                              f"found {len(ins)}: {', '.join(map(repr, ins)) or 'none'}")
    if len(outs) != 1:
        c.fail("connections", "expected exactly one output layer (a layer no connection leaves), "
                              f"found {len(outs)}: {', '.join(map(repr, outs)) or 'none'}")
    return ins[0], outs[0]


def _check_parameter_count(c: Checker, layers, edges, units, input_name, raw_layers) -> None:
    count = sum(units[s] * units[t] for s, t in edges)
    count += sum(n for (name, n, _), raw in zip(layers, raw_layers)
                 if name != input_name and raw.get("bias", 0) is not None)
    if count > MAX_PARAMETERS:
        c.fail("layers", f"the network would have {count:,} weights and biases; at most {MAX_PARAMETERS:,} are allowed")


# ------------------------------------------------------------------ training
def read_training(c: Checker, raw, place: str) -> TrainingSettings:
    """Training settings; every field is optional (defaults of ``TrainingSettings``)."""
    settings = TrainingSettings()
    if raw is None:
        return settings
    c.obj(raw, place)
    if "loss" in raw:
        settings.loss = c.choice(raw["loss"], join(place, "loss"), tuple(LOSSES), "loss")
    if raw.get("optimizer") is not None:
        settings.optimizer = _read_optimizer(c, raw["optimizer"], join(place, "optimizer"))
    if "batch_size" in raw:
        settings.batch_size = c.integer(raw["batch_size"], join(place, "batch_size"), 1, datasets.MAX_SAMPLES)
    if raw.get("regularization") is not None:
        reg, rplace = c.obj(raw["regularization"], join(place, "regularization")), join(place, "regularization")
        if "kind" in reg:
            settings.regularization = c.choice(reg["kind"], join(rplace, "kind"), REGULARIZATION_KINDS,
                                               "regularization")
        if "rate" in reg:
            settings.regularization_rate = c.number(reg["rate"], join(rplace, "rate"), low=0)
    if "validation_fraction" in raw:
        settings.validation_fraction = c.number(raw["validation_fraction"], join(place, "validation_fraction"),
                                                low=0, high=1, high_open=True)
    if "seed" in raw:
        settings.seed = c.integer(raw["seed"], join(place, "seed"), 0, MAX_SEED)
    if raw.get("early_stopping_patience") is not None:
        settings.early_stopping_patience = c.integer(raw["early_stopping_patience"],
                                                     join(place, "early_stopping_patience"), 1, 1_000_000)
    if "early_stopping_restore_best" in raw:
        settings.early_stopping_restore_best = c.boolean(raw["early_stopping_restore_best"],
                                                         join(place, "early_stopping_restore_best"))
    return settings


def _read_optimizer(c: Checker, raw, place: str) -> OptimizerSettings:
    c.obj(raw, place)
    opt = OptimizerSettings()
    if "name" in raw:
        opt.name = c.choice(raw["name"], join(place, "name"), OPTIMIZER_NAMES, "optimizer")
    if "learning_rate" in raw:
        opt.learning_rate = c.number(raw["learning_rate"], join(place, "learning_rate"), low=0, low_open=True)
    if "momentum" in raw:
        opt.momentum = c.number(raw["momentum"], join(place, "momentum"), low=0, high=1, high_open=True)
    if "nesterov" in raw:
        opt.nesterov = c.boolean(raw["nesterov"], join(place, "nesterov"))
    for key in ("beta1", "beta2"):
        if key in raw:
            setattr(opt, key, c.number(raw[key], join(place, key), low=0, high=1, high_open=True))
    if "eps" in raw:
        opt.eps = c.number(raw["eps"], join(place, "eps"), low=0, low_open=True)
    if opt.name == "sgd" and opt.nesterov and opt.momentum == 0:
        c.fail(join(place, "nesterov"), "Nesterov needs a momentum greater than 0")
    return opt


# ------------------------------------------------------------------- dataset
def read_dataset(c: Checker, raw, place: str, base_dir: str | None) -> datasets.Dataset | None:
    """None, inline rows, a generator spec or a CSV spec (path relative to ``base_dir``)."""
    if raw is None:
        return None
    c.obj(raw, place, "a dataset object: inline inputs/targets, a generator or a csv file")
    if "csv" in raw:
        return _read_csv_spec(c, raw, place, base_dir)
    if "generator" in raw:
        return _read_generator_spec(c, raw, place)
    inputs = c.table(c.required(raw, "inputs", place), join(place, "inputs"), datasets.MAX_SAMPLES, "one per sample")
    targets = c.table(c.required(raw, "targets", place), join(place, "targets"), datasets.MAX_SAMPLES, "one per sample")
    if len(targets) != len(inputs):
        c.fail(join(place, "targets"), f"expected {count(len(inputs), 'rows')} (one per row of inputs), "
                                       f"found {len(targets)}")
    if inputs.size + targets.size > MAX_DATASET_VALUES:
        c.fail(place, f"the rows hold {inputs.size + targets.size:,} numbers; a file holds at most "
                      f"{MAX_DATASET_VALUES:,} (keep larger data in a CSV file beside the network)")
    class_names = None
    if raw.get("class_names") is not None:
        names = c.seq(raw["class_names"], join(place, "class_names"))
        if len(names) != targets.shape[1]:
            c.fail(join(place, "class_names"), f"expected {count(targets.shape[1], 'names')} (one per target column), "
                                                 f"found {len(names)}")
        class_names = [c.string(n, join(join(place, "class_names"), k)) for k, n in enumerate(names)]
    return datasets.Dataset(inputs, targets, {"inline": True}, class_names)


def _read_generator_spec(c: Checker, raw: dict, place: str) -> datasets.Dataset:
    name = c.choice(raw["generator"], join(place, "generator"), tuple(datasets.GENERATORS), "dataset generator")
    samples = c.integer(raw.get("samples", 200), join(place, "samples"), 1, datasets.MAX_SAMPLES)
    noise = c.number(raw.get("noise", 0.1), join(place, "noise"), low=0, high=10)
    seed = c.integer(raw.get("seed", 0), join(place, "seed"), 0, MAX_SEED)
    options = {}
    columns = 3
    if "classes" in datasets.generator_options(name):
        if "classes" in raw:
            options["classes"] = c.integer(raw["classes"], join(place, "classes"), 2, datasets.MAX_CLASSES)
        columns = 2 + options.get("classes", 3)
    if samples * columns > MAX_DATASET_VALUES:
        c.fail(join(place, "samples"), f"{samples:,} samples of {columns} columns are more than "
                                       f"{MAX_DATASET_VALUES:,} values; use fewer samples")
    return datasets.generate(name, samples=samples, noise=noise, seed=seed, **options)


def inside_folder(path: str, folder: str) -> bool:
    """True when the real path ``path`` is ``folder`` or below it (both already ``realpath``)."""
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:  # another drive on Windows
        return False


def missing_csv_words(csv: str, file: str) -> str:
    """The words a window and the command line both use for a network file's CSV that is not there."""
    return f"{csv} was not found beside {os.path.basename(file) or 'the network file'}"


def _read_csv_spec(c: Checker, raw: dict, place: str, base_dir: str | None) -> datasets.Dataset:
    rel = c.string(raw["csv"], join(place, "csv"), nonempty=True, max_length=4096)
    if "\0" in rel:
        c.fail(join(place, "csv"), "a file name cannot contain a NUL character")
    columns = {}
    for key in ("inputs", "targets"):
        names = c.seq(c.required(raw, key, place), join(place, key), "a list of column names", 10_000)
        if not names:
            c.fail(join(place, key), "expected at least one column name, found an empty list")
        columns[key] = [c.string(n, join(join(place, key), k), nonempty=True) for k, n in enumerate(names)]
    folder = os.path.realpath(base_dir or os.getcwd())
    try:
        path = os.path.realpath(rel if os.path.isabs(rel) else os.path.join(folder, rel))
    except ValueError as exc:  # an invalid path on this operating system
        c.fail(join(place, "csv"), f"cannot read {rel!r}: {exc}")
    if not inside_folder(path, folder):
        c.fail(join(place, "csv"), f"{rel!r} is outside the folder of this network file; a network file may only "
                                   "name a CSV file in its own folder or a folder below it. Copy the CSV there, "
                                   "or load it with the Dataset panel's Load CSV… button")
    if not os.path.lexists(path):
        raise MissingCSVError(c.file, join(place, "csv"), missing_csv_words(rel, c.file) + ": put it back there, "
                              "or open the network in the window (it opens without its data) and Load CSV… again", rel)
    try:
        return datasets.load_csv(path, columns["inputs"], columns["targets"])
    except datasets.CSVError as exc:
        c.fail(join(place, "csv"), str(exc))
    except ValueError as exc:  # e.g. an invalid path on this operating system
        c.fail(join(place, "csv"), f"cannot read {rel!r}: {exc}")


__all__ = ["read_network", "read_training", "read_dataset", "NetworkFileError", "FORMAT", "VERSION"]
