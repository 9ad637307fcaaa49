"""Datasets: seeded generators, the ``Dataset`` a network carries, and the train/validation split.

Every generator takes ``samples``, ``noise`` and ``seed`` and returns
``(inputs, targets)``: inputs (samples, 2) or (samples, 1), targets (samples, k).
Binary problems have one 0/1 target column; multi-class problems one-hot rows.
"""

from __future__ import annotations

import csv
import inspect
import io
import os
from dataclasses import dataclass, field

import numpy as np

from .safefiles import NotRegularFileError, read_regular

MAX_SAMPLES = 1_000_000
#: the most classes a generator or a categorical CSV column may have
MAX_CLASSES = 100
#: CSV files larger than this are refused before reading (a hostile file cannot exhaust memory)
MAX_CSV_BYTES = 64 * 1024 * 1024


def xor(samples: int = 200, noise: float = 0.1, seed: int = 0):
    """Points around the four corners of the unit square; label = x1 XOR x2.

    With ``samples`` = 4 and ``noise`` = 0 it is the classic four-row truth table.
    """
    rng = np.random.default_rng(seed)
    corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    idx = np.arange(samples) % 4
    X = corners[idx] + rng.normal(0.0, noise, (samples, 2))
    T = (corners[idx, 0] != corners[idx, 1]).astype(float)[:, None]
    return X, T


def circles(samples: int = 200, noise: float = 0.1, seed: int = 0):
    """An inner disc (label 1, radius < 0.5) inside a ring (label 0, radius 0.7 to 1)."""
    rng = np.random.default_rng(seed)
    label = np.arange(samples) % 2
    radius = np.where(label == 1, rng.uniform(0, 0.5, samples), rng.uniform(0.7, 1.0, samples))
    angle = rng.uniform(0, 2 * np.pi, samples)
    X = np.c_[radius * np.cos(angle), radius * np.sin(angle)] + rng.normal(0, noise, (samples, 2))
    return X, label.astype(float)[:, None]


def two_gaussians(samples: int = 200, noise: float = 0.1, seed: int = 0):
    """Two round clouds centred at (−1, −1) (label 0) and (1, 1) (label 1); noise scales their spread."""
    rng = np.random.default_rng(seed)
    label = np.arange(samples) % 2
    centre = np.where(label[:, None] == 1, 1.0, -1.0)
    X = centre + rng.normal(0, 0.3 + 2 * noise, (samples, 2))
    return X, label.astype(float)[:, None]


def spiral(samples: int = 200, noise: float = 0.1, seed: int = 0, classes: int = 2):
    """Interleaved spiral arms, one per class (two arms: a 0/1 column; more: one-hot)."""
    rng = np.random.default_rng(seed)
    label = np.arange(samples) % classes
    r = rng.uniform(0.05, 1.0, samples)
    theta = 1.75 * 2 * np.pi * r + label * 2 * np.pi / classes
    X = np.c_[r * np.cos(theta), r * np.sin(theta)] + rng.normal(0, noise * 0.5, (samples, 2))
    return X, _labels_to_targets(label, classes)


def moons(samples: int = 200, noise: float = 0.1, seed: int = 0):
    """Two interleaving half circles (scikit-learn's make_moons layout)."""
    rng = np.random.default_rng(seed)
    label = np.arange(samples) % 2
    t = rng.uniform(0, np.pi, samples)
    X = np.where(
        label[:, None] == 0,
        np.c_[np.cos(t), np.sin(t)],
        np.c_[1 - np.cos(t), 0.5 - np.sin(t)],
    ) + rng.normal(0, noise, (samples, 2))
    return X, label.astype(float)[:, None]


def blobs(samples: int = 300, noise: float = 0.1, seed: int = 0, classes: int = 3):
    """``classes`` clouds on a circle of radius 1.5, one-hot targets (a softmax problem)."""
    rng = np.random.default_rng(seed)
    label = np.arange(samples) % classes
    angle = 2 * np.pi * label / classes
    X = 1.5 * np.c_[np.cos(angle), np.sin(angle)] + rng.normal(0, 0.3 + 2 * noise, (samples, 2))
    return X, _labels_to_targets(label, classes)


def regression_plane(samples: int = 200, noise: float = 0.1, seed: int = 0):
    """t = 0.5·x1 − 0.3·x2 + 0.2 + noise, x uniform in [−1, 1]²."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, (samples, 2))
    t = 0.5 * X[:, 0] - 0.3 * X[:, 1] + 0.2 + rng.normal(0, noise, samples)
    return X, t[:, None]


def sine(samples: int = 200, noise: float = 0.1, seed: int = 0):
    """t = sin(π·x) + noise, x uniform in [−1, 1] (one input)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, samples)
    return x[:, None], (np.sin(np.pi * x) + rng.normal(0, noise, samples))[:, None]


GENERATORS = {
    "xor": xor,
    "circles": circles,
    "two_gaussians": two_gaussians,
    "spiral": spiral,
    "moons": moons,
    "blobs": blobs,
    "regression_plane": regression_plane,
    "sine": sine,
}


def _labels_to_targets(label: np.ndarray, classes: int) -> np.ndarray:
    if classes == 2:
        return label.astype(float)[:, None]
    return np.eye(classes)[label]


@dataclass
class Dataset:
    """Samples a network trains on: ``inputs`` (n, n_in) and ``targets`` (n, n_out).

    ``source`` says where they came from, as the file stores it:
    ``{"inline": True}``, ``{"generator": "spiral", "samples": 400, "noise": 0.1, "seed": 3}``
    or ``{"csv": "data.csv", "inputs": [...], "targets": [...]}``. ``lines``: for a CSV, the file's
    line of each row (1 = the header; blank lines are skipped), so that a message can name it.
    """

    inputs: np.ndarray
    targets: np.ndarray
    source: dict = field(default_factory=lambda: {"inline": True})
    class_names: list[str] | None = None
    lines: list[int] | None = None

    def __post_init__(self):
        self.inputs = np.asarray(self.inputs, dtype=np.float64)
        self.targets = np.asarray(self.targets, dtype=np.float64)
        if self.inputs.ndim == 1:
            self.inputs = self.inputs[:, None]
        if self.targets.ndim == 1:
            self.targets = self.targets[:, None]
        if self.inputs.ndim != 2 or self.targets.ndim != 2 or len(self.inputs) != len(self.targets):
            raise ValueError(
                f"inputs {self.inputs.shape} and targets {self.targets.shape} must be 2-D with the same number of rows"
            )
        if not (np.all(np.isfinite(self.inputs)) and np.all(np.isfinite(self.targets))):
            raise ValueError("dataset values must be finite numbers")

    def __len__(self) -> int:
        return len(self.inputs)

    @property
    def is_classification(self) -> bool:
        """True when targets are 0/1 labels (one column) or one-hot rows."""
        t = self.targets
        if t.size == 0 or not np.all((t == 0) | (t == 1)):
            return False
        return t.shape[1] == 1 or bool(np.all(t.sum(axis=1) == 1))


def generate(name: str, samples: int = 200, noise: float = 0.1, seed: int = 0, **options) -> Dataset:
    """A ``Dataset`` from the generator ``name`` (one of ``GENERATORS``)."""
    if name not in GENERATORS:
        raise ValueError(f"unknown dataset generator {name!r}; expected one of {', '.join(GENERATORS)}")
    if not 1 <= samples <= MAX_SAMPLES:
        raise ValueError(f"samples must be between 1 and {MAX_SAMPLES}; got {samples}")
    if not 0 <= noise <= 10:
        raise ValueError(f"noise must be between 0 and 10; got {noise}")
    X, T = GENERATORS[name](samples=samples, noise=noise, seed=seed, **options)
    source = {"generator": name, "samples": samples, "noise": noise, "seed": seed, **options}
    return Dataset(X, T, source)


def axis_bounds(column: np.ndarray, margin: float | None = None) -> tuple[float, float]:
    """(low, high) an output map or a neuron's curve covers along one input: the data's range
    plus a 10 % margin a side (at least 0.1). A column with a single value (a one-sample lesson)
    has no range: it gets value ± ``margin`` (default 2·max(1, |value|)), the sample in the middle
    and 0 inside, so a neuron's map shows a as a function of the input around the sample."""
    lo, hi = float(np.min(column)), float(np.max(column))
    if hi - lo <= 1e-12 * max(1.0, abs(lo)):
        margin = 2.0 * max(1.0, abs(lo)) if margin is None else margin
        return lo - margin, hi + margin
    pad = max((hi - lo) * 0.1, 0.1)
    return lo - pad, hi + pad


def plane_bounds(inputs: np.ndarray) -> tuple[float, float, float, float]:
    """(x1_min, x1_max, x2_min, x2_max) of the plane an output map covers: ``axis_bounds`` of
    the first two input columns; a single sample gets the same margin on both, 2·max(1, |x|),
    so the plane around it is square."""
    margin = 2.0 * max(1.0, float(np.max(np.abs(inputs[:, :2]))))
    return (*axis_bounds(inputs[:, 0], margin), *axis_bounds(inputs[:, 1], margin))


def split_indices(n: int, validation_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(train indices, validation indices): a seeded shuffle, the last ⌊n·fraction⌋ held out.

    At least one sample stays in training.
    """
    if not 0.0 <= validation_fraction < 1.0:
        raise ValueError(f"validation fraction must be in [0, 1); got {validation_fraction}")
    perm = np.random.default_rng(seed).permutation(n)
    n_val = min(int(n * validation_fraction), n - 1)
    return np.sort(perm[: n - n_val]), np.sort(perm[n - n_val :])


def accuracy(outputs: np.ndarray, targets: np.ndarray) -> float:
    """Fraction of rows classified right: threshold 0.5 for one column, arg-max otherwise."""
    if outputs.shape[1] == 1:
        return float(np.mean((outputs[:, 0] >= 0.5) == (targets[:, 0] >= 0.5)))
    return float(np.mean(outputs.argmax(axis=1) == targets.argmax(axis=1)))


def generator_options(name: str) -> tuple[str, ...]:
    """The extra keyword options (beyond samples, noise, seed) generator ``name`` takes, e.g. ("classes",)."""
    params = inspect.signature(GENERATORS[name]).parameters
    return tuple(p for p in params if p not in ("samples", "noise", "seed"))


# ---------------------------------------------------------------------- CSV import
class CSVError(ValueError):
    """A CSV file that cannot become a dataset; the message names the file, the line and the column."""


def load_csv(path, inputs: list[str], targets: list[str]) -> Dataset:
    """A ``Dataset`` from the columns ``inputs`` and ``targets`` of a CSV file with a header row.

    Input columns must be numbers. Target columns are numbers too, except that a
    single target column in which no cell is a number is a categorical label: its
    classes (sorted) become one-hot rows, shape (n, classes), and ``class_names``
    lists them.
    Raises ``CSVError`` naming the file, the line number (1 = header) and the column, never
    the content of a cell or of the header (the path may come from someone else's network
    file). ``source`` is ``{"csv": absolute path, "inputs": [...], "targets": [...]}``.
    """
    path = os.path.abspath(os.fspath(path))
    where = os.path.basename(path)
    inputs, targets = list(inputs), list(targets)
    if not inputs or not targets:
        raise CSVError(f"{where}: choose at least one input column and one target column")
    text = _read_csv_text(path, where)
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = _header(rows, where)
    columns = {}
    for k, name in enumerate(header):
        columns.setdefault(name, k)
    for name in inputs + targets:
        if name not in columns:
            raise CSVError(f"{where}, line 1: there is no column {name!r} in the header row{_separator_hint(header)}")
    for name in set(inputs + targets):
        if header.count(name) > 1:
            raise CSVError(f"{where}, line 1: two columns are called {name!r}")
    cells, lines = _csv_cells(rows, header, [columns[n] for n in inputs + targets], where)
    n_in = len(inputs)
    X = _numeric(cells[:, :n_in], inputs, lines, where)
    raw_t = cells[:, n_in:]
    class_names = None
    if len(targets) == 1 and not any(map(_parses_as_float, raw_t[:, 0])):
        T, class_names = _one_hot(raw_t[:, 0], targets[0], lines, where)
    else:
        T = _numeric(raw_t, targets, lines, where)
    source = {"csv": path, "inputs": inputs, "targets": targets}
    return Dataset(X, T, source, class_names, lines)


def _separator_hint(header: list[str]) -> str:
    """A hint when the header row looks separated by something else than commas ("a;b;c")."""
    for separator, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "bars")):
        if any(separator in cell for cell in header):
            return (f" (the header row seems to be separated by {name}, not commas: save the file as "
                    "comma-separated CSV, e.g. choose \"CSV (comma delimited)\" in a spreadsheet)")
    return ""


def csv_header(path) -> list[str]:
    """The column names of a CSV file's header row, in order (spaces around them stripped,
    unnamed columns left out), for choosing the input and target columns of ``load_csv``.

    Raises ``CSVError`` naming the file when it cannot be read, is not UTF-8, is larger than
    ``MAX_CSV_BYTES``, has no header row, or names fewer than two columns (a dataset needs
    at least one input and one target).
    """
    path = os.path.abspath(os.fspath(path))
    where = os.path.basename(path)
    text = _read_csv_text(path, where)
    names = [name for name in _header(csv.reader(io.StringIO(text, newline=""), strict=True), where) if name]
    if len(names) < 2:
        raise CSVError(f"{where}, line 1: the header row names {len(names)} column{'s' if len(names) != 1 else ''}; "
                       "expected at least two (input columns, then target columns)"
                       + _separator_hint(names))
    return names


def _header(rows, where: str) -> list[str]:
    """The first row of ``rows`` with its cells stripped; ``CSVError`` when there is none."""
    try:
        header = next(rows, None)
    except csv.Error as exc:
        raise CSVError(f"{where}, line 1: {exc}") from None
    if not header or not any(cell.strip() for cell in header):
        raise CSVError(f"{where}: the file is empty; expected a header row naming the columns")
    return [cell.strip() for cell in header]


def _read_csv_text(path: str, where: str) -> str:
    try:
        data = read_regular(path, MAX_CSV_BYTES)
    except FileNotFoundError:
        raise CSVError(f"{where}: the CSV file was not found ({path})") from None
    except NotRegularFileError as exc:
        raise CSVError(f"{where}: this is {exc.kind}, not a CSV file; only a regular file is read") from None
    except OSError as exc:
        raise CSVError(f"{where}: cannot read the CSV file ({exc.strerror or exc})") from None
    if len(data) > MAX_CSV_BYTES:
        raise CSVError(f"{where}: the CSV file is larger than {MAX_CSV_BYTES:,} bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CSVError(f"{where}, line {line}: not UTF-8 text") from None


def _csv_cells(rows, header: list[str], wanted: list[int], where: str):
    """The wanted cells of every data row as a (rows, len(wanted)) array of str, and each row's line number."""
    cells, lines = [], []
    try:
        for row in rows:
            if not any(cell.strip() for cell in row):
                continue  # blank lines are allowed
            if len(row) != len(header):
                raise CSVError(
                    f"{where}, line {rows.line_num}: expected {len(header)} cell{'s' if len(header) != 1 else ''} "
                    f"like the header, found {len(row)}"
                )
            if len(cells) >= MAX_SAMPLES:
                raise CSVError(f"{where}: more than {MAX_SAMPLES} rows")
            cells.append([row[k].strip() for k in wanted])
            lines.append(rows.line_num)
    except csv.Error as exc:
        raise CSVError(f"{where}, line {rows.line_num}: {exc}") from None
    if not cells:
        raise CSVError(f"{where}: there are no data rows below the header")
    return np.array(cells, dtype=object), lines


def _as_number(cell: str) -> float | None:
    try:
        value = float(cell)
    except ValueError:
        return None
    return value if np.isfinite(value) else None


def _describe_cell(cell: str) -> str:
    """What a cell that is not a finite number holds, without showing it: the CSV may be a file
    the student never chose, and an error message must not reveal its content."""
    if not cell:
        return "an empty cell"
    return "NaN or an infinite number" if _parses_as_float(cell) else "text that is not a number"


def _parses_as_float(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _numeric(cells, names: list[str], lines: list[int], where: str) -> np.ndarray:
    try:  # fast path; on any problem, find and report the first bad cell below
        out = cells.astype(np.float64)
        if np.all(np.isfinite(out)):
            return out
    except ValueError:
        pass
    out = np.empty(cells.shape)
    for r in range(cells.shape[0]):
        for c in range(cells.shape[1]):
            value = _as_number(cells[r, c])
            if value is None:
                raise CSVError(
                    f"{where}, line {lines[r]}, column {names[c]!r}: expected a finite number, "
                    f"found {_describe_cell(cells[r, c])}"
                )
            out[r, c] = value
    return out


def _one_hot(column, name: str, lines: list[int], where: str):
    for r, cell in enumerate(column):
        if not cell:
            raise CSVError(f"{where}, line {lines[r]}, column {name!r}: the class label is empty")
    class_names = sorted(set(column))
    if len(class_names) > MAX_CLASSES:
        raise CSVError(f"{where}, column {name!r}: more than {MAX_CLASSES} different classes")
    if len(class_names) < 2:
        raise CSVError(f"{where}, column {name!r}: a class column needs at least two different labels")
    index = {c: k for k, c in enumerate(class_names)}
    labels = np.fromiter((index[c] for c in column), dtype=np.intp, count=len(column))
    return np.eye(len(class_names))[labels], class_names
