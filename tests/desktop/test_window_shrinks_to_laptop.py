"""A window opened at 1400×900 and then shrunk to a laptop's 1024×700 (moved to a smaller screen,
un-maximised) gets the laptop's layout (a teacher's review): it kept the 1400 layout, 350-px docks on
both sides, so the canvas had about 310 px. guided_chain_rule step 7 ("step through until Backward
reaches h"), shrunk after two F8 presses, then drew its network at the smallest zoom at the third: the
y card cut at the canvas's edge, the h → y numbers 0.2 and −0.4 that step 8's dL/da_h0 needs gone,
and beside it the Loss plot 25 px high over a Weight trajectories dock.

Docks the student arranged stay as arranged, but the canvas keeps its share of the window; grown
again, a window with the default docks gets the large layout back."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from desktop.dock_layout import CANVAS_SHARE
from desktop.on_screen import on_screen
from test_lesson_error_hidden import lesson_at_step

DESKTOP, LAPTOP = (1400, 900), (1024, 700)


def resize_window(qtbot, window, size: tuple[int, int]) -> None:
    """The window dragged (or un-maximised) to ``size``; the event loop turned until the docks and the
    canvas have followed (a turn for the docks, one for the canvas's fit, one for what that lays out)."""
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    for _ in range(5):
        QApplication.instance().processEvents()


def opened_large_at_step_7(qtbot, window, canvas):
    """guided_chain_rule worked up to step 7 in a window opened at 1400×900 (its default layout); the student."""
    resize_window(qtbot, window, DESKTOP)
    window.apply_default_layout()  # as a window opened at this size has it
    student, _net = lesson_at_step(qtbot, window, canvas, "guided_chain_rule", 7)
    qtbot.wait(50)
    return student


def press_f8(qtbot, student, phase: str) -> None:
    """F8 on the canvas, once, until the step-through shows ``phase`` (the first press waits for the traced step)."""
    window = student.window
    student.press(Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.view_state.stepping is not None and window.view_state.stepping.phase == phase,
                    timeout=10000)
    for _ in range(5):
        QApplication.instance().processEvents()


def cut_cards(window) -> list[str]:
    """The layers whose card is not whole inside the canvas's viewport."""
    view, shown = window.canvas, QRectF(window.canvas.viewport().rect())
    return [name for name, item in window.scene.layer_items.items()
            if not shown.contains(view.mapFromScene(item.mapRectToScene(item.card_rect())).boundingRect())]


def edge_number(window, src: str, tgt: str, j: int, i: int) -> str | None:
    """The number painted on the edge w[src→tgt][j, i] inside the viewport; None when it has no spot."""
    edge = window.canvas.edge_item(src, tgt, j, i)
    rect = edge.label_rect()
    if rect.isNull():
        return None
    on_screen = window.canvas.mapFromScene(rect).boundingRect()
    return edge.label_size()[0] if window.canvas.viewport().rect().contains(on_screen) else None


def tabbed_with_loss(window) -> bool:
    return window.panel_docks["trajectories_panel"] in window.tabifiedDockWidgets(window.panel_docks["loss_panel"])


def test_shrunk_mid_step_through_the_window_gets_the_laptop_layout_and_backward_shows_whole(qtbot, main_window, canvas):
    window = main_window
    student = opened_large_at_step_7(qtbot, window, canvas)
    press_f8(qtbot, student, "forward")
    press_f8(qtbot, student, "loss")
    resize_window(qtbot, window, LAPTOP)
    press_f8(qtbot, student, "backward")  # Backward reaches h: the moment step 7 is about
    share = window.canvas.width() / window.width()
    assert share >= CANVAS_SHARE, f"the canvas has {window.canvas.width()} px of the 1024 ({share:.0%})"
    assert not cut_cards(window), f"cards cut at the canvas's edge in Backward: {cut_cards(window)}"
    assert tabbed_with_loss(window), "the Weight trajectories take half the Loss panel's column at 1024×700"
    assert window.panels["loss"].height() > 150
    press_f8(qtbot, student, "update")
    assert not cut_cards(window), f"cards cut at the canvas's edge in Update: {cut_cards(window)}"


def test_shrunk_without_a_step_through_the_weights_step_8_needs_stay_on_the_canvas(qtbot, main_window, canvas):
    """Step 8 asks dL/da_h0 = w[h→y][0,0]·δ_y0 + w[h→y][1,0]·δ_y1: the 0.5 and the 0.2 on the h → y edges."""
    window = main_window
    opened_large_at_step_7(qtbot, window, canvas)
    weights = window.document.network.weights[("h", "y")]
    assert edge_number(window, "h", "y", 1, 0) == f"{weights[1, 0]:g}" == "0.2"
    resize_window(qtbot, window, LAPTOP)
    assert edge_number(window, "h", "y", 0, 0) == "0.5"
    assert edge_number(window, "h", "y", 1, 0) == "0.2", "w[h→y][1,0] lost its number at 1024×700"
    assert not window.scene.hidden_edge_numbers()
    assert not cut_cards(window)


def test_grown_again_the_window_gets_the_large_layout_back(qtbot, main_window, canvas):
    window = main_window
    opened_large_at_step_7(qtbot, window, canvas)
    large = window.canvas.width()
    resize_window(qtbot, window, LAPTOP)
    resize_window(qtbot, window, DESKTOP)
    assert not tabbed_with_loss(window), "at 1400×900 the Weight trajectories have their place below the Loss panel"
    assert window.panel_docks["trajectories_panel"].isVisible()
    assert abs(window.canvas.width() - large) <= 4


def drag_separator(window, start: QPoint, end: QPoint) -> None:
    """The mouse pressed on the window's separator at ``start``, moved to ``end`` and released (window coordinates)."""
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    steps = [(QEvent.Type.MouseButtonPress, start, left, left)]
    steps += [(QEvent.Type.MouseMove, start + (end - start) * (k / 4), none, left) for k in range(1, 5)]
    steps += [(QEvent.Type.MouseButtonRelease, end, left, none)]
    for kind, pos, button, buttons in steps:
        event = QMouseEvent(kind, QPointF(pos), QPointF(window.mapToGlobal(pos)), button, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(window, event)
        QApplication.instance().processEvents()


def test_docks_the_student_arranged_stay_but_the_canvas_keeps_its_share(qtbot, main_window, canvas):
    window = main_window
    opened_large_at_step_7(qtbot, window, canvas)
    lesson_dock = window.lesson_dock
    wide = lesson_dock.width()
    separator_x = (lesson_dock.geometry().right() + window.canvas.geometry().left()) // 2 + 1
    y = window.canvas.geometry().center().y()
    drag_separator(window, QPoint(separator_x, y), QPoint(separator_x + 120, y))
    assert lesson_dock.width() >= wide + 100, "the separator drag did not widen the Lesson panel"
    widened = lesson_dock.width()
    resize_window(qtbot, window, LAPTOP)
    share = window.canvas.width() / window.width()
    assert share >= CANVAS_SHARE - 0.01, f"the canvas has {window.canvas.width()} px of the 1024 ({share:.0%})"
    assert not tabbed_with_loss(window), "the student's docks were laid out again"
    right = window.panel_docks["loss_panel"].width()
    assert lesson_dock.width() > right and lesson_dock.width() < widened  # both gave room, the wider more
    assert not cut_cards(window)
    assert edge_number(window, "h", "y", 1, 0) == "0.2", "w[h→y][1,0] lost its number at 1024×700"


def reopened(qtbot, size: tuple[int, int]):
    """A new window with the layout the last one saved on closing, as the student starts the app again."""
    from desktop.app import create_main_window

    window = create_main_window(restore_layout=True)
    window.show()
    qtbot.waitExposed(window)
    resize_window(qtbot, window, size)
    return window


def drag_left_separator(window, by: int) -> None:
    """The separator between the left docks and the canvas dragged ``by`` px to the right."""
    left = next(d for d in (window.inspector_dock, window.history_dock, window.lesson_dock) if on_screen(d))
    x = (left.geometry().right() + window.canvas.geometry().left()) // 2 + 1
    y = window.canvas.geometry().center().y()
    drag_separator(window, QPoint(x, y), QPoint(x + by, y))


def test_reopened_the_default_docks_still_follow_the_size_and_arranged_ones_stay(qtbot, dialogs):
    from desktop.app import create_main_window

    window = create_main_window(restore_layout=False)  # a first start: the default layout
    window.show()
    resize_window(qtbot, window, DESKTOP)
    window.close()  # saves the layout: the default one of 1400×900
    window = reopened(qtbot, LAPTOP)
    try:
        assert tabbed_with_loss(window), "a reopened window with the default docks kept the 1400 layout at 1024×700"
        assert window.canvas.width() / window.width() >= CANVAS_SHARE
        resize_window(qtbot, window, DESKTOP)
        assert not tabbed_with_loss(window)
        wide = window.canvas.geometry().left()
        drag_left_separator(window, 100)
        assert window.canvas.geometry().left() >= wide + 90, "the separator drag did not move the canvas"
    finally:
        window.close()  # saves the student's arrangement
    window = reopened(qtbot, LAPTOP)
    try:
        assert not tabbed_with_loss(window), "the docks the student arranged were laid out again"
        assert window.canvas.width() / window.width() >= CANVAS_SHARE - 0.01
    finally:
        window.close()


def test_view_default_layout_puts_the_docks_back_and_they_follow_the_size_again(qtbot, main_window, canvas):
    window = main_window
    opened_large_at_step_7(qtbot, window, canvas)
    large = window.canvas.width()
    drag_left_separator(window, 120)
    assert window.canvas.width() <= large - 100
    window.actions_by_name["default_layout"].trigger()  # View → Default Layout
    for _ in range(5):
        QApplication.instance().processEvents()
    assert abs(window.canvas.width() - large) <= 4, "View → Default Layout left the student's arrangement"
    resize_window(qtbot, window, LAPTOP)
    assert tabbed_with_loss(window), "after View → Default Layout the docks no longer followed the window's size"
    assert window.canvas.width() / window.width() >= CANVAS_SHARE
