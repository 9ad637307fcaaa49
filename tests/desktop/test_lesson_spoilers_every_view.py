"""Every bundled guided lesson keeps its open and later answers off every view a student opens, driven
as the student meets them: a neuron clicked with the Sum over paths tab in front, the asked edge's L(w)
tab, F8 through Forward, Loss, Backward and Update (the canvas, the step toolbar's sentence, every dock).

The teacher's review found them all giving answers away: the Sum over paths of a clicked neuron wrote
∂L/∂z of the outputs and dL/da (δ answers) while the canvas wrote "?"; the Update phase wrote the new
weights and biases ("what is w after one step?", and −lr·δ in a bias); L(w) wrote "one SGD step: 0.8 −
0.1·2.1 = 0.59" with an orange mark at 0.59; the Loss phase's sentence wrote L while the canvas wrote "?".

Each lesson is looked at twice: as opened (step 1: every question is ahead, all held back) and at its
last question about the network as saved (the earlier ones answered, as a student answers them). And each
"Train N steps" that a question about the trained weights follows is trained as a student does, one F6 at a
time: the losses after those steps give that answer back (guided_weight_decay: L(w₀) after 3 steps gives w₀,
and w₀ after 5 steps follows), so neither the Loss plot's curves nor any text may draw them (the plot drew the
losses after steps 1–3 at step 6 after five F6 while its caption and the status bar wrote "?": the looks above
never trained).
A number the student is given (a weight, an input, a target, the learning rate, a number of the lesson's
text, an answer already typed and what it shows) is no secret and is not looked for, nor is a number of
one digit (0.6: the plots' axes write it).
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

import core
from conftest import Canvas
from core.lesson import answer
from desktop.panels.loss import LossPanel
from test_lesson_bundled import GUIDED
from test_lesson_error_hidden import answer_up_to, lesson_at_step
from test_lesson_spoilers import open_lesson, written
from test_training_support import press
from window_texts import numbers_in, window_texts

#: questions whose answer the new weights and biases of its layer give away (new = old − lr·dL/dθ)
GRADIENT_KINDS = ("delta", "dL/db", "dL/dw")
L_OF_W_TAB = "L(w): loss vs this weight"


def question_layer(q) -> str:
    return q.target if q.target is not None else q.layer


def secrets(net: core.Network, open_from: int) -> dict[float, str]:
    """{value: what it is} of the numbers a student must not see while the questions from step
    ``open_from`` (0-based) on are unanswered: their answers (of the network as saved), and the new
    weights and biases of the step a gradient question leads to (old − lr·dL/dθ: its answer read back),
    of its layer and every layer Backward reaches after it. Less what the student is given."""
    steps = net.lesson.steps
    order = net.order()
    trace = core.trace_step(net, 0)
    found: dict[float, str] = {}
    held_layers: set[str] = set()
    for k, step in enumerate(steps):
        q = step.question
        if q is None or k < open_from or q.step != 0:
            continue
        found[answer(q, net)] = f"the answer of step {k + 1}"
        if q.kind in GRADIENT_KINDS:
            held_layers |= set(order[1:order.index(question_layer(q)) + 1])
    for source, target in net.connections:
        if target in held_layers:
            for old, new in zip(trace.weights(source, target, "before").ravel(),
                                trace.weights(source, target, "updated").ravel()):
                if old != new:
                    found.setdefault(float(new), f"a new weight of {source} → {target} (Update)")
    for layer in held_layers & set(net.biases):
        for old, new in zip(trace.bias(layer, "before"), trace.bias(layer, "updated")):
            if old != new:
                found.setdefault(float(new), f"a new bias of {layer} (Update)")
    given = given_numbers(net, open_from)
    return {value: what for value, what in found.items() if not written(value) & given and not one_digit(value)}


def one_digit(value: float) -> bool:
    """A number of one significant digit (0.6, 2): every plot's axis writes such numbers on its ticks."""
    return len(core.format_number(abs(value), 6).replace(".", "").lstrip("0")) <= 1


def given_numbers(net: core.Network, answered_before: int) -> set[str]:
    """The numbers a student has: the weights and biases, the sample, the learning rate, the lesson's
    text, the answers of the questions before step ``answered_before``, and what an answered δ (or
    dL/db) gives on screen: the layer's δ and the gradients of its weights (a · δ) and biases."""
    trace = core.trace_step(net, 0)
    values = [*net.flat, *net.dataset.inputs.ravel(), *net.dataset.targets.ravel(),
              net.training.optimizer.learning_rate]
    for step in net.lesson.steps[:answered_before]:
        q = step.question
        if q is None:
            continue
        values.append(answer(q, net))
        if q.kind in ("delta", "dL/db"):
            values += list(trace.layers[q.layer].delta.ravel())
            values += [g for source, target in net.connections if target == q.layer
                       for g in trace.weights(source, target, "gradient").ravel()]
    texts = [core.format_number(float(v), d) for v in values for d in (3, 4, 5, 6)]
    return numbers_in(texts + [step.text for step in net.lesson.steps])


def assert_none_shown(qtbot, window, hidden: dict[float, str], where: str) -> None:
    qtbot.wait(120)  # the docks rewrite themselves in the window's next turns
    texts = window_texts(window)
    shown = numbers_in(texts)
    for value, what in hidden.items():
        seen = written(value) & shown
        lines = [t for t in texts if numbers_in([t]) & seen]
        assert not seen, f"{what}, {value:.6g}, is on screen {where}: {lines[:3]}"


def click_neuron(canvas: Canvas, layer: str, k: int) -> None:
    item = canvas.scene.layer_items[layer]
    canvas.click(item.mapToScene(item.neuron_centre(k)))


def uncovered_point(canvas: Canvas, source: str, target: str, j: int, i: int):
    """A point of the edge where the edge (or its number) is the topmost thing drawn: where a student
    clicks it (a neuron's enlarged picture or a layer's card may lie over a part of it)."""
    away_from_the_neurons(canvas)
    edge = canvas.view.edge_item(source, target, j, i)
    points = [edge.label_rect().center()] if not edge.label_rect().isNull() else []
    for point in points + [edge.line.pointAt(f) for f in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)]:
        top = canvas.scene.items(point)
        if top and (top[0] is edge or top[0] is edge.label):
            return point
    return edge.line.pointAt(0.5)


def away_from_the_neurons(canvas: Canvas) -> None:
    """The mouse off the canvas's neurons (to its corner): the last one's enlarged picture goes."""
    QTest.mouseMove(canvas.view.viewport(), QPoint(1, 1))
    canvas.qtbot.wait(30)


def look_everywhere(qtbot, window, student, net: core.Network, hidden: dict[float, str], at: str) -> None:
    """Click every neuron that is not an output with Sum over paths in front; select each edge a question
    asks about with its L(w) tab in front; then F8 through every phase with a neuron's paths in front."""
    canvas = Canvas(window, qtbot)
    neurons = [(layer.name, k) for layer in net.layers if layer.name != net.output_layer for k in range(layer.units)]
    for layer, k in neurons:
        click_neuron(canvas, layer, k)
        student.click_tab("Sum over paths")
        assert_none_shown(qtbot, window, hidden, f"{at}, {layer}{k} clicked, in Sum over paths")
    edges = {(q.source, q.target, q.j, q.i) for _, q in net.lesson.questions() if q.source is not None}
    for source, target, j, i in sorted(edges):
        canvas.click(uncovered_point(canvas, source, target, j, i))
        selected = window.view_state.selection
        assert (selected.kind, selected.source, selected.target, selected.j, selected.i) == \
            ("edge", source, target, j, i), f"{at}: {selected}"
        student.click_tab("Inspector")
        student.click_tab(L_OF_W_TAB)
        assert_none_shown(qtbot, window, hidden, f"{at}, edge {source}→{target} [{j},{i}] in L(w)")
    click_neuron(canvas, *neurons[-1])
    student.click_tab("Sum over paths")
    press(qtbot, window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # a walk a step left open ends
    qtbot.waitUntil(lambda: window.view_state.stepping is None)
    for phase in ("forward", "loss", "backward", "update"):
        press(qtbot, window, Qt.Key.Key_F8)
        qtbot.waitUntil(lambda: window.view_state.stepping is not None
                        and window.view_state.stepping.phase == phase, timeout=10000)
        assert_none_shown(qtbot, window, hidden, f"{at}, F8 to {phase}")
    for source, target, j, i in sorted(edges):  # Update: the asked edges' tooltips (what hovering one shows)
        tip = canvas.view.edge_item(source, target, j, i).tooltip_text()
        assert tip.startswith(f"{source}[{i}] → {target}[{j}]"), tip
        for value, what in hidden.items():
            assert not written(value) & numbers_in([tip]), f"{what}, {value:.6g}, is in the tooltip {at}: {tip}"
    press(qtbot, window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # Cancel step: nothing applied
    qtbot.waitUntil(lambda: window.view_state.stepping is None)
    viewport = canvas.view.viewport()  # a click on the empty canvas: nothing selected, as the lesson had it
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(viewport.width() - 4, viewport.height() - 4))
    assert window.view_state.selection is None
    away_from_the_neurons(canvas)
    student.click_tab("Lesson")


@pytest.mark.parametrize("name", GUIDED)
def test_no_view_shows_an_answer_before_its_question_is_answered(qtbot, lesson_window, name):
    window = lesson_window
    path = core.example_path(name)
    net = core.load_network(path)
    student = open_lesson(qtbot, window, net, path)
    look_everywhere(qtbot, window, student, net, secrets(net, 0), "as opened")

    steps = net.lesson.steps
    last = max(k for k, s in enumerate(steps) if s.question is not None and s.question.step == 0)
    student = open_lesson(qtbot, window, net, path)  # afresh: the step-through and the clicks leave no trace
    answer_up_to(student, Canvas(window, qtbot), net, last + 1)
    look_everywhere(qtbot, window, student, net, secrets(net, last), f"at step {last + 1}")


def test_the_paths_write_an_answered_delta_and_hold_the_asked_one(qtbot, lesson_window):
    """guided_chain_rule step 6 asks δ_y1 with δ_y0 answered: h0's paths write δ_y0 as the canvas writes
    it, and "?" with the lesson's words for δ_y1 and for dL/da (δ_h0 = σ'(z_h0)·dL/da is step 8's)."""
    window = lesson_window
    canvas = Canvas(window, qtbot)
    student, net = lesson_at_step(qtbot, window, canvas, "guided_chain_rule", 6)
    delta_y = core.trace_step(net, 0).layers["y"].delta[0]
    click_neuron(canvas, "h", 0)
    student.click_tab("Sum over paths")
    qtbot.wait(120)
    text = next(t for t in window_texts(window) if t.startswith("dL/da_h0 as a sum over paths"))
    assert f"δ_y0 = {core.format_number(float(delta_y[0]), 4)}".replace("-", "−") in text, text
    assert "δ_y1 = ?" in text and "? δ_y1: shows once you answer" in text, text  # (the words once, under the table)
    assert "dL/da = ? (" in text and not written(float(delta_y[1])) & numbers_in([text])


def trained_weight_questions() -> list[tuple[str, int]]:
    """(lesson, step) of every bundled lesson's "Train N steps" step (1-based) that a question about the
    weights after training follows."""
    cases = []
    for name in GUIDED:
        steps = core.load_network(core.example_path(name)).lesson.steps
        for k, step in enumerate(steps):
            if step.action is not None and step.action.kind == "train" and any(
                    s.question is not None and s.question.kind == "weight_after_steps" for s in steps[k + 1:]):
                cases.append((name, k + 1))
    return cases


#: F6 presses at most in one "Train N steps" (guided_weight_decay's 95: five show whether a loss leaks)
MOST_PRESSES = 5


def losses_after_steps(net: core.Network, steps: int) -> dict[float, str]:
    """{L: "the loss after k steps"} at the weights after k = 1 … ``steps`` of the lesson's training from the
    weights as saved (L with its penalty, as training minimizes it): each is the loss of a full batch."""
    trainer = core.Trainer(net.copy())
    found = {}
    for k in range(1, steps + 1):
        trainer.run(steps=1)
        found.setdefault(float(trainer.evaluate().train_loss), f"the loss after {k} steps")
    return found


def drawn_points(panel: LossPanel) -> list[tuple[str, float, float]]:
    """(curve, x, y) of every point the Loss plot draws: its curves and scatter points, this run's and the
    compared runs'."""
    points = []
    for item in panel.loss_plot.listDataItems():
        if not item.isVisible():
            continue
        x, y = item.getData()
        if x is None or y is None:
            continue
        name = item.name() or f"curve {panel.loss_plot.listDataItems().index(item)}"
        points += [(name, float(a), float(b)) for a, b in zip(x, y)]
    return points


@pytest.mark.parametrize("name, train_step", trained_weight_questions())
def test_no_loss_after_the_lessons_steps_is_drawn_before_its_question_is_answered(qtbot, lesson_window, name,
                                                                                   train_step):
    window = lesson_window
    window.resize(1024, 700)
    net = core.load_network(core.example_path(name))
    student = open_lesson(qtbot, window, net, core.example_path(name))
    answer_up_to(student, Canvas(window, qtbot), net, train_step)
    before = sum(s.action.steps for s in net.lesson.steps[:train_step - 1]
                 if s.action is not None and s.action.kind == "train")
    presses = min(net.lesson.steps[train_step - 1].action.steps, MOST_PRESSES)
    panel = window.findChild(LossPanel)
    panel.show_gradients.trigger()  # View → Mean |dL/dw| per Layer: dL/dw after k steps gives the weights too
    controller = window.training
    for k in range(1, presses + 1):
        press(qtbot, window, Qt.Key.Key_F6)
        qtbot.waitUntil(lambda k=k: not controller.running and controller.latest.step == before + k, timeout=10000)
    held = losses_after_steps(net, before + presses)
    qtbot.waitUntil(lambda: controller.latest.finished and panel.summary.text() != "", timeout=5000)
    qtbot.wait(120)
    points = drawn_points(panel)
    for value, what in held.items():  # at full precision
        drawn = [p for p in points if np.isclose(p[2], value, rtol=1e-9, atol=0)]
        assert not drawn, f"{name} s{train_step} after F6 ×{presses}: {what}, {value!r}, is drawn: {drawn}"
    gradients = [(x, y) for item in panel.gradient_lines.plot.listDataItems() for x, y in zip(*item.getData())
                 if item.getData()[0] is not None]
    assert gradients and all(x == 0 for x, _ in gradients), f"mean |dL/dw| after training is drawn: {gradients}"
    hidden = {value: what for value, what in held.items() if not one_digit(value)}
    where = f"{name} s{train_step} after F6 ×{presses}"
    assert_none_shown(qtbot, window, hidden, where)  # the caption, the status bar, the axes' numbers
    tips = [panel.legend.toolTip(), panel.summary.toolTip()]  # what hovering the legend or the figures shows
    for value, what in hidden.items():
        assert not written(value) & numbers_in(tips), f"{what}, {value:.6g}, is in a tooltip {where}: {tips}"
    steps = net.lesson.steps
    asks = [k for k, s in enumerate(steps) if s.question is not None and s.question.kind == "weight_after_steps"]
    if presses == steps[train_step - 1].action.steps and asks[-1] == train_step:  # (0-based: the next step)
        student.next()  # the last question about the trained weights answered: the losses it held are drawn
        assert student.type_answer(f"{answer(steps[train_step].question, net):.10g}").startswith("Right")
        qtbot.waitUntil(lambda: all(any(np.isclose(p[2], value, rtol=1e-9, atol=0) for p in drawn_points(panel))
                                    for value in held), timeout=5000)
    panel.show_gradients.trigger()
    window.resize(1300, 850)
