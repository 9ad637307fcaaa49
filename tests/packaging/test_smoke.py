"""``desktop.smoke.run_smoke`` in-process: passes on the real window, and says what failed otherwise.

The same function runs inside the frozen bundle (``backprop-studio --smoke``); these
tests check it quickly without building anything.
"""

import os
import types

import numpy as np
import pytest

import core
from desktop import smoke


@pytest.fixture(scope="module", autouse=True)
def isolated_settings(tmp_path_factory):
    """Window layout and recent files go to a temporary folder, never the user's settings."""
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("settings")
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))


@pytest.fixture
def window(qtbot):
    from desktop.app import create_main_window

    win = create_main_window(restore_layout=False)
    yield win
    win.document.undo_stack.setClean()  # no unsaved-changes question on close
    process = win.training.worker.process
    win.close()
    assert not win.isVisible()
    assert win.training.worker.pid is None and (process is None or not process.is_alive())


def _ok_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.startswith("backprop-studio smoke OK")]
    assert len(lines) == 1, text
    return lines[0]


def test_smoke_passes_on_the_real_window_and_trains_through_the_worker(window, capsys):
    assert smoke.run_smoke(window) == 0
    line = _ok_line(capsys.readouterr().out)
    assert f"{smoke.STEPS} steps in the training process (pid " in line and "save/load bit-exact" in line
    # the XOR lesson is open, trained (one undoable step), and its loss went down
    net = window.document.network
    assert window.document.path.name == "xor.bpnet"
    lesson = core.load_network(window.document.path)
    assert net.data_loss(net.dataset.inputs, net.dataset.targets) < lesson.data_loss(
        lesson.dataset.inputs, lesson.dataset.targets)
    window.document.undo_stack.undo()
    assert np.array_equal(window.document.network.parameters(), lesson.parameters())


def test_smoke_writes_its_line_to_the_report_file_when_asked(window, tmp_path, monkeypatch, capsys):
    report = tmp_path / "smoke.txt"
    monkeypatch.setenv(smoke.REPORT_ENV, str(report))
    assert smoke.run_smoke(window, steps=20) == 0
    assert report.read_text(encoding="utf-8").strip() == _ok_line(capsys.readouterr().out)


def test_a_lesson_that_does_not_load_is_named_without_a_traceback(window, tmp_path, monkeypatch, capsys):
    bad = tmp_path / "broken.bpnet"
    bad.write_text('{"format": "backprop-studio.network", "version": 1, "layers": [', encoding="utf-8")
    monkeypatch.setattr(core, "list_examples", lambda: [core.Example("broken", str(bad), "Broken", "")])
    assert smoke.run_smoke(window) == 1
    out = capsys.readouterr().out
    assert out.startswith("backprop-studio smoke FAILED in lesson: bundled lesson broken does not load")
    assert "broken.bpnet" in out and "Traceback" not in out


class _IdleController:
    """A controller whose worker claims to be done but never trained: the smoke test must notice."""

    def __init__(self, real):
        self.worker, self.running, self.latest = real.worker, False, None

    def train_for_screenshot(self, steps, timeout_s=0):
        return True


def test_a_worker_that_does_not_train_fails_the_train_check(window, capsys):
    fake = types.SimpleNamespace(document=window.document, training=_IdleController(window.training))
    assert smoke.run_smoke(fake) == 1
    out = capsys.readouterr().out.strip()
    assert out == f"backprop-studio smoke FAILED in train: asked for {smoke.STEPS} steps, the worker reported none"


def test_training_in_the_window_process_fails_the_train_check(window, capsys):
    class InWindowController(_IdleController):
        def __init__(self, real):
            super().__init__(real)
            self.worker = types.SimpleNamespace(transport="thread", pid=os.getpid(), process=None)

    fake = types.SimpleNamespace(document=window.document, training=InWindowController(window.training))
    assert smoke.run_smoke(fake) == 1
    assert "training did not run in a separate process (it ran in a thread of the window)" in capsys.readouterr().out


def test_heatmap_check_accepts_the_colormap_it_drew_and_rejects_another(qapp):
    import pyqtgraph as pg

    values = np.array([[-1.0, -0.25, 0.0], [0.3, 0.8, 1.0]])
    diverging = pg.colormap.get("CET-D1").getLookupTable(nPts=256, alpha=False)
    other = pg.colormap.get("viridis").getLookupTable(nPts=256, alpha=False)
    image = smoke.render_heatmap(values, 1.0, diverging)
    assert (image.width(), image.height()) == (3 * smoke.CELL_PX, 2 * smoke.CELL_PX)
    assert smoke.heatmap_mismatch(image, values, 1.0, diverging) == ""
    assert "heatmap cell (0, 0)" in smoke.heatmap_mismatch(image, values, 1.0, other)
    drawn_with_other = smoke.render_heatmap(values, 1.0, other)
    assert smoke.heatmap_mismatch(drawn_with_other, values, 1.0, diverging) != ""
