"""One rule for every calculation written out (teacher's review 10, findings 8 and 9).

A student multiplies or adds the numbers as written and rounds to the written result's last
digit: the line says "=" only when that gives the written result, "≈" otherwise. The review
found "0.6900 · 0.2444 · (−0.3492) = −0.05890" (by hand −0.05889) and "2·(0.5999999999999999
− 0.6)/1 = −2.22e−16", a number that is zero up to floating-point rounding written three ways.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

import hypothesis
import hypothesis.strategies as st

import core
from core.explain import explain_edge
from core.hand_check import format_computed, product_line, stated, sum_line
from core.notation import difference_digits

FINITE = st.floats(-1e3, 1e3, allow_nan=False).filter(lambda v: v == 0 or abs(v) > 1e-6)


def read(text: str) -> Decimal:
    return Decimal(text.strip("()").replace("−", "-"))


def last_unit(text: str) -> Decimal:
    return Decimal(1).scaleb(read(text).as_tuple().exponent)


def checks(hand: Decimal, result: str) -> bool:
    return abs(hand - read(result)) <= last_unit(result) / 2


@hypothesis.given(st.lists(FINITE, min_size=1, max_size=4), st.integers(2, 6))
@hypothesis.example([0.6900179, 0.24437, -0.349247], 4)
def test_a_written_product_checks_by_hand_or_says_it_is_approximate(factors, digits):
    result = 1.0
    for f in factors:
        result *= f
    line = product_line(factors, result, digits)
    left, sign, right = re.fullmatch(r"(.*) ([=≈]) (\S+)", line).groups()
    hand = Decimal(1)
    for f in left.split(" · "):
        hand *= read(f)
    if sign == "=":
        assert checks(hand, right), line
    else:
        assert right == "0" or not checks(hand, right), line  # "≈" only where "=" would be false
    if right != "0":
        unit = max(last_unit(right), Decimal(1).scaleb(read(right).adjusted() - digits + 1))  # "100": 2 digits
        assert abs(read(right) - Decimal(result)) <= unit / 2, line  # the result is the computed one, rounded


@hypothesis.given(st.lists(FINITE, min_size=1, max_size=9), st.integers(2, 6))
@hypothesis.example([0.23574, 0.08033], 4)
def test_a_written_sum_checks_by_hand_or_says_it_is_approximate(terms, digits):
    total = sum(terms)
    line = sum_line(terms, total, digits, sum(abs(t) for t in terms))
    left, sign, right = re.fullmatch(r"(.*) ([=≈]) (\S+)", line).groups()
    hand = sum((read(t) for t in left.split(" + ")), Decimal(0))
    assert sign == "≈" if not checks(hand, right) else sign == "=", line


def test_the_reviewed_products_say_approximately():
    assert product_line([0.6900179, 0.24437, -0.349247], -0.0588997, 4) == "0.6900 · 0.2444 · (−0.3492) ≈ −0.05890"
    assert product_line([0.5, 0.25], 0.125, 4) == "0.5 · 0.25 = 0.125"
    assert product_line([5.5e-6, 2e-7], 1.1e-12, 4) == "5.5e−6 · 2e−7 = 1.1e−12"  # tiny, yet no noise
    assert product_line([0.6318, -2.22e-16], -1.403e-16, 4) == "0.6318 · 0 ≈ 0"  # a factor is noise


def test_rounding_noise_reads_near_zero_and_its_operands_stay_short():
    y, t = 0.5999999999999999, 0.6
    assert difference_digits(y, t, 4) == 4  # was 17: "0.5999999999999999 − 0.6"
    assert format_computed(y - t) == "≈0"
    assert format_computed(-1.40284e-16) == "≈0"
    assert format_computed(2.143e-6) == "2.143e−6"  # a small but real number keeps its digits
    assert format_computed(0.0) == "0"


def test_a_value_that_rounds_to_one_reads_approximately_one_for_both_signs():
    """exam_csv's tanh card: tanh(11.37), tanh(5.864) and tanh(−6.042) read "≈1", "1.000" and "−1.000"."""
    for z in (11.37, 5.864, 6.042):
        assert format_computed(math.tanh(z)) == "≈1" and format_computed(-math.tanh(z)) == "≈−1", z
    assert format_computed(0.9999, 3) == "≈1" and format_computed(1.00004) == "≈1"
    assert format_computed(1.0) == "1" and format_computed(-1.0) == "−1"  # exactly ±1: no ≈
    assert format_computed(0.9999) == "0.9999" and format_computed(100000.0) == "100000"
    assert format_computed(2.00001) == "2.000"  # only ±1, the bound an activation saturates at
    # after a name ("δ_y0 ≈ 1", "L ≈ 1"): one sign, never "= ≈1"
    assert stated(math.tanh(5.864)) == "≈ 1" and stated(0.5) == "= 0.5" and stated(-1.4e-16) == "≈ 0"


def test_the_chain_rule_of_a_fitted_neuron_writes_its_noise_as_near_zero():
    """one_sigmoid_neuron trained to y = 0.6 (0.5999999999999999): the chain rule wrote
    "2·(0.5999999999999999 − 0.6)/1 = −2.22e−16" and "dL/dw = … = −1.403e−16"."""
    net = core.Network("one")
    net.add_layer("x", 1)
    net.add_layer("y", 1)
    net.connect("x", "y", weights=[[0.5999999999999999]])
    text = "\n".join(explain_edge(net, "x", "y", 0, 0, [[1.0]], [[0.6]]).lines())
    assert "0.5999999999999999" not in text and "e−16" not in text, text
    assert "2·(0.6 − 0.6) ≈ 0" in text, text
    assert text.rstrip().endswith("≈ 0"), text


@hypothesis.given(st.sampled_from(["one_hidden_sigmoid", "early_stopping", "spiral", "guided_chain_rule",
                                   "saturation_cross_entropy", "three_classes_softmax"]),
                  st.integers(0, 3), st.integers(3, 5))
@hypothesis.settings(max_examples=20, deadline=None)
def test_every_product_in_a_lessons_chain_rule_checks_by_hand(lesson, sample, digits):
    """The Inspector's chain rule for every edge into the output, line by line: each "a · b · c = r"
    is a product a student can do."""
    net = core.load_network(core.example_path(lesson))
    X, T = net.dataset.inputs, net.dataset.targets
    n = sample % len(X)
    output = net.output_layer
    for source, target in [key for key in net.weights if key[1] == output]:
        rows, cols = net.weights[source, target].shape
        for j in range(rows):
            for i in range(min(cols, 3)):
                for line in explain_edge(net, source, target, j, i, X[n:n + 1], T[n:n + 1]).lines(digits):
                    match = re.fullmatch(r"(?:.*= )?((?:\(?−?[\d.e−]+\)?)(?: · \(?−?[\d.e−]+\)?)+) = (\S+)", line)
                    if match:
                        left, right = match.groups()
                        hand = Decimal(1)
                        for f in left.split(" · "):
                            hand *= read(f)
                        assert checks(hand, right), line


@hypothesis.given(st.sampled_from(["skip_connection", "regularization", "one_hidden_sigmoid", "xor"]))
@hypothesis.settings(max_examples=4, deadline=None)
def test_the_step_worksheets_sums_of_products_check_by_hand(lesson):
    """The worksheet's gradient tables: "a_i × δ_j" written out, then Σ a_i·δ_j; the sum says "≈"
    when the products of the numbers as written do not give it (skip_connection wrote
    0.763935 × 0.120207 beside 0.0918301: by hand 0.0918303)."""
    from core.trace import trace_step
    from core.trace_worksheet import render_text

    text = render_text(trace_step(core.load_network(core.example_path(lesson)), 0))
    table = text[text.index("Gradients"):text.index("Update")]
    checked = 0
    for line in table.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) < 4 or " × " not in cells[2] or "…" in cells[2] or cells[0] == "edge":
            continue
        hand = sum((read(x) * read(y) for x, y in (term.split(" × ") for term in cells[2].split(" + "))),
                   Decimal(0))
        result = cells[3]
        assert result.startswith("≈") != checks(hand, result.lstrip("≈")), line
        checked += 1
    assert checked, table
