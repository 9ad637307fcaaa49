"""One number rule (issue 21): a converged loss reads the same in every lesson, and the step
worksheet names a bias's gradient dL/db."""

from __future__ import annotations

import hypothesis
import hypothesis.strategies as st

import core
from core.notation import format_loss, format_number
from core.trace import trace_step
from core.trace_worksheet import render_text


def test_a_converged_loss_reads_the_same_in_every_lesson_and_an_exact_0_reads_0():
    assert format_loss(4.93e-32) == format_loss(1e-13) == "< 1e−12"
    assert format_loss(0.0) == format_loss(-0.0) == "0"  # beside "Every dL/dw is exactly 0" (review 12 #5)
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


def test_a_penalized_loss_is_written_with_parts_that_add_up_to_it():
    from core.notation import format_loss_parts

    assert format_loss_parts(0.49, None) == "0.49"  # no penalty: the loss as before
    assert format_loss_parts(0.54, 0.05) == "0.54 (data loss 0.49 + penalty 0.05)"
    # 4 digits each would read 0.0001181 + 0.005317 = 0.0054351, not the 0.005436 written
    assert format_loss_parts(0.00543554, 0.00531740) == "0.005436 (data loss 0.0001181 + penalty 0.0053174)"


@hypothesis.given(st.floats(1e-6, 1e3), st.floats(0.0, 1.0))
@hypothesis.example(0.3, 1.0)  # the data loss 0
@hypothesis.example(100.84765625, 1.192092896e-07)  # 100.85 + 0.00001 rounds to 100.9, not L's 100.8
def test_the_written_parts_of_a_penalized_loss_add_up_to_the_written_loss(loss, share):
    """Added by hand, the parts as written round to L as written (at L's last digit, a tie either way)."""
    from decimal import Decimal

    from core.notation import format_loss_parts

    penalty = loss * share
    text = format_loss_parts(loss, penalty)
    total, rest = text.split(" (data loss ")
    data, part = rest.rstrip(")").split(" + penalty ")
    read = lambda s: Decimal(0) if s.startswith("<") else Decimal(s.replace("−", "-"))  # noqa: E731 ("< 1e−12": 0)
    unit = Decimal(1).scaleb(read(total).as_tuple().exponent)  # the total's last written digit
    assert abs(read(data) + read(part) - read(total)) <= unit / 2, text


def test_a_rounded_number_keeps_its_zeros_and_an_exact_one_stays_short():
    """−0.0588997 beside −0.0322349 read "−0.0589" and "−0.03223": as if known to 3 and 4 digits."""
    assert format_number(-0.0588997, 4) == "−0.05890" and format_number(-0.0322349, 4) == "−0.03223"
    assert format_number(4.9999959, 4) == "5.000" and format_number(0.999994503, 4) == "1.000"  # not exactly 1
    assert format_number(0.6, 4) == "0.6" and format_number(5.0, 4) == "5" and format_number(-0.5, 4) == "−0.5"
    assert format_number((1.2 - 0.5) ** 2, 4) == "0.49"  # 0.48999999999999994: exact up to float rounding
    assert format_number(123456.7, 4) == "123500" and format_number(2.5e-5, 3) == "2.5e−5"


def test_format_change_writes_a_tiny_step_apart():
    from core.notation import change_text, format_change

    assert format_change(5.0, 5.0 - 4.0562e-6, 4) == ("5", "4.999996", None)
    assert format_change(3.0, 2.9, 4) == ("3", "2.9", None)  # an ordinary step keeps the canvas's digits
    assert format_change(1.00000049, 1.00000051, 4)[:2] == ("1.00000049", "1.00000051")  # 8 digits tie: one more
    assert format_change(3.0, 3.0 - 1e-13, 4, most=7) == ("3", "3", "−9.992e−14")
    assert format_change(0.7, 0.7, 4) == ("0.7", "0.7", None)
    assert change_text(5.0, 5.0 - 4.0562e-6, 6) == "5 → 4.999996"
    assert change_text(3.0, 3.0 - 1e-13, 6) == "3 → 3, Δw = −9.99201e−14"


def test_a_written_step_is_the_step_taken_to_two_digits():
    """saturation's Update read "old b 3 / new b 2.99999" for a step of −5.3e−6: a student's
    3 − 2.99999 = 1e−5 is twice it. old → new are written with the digits that make their written
    difference the change to within 5 %."""
    from core.notation import format_change

    for old, change in [(3.0, -5.3e-6), (2.0, -5.5e-6), (5.0, -4.0562e-6), (-0.3, 0.00123457), (0.5, -0.0128)]:
        old_text, new_text, delta = format_change(old, old + change, 4)
        assert delta is None
        written = float(new_text.replace("−", "-")) - float(old_text.replace("−", "-"))
        assert abs(written - change) <= 0.05 * abs(change), (old, change, old_text, new_text)
    assert format_change(3.0, 3.0 - 5.3e-6, 4)[:2] == ("3", "2.9999947")
