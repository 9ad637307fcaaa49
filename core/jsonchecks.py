"""Typed reading of parsed JSON, with errors that name the JSON path of the bad value.

A ``Checker`` belongs to one file. Every getter takes the value and its place
(a JSON path such as ``connections[1].weights[0]``) and either returns the value
in the Python type the engine wants, or raises ``NetworkFileError`` saying where
and what was expected ("expected 3 numbers, found 2").

Numbers: JSON ``true``/``false`` are never numbers, and a number must be finite:
the parser turns NaN and Infinity tokens into ``NonFinite``; literals too large
for a float64 (``1e999`` parses as inf, a 400-digit integer stays a Python int)
are refused where the number is read, with its place.
"""

from __future__ import annotations

import numpy as np


class NetworkFileError(ValueError):
    """A ``.bpnet`` file that cannot be read or written.

    ``file`` is the path as given, ``place`` the JSON path of the bad field (or a
    line/column, or "" for the whole file), ``problem`` what was expected.
    ``str(error)`` is "FILE: PLACE: PROBLEM", ready to show to a student.
    """

    def __init__(self, file: str, place: str, problem: str):
        self.file, self.place, self.problem = str(file), place, problem
        where = ": ".join(part for part in (self.file, place) if part)
        super().__init__(f"{where}: {problem}" if where else problem)

    def __reduce__(self):
        return (type(self), (self.file, self.place, self.problem))


class MissingCSVError(NetworkFileError):
    """A ``.bpnet`` whose dataset is a CSV file that is not there (moved, renamed, not sent along).

    ``csv`` is the name as the file writes it (``"xor.csv"``). Everything else in the file was valid
    up to the dataset: ``core.open_without_data`` opens the network without its data instead.
    """

    def __init__(self, file: str, place: str, problem: str, csv: str = ""):
        super().__init__(file, place, problem)
        self.csv = csv

    def __reduce__(self):
        return (type(self), (self.file, self.place, self.problem, self.csv))


class NonFinite:
    """Stands for a NaN, Infinity or too-large number token until the checks report it with its place."""

    __slots__ = ("token",)

    def __init__(self, token: str):
        self.token = token

    def __repr__(self) -> str:
        return self.token


def join(place: str, key) -> str:
    """The JSON path of ``key`` inside ``place``: join("layers", 2) → "layers[2]"."""
    if isinstance(key, int):
        return f"{place}[{key}]"
    return f"{place}.{key}" if place else str(key)


def count(n: int, noun: str) -> str:
    """'1 number (…)', '3 numbers (…)': ``noun`` is plural; for 1 its first word loses the "s"."""
    if n == 1:
        first, space, rest = noun.partition(" ")
        noun = (first[:-1] if first.endswith("s") else first) + space + rest
    return f"{n} {noun}"


def describe(value) -> str:
    """A short description of a JSON value for "found …" in messages."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, NonFinite):
        return f"{value.token} (NaN and infinity are not allowed)"
    if type(value) in (int, float) and not is_number(value):
        shown = repr(value) if type(value) is float else f"{str(value)[:20]}… ({len(str(value))} digits)"
        return f"{shown} (too large for a 64-bit number)"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


#: integers at least this large cannot be stored as a finite float64
_TOO_BIG = 2**1024


def is_number(x) -> bool:
    """A finite JSON number (not a bool, not NaN/inf, not an integer beyond float64)."""
    t = type(x)
    if t is float:
        return x - x == 0.0
    return t is int and -_TOO_BIG < x < _TOO_BIG


def _bad_number(x) -> bool:
    t = type(x)
    return isinstance(x, NonFinite) or (t in (int, float) and not is_number(x))


def first_bad_number(doc, place: str = "") -> tuple[str, object] | None:
    """The place and value of the first non-finite or too-large number in ``doc`` (iterative: any depth)."""
    stack = [(place, doc)]
    while stack:
        where, value = stack.pop()
        if _bad_number(value):
            return where, value
        if isinstance(value, dict):
            stack.extend((join(where, k), v) for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend((join(where, k), v) for k, v in reversed(list(enumerate(value))))
    return None


def _transposed(value: list, rows: int, cols: int) -> str:
    """A hint when ``value`` has exactly the transposed shape (cols rows of rows numbers)."""
    if rows == cols or len(value) != cols or not all(isinstance(r, list) and len(r) == rows for r in value):
        return ""
    return (f"; it has {count(cols, 'rows')} of {count(rows, 'numbers')}: did you transpose it? "
            "(weights[j][i] is the edge from source neuron i to target neuron j: one row per target neuron)")


class Checker:
    """Getters for one file's JSON; each raises ``NetworkFileError`` naming the file and place."""

    def __init__(self, file: str):
        self.file = file

    def fail(self, place: str, problem: str):
        raise NetworkFileError(self.file, place, problem)

    def not_a_number(self, value, place: str):
        what = "a finite number" if type(value) in (int, float) or isinstance(value, NonFinite) else "a number"
        self.fail(place, f"expected {what}, found {describe(value)}")

    # ------------------------------------------------------------- containers
    def obj(self, value, place: str, what: str = "an object ({...})") -> dict:
        if not isinstance(value, dict):
            self.fail(place, f"expected {what}, found {describe(value)}")
        return value

    def seq(self, value, place: str, what: str = "a list ([...])", max_items: int | None = None) -> list:
        if not isinstance(value, list):
            self.fail(place, f"expected {what}, found {describe(value)}")
        if max_items is not None and len(value) > max_items:
            self.fail(place, f"expected at most {max_items} items, found {len(value)}")
        return value

    def required(self, d: dict, key: str, place: str):
        if key not in d:
            self.fail(join(place, key), f"this field is missing ({self._expect_hint(key)})")
        return d[key]

    @staticmethod
    def _expect_hint(key: str) -> str:
        hints = {
            "format": '"backprop-studio.network"',
            "version": "1",
            "units": "a whole number of neurons",
            "name": "a name",
            "weights": "a matrix: one row per target neuron, one number per source neuron",
            "activation": "an activation name",
            "from": "the name of the source layer",
            "to": "the name of the target layer",
            "layers": "a list of layers",
            "connections": "a list of connections",
            "inputs": "a list",
            "targets": "a list",
        }
        return "expected " + hints.get(key, "a value")

    # ---------------------------------------------------------------- scalars
    def string(self, value, place: str, *, nonempty: bool = False, max_length: int | None = None) -> str:
        if not isinstance(value, str):
            self.fail(place, f"expected text in quotes, found {describe(value)}")
        if nonempty and not value.strip():
            self.fail(place, "expected a non-empty name")
        if max_length is not None and len(value) > max_length:
            self.fail(place, f"expected at most {max_length:,} characters, found {len(value):,}")
        return value

    def choice(self, value, place: str, options, what: str) -> str:
        if not isinstance(value, str) or value not in options:
            shown = repr(value) if isinstance(value, str) else describe(value)
            self.fail(place, f"unknown {what} {shown}; expected one of {', '.join(options)}")
        return value

    def number(self, value, place: str, *, low=None, high=None, low_open=False, high_open=False) -> float:
        """A finite number within [low, high] (open ends when ``*_open``)."""
        if not is_number(value):
            self.not_a_number(value, place)
        x = float(value)
        too_low = low is not None and (x <= low if low_open else x < low)
        too_high = high is not None and (x >= high if high_open else x > high)
        if too_low or too_high:
            left = "(" if low_open or low is None else "["
            right = ")" if high_open or high is None else "]"
            lo = "-∞" if low is None else f"{low:g}"
            hi = "∞" if high is None else f"{high:g}"
            self.fail(place, f"expected a number in {left}{lo}, {hi}{right}, found {value!r}")
        return x

    def integer(self, value, place: str, low: int, high: int) -> int:
        if type(value) is not int:
            whole = isinstance(value, float) and value.is_integer()
            found = f"{value!r} (write it without a decimal point)" if whole else describe(value)
            self.fail(place, f"expected a whole number from {low} to {high}, found {found}")
        if not low <= value <= high:
            found = value if abs(value) < 10**20 else f"{str(value)[:20]}… ({len(str(value))} digits)"
            self.fail(place, f"expected a whole number from {low} to {high}, found {found}")
        return value

    def boolean(self, value, place: str) -> bool:
        if value is not True and value is not False:
            self.fail(place, f"expected true or false, found {describe(value)}")
        return value

    # ---------------------------------------------------------------- arrays
    def vector(self, value, place: str, n: int, what: str = "numbers") -> np.ndarray:
        """Exactly ``n`` numbers → float64 array (n,)."""
        self.seq(value, place, f"a list of {count(n, what)}")
        if len(value) != n:
            self.fail(place, f"expected {count(n, what)}, found {len(value)}")
        for k, x in enumerate(value):
            if not is_number(x):
                self.not_a_number(x, join(place, k))
        return np.array(value, dtype=np.float64)

    def matrix(self, value, place: str, rows: int, cols: int, row_what: str, col_what: str) -> np.ndarray:
        """``rows`` lists of ``cols`` numbers → float64 array (rows, cols).

        ``row_what``/``col_what`` explain a count, e.g. "one per neuron of 'h'".
        """
        self.seq(value, place, f"a list of {count(rows, 'rows')} ({row_what})")
        if len(value) != rows:
            self.fail(place, f"expected {count(rows, 'rows')} ({row_what}), found {len(value)}"
                             + _transposed(value, rows, cols))
        for j, row in enumerate(value):
            self.seq(row, join(place, j), f"a row of {count(cols, 'numbers')} ({col_what})")
            if len(row) != cols:
                self.fail(join(place, j), f"expected {count(cols, 'numbers')} ({col_what}), found {len(row)}"
                                          + _transposed(value, rows, cols))
            if not all(map(is_number, row)):
                for i, x in enumerate(row):
                    if not is_number(x):
                        self.not_a_number(x, join(join(place, j), i))
        return np.array(value, dtype=np.float64).reshape(rows, cols)

    def table(self, value, place: str, max_rows: int, what: str) -> np.ndarray:
        """A non-empty list of equally long, non-empty rows of numbers → float64 array (rows, cols)."""
        self.seq(value, place, f"a list of rows of numbers ({what})")
        if not value:
            self.fail(place, "expected at least one row, found an empty list")
        if len(value) > max_rows:
            self.fail(place, f"expected at most {max_rows} rows, found {len(value)}")
        first = self.seq(value[0], join(place, 0), "a row of numbers ([...])")
        if not first:
            self.fail(join(place, 0), "expected at least one number, found an empty row")
        return self.matrix(value, place, len(value), len(first), f"{what}", "like the first row")
