"""The step-through's sentences and the panels' legends say what is drawn (the teacher's review at 1024×700).

* Adam's Update sentence wrote m̂ and v̂ with combining hats, which the wrapping label drew over
  other letters ("Update ôf saˆmple 0"), and the formula lost them; it now writes the bias-corrected means out
  and says how they are corrected.
* Softmax outputs wrote "−log p" beside nodes that call their output a and y: it is "−log y".
* "The training step F8 applies trains on the next mini-batch" and "(undoable)" read plainly.
* The Loss panel's legend showed ▲ for the validation curve that the plot draws as ▼.
"""

from __future__ import annotations

import math
import unicodedata

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication, QToolBar

import core
from test_training_support import press_f8_to
from window_texts import painted_texts

#: pyqtgraph's marker symbols and the characters that look like them
GLYPHS = {"t": "▼", "t1": "▲", "o": "●"}


def open_example(qtbot, window, name: str) -> None:
    window.resize(1024, 700)
    QApplication.instance().processEvents()
    window.apply_default_layout()
    assert window.files.open_example(str(core.example_path(name)))  # the Lessons menu's action
    window.training.wait_for_step_0()
    QApplication.instance().processEvents()


def phase_sentence(qtbot, window, phase: str) -> str:
    """F8 until ``phase``; the step toolbar's sentence for it."""
    press_f8_to(qtbot, window, phase)
    return window.findChild(QToolBar, "step_toolbar").phase_text.text()


def test_adams_update_sentence_has_no_combining_hats_and_says_the_bias_correction(qtbot, main_window):
    open_example(qtbot, main_window, "circles")
    assert main_window.document.network.training.optimizer.name == "adam"
    text = phase_sentence(qtbot, main_window, "update")
    assert not [c for c in text if unicodedata.combining(c)], text  # was "m̂", "v̂": hats on other letters
    assert "new = old − lr·[m/(1 − β₁ᵗ)] / (√[v/(1 − β₂ᵗ)] + ε)" in text  # m̂ and v̂ written out
    assert "_" not in text  # an underscore (m_hat) drew as a bar over the letter of the next line ("d̄L/dw")
    toolbar = main_window.findChild(QToolBar, "step_toolbar").phase_text
    assert not toolbar.is_cut()  # the whole sentence shows at 1024×700, no "…"


def test_the_softmax_loss_term_is_named_by_the_output_the_canvas_shows(qtbot, main_window):
    open_example(qtbot, main_window, "three_classes_softmax")
    press_f8_to(qtbot, main_window, "loss")
    texts = painted_texts(main_window.canvas.scene())
    assert "−log p" not in texts  # no p anywhere on the canvas
    assert texts.count("−ln y") == 1  # the target class's term, beside its output y
    trace = main_window.view_state.stepping.trace
    out = main_window.document.network.output_layer
    k = int(trace.targets[0].argmax())
    assert main_window.view_state.format(-math.log(trace.layers[out].a[0, k])) in texts


def test_a_mini_batch_lessons_loss_and_update_sentences_read_plainly(qtbot, main_window):
    open_example(qtbot, main_window, "circles")  # sample 0 traced, the step trains on a mini-batch of 16
    loss = phase_sentence(qtbot, main_window, "loss")
    assert "(When F8 applies the step, it trains on the next mini-batch of 16 rows" in loss, loss
    assert "F8 applies trains" not in loss
    update = phase_sentence(qtbot, main_window, "update")
    assert update.endswith("(Ctrl+Z undoes it).") and "undoable" not in update, update


def test_the_loss_legend_shows_the_marker_the_plot_draws_whole(qtbot, main_window):
    open_example(qtbot, main_window, "circles")  # a validation split: a validation curve
    panel = main_window.training.ui.loss
    qtbot.waitUntil(lambda: "validation" in panel.legend_entries(), timeout=5000)
    drawn = GLYPHS[panel.val_curve.opts["symbol"]]
    assert drawn == "▼" and f"{drawn}━</span>" in panel.legend.text() and "▲" not in panel.legend.text()
    output_map = main_window.training.ui.output_map
    assert output_map.val_points.opts["symbol"] == "t" and "▽" in output_map.legend.text()  # hollow ▼
    # the validation marker at step 0 stays inside the plot while F8 walks the phases (the step toolbar's
    # sentences take more lines and the plot gets lower: its top edge cut the marker)
    press_f8_to(qtbot, main_window, "forward")
    for phase in ("loss", "backward", "update"):
        press_f8_to(qtbot, main_window, phase)
        for _ in range(5):
            QApplication.instance().processEvents()
        xs, ys = panel.val_curve.getData()
        view = panel.loss_plot.getViewBox()
        centre = view.mapViewToScene(QPointF(float(xs[0]), float(ys[0])))
        half = panel.val_curve.opts["symbolSize"] / 2
        box = view.sceneBoundingRect()
        assert box.top() <= centre.y() - half and centre.y() + half <= box.bottom(), (phase, centre.y(), half, box)
