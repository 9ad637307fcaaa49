"""guided_perceptron step 9 asks where w is after the lesson's 3 steps. With the edge selected, the Inspector's
L(w) draws nothing (the loss is held), but its axes stayed where the last curve had put them: centred on the
trained weight, 0.411 ± 1, and the plot's right-click menu wrote the ends (teacher review 20 #0). The empty
plot now shows 0–1, and its caption gives the lesson's reason, not the step-through's."""

from __future__ import annotations

from core.lesson import answer
from desktop.on_screen import on_screen
from desktop.panels.loss_of_weight import LossOfWeightPlot
from test_lesson_error_hidden import lesson_at_step


def test_the_empty_loss_of_weight_plot_keeps_no_trace_of_the_held_weight(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 9)
    held = answer(net.lesson.steps[8].question, net)  # w after the lesson's 3 steps
    canvas.click(canvas.edge_label("x", "y", 0, 0))
    qtbot.waitUntil(lambda: getattr(window.view_state.selection, "kind", None) == "edge", timeout=5000)
    student.click_tab("Inspector")
    student.click_tab("L(w): loss vs this weight")
    plot = next(p for p in window.findChildren(LossOfWeightPlot))
    qtbot.waitUntil(lambda: on_screen(plot), timeout=5000)
    qtbot.wait(100)
    assert plot.curve_line.xData is None or not plot.curve_line.xData.size  # nothing drawn: the loss is held
    (x0, x1), _ = plot.plot.getViewBox().viewRange()
    assert abs((x0 + x1) / 2 - held) > 0.02, f"the empty plot's x axis is centred on the held weight {held}"
    for end in (x0, x1):
        for span in (0.25, 0.5, 1.0, 2.0):
            assert min(abs(end - (held - span)), abs(end - (held + span))) > 1e-3, \
                f"the x axis ends at {end}: the held weight {held} ± {span}"
    caption = plot.caption.text()
    assert "once you answer" in caption and "before the Loss phase" not in caption, caption
