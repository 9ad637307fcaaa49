"""Every card whole and apart, in every bundled lesson, at a laptop's 1024×700 and at 1400×900, as
opened, after training and in each phase of the step-through (a teacher's review: in early_stopping
and regularization the trained cards grew wider with their thumbnails and the numbers beside them,
and the x card lay over h1). The cards must keep readable circles too: the first fix spread the
cards so far apart that Fit to Window drew early_stopping's circles ~10 px across from its Loss
phase on (15.6 px before), and a one-neuron output's t, y − t and loss term now sit under it, not in
a column right of it that took the width the spread needed.

Driven as a student meets it: the lesson opened from the Lessons menu's action, the window sized,
Play (F5) and Pause, then F7 through the step-through and Shift+F8 to leave it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import core
from lesson_support import leave_lesson
from test_canvas_texts_apart import phases_walked
from test_training_support import press
from text_probe import drawn_text_boxes

SIZES = [(1024, 700), (1400, 900)]


def lessons() -> list[str]:
    return [example.name for example in core.list_examples()]


def open_lesson(qtbot, window, name: str, size: tuple[int, int]) -> None:
    """The lesson opened as the Lessons menu opens it, the window resized to ``size`` (the canvas, fitted
    on opening, fits again when its size changes), the panels at step 0."""
    assert window.files.open_example(str(core.example_path(name)))
    leave_lesson(window)  # a guided lesson in progress keeps back what its questions ask
    window.resize(*size)
    window.apply_default_layout()
    window.training.wait_for_step_0()
    settle()


def settle() -> None:
    for _ in range(5):  # (the canvas fits again a turn of the event loop after a resize)
        QApplication.instance().processEvents()


def train_a_while(qtbot, window, steps: int = 60) -> None:
    """Play (F5) until ``steps`` steps are shown, then Pause (F5): the thumbnails show the trained maps."""
    controller = window.training
    press(qtbot, window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: controller.latest is not None and (controller.latest.step >= steps or
                                                                 not controller.running), timeout=30000)
    if controller.running:
        press(qtbot, window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not controller.running and controller.latest.state != "running", timeout=15000)
    settle()


#: the least room on screen between two facing cards, for the edges between them to be seen (pixels)
MIN_GAP_PX = 12.0


def crowded_cards(window) -> list[str]:
    """What is wrong with the drawn cards (what each layer item draws: card, name, info line, the
    numbers around it): two facing cards (their heights overlap) nearer than ``MIN_GAP_PX`` on screen,
    or a card not whole in the view."""
    net = window.document.network
    items = window.canvas.scene().layer_items
    names = sorted(items, key=lambda name: net.layer(name).position)
    rects = {name: items[name].sceneBoundingRect() for name in names}
    scale = window.canvas.transform().m11()
    found = []
    for k, left in enumerate(names):
        for right in names[k + 1:]:
            a, b = rects[left], rects[right]
            gap = (b.left() - a.right()) * scale
            if a.top() < b.bottom() and b.top() < a.bottom() and gap < MIN_GAP_PX:
                found.append(f"{left} → {right} {gap:.1f} px apart")
    shown = window.canvas.visible_scene_rect()
    found += [f"{name} not whole in the view" for name in names if not shown.contains(rects[name])]
    return found


@pytest.mark.parametrize("lesson", lessons())
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_cards_apart_as_opened_trained_and_in_every_phase(qtbot, lesson_window, lesson, size):
    window = lesson_window
    open_lesson(qtbot, window, lesson, size)
    found = {}
    if crowded_cards(window):
        found["opened"] = crowded_cards(window)
    train_a_while(qtbot, window)
    if crowded_cards(window):
        found["trained"] = crowded_cards(window)
    for phase in phases_walked(qtbot, window):
        if phase != ("opened", 0) and crowded_cards(window):
            found[phase] = crowded_cards(window)
    assert not found, f"{lesson} at {size}: {found}"


def circle_px(window) -> float:
    """How many pixels across the input layer's circles are drawn now."""
    item = window.scene.layer_items[window.document.network.layers[0].name]
    return 2 * item.radius() * window.canvas.transform().m11()


@pytest.mark.parametrize("lesson", ["early_stopping", "regularization"])
def test_the_spread_cards_keep_their_circles_readable_at_1024x700(qtbot, lesson_window, lesson):
    """15.6 px across as the step-through begins today (before the cards were spread); the first spread
    drew them 9.8–10.3 px from the Loss phase on."""
    window = lesson_window
    open_lesson(qtbot, window, lesson, (1024, 700))
    sizes = {"opened": circle_px(window)}
    train_a_while(qtbot, window)
    sizes["trained"] = circle_px(window)
    for phase in phases_walked(qtbot, window):
        sizes[phase] = circle_px(window)
    small = {phase: round(px, 1) for phase, px in sizes.items() if px < 15.5}
    assert not small, f"{lesson}: circles smaller than 15.5 px across: {small}"


def test_a_one_neuron_outputs_target_lines_sit_under_it(qtbot, lesson_window):
    """early_stopping's y in Backward writes t, y − t and its loss term under its circle, within
    its card (they took a column right of it that crowded the cards at 1024×700). (Its binary
    cross-entropy's y − t is δ: Backward writes it.)"""
    window = lesson_window
    open_lesson(qtbot, window, "early_stopping", (1024, 700))
    for phase, _ in phases_walked(qtbot, window):
        if phase == "backward":
            break
    item = window.scene.layer_items["y"]
    card = window.canvas.mapFromScene(item.mapRectToScene(item.card_rect())).boundingRect()
    circle = window.canvas.mapFromScene(item.mapToScene(item.neuron_centre(0))).y()
    lines = [(text, box) for text, box in drawn_text_boxes(window.canvas) if text in ("t", "y − t")]
    assert {text for text, _ in lines} == {"t", "y − t"}, lines
    for text, box in lines:
        assert box.top() > circle and card.left() <= box.left() and box.right() <= card.right(), (text, box, card)
    press(qtbot, window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # leave the step-through
