"""Leftover 23 #3: a network built in the window at 1024×700, then Dataset → Load CSV…: the network gets its
first data (z, b, t and the thumbnails come into the cards, which grow) and the fitted view fits again; x → h1's
weights went to the legend's table instead of onto their edges (and one of h1 → y's), although the canvas had
the room: the cards were drawn the least gap apart (``card_spacing``), which 2 × 2 crossing edges' numbers do
not fit in at any zoom (a fresh window with the same network showed the same)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from student_built import XOR_CSV, load_csv
from test_built_network_fits import build_by_palette, edge_numbers_shown, laptop_window


def settled(qtbot, window, turns: int = 40) -> None:
    """The training process's first answer (the thumbnails' maps) in, and the canvas laid out after it."""
    c = window.training
    qtbot.waitUntil(lambda: c.worker.is_ready and c.latest is not None, timeout=30000)
    qtbot.waitUntil(lambda: window.view_state.shows_thumbnails(), timeout=10000)
    for _ in range(turns):
        QApplication.processEvents()
        qtbot.wait(10)


def test_the_first_data_of_a_built_network_leaves_every_weight_on_its_edge(main_window, canvas, qtbot, dialogs,
                                                                           monkeypatch, tmp_path):
    window = main_window
    laptop_window(window, qtbot)
    build_by_palette(window, canvas, qtbot)
    qtbot.waitUntil(lambda: canvas.scene.hidden_edge_numbers() == 0, timeout=3000)
    csv = tmp_path / "xor.csv"
    csv.write_text(XOR_CSV)
    load_csv(window, qtbot, dialogs, monkeypatch, csv)
    settled(qtbot, window)
    tables = window.canvas.legend.tables
    assert edge_numbers_shown(canvas, ("x", "h1")) == 4, tables
    assert edge_numbers_shown(canvas, ("h1", "y")) == 2, tables
    assert not tables, tables

