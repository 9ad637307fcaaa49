"""The Loss panel reads whole in a guided lesson's narrow right column at 1024×700 (about 200 px wide).

The gallery showed guided_chain_rule and guided_perceptron with the legend's "━●━ epoch" cut by the
Log scale box ("mean" wrapped under it, "○ now, all data" a tall column beside the controls), and a
step axis that read a lone "1" before training. A student opens each guided lesson from the Lessons
menu in a laptop window: as opened, and after leaving the lesson and training, the legend's entries
and the controls are drawn whole and apart, above the plot, which keeps its height; the step axis
shows its first tick, step 0, and at least one more.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRectF
from PySide6.QtWidgets import QApplication

import core
from desktop.panels.loss import MIN_PLOT_HEIGHT, LossPanel
from desktop.panels.loss_words import SHORT_LABELS
from lesson_support import leave_lesson
from test_loss_plot_axes import drawn_labels, settle
from test_status_bar_readable import drawn_lines

LESSONS = ["guided_chain_rule", "guided_perceptron", "guided_weight_decay", "guided_softmax"]


def open_in_laptop_window(qtbot, window, name: str) -> LossPanel:
    """``name`` opened from the Lessons menu in a 1024×700 window with the default layout; its Loss panel."""
    window.resize(1024, 700)
    QApplication.instance().processEvents()
    window.apply_default_layout()
    assert window.files.open_example(str(core.example_path(name)))
    window.training.wait_for_step_0()
    panel = window.findChild(LossPanel)
    settle(panel)
    return panel


def train(qtbot, window, steps: int) -> None:
    c = window.training
    c.step(steps)
    qtbot.waitUntil(lambda: not c.running and c.latest is not None and c.latest.state != "running", timeout=30000)


def in_panel(panel, widget, rect: QRectF) -> QRectF:
    return rect.translated(widget.mapTo(panel, QPoint(0, 0)).toPointF())


def assert_header_whole_and_apart(panel, where: str) -> None:
    controls = [panel.log_scale, panel.runs_button]
    boxes = {}
    for widget in [panel.legend, *controls]:
        lines = drawn_lines(widget)
        assert lines, (where, widget.objectName())
        for text, box in lines:  # every run inside its widget: nothing cut by the widget's edge
            assert box.left() >= -0.5 and box.right() <= widget.width() + 0.5, (where, text, box, widget.width())
            assert box.top() >= -0.5 and box.bottom() <= widget.height() + 0.5, (where, text, box, widget.height())
        boxes[widget] = [(text, in_panel(panel, widget, box)) for text, box in lines]
    shown = [in_panel(panel, c, QRectF(c.rect())) for c in controls]
    assert not shown[0].intersects(shown[1]), (where, shown)
    for text, box in boxes[panel.legend]:  # the legend's words are drawn on none of the controls
        for control, rect in zip(controls, shown):
            assert not box.intersects(rect), (where, text, box, control.objectName(), rect)
    plots = QRectF(panel.plots.geometry())
    for widget, runs in boxes.items():  # all above the plots
        assert all(box.bottom() <= plots.top() + 0.5 for _, box in runs), (where, widget.objectName(), runs, plots)
    # each entry whole on one line: its whole name, or the shorter one (the whole one then in the tooltip)
    lines: dict[int, str] = {}
    for text, box in boxes[panel.legend]:
        lines[round(box.top())] = lines.get(round(box.top()), "") + text.replace("\xa0", " ")
    for name in panel.legend_entries():
        short = SHORT_LABELS.get(name, name)
        assert any(name in line or short in line for line in lines.values()), (where, name, lines)
        if not any(name in line for line in lines.values()):
            assert name in panel.legend.toolTip(), (where, name)


def assert_step_axis_scaled(panel, where: str) -> None:
    lowest = [p for p in (panel.loss_plot, panel.accuracy_plot) if p.isVisible()][-1]
    labels = drawn_labels(lowest.getAxis("bottom"))
    texts = [text for _, text in labels]
    assert len(labels) >= 2 and "0" in texts, (where, texts)
    for k, (rect, text) in enumerate(labels):
        assert all(not rect.intersects(other) for other, _ in labels[k + 1:]), (where, texts)


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_loss_panel_reads_whole_in_a_lessons_narrow_column(qtbot, lesson_window, lesson):
    window = lesson_window
    panel = open_in_laptop_window(qtbot, window, lesson)
    assert panel.width() <= 220, panel.width()  # the lesson's narrow right column (dock_layout.NARROW_WIDTH)
    assert_header_whole_and_apart(panel, f"{lesson} as opened")
    assert_step_axis_scaled(panel, f"{lesson} as opened")
    assert panel.plots.height() >= MIN_PLOT_HEIGHT, panel.plots.height()
    leave_lesson(window)  # the student leaves the lesson to train
    train(qtbot, window, 60)
    settle(panel)
    assert panel.plots.height() >= MIN_PLOT_HEIGHT, panel.plots.height()
    assert_header_whole_and_apart(panel, f"{lesson} trained")
    assert_step_axis_scaled(panel, f"{lesson} trained")
