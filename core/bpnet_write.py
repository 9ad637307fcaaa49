"""A ``Network`` → ``.bpnet`` JSON text (version 1), refusing anything a reader would reject.

Floats are written with ``repr`` (the shortest text that reads back to the same
float64), so every weight round-trips bit-exactly. NaN and infinity are refused
with the place of the first bad value. A dataset from a generator is saved as its
spec, a CSV dataset as its spec with the path relative to the file's folder when the
CSV is in that folder or below it (else its rows: a reader refuses a CSV path that leads
out of the file's folder), anything else inline. Rows of numbers stay on one line so a file is readable.
"""

from __future__ import annotations

import json
import os

import numpy as np

from .bpnet_lesson import lesson_to_dict
from .bpnet_lesson_progress import section_to_write
from .bpnet_progress import progress_to_dict
from .bpnet_read import (FORMAT, MAX_DATASET_VALUES, MAX_DESCRIPTION_LENGTH, MAX_PARAMETERS, TOP_LEVEL_KEYS, VERSION,
                         inside_folder, read_training)
from .datasets import GENERATORS, generator_options
from .jsonchecks import Checker
from .network import Network


def network_to_dict(net: Network, file: str, base_dir: str | None, progress: bool = True) -> dict:
    """The JSON document for ``net``; ``NetworkFileError`` (naming ``file``) if it cannot be saved. With
    ``progress``, the run that left its weights (``net.progress``, while it still fits them: ``bpnet_progress``)."""
    c = Checker(file)
    problems = net.problems()
    if problems:
        c.fail("layers", "this network cannot be saved yet: " + "; ".join(problems))
    if net.flat.size > MAX_PARAMETERS:  # the reader's limit: a file Backprop Studio could not open again
        c.fail("layers", f"the network has {net.flat.size:,} weights and biases; a file holds at most "
                         f"{MAX_PARAMETERS:,}, so nothing was written (make the layers smaller)")
    input_name = net.input_layer
    layers = []
    for k, layer in enumerate(net.layers):
        entry = {"name": layer.name, "units": layer.units}
        if layer.name == input_name and layer.features is not None:
            entry["features"] = list(layer.features)
        if layer.name != input_name:
            entry["activation"] = layer.activation
            entry["bias"] = (_finite(c, net.biases[layer.name], f"layers[{k}].bias").tolist()
                             if layer.name in net.biases else None)
        entry["position"] = [_finite_scalar(c, v, f"layers[{k}].position[{i}]") for i, v in enumerate(layer.position)]
        layers.append(entry)
    masks = net.masks
    connections = []
    for k, (src, tgt) in enumerate(net.connections):
        entry = {"from": src, "to": tgt,
                 "weights": _finite(c, net.weights[src, tgt], f"connections[{k}].weights").tolist()}
        if (src, tgt) in masks:
            entry["mask"] = masks[src, tgt].astype(int).tolist()
        connections.append(entry)
    # a description the reader would refuse is refused here, so every saved file opens again
    description = c.string(net.description, "description", max_length=MAX_DESCRIPTION_LENGTH)
    doc = {"format": FORMAT, "version": VERSION, "name": net.name, "description": description,
           "layers": layers, "connections": connections, "training": training_to_dict(c, net.training)}
    left_out = net.left_out  # a file's dataset entry and run kept while opened without its missing CSV
    if net.dataset is not None:
        doc["dataset"] = dataset_to_dict(c, net.dataset, base_dir)
    elif left_out is not None:
        doc["dataset"] = left_out.dataset_for(net, base_dir)
    if net.lesson is not None:
        doc["lesson"] = lesson_to_dict(c, net.lesson, net)
        place = section_to_write(net.lesson_progress)  # the student's place in it (``bpnet_lesson_progress``)
        if place is not None:
            doc["lesson_progress"] = place
    run = progress_to_dict(net) if progress else None
    if run is None and progress and left_out is not None:
        run = left_out.progress_for(net)
    if run is not None:
        doc["progress"] = run
    for key, value in net.extra.items():
        if key not in TOP_LEVEL_KEYS:
            doc[key] = value
    return doc


def training_to_dict(c: Checker, t) -> dict:
    o = t.optimizer
    numbers = {"training.optimizer.learning_rate": o.learning_rate, "training.optimizer.momentum": o.momentum,
               "training.optimizer.beta1": o.beta1, "training.optimizer.beta2": o.beta2,
               "training.optimizer.eps": o.eps, "training.regularization.rate": t.regularization_rate,
               "training.validation_fraction": t.validation_fraction}
    for place, value in numbers.items():
        _finite_scalar(c, value, place)
    out = {
        "loss": t.loss,
        "optimizer": {"name": o.name, "learning_rate": float(o.learning_rate), "momentum": float(o.momentum),
                      "nesterov": bool(o.nesterov), "beta1": float(o.beta1), "beta2": float(o.beta2),
                      "eps": float(o.eps)},
        "batch_size": int(t.batch_size),
        "regularization": {"kind": t.regularization, "rate": float(t.regularization_rate)},
        "validation_fraction": float(t.validation_fraction),
        "seed": int(t.seed),
    }
    if t.early_stopping_patience is not None:
        out["early_stopping_patience"] = int(t.early_stopping_patience)
    if not t.early_stopping_restore_best:
        out["early_stopping_restore_best"] = False
    read_training(c, out, "training")  # the reader's rules: what is saved can be opened again
    return out


def dataset_to_dict(c: Checker, data, base_dir: str | None) -> dict:
    """The generator or CSV spec ``data.source`` names, or else the rows themselves (inline)."""
    source = data.source if isinstance(data.source, dict) else {}
    try:
        if source.get("generator") in GENERATORS:
            name = source["generator"]
            spec = {"generator": name, "samples": int(source["samples"]), "noise": float(source["noise"]),
                    "seed": int(source["seed"])}
            for option in generator_options(name):
                if option in source:
                    spec[option] = int(source[option])
            return spec
        if isinstance(source.get("csv"), str):
            relative = _relative_inside(source["csv"], base_dir)
            if relative is not None:
                return {"csv": relative, "inputs": [str(n) for n in source["inputs"]],
                        "targets": [str(n) for n in source["targets"]]}
            # outside the new file's folder: a reader refuses such a path, so the rows are saved
    except (KeyError, TypeError, ValueError):
        pass  # an incomplete source: the rows themselves are saved below
    values = data.inputs.size + data.targets.size
    if values > MAX_DATASET_VALUES:  # the reader's limit for rows written into the file
        where = ("its CSV file is outside the network's folder, so the rows would be written into the file; "
                 "save the network in the CSV's folder (or above it)") if isinstance(source.get("csv"), str) else \
                "use a CSV file beside the network for data this large"
        c.fail("dataset", f"the dataset holds {values:,} numbers; a file holds at most {MAX_DATASET_VALUES:,} "
                          f"in its rows, so nothing was written ({where})")
    spec = {"inputs": _finite(c, data.inputs, "dataset.inputs").tolist(),
            "targets": _finite(c, data.targets, "dataset.targets").tolist()}
    if data.class_names is not None:
        spec["class_names"] = list(data.class_names)
    return spec


def _relative_inside(path: str, base_dir: str | None) -> str | None:
    """``path`` relative to ``base_dir`` (default: the current folder) with forward slashes, or
    None when it is not in that folder or below it (the reader's rule, ``inside_folder``)."""
    folder = os.path.realpath(base_dir or os.getcwd())
    real = os.path.realpath(path)
    if not inside_folder(real, folder):
        return None
    return os.path.relpath(real, folder).replace(os.sep, "/")


def _finite(c: Checker, array: np.ndarray, place: str) -> np.ndarray:
    array = np.asarray(array, dtype=np.float64)
    bad = np.argwhere(~np.isfinite(array))
    if len(bad):
        index = "".join(f"[{k}]" for k in bad[0])
        c.fail(place + index, f"the value is {array[tuple(bad[0])]}; only finite numbers can be saved")
    return array


def _finite_scalar(c: Checker, value, place: str) -> float:
    value = float(value)
    if not np.isfinite(value):
        c.fail(place, f"the value is {value}; only finite numbers can be saved")
    return value


# --------------------------------------------------------------------- text
LINE_WIDTH = 120

def dumps(doc: dict) -> str:
    """JSON text: objects indented by two spaces, lists of plain values on one line.

    ``allow_nan=False``: a non-finite number anywhere raises ``ValueError``.
    """
    lines: list[str] = []
    _emit(doc, 0, lines, "")
    return "".join(lines) + "\n"


def _flat(value) -> bool:
    return not isinstance(value, (dict, list)) or (
        isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value))


def _count_values(value, limit: int) -> int:
    """How many scalars ``value`` holds, counting no further than just past ``limit``."""
    if not isinstance(value, (dict, list)):
        return 1
    count = 0
    for item in value.values() if isinstance(value, dict) else value:
        count += _count_values(item, limit - count)
        if count > limit:
            break
    return count


def _is_number_matrix(value: list) -> bool:
    """A list of lists of plain numbers (no text that could contain "], [")."""
    return all(type(row) is list and all(type(x) in (int, float) for x in row) for row in value)


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def _emit(value, depth: int, out: list[str], prefix: str) -> None:
    pad = "  " * depth
    if _flat(value) or depth >= 4:
        out.append(pad + prefix + _compact(value))
        return
    if depth >= 2 and _count_values(value, 24) <= 24:
        text = _compact(value)
        if len(pad) + len(prefix) + len(text) <= LINE_WIDTH:
            out.append(pad + prefix + text)
            return
    if isinstance(value, dict):
        items = list(value.items())
        if not items:
            out.append(pad + prefix + "{}")
            return
        out.append(pad + prefix + "{\n")
        for k, (key, item) in enumerate(items):
            _emit(item, depth + 1, out, _compact(str(key)) + ": ")
            out.append(",\n" if k < len(items) - 1 else "\n")
        out.append(pad + "}")
        return
    if not value:
        out.append(pad + prefix + "[]")
        return
    if _is_number_matrix(value):  # one row per line, in a single encoder call
        inner = pad + "  "
        rows = _compact(value)[1:-1].replace("], [", "],\n" + inner + "[")
        out.append(f"{pad}{prefix}[\n{inner}{rows}\n{pad}]")
        return
    out.append(pad + prefix + "[\n")
    for k, item in enumerate(value):
        _emit(item, depth + 1, out, "")
        out.append(",\n" if k < len(value) - 1 else "\n")
    out.append(pad + "]")
