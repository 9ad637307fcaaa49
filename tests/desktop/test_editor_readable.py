"""Canvas numbers stay readable on a laptop (issue 21): after Fit, at 1024×700 and 1400×900, at least
95 % of the numbers the canvas draws are 9 px tall or more on screen, for every bundled lesson.
Heights are measured on what the items really paint (``text_probe``: the font of each drawn text
times the view's zoom)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import core
from lesson_support import leave_lesson
from text_probe import drawn_texts, numbers

SIZES = [(1024, 700), (1400, 900)]


def lessons() -> list[str]:
    return [example.name for example in core.list_examples()]


def open_at(window, name: str, size: tuple[int, int]) -> None:
    app = QApplication.instance()
    window.document.replace_network(core.load_network(core.example_path(name)), None)
    leave_lesson(window)  # a guided lesson in progress keeps back what its questions ask
    window.resize(*size)
    app.processEvents()
    window.apply_default_layout()
    app.processEvents()
    window.training.wait_for_step_0()
    app.processEvents()
    window.canvas.fit()
    app.processEvents()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_canvas_numbers_are_at_least_9_px_after_fit(main_window, size):
    unreadable = {}
    for name in lessons():
        open_at(main_window, name, size)
        shown = numbers(drawn_texts(main_window.canvas))
        assert shown, f"{name}: no number drawn on the canvas"
        assert says_hover_iff_numbers_hidden(main_window), name
        small = [(text, round(px, 1)) for text, px in shown if px < 9.0]
        if len(small) > 0.05 * len(shown):
            unreadable[name] = (len(small), len(shown), small[:5])
    assert not unreadable, f"numbers under 9 px at {size}: {unreadable}"


def test_canvas_texts_are_at_least_9_px_in_every_step_through_phase_at_1024x700(qtbot, main_window):
    """The step-through's cards are taller and wider (z and b, the target and loss lines): Fit zooms
    out further (guided_chain_rule's 2-2-2 to about a third), and every text still keeps the 9 px
    floor, in each phase F7 reaches."""
    from test_canvas_texts_apart import phases_walked

    small = {}
    open_at(main_window, "guided_chain_rule", (1024, 700))
    for phase in phases_walked(qtbot, main_window):
        texts = drawn_texts(main_window.canvas)
        assert texts, phase
        under = [(text, round(px, 1)) for text, px in texts if px < 9.0]
        if under:
            small[phase] = under[:5]
    assert not small, f"canvas texts under 9 px in the step-through: {small}"


def edges_without_number(window) -> int:
    """Present edges, drawn one by one, whose number is not printed (no room, or too many edges)."""
    return sum(1 for c in window.scene.connection_items.values() if not c.bundled for e in c.items
               if e.value()[1] and e.label_rect().isNull())


def says_hover_iff_numbers_hidden(window) -> bool:
    """The canvas's legend (folded or not) tells the student to hover an edge, or lists the numbers in its
    table (``Legend.tables``), exactly when some edge shows no number."""
    legend = window.canvas.legend
    words = " ".join(text for row in legend.rows() for _, text in row if isinstance(text, str))
    return ("Hover an edge" in words or bool(legend.tables)) == (edges_without_number(window) > 0)


def test_zooming_out_keeps_texts_at_9_px_and_hides_what_has_no_room(main_window):
    """Zoomed far out, texts do not shrink below 9 px: the numbers grow in the scene, and edge
    numbers that then have no free spot are left to the tooltip."""
    open_at(main_window, "one_hidden_sigmoid", (1400, 900))
    labelled = [label for c in main_window.scene.connection_items.values() for label in c.labels
                if not label.edge.label_rect().isNull()]
    main_window.canvas.zoom_by(0.3)
    QApplication.instance().processEvents()
    texts = drawn_texts(main_window.canvas)
    assert texts and min(px for _, px in texts) >= 9.0
    still = [label for c in main_window.scene.connection_items.values() for label in c.labels
             if not label.edge.label_rect().isNull()]
    assert len(still) <= len(labelled)


def test_the_legend_folds_on_a_small_canvas_and_opens_under_the_pointer(main_window, qtbot):
    open_at(main_window, "xor", (1024, 700))
    legend = main_window.canvas.legend
    assert legend.folded and len(legend.rows()) == 1
    folded_height = legend.height()
    qtbot.mouseMove(legend, legend.rect().center())
    QApplication.instance().sendEvent(legend, __import__("PySide6.QtGui", fromlist=["QEnterEvent"]).QEnterEvent(
        legend.rect().center(), legend.rect().center(), legend.mapToGlobal(legend.rect().center())))
    assert legend.height() > folded_height and len(legend.rows()) >= 4
    open_at(main_window, "xor", (1400, 900))
    assert not legend.folded


def test_every_training_setting_is_reachable_in_a_1024_px_window(main_window, qtbot):
    """The training toolbar was cut at "Stop at epoch »": what does not fit is behind Qt's » button,
    which a click opens (the boxes narrowed so that only the loss stop is left there)."""
    from PySide6.QtWidgets import QAbstractSpinBox, QToolBar, QToolButton

    main_window.resize(1024, 700)
    QApplication.instance().processEvents()
    bar = main_window.findChild(QToolBar, "training_toolbar")
    boxes = bar.findChildren(QAbstractSpinBox)
    assert {b.objectName() for b in boxes} >= {"toolbar_learning_rate", "toolbar_batch_size",
                                               "toolbar_stop_epochs", "toolbar_stop_loss"}
    hidden = [b.objectName() for b in boxes if not b.isVisible()]
    assert set(hidden) <= {"toolbar_stop_loss"}, hidden
    if hidden:
        more = bar.findChild(QToolButton, "qt_toolbar_ext_button")
        assert more is not None and more.isVisible()
        qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: all(b.isVisible() for b in boxes), timeout=3000)
