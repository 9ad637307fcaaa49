"""A Step (F6) reaches the canvas once: one announcement of the view state, one painting.

Issue 20: a Step reached the canvas twice, through the commit of its weights into the
document and through its snapshot (the next mini-batch's rows), so the canvas, the chain
rule and every other reader of the view state did their work twice and the canvas painted
twice. Driven by the F6 key in the real window with its training process.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt

import core

from test_training_support import training_window, xor_network  # noqa: F401 (a fixture)


class Paints(QObject):
    """Counts the paint events the canvas's viewport receives."""

    def __init__(self, widget):
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_f6_paints_the_canvas_once_with_the_steps_weights(qtbot, training_window):
    window = training_window(xor_network(hidden=3))
    c, doc, view_state = window.training, window.document, window.view_state
    view_state.set_sample(None)  # the next mini-batch: each Step tells the canvas new rows to trace
    qtbot.waitUntil(lambda: c.worker.is_ready, timeout=30000)
    assert c.wait_for_step_0()
    qtbot.wait(200)  # whatever step 0 left to paint
    paints = Paints(window.canvas.viewport())
    announced = []
    view_state.changed.connect(lambda: announced.append(view_state.batch_rows.copy()))
    for step in (1, 2, 3):
        paints.count, announced[:] = 0, []
        window.canvas.setFocus()
        qtbot.keyClick(window.canvas, Qt.Key.Key_F6)
        qtbot.waitUntil(lambda: not c.running and c.latest is not None and c.latest.step == step, timeout=10000)
        qtbot.wait(150)  # time for any second painting to come
        assert len(announced) == 1, f"Step {step}: the view state announced {len(announced)} changes, not one"
        assert paints.count == 1, f"Step {step}: the canvas painted {paints.count} times, not once"
        # what was painted once is the step's: its weights on the edges, the next batch traced
        assert np.array_equal(announced[0], c.latest.next_rows)
        scene = window.canvas.scene()
        assert np.array_equal(scene.values["x", "h"], doc.network.weights["x", "h"])
        assert np.array_equal(view_state.parameters(), c.latest.parameters)


def test_each_f6_and_digits_change_repaints_every_edge_number_apart(qtbot, training_window):
    """The canvas keeps where the edges' numbers sit between frames when nothing that places them
    changed (their widths, the cards, the edges). After every Step (F6) and every change of View →
    Digits on Canvas, each edge's number on screen is the document's weight at the digits chosen,
    and no canvas text is written over another."""
    from text_probe import drawn_texts, overlapping_texts

    from test_editor_readable import open_at

    # the fixture's window; sine_regression at 1024×700 has too little room for all 20 numbers of its 1-10-1
    window = training_window(xor_network())
    open_at(window, "sine_regression", (1024, 700))
    c, doc, view_state = window.training, window.document, window.view_state
    qtbot.waitUntil(lambda: c.worker.is_ready, timeout=30000)
    qtbot.wait(100)
    scene = window.canvas.scene()

    def check(when: str) -> None:
        texts = [text for text, _ in drawn_texts(window.canvas)]
        for (source, target), weights in doc.network.weights.items():
            for j, i in np.ndindex(weights.shape):
                edge = scene.connection_items[source, target].edge(j, i)
                if edge.label_rect().isNull():
                    continue  # no room: named on hover
                written = view_state.format(weights[j, i])
                assert written in texts, f"{when}: w {source}[{i}] → {target}[{j}] = {written} not on the canvas"
                assert edge.label_size()[0] == written
        assert not overlapping_texts(window.canvas), f"{when}: texts written over each other"

    check("opened")
    for step in range(1, 6):
        window.canvas.setFocus()
        qtbot.keyClick(window.canvas, Qt.Key.Key_F6)
        qtbot.waitUntil(lambda: not c.running and c.latest is not None and c.latest.step == step, timeout=10000)
        qtbot.wait(50)
        check(f"Step {step}")
    from test_training_protocol import type_weight

    (source, target), weights = list(doc.network.weights.items())[-1]
    for n, text in enumerate(("-12.3456", "0.5", "-98.7654", "7")):  # wider and narrower numbers typed
        type_weight(qtbot, window, source, target, 0, n % weights.shape[1], text)
        qtbot.waitUntil(lambda: abs(doc.network.weights[source, target][0, n % weights.shape[1]] - float(text)) < 1e-9)
        qtbot.wait(50)
        check(f"typed {text}")
    for digits in (6, 2, 6, 4):  # wider, narrower, then as before: the numbers are placed again each time
        window.actions_by_name[f"digits_{digits}"].trigger()
        qtbot.wait(50)
        check(f"{digits} digits")
        before = doc.network.flat.copy()
        window.canvas.setFocus()
        qtbot.keyClick(window.canvas, Qt.Key.Key_F6)
        qtbot.waitUntil(lambda: not c.running and not np.array_equal(doc.network.flat, before), timeout=10000)
        qtbot.wait(50)
        check(f"Step at {digits} digits")


def test_f6_on_a_big_network_paints_the_step_before_its_figures_on_all_the_data(qtbot, training_window):
    """784-64-10: measuring all the data takes longer than a frame, so F6 is answered with the step
    first. The canvas is painted with the step's weights before the figures on all the data arrive;
    the status bar names the step all along, and the figures that arrive later are that step's."""
    from core.notation import format_loss
    from training_networks import big_network

    window = training_window(big_network())
    c, doc = window.training, window.document
    qtbot.waitUntil(lambda: c.worker.is_ready, timeout=30000)
    assert c.wait_for_step_0()
    qtbot.wait(100)
    paints = Paints(window.canvas.viewport())
    status = window.training.ui.status_label
    seen = []  # (what arrived, its step, the status bar's text, canvas paintings so far, weights on the canvas)
    scene = window.canvas.scene()

    def note(what):
        def record(snap):
            if snap.finished and snap.state != "ready":
                seen.append((what, snap.step, status.text(), paints.count, scene.values["h", "y"].copy(),
                             snap.evaluation_pending))
        return record

    c.snapshot_shown.connect(note("shown"))
    c.evaluated.connect(note("evaluated"))
    for step in (1, 2):
        seen.clear()
        paints.count = 0
        window.canvas.setFocus()
        qtbot.keyClick(window.canvas, Qt.Key.Key_F6)
        qtbot.waitUntil(lambda: [what for what, *_ in seen] == ["shown", "evaluated"], timeout=10000)
        (_, shown_step, shown_text, _, _, pending), (_, step_evaluated, text, painted, on_canvas, _) = seen
        assert shown_step == step_evaluated == step and pending
        assert f"Step {step} " in shown_text and "all training data" not in shown_text
        assert painted >= 1, "the canvas was not painted before the figures on all the data arrived"
        assert np.array_equal(on_canvas, doc.network.weights["h", "y"])  # the step's weights, painted
        assert np.array_equal(doc.network.flat, c.latest.parameters)
        trainer = core.Trainer(doc.network.copy())  # the figures on all the data, at the step's weights
        expected = trainer.evaluate()
        assert f"Step {step} " in text and f"now, all training data: loss {format_loss(expected.train_loss)}" in text
        qtbot.wait(50)
        assert status.text() == text
