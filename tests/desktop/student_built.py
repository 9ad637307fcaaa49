"""A network built in the window as a student builds one: File → New, three palette layers, two port drags,
Dataset → Load CSV… of a small file (accepting the columns the dialog proposes).

(No tests here: the helpers of the tests about such a network.)
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

XOR_CSV = "a,b,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n"


def build_by_mouse(window, canvas, qtbot):
    """From File → New: x, h1, y from the palette, joined x → h1 → y by port drags."""
    assert window.files.new()
    for kind in ("input", "hidden", "output"):
        qtbot.mouseClick(window.palette_buttons[kind], Qt.MouseButton.LeftButton)
    canvas.connect("x", "h1")
    canvas.connect("h1", "y")
    return window.document.network


def load_csv(window, qtbot, dialogs, monkeypatch, path) -> None:
    """Dataset → Load CSV… ``path``, the proposed columns accepted (OK in the Columns dialog)."""
    dialogs.answer("open_file", str(path))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: (k.get("text", ""), True)))
    qtbot.mouseClick(window.training.ui.dataset.csv_button, Qt.MouseButton.LeftButton)


def built_xor(window, canvas, qtbot, dialogs, monkeypatch, tmp_path):
    """The 2-2-1 built by mouse with xor.csv loaded (4 rows: the default batch takes all of them), the worker
    ready to train it."""
    csv = tmp_path / "xor.csv"
    csv.write_text(XOR_CSV)
    net = build_by_mouse(window, canvas, qtbot)
    load_csv(window, qtbot, dialogs, monkeypatch, csv)
    assert window.document.network.dataset is not None and len(window.document.network.dataset) == 4
    c = window.training
    qtbot.waitUntil(lambda: c.worker.is_ready and c.latest is not None, timeout=30000)
    return net
