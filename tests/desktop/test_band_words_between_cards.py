"""A big layer's band writes only words that fit between the cards at its ends (teacher review 21: with h1 at
5000 units the bands read "eights: 4929 +" and "mean |w| 0.0176", cut by x's and h1's cards)."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from test_built_network_fits import build_by_palette, laptop_window
from test_inspector import type_into


class WordsPainter(QPainter):
    """A painter on a scratch image that keeps (the box, the words) of every drawText given a box."""

    def __init__(self, device):
        super().__init__(device)
        self.words: list[tuple[QRectF, str]] = []

    def drawText(self, *args):  # noqa: N802 (Qt's name)
        if len(args) == 3 and isinstance(args[0], (QRectF,)) and isinstance(args[2], str):
            self.words.append((QRectF(args[0]), args[2]))
        return super().drawText(*args)


def band_words(scene) -> list[tuple[str, str, QRectF, str]]:
    """(source, target, the words' box in the scene, the words) of every band a connection is drawn as."""
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    found = []
    for (source, target), connection in scene.connection_items.items():
        if not connection.bundled:
            continue
        for band in connection.items:
            painter = WordsPainter(image)
            band.paint(painter, QStyleOptionGraphicsItem(), None)
            painter.end()
            found += [(source, target, band.mapRectToScene(box), words) for box, words in painter.words]
    return found


def card_in_scene(item) -> QRectF:
    return item.mapRectToScene(item.card_rect())


def test_a_big_layers_band_words_stay_between_the_cards(main_window, canvas, qtbot):
    window = main_window
    laptop_window(window, qtbot)
    build_by_palette(window, canvas, qtbot)
    canvas.click(canvas.centre("h1"))
    type_into(qtbot, window.inspector.layer_page.units, "5000")
    assert window.document.network.layer("h1").units == 5000
    qtbot.wait(100)  # (the canvas lays the block out)
    words = band_words(canvas.scene)
    assert {(s, t) for s, t, _, _ in words} == {("x", "h1"), ("h1", "y")}, words
    for source, target, box, text in words:
        left = card_in_scene(canvas.scene.layer_items[source]).right()
        right = card_in_scene(canvas.scene.layer_items[target]).left()
        assert left <= box.left() and box.right() <= right, (source, target, text, box, left, right)
        assert "|w|" in text, text  # the mean |w| is written, at least
