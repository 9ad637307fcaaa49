"""Layer cards keep apart however wide they grow (a teacher's review at 1024×700): after training
the early_stopping lesson each hidden neuron shows its thumbnail and the cards grow wider; the
7-input x card lay on the h1 card, h1 and h2 were 3 px apart and their edges could not be seen.
The canvas draws each card right of its document position by what it needs (a display shift);
the document keeps the student's positions, and dragging a card moves its document position by the
drag (it is drawn there, or right of it while that is too near the card before it)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

import core
from conftest import Canvas
from desktop.editor import style


def open_and_train(qtbot, window, size: tuple[int, int]) -> None:
    """The early_stopping lesson from the Lessons menu's action, trained with Play (F5) until it stops."""
    window.resize(*size)
    assert window.files.open_example(str(core.example_path("early_stopping")))
    window.apply_default_layout()
    qtbot.waitUntil(lambda: window.training.latest is not None, timeout=15000)
    qtbot.keyClick(window, Qt.Key.Key_F5)  # Play
    qtbot.waitUntil(lambda: not window.training.running and window.training.latest.state == "early_stopped",
                    timeout=60000)
    for _ in range(5):
        QApplication.processEvents()
    qtbot.wait(300)  # the last snapshot painted, the view fitted to it


def cards_left_to_right(window) -> list[tuple[str, object]]:
    """(layer name, what its item draws in scene coordinates), in the document's left-to-right order."""
    net = window.document.network
    items = window.canvas.scene().layer_items
    names = sorted(items, key=lambda name: net.layer(name).position[0])
    return [(name, items[name].sceneBoundingRect()) for name in names]


def test_trained_cards_never_overlap_and_keep_room_for_their_edges(qtbot, main_window):
    window = main_window
    open_and_train(qtbot, window, (1024, 700))
    assert window.view_state.shows_thumbnails()  # the cards are as wide as the review saw them
    cards = cards_left_to_right(window)
    for (left_name, left), (right_name, right) in zip(cards, cards[1:]):
        assert not left.intersects(right), f"the {left_name} card overlaps the {right_name} card"
        gap = right.left() - left.right()
        assert gap >= style.MIN_CARD_GAP, f"{left_name} → {right_name}: {gap:.1f} scene units apart"
    stored = core.load_network(core.example_path("early_stopping"))
    assert [layer.position for layer in window.document.network.layers] == \
        [layer.position for layer in stored.layers]  # the display moved, not the document
    shown = window.canvas.visible_scene_rect()
    for name, rect in cards:  # Fit to Window shows the cards where they are drawn
        assert shown.contains(rect), f"the {name} card is outside the fitted view"


def test_a_card_drawn_shifted_moves_by_the_drag(qtbot, main_window):
    window = main_window
    open_and_train(qtbot, window, (1024, 700))
    canvas = Canvas(window, qtbot)
    doc = window.document
    item = canvas.scene.layer_items["y"]
    start = doc.network.layer("y").position
    before = item.pos()
    grab = item.mapToScene(QPointF(0, item.card_rect().bottom() - 3))  # the card's border, not the neuron
    canvas.drag(grab, grab + QPointF(60, 90), steps=8)
    pixel = 1.5 / canvas.view.transform().m11()  # the mouse moves by whole pixels: scene units a pixel
    moved = doc.network.layer("y").position
    assert abs(moved[0] - (start[0] + 60)) <= pixel and abs(moved[1] - (start[1] + 90)) <= pixel  # by the drag
    # drawn where the document has it, or further right while that is nearer h2 than the gap
    assert item.pos().x() >= moved[0] and abs(item.pos().y() - (before.y() + 90)) <= pixel
    h2 = canvas.scene.layer_items["h2"].sceneBoundingRect()
    assert item.sceneBoundingRect().left() - h2.right() >= style.MIN_CARD_GAP
    doc.undo_stack.undo()
    assert doc.network.layer("y").position == start
    assert item.pos() == before
