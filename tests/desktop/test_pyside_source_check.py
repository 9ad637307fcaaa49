"""The window's start asks PySide6's "does this module use PySide?" of each module's file bytes
(``desktop.pyside_source_check``): the same answers as PySide's own check, for every module."""

import importlib
import sys

from desktop import pyside_source_check


def feature_module():
    return sys.modules[pyside_source_check.FEATURE_MODULE]


def test_the_window_start_puts_the_bytes_check_in_place():
    from desktop.__main__ import _load

    _load("app")  # what ``backprop-studio`` does before it builds the window
    check = feature_module()._mod_uses_pyside
    assert getattr(check, "pyside_check", None) is not None
    assert pyside_source_check.install()  # once: installing again keeps the one in place
    assert feature_module()._mod_uses_pyside is check


def test_every_loaded_module_gets_pysides_own_answer():
    importlib.import_module("desktop.app")  # the window's modules, pyqtgraph and NumPy loaded

    pyside_check = feature_module()._mod_uses_pyside
    pyside_check = getattr(pyside_check, "pyside_check", pyside_check)
    bytes_check = pyside_source_check.make_check(pyside_check)
    modules = [m for m in list(sys.modules.values()) if isinstance(getattr(m, "__file__", None), str)]
    assert len(modules) > 300
    differ = [m.__name__ for m in modules if bytes_check(m) != pyside_check(m)]
    assert differ == []
    uses = {m.__name__ for m in modules if bytes_check(m)}
    assert "desktop.app" in uses and "pyqtgraph.Qt" in uses and "core.network" not in uses


def test_a_module_imported_later_is_marked_as_pyside_marks_it(tmp_path, monkeypatch):
    assert pyside_source_check.install()
    (tmp_path / "names_the_binding.py").write_text("# works with PySide6\nVALUE = 1\n", encoding="utf-8")
    (tmp_path / "plain_module.py").write_text("# café: numbers only\nVALUE = 2\n", encoding="utf-8")
    (tmp_path / "latin_module.py").write_bytes(b"# -*- coding: latin-1 -*-\n# caf\xe9 PySide6\nVALUE = 3\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    marks = feature_module().pyside_feature_dict
    try:
        for name in ("names_the_binding", "plain_module", "latin_module"):
            __import__(name)  # an import statement's way in, which PySide6 hooks (importlib's is not)

        # 0: "uses PySide" (no feature switched on), -1: "ignore this module", as PySide marks them
        assert marks["names_the_binding"] == 0 and marks["latin_module"] == 0
        assert marks["plain_module"] == -1
    finally:
        for name in ("names_the_binding", "plain_module", "latin_module"):
            sys.modules.pop(name, None)
            marks.pop(name, None)
