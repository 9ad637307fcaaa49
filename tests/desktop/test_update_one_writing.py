"""One Update picture writes every bias one way (teacher's review 11, finding 8).

guided_chain_rule step 7 ("F8 to Backward, then F7"): in Update y wrote "old b 0 / new b 0.2428"
while h, whose new values a later question asks, wrote "z 0.3 / b 0.02274": the new bias under the
plain "b" of the forward phases, which a student takes for the bias the step started from. Now every
neuron with a bias writes its old b and its new b (Δb when the picture writes changes), and a new
value the lesson still asks is "?".
"""

from __future__ import annotations

import core
from test_lesson_error_hidden import lesson_at_step
from test_training_support import press_f8_to
from window_texts import painted_texts


def test_every_bias_in_one_update_picture_is_written_old_and_new(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_chain_rule", 7)
    press_f8_to(qtbot, window, "update")
    texts = painted_texts(window.canvas.scene())
    neurons = net.layer("h").units + net.layer("y").units
    assert texts.count("old b") == neurons, texts  # h's two wrote "b" alone
    assert texts.count("new b") + texts.count("Δb") == neurons, texts
    assert "b" not in texts and "z" not in texts, texts  # no forward-phase z and b among them
    new_h = core.trace_step(net, 0).bias("h", "updated")
    assert not {window.view_state.format(float(b)) for b in new_h} & set(texts), texts  # asked later: "?"
