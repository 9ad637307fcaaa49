"""One number rule (issue 21): a converged loss reads the same in every lesson, and the step
worksheet names a bias's gradient dL/db."""

from __future__ import annotations

import core
from core.notation import format_loss, format_number
from core.trace import trace_step
from core.trace_worksheet import render_text


def test_a_converged_loss_reads_the_same_whether_it_is_0_or_rounding():
    assert format_loss(0.0) == format_loss(4.93e-32) == format_loss(1e-13) == "< 1e−12"
    assert format_loss(0.6944123) == format_number(0.6944123, 4) == "0.6944"
    assert format_loss(4.968e-9) == "4.968e−9"
    assert format_loss(float("nan")) == "nan"


def test_the_update_table_heads_the_bias_rows_dL_db():
    net = core.load_network(core.example_path("one_hidden_sigmoid"))
    text = render_text(trace_step(net, 0))
    update = text[text.index("Update:"):]
    bias_tables = update.split("bias of ")[1:]
    assert bias_tables, "one_hidden_sigmoid has biases"
    for table in bias_tables:
        head = table.splitlines()[1]
        assert "dL/db" in head and "dL/dw" not in head, head
