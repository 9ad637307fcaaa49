"""Update's "new b" lines stay inside their card (review 12 #13).

exam_csv at 1024×700, Update: h₀'s "new b −0.04995" reached the card's right border. The card is as
wide as its z and b need (``LayerNumbers.zb_width``), and that width now counts "new b" and a number
below 0.1, which takes one digit more ("−0.04995" beside "−0.0000").
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from test_canvas_texts_apart import phases_walked
from test_cards_apart_every_lesson import open_lesson
from test_training_support import press
from text_probe import drawn_text_boxes

#: the least room between a number's ink and its card's border, in pixels
MARGIN_PX = 2.0


@pytest.mark.parametrize("lesson", ["exam_csv", "xor"])
def test_new_biases_in_update_keep_clear_of_the_cards_border_at_1024x700(qtbot, lesson_window, lesson):
    window = lesson_window
    open_lesson(qtbot, window, lesson, (1024, 700))
    for phase, _ in phases_walked(qtbot, window):
        if phase == "update":
            break
    texts = drawn_text_boxes(window.canvas)
    touching = []
    for name, item in window.scene.layer_items.items():
        if item.is_input:
            continue
        card = window.canvas.viewportTransform().mapRect(item.mapRectToScene(item.card_rect()))
        for text, box in texts:
            if card.contains(box.center()) and box.right() > card.right() - MARGIN_PX:
                touching.append((name, text, round(card.right() - box.right(), 1)))
    press(qtbot, window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # leave the step-through
    assert not touching, touching
