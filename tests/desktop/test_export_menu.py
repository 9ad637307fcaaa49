"""File → Export through the real window: the three formats, the file written is the open
network, failures become a message box, and the ONNX entry says how to enable it."""

from __future__ import annotations

import os
import runpy

import numpy as np
import pytest

import core
from desktop import commands, export_menu


def test_the_export_menu_has_the_three_formats(main_window):
    menu = main_window.menus["Export"]
    assert menu.objectName() == "export_menu" and menu.accessibleName() == "Export"
    assert menu in [a.menu() for a in main_window.menus["File"].actions()]
    names = [a.objectName() for a in menu.actions()]
    assert names == ["export_numpy", "export_pytorch", "export_onnx"]
    assert all(main_window.actions_by_name[n] is a for n, a in zip(names, menu.actions()))


def test_numpy_export_writes_the_open_network(main_window, dialogs, tmp_path):
    doc = main_window.document
    assert doc.perform(commands.SetWeight(doc, "x", "h", 0, 1, 0.3125)) is None  # the edited value is exported
    dialogs.answer("save_file", str(tmp_path / "mine"))  # the ending is added
    main_window.actions_by_name["export_numpy"].trigger()
    path = tmp_path / "mine.py"
    assert path.exists() and not dialogs.of("critical")
    script = runpy.run_path(str(path), run_name="exported")
    assert script["weights"]["x->h"][0, 1] == 0.3125
    X = doc.network.dataset.inputs
    assert np.array_equal(script["forward"](X), doc.network.forward(X))
    assert str(path) in main_window.statusBar().whole_message()
    caption = dialogs.of("save_file")[0]
    assert caption[1] == "Export as NumPy script" and caption[2].endswith(".py")


def test_pytorch_export_suggests_a_name_beside_the_file(main_window, dialogs, tmp_path):
    saved = tmp_path / "lesson.bpnet"
    core.save_network(main_window.document.network, saved)
    assert main_window.files.load(str(saved))
    assert main_window.exports.suggested_path("pytorch") == str(tmp_path / "lesson_torch.py")
    dialogs.answer("save_file", str(tmp_path / "lesson_torch.py"))
    main_window.actions_by_name["export_pytorch"].trigger()
    assert "class Net(nn.Module)" in (tmp_path / "lesson_torch.py").read_text(encoding="utf-8")


def test_onnx_export_when_the_package_is_there(main_window, dialogs, tmp_path):
    pytest.importorskip("onnx", reason="the onnx package (the export extra) is not installed")
    action = main_window.actions_by_name["export_onnx"]
    main_window.menus["Export"].aboutToShow.emit()
    assert action.isEnabled() and action.text() == "&ONNX Model…"
    dialogs.answer("save_file", str(tmp_path / "net.onnx"))
    action.trigger()
    assert (tmp_path / "net.onnx").stat().st_size > 100 and not dialogs.of("critical")


def test_without_onnx_the_entry_says_how_to_enable_it(main_window, monkeypatch):
    monkeypatch.setattr(export_menu, "onnx_available", lambda: False)
    main_window.menus["Export"].aboutToShow.emit()
    action = main_window.actions_by_name["export_onnx"]
    assert not action.isEnabled()
    assert 'pip install onnx' in action.text()
    assert 'pip install onnx' in action.toolTip()


def test_a_network_that_cannot_be_exported_shows_why(main_window, dialogs, tmp_path):
    unfinished = core.Network("half built")
    unfinished.add_layer("x", 2)
    unfinished.add_layer("h", 2)
    main_window.document.replace_network(unfinished, None)
    dialogs.answer("save_file", str(tmp_path / "half.py"))
    assert main_window.exports.export("numpy") is False
    (kind, title, text), = dialogs.of("critical")
    assert title == "Cannot export the network" and "cannot be exported yet" in text and "Traceback" not in text
    assert os.listdir(tmp_path) == []


def test_an_unwritable_place_shows_why_and_writes_nothing(main_window, dialogs, tmp_path):
    target = tmp_path / "no such folder" / "net.py"
    assert main_window.exports.export("numpy", str(target)) is False
    (kind, title, text), = dialogs.of("critical")
    assert "cannot write here" in text and "nothing was written" in text
    assert not target.parent.exists()


def test_cancelling_the_file_dialog_writes_nothing(main_window, dialogs, tmp_path):
    main_window.actions_by_name["export_numpy"].trigger()  # unqueued: the dialog is cancelled
    assert len(dialogs.of("save_file")) == 1 and not dialogs.of("critical")


def test_in_the_packaged_app_the_onnx_entry_says_it_needs_a_pip_installation(main_window, monkeypatch):
    monkeypatch.setattr(export_menu, "onnx_available", lambda: False)
    monkeypatch.setattr(export_menu.sys, "frozen", True, raising=False)
    main_window.menus["Export"].aboutToShow.emit()
    action = main_window.actions_by_name["export_onnx"]
    assert not action.isEnabled() and "packaged app cannot load it" in action.toolTip()
