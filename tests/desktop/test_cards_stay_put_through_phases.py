"""The step-through's cards stay where they are while the student presses F8 (a teacher's review):
exam_csv's y card jumped ~16 px left and 11 px up from Forward to Loss at 1024×700, and at 1400×900
y₁'s "t 1" line moved ~37 px down as Loss wrote y − t under y₀. The room of the lines later phases
add (y − t, the loss terms, L under the card) is kept from the step-through's start."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication

from test_editor_readable import open_at
from text_probe import drawn_text_boxes

LAPTOP, DESKTOP = (1024, 700), (1400, 900)
#: how far (pixels on screen) a card or a target line may move between phases (rounding of the zoom)
STILL_PX = 1.5


def layout_on_screen(window) -> dict[str, QRectF]:
    """Each layer card (its circles' column) and each output target line "t …" where the viewport shows it."""
    view = window.canvas
    shown = {}
    for name, item in window.scene.layer_items.items():
        shown[name] = QRectF(view.mapFromScene(item.mapRectToScene(item.card_rect())).boundingRect())
    targets = sorted((box.top(), box) for text, box in drawn_text_boxes(view) if text.strip() == "t")
    for n, (_, box) in enumerate(targets):
        shown[f"t line {n}"] = box
    return shown


def moved(before: dict[str, QRectF], after: dict[str, QRectF]) -> dict[str, tuple[float, float]]:
    """What moved (or changed size) by more than ``STILL_PX``, with how far its corner went."""
    found = {}
    for key in before.keys() | after.keys():
        a, b = before.get(key), after.get(key)
        if a is None or b is None:
            found[key] = "gone" if b is None else "new"
            continue
        if max(abs(a.left() - b.left()), abs(a.top() - b.top()), abs(a.width() - b.width()),
               abs(a.height() - b.height())) > STILL_PX:
            found[key] = (round(b.left() - a.left(), 1), round(b.top() - a.top(), 1))
    return found


def settled_layout(qtbot, window) -> dict[str, QRectF]:
    """``layout_on_screen`` once the window has laid itself out after a press: the step bar's new height
    resizes the canvas, and Fit follows a turn of the event loop later (more turns on a busy machine)."""
    shown, same = layout_on_screen(window), 0
    for _ in range(40):
        qtbot.wait(10)
        QApplication.instance().processEvents()
        now = layout_on_screen(window)
        same = same + 1 if not moved(shown, now) else 0
        shown = now
        if same == 3:
            break
    return shown


def test_exam_csvs_cards_and_target_lines_stay_put_from_forward_to_update(qtbot, lesson_window):
    window = lesson_window
    found = {}
    for size in (LAPTOP, DESKTOP):
        open_at(window, "exam_csv", size)
        qtbot.keyClick(window, Qt.Key.Key_F8)  # the step-through starts in Forward
        qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
        first = settled_layout(qtbot, window)
        assert any(key.startswith("t line") for key in first), "no target line drawn in Forward"
        while window.view_state.stepping.phase != "update":
            qtbot.keyClick(window, Qt.Key.Key_F8)
            shift = moved(first, settled_layout(qtbot, window))
            if shift:
                found[size, window.view_state.stepping.phase] = shift
        qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert not found, f"moved from Forward: {found}"
