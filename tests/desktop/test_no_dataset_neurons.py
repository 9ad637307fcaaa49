"""Without a dataset the neurons write "?", never their indices "0", "1" (teacher review 21 #14: a number
beside a neuron is its value everywhere else, and y "0" read as "the output is 0"); the legend says why.

File → New, three palette buttons, two port drags: no dataset yet."""

from __future__ import annotations

from PySide6.QtTest import QTest

from test_editor import build_xor_by_mouse
from window_texts import painted_texts


def test_a_network_without_data_writes_no_index_where_values_sit(main_window, canvas, qtbot):
    build_xor_by_mouse(main_window, canvas, qtbot)
    qtbot.wait(100)  # (the canvas repaints after the change)
    texts = painted_texts(canvas.scene)
    assert "0" not in texts and "1" not in texts, texts  # (the weights all have decimals: -1.171, 0.3651, …)
    assert texts.count("?") == 5, texts  # x's two, h1's two, y's one
    legend = main_window.canvas.legend

    def point_at_legend() -> bool:
        """The pointer away (an earlier test may have left it there: no enter then), then on the legend, where
        it sits now (a late fit of the canvas may still move it); a folded legend pointed at opens."""
        main_window.raise_()  # (above any window an earlier test left open)
        main_window.activateWindow()
        QTest.mouseMove(main_window.menuBar(), main_window.menuBar().rect().center())
        QTest.mouseMove(legend, legend.rect().center())
        return not legend.is_folded_now()

    qtbot.waitUntil(point_at_legend, timeout=5000)
    words = " ".join(text for row in legend.rows() for _, text in row)
    assert "for no sample yet: choose a dataset in the Dataset panel" in words, words
