"""The canvas names the cross-entropy terms with ln, as the Inspector, Reveal and the lessons do (review 14 #10).

The canvas wrote "−log y 1.941" (three_classes_softmax) and "−log(1 − y) 0.659" (spiral) beside the
output neurons while the Inspector in the same window wrote "L = −[t ln y + (1 − t) ln(1 − y)] … ln is
the natural log", and guided_softmax had to warn that "the canvas writes it log". A student walks each
cross-entropy example to its Loss phase (F8) and reads every text painted on the canvas.
"""

from __future__ import annotations

import math
import re

import pytest

from test_step_words_read_right import open_example
from test_training_support import press_f8_to
from window_texts import painted_texts

#: the word log, not the ln a loss term is written with
LOG = re.compile(r"\blog\b")


@pytest.mark.parametrize("example", ["three_classes_softmax", "spiral"])
def test_the_loss_terms_on_the_canvas_are_written_with_ln(qtbot, main_window, example):
    open_example(qtbot, main_window, example)
    assert main_window.document.network.training.loss in ("cross_entropy", "binary_cross_entropy")
    press_f8_to(qtbot, main_window, "loss")
    texts = painted_texts(main_window.canvas.scene())
    terms = [text for text in texts if text.startswith("−ln")]
    assert terms, texts  # each output's term, "−ln y" or "−ln(1 − y)"
    assert not [text for text in texts if LOG.search(text)], texts
    # the number beside the term is the natural log's, the one the Inspector's formula gives
    trace = main_window.view_state.stepping.trace
    out = main_window.document.network.output_layer
    y, t = trace.layers[out].a[0], trace.targets[0]
    k = int(t.argmax()) if len(t) > 1 else 0
    term = -math.log(y[k]) if t[k] == 1 else -math.log(1 - y[k])
    if len(t) > 1 and main_window.document.network.training.loss == "binary_cross_entropy":
        term /= len(t)
    assert main_window.view_state.format(term) in texts

