"""The Inspector's L(w) tab at 1024×700 (the teacher's review): the key above the plot, the one line
in view, says whose loss the curve is and names only the marks drawn (the orange step only when it
can be seen, the green squares when they are drawn); the plot, its x-axis title included, is in view
without scrolling. It read "Loss vs this weight … orange: one SGD step" over a step hidden under ●,
never named the green squares, and "this weight w" was cut at the bottom of the Inspector."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtWidgets import QApplication, QScrollArea

import core
from test_status_bar_readable import drawn_lines


def open_xor_at_1024(qtbot, window):
    window.resize(1024, 700)
    assert window.files.open_example(str(core.example_path("xor")))  # the Lessons menu's action
    window.apply_default_layout()
    qtbot.waitUntil(lambda: window.training.latest is not None, timeout=15000)


def train_with_play(qtbot, window, steps: int) -> None:
    """F5 Play, then F5 Pause once at least ``steps`` steps are taken."""
    controller = window.training
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: controller.latest is not None and controller.latest.step >= steps, timeout=30000)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not controller.running and controller.latest.finished, timeout=10000)


def click_loss_of_weight_tab(qtbot, window):
    """Click the Inspector's "L(w): loss vs this weight" tab of the selected edge, as a student does,
    and wait until its plot is shown; the edge page."""
    page = window.inspector.edge_page
    bar = page.tabs.tabBar()
    index = page.tabs.indexOf(page.loss_of_weight)
    qtbot.waitUntil(lambda: bar.isVisible() and bar.tabRect(index).width() > 0, timeout=5000)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    qtbot.waitUntil(lambda: page.curve_plot.isVisible() and page.curve_plot.getViewBox().width() > 50, timeout=5000)
    return page


def click_edge_and_lw_tab(qtbot, window, canvas, edge):
    canvas.click(canvas.edge_point(*edge, fraction=0.4))  # the student clicks the edge on the canvas
    qtbot.waitUntil(lambda: window.view_state.selection is not None
                    and window.view_state.selection.kind == "edge", timeout=5000)
    page = click_loss_of_weight_tab(qtbot, window)
    for _ in range(5):
        QApplication.processEvents()  # the plot fits the room it has
    return page


def scroll_viewport(widget):
    """The viewport of the scroll area ``widget`` is in (the Inspector's)."""
    while not isinstance(widget, QScrollArea):
        widget = widget.parentWidget()
    return widget.viewport()


def in_view(widget, viewport) -> bool:
    """True when all of ``widget`` lies inside ``viewport`` (the Inspector's scroll area's)."""
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    return QRect(0, 0, viewport.width(), viewport.height()).contains(QRect(top_left, widget.size()))


def on_screen_length(plot, line) -> float:
    """How long ``line`` (two points, in the plot's view coordinates) is on screen, in pixels."""
    xs, ys = line.getData()
    view = plot.getViewBox()
    a, b = (view.mapViewToScene(QPointF(x, y)) for x, y in zip(xs, ys))
    return math.hypot(a.x() - b.x(), a.y() - b.y())


def test_at_1024_the_lw_key_says_whose_loss_and_names_only_what_is_drawn(qtbot, main_window, canvas):
    window = main_window
    open_xor_at_1024(qtbot, window)
    train_with_play(qtbot, window, 100)
    page = click_edge_and_lw_tab(qtbot, window, canvas, ("h", "y", 0, 0))
    assert window.view_state.sample == 0
    lw = page.loss_of_weight
    viewport = scroll_viewport(page)
    assert in_view(lw.key_note, viewport) and in_view(page.curve_plot, viewport)  # the key and the whole plot
    axis = page.curve_plot.getAxis("bottom")
    assert axis.labelText == "this weight w" and axis.label.isVisible()
    margin = axis.label.document().documentMargin()  # the text item's box is its words and this margin round them
    title = axis.label.mapRectToScene(axis.label.boundingRect()).adjusted(margin, margin, -margin, -margin)
    assert title.bottom() <= page.curve_plot.height(), (title, page.curve_plot.height())  # the plot holds it whole

    key = lw.key_note.text()
    assert key.startswith("L(w) of sample 0, all other weights fixed. ● now · dashed: slope dL/dw"), key
    written = "".join(text for text, _ in drawn_lines(lw.key_note)).replace(" ", "")
    assert written == key.replace(" ", "")  # whole, no "…"
    squares, _ = page.earlier_line.getData()
    assert squares is not None and len(squares) > 1  # training drew the weight's earlier values
    assert "green squares: this weight earlier in training" in key
    step_seen = on_screen_length(page.curve_plot, page.step_line) >= 6
    assert ("orange:" in key) == step_seen, (key, on_screen_length(page.curve_plot, page.step_line))
    if not step_seen:  # then the caption says where it is
        assert "the orange step lies under ●: too short to see at this scale" in page.curve_caption.text()


def test_before_backward_the_key_names_no_slope_and_before_loss_no_marks(qtbot, main_window, canvas):
    window = main_window
    open_xor_at_1024(qtbot, window)
    page = click_edge_and_lw_tab(qtbot, window, canvas, ("h", "y", 0, 0))
    key = page.loss_of_weight.key_note
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_F8)  # Next phase: Forward
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    assert key.text() == ""  # no curve before the Loss phase: nothing to name
    qtbot.keyClick(window.canvas, Qt.Key.Key_F8)  # the Loss phase: the curve, no slope yet
    qtbot.waitUntil(lambda: window.view_state.stepping.phase == "loss", timeout=5000)
    qtbot.waitUntil(lambda: key.text().startswith("L(w) of sample 0"), timeout=5000)
    assert "dashed" not in key.text() and "orange" not in key.text()
    tangent, _ = page.tangent_line.getData()
    assert tangent is None or len(tangent) == 0
