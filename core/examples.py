"""The bundled example lessons: which ``.bpnet`` files ship in ``resources/examples`` and what they teach.

The files are data inside the ``resources.examples`` package, found with
``importlib.resources`` so they work from a source tree, an installed wheel and a
frozen (PyInstaller) build alike. ``lessons.txt`` there lists them in teaching
order; a ``.bpnet`` file it does not list comes after the listed ones, by name.
Only the files are read here: no code of ``resources`` runs.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from importlib import resources

PACKAGE = "resources.examples"
ORDER_FILE = "lessons.txt"


@dataclass(frozen=True)
class Example:
    """One lesson: ``name`` (file stem), ``path`` (a real file), ``title`` and ``description`` from the file."""

    name: str
    path: str
    title: str
    description: str


def examples_folder(package: str = PACKAGE) -> str:
    """The folder holding the lesson files (a real directory, so CSV files beside them can be read)."""
    return os.fspath(resources.files(package))


def _ordered_files(folder: str) -> list[str]:
    present = sorted(f for f in os.listdir(folder) if f.endswith(".bpnet"))
    listed: list[str] = []
    order = os.path.join(folder, ORDER_FILE)
    if os.path.exists(order):
        with open(order, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#") and line in present and line not in listed:
                    listed.append(line)
    return listed + [f for f in present if f not in listed]


def list_examples(package: str = PACKAGE) -> list[Example]:
    """Every bundled lesson in teaching order, with the title and description stored in its file.

    Reads only the "name" and "description" fields (a file that cannot be read is
    still listed, with its file name as title, so that opening it shows the error).
    """
    folder = examples_folder(package)
    found = []
    for filename in _ordered_files(folder):
        path = os.path.join(folder, filename)
        stem = filename[: -len(".bpnet")]
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
            title = doc.get("name") if isinstance(doc.get("name"), str) and doc.get("name") else stem
            description = doc.get("description") if isinstance(doc.get("description"), str) else ""
        except (OSError, ValueError, AttributeError):
            title, description = stem, ""
        found.append(Example(stem, path, title, description))
    return found


def example_path(name: str, package: str = PACKAGE) -> str:
    """The path of the lesson called ``name`` (with or without ".bpnet"); ``KeyError`` listing the names otherwise."""
    stem = name[: -len(".bpnet")] if name.endswith(".bpnet") else name
    folder = examples_folder(package)
    files = _ordered_files(folder)  # the file names suffice: no lesson is read (``list_examples`` reads them all)
    if stem + ".bpnet" in files:
        return os.path.join(folder, stem + ".bpnet")
    known = ", ".join(f[: -len(".bpnet")] for f in files)
    raise KeyError(f"there is no example called {name!r}; the examples are {known}")


def find_lesson(name: str, package: str = PACKAGE) -> str | None:
    """The bundled lesson a command line means by ``name`` ("xor", "spiral.bpnet") when no file
    of that name exists; None when there is such a file, or no lesson of that name."""
    if not name or os.path.lexists(name) or os.path.dirname(name):
        return None
    try:
        return example_path(name, package)
    except (KeyError, ImportError, OSError):
        return None
