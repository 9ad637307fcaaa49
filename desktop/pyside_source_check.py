"""PySide6 reads the source of every module imported after it; ``install()`` makes it read the file's bytes.

PySide6's ``__feature__`` support (a module may write ``from __feature__ import snake_case``)
hooks the import statement: each module imported after PySide6 is marked as one that "uses
PySide" or not, by ``shibokensupport.feature._mod_uses_pyside``, which searches the module's
source for the word "PySide6". It reads that source with ``inspect.getsource``: find the file,
read it, split it into lines kept in ``linecache``, join them again. A window imports ~360
modules after PySide6 (pyqtgraph, NumPy's later parts, the application), ~0.15 ms each: ~50 ms,
~8 % of a ``--screenshot``'s CPU time (tests/benchmarks/bench_startup.py).

``install()`` puts ``uses_pyside`` in its place, which asks the same question of the file's
bytes (~0.04 ms a module). The answer is the same: "PySide6" is ASCII, and Python source is in
an ASCII-compatible encoding (its coding line must be), so the word is in the bytes exactly when
it is in the decoded text. A module without a source file named by an absolute path (built
into the interpreter, compiled, in an archive, a class standing in for a module) or whose file
cannot be read is asked of PySide's own check, as before. Where PySide6 has no such check
(another version), ``install()`` changes nothing.
"""

from __future__ import annotations

import importlib
import os
import sys

#: the module of PySide6 that keeps the check (it exists once PySide6 is imported)
FEATURE_MODULE = "shibokensupport.feature"
#: the word PySide's check searches a module's source for
WORD = b"PySide6"


def make_check(pyside_check):
    """A function of a module with ``pyside_check``'s answer: True when its source names PySide6."""

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py") and os.path.isabs(path):
            try:
                with open(path, "rb") as source:
                    return WORD in source.read()
            except OSError:
                pass
        return pyside_check(module)

    uses_pyside.pyside_check = pyside_check
    return uses_pyside


def install() -> bool:
    """Import PySide6 and put the bytes-reading check in place of its own (once); True when it is in
    place. Call it before the modules that follow PySide6 load (``desktop.__main__._load``)."""
    importlib.import_module("PySide6.QtCore")  # PySide6 sets its check up as it loads

    feature = sys.modules.get(FEATURE_MODULE)
    check = getattr(feature, "_mod_uses_pyside", None)
    if not callable(check):
        return False
    if getattr(check, "pyside_check", None) is None:
        feature._mod_uses_pyside = make_check(check)
    return True
