"""What a student sees checks by hand, or says "≈" (teacher's review 10, findings 8 and 9).

The review multiplied and added the numbers on screen: saturation_cross_entropy's Backward wrote
a₁ 0.9886 and δ 1.000 but dL/dw 0.9885 on their edge; guided_chain_rule's Loss phase wrote the
terms 0.2357 and 0.08033 and "L = 0.3161 (sum of the terms)"; early_stopping's inputs x₀ 0.189
beside x₀² 0.0358 (0.189² = 0.0357; the lesson's data has changed since: x₁ −0.731 beside ≈0.535). And one_sigmoid_neuron, trained to its target, wrote one
zero three ways: "−1.40284e−16" in the Inspector, "≈0" in the heatmap, "2·(0.5999999999999999 −
0.6)/1 = −2.22e−16" in the chain rule.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QApplication

import core
from core.hand_check import APPROXIMATELY_NOTE
from test_training_support import press_f8_to, wait_finished
from window_texts import painted_texts


def open_lesson(qtbot, window, name: str) -> None:
    """``name`` opened from the Lessons menu, its lesson panel closed (the student explores)."""
    assert window.files.open_example(str(core.example_path(name)))
    window.training.wait_for_step_0()
    window.lesson_dock.close()  # the student leaves the lesson: every number shows
    QApplication.instance().processEvents()


def legend_words(window) -> str:
    """The canvas legend's line for the glowing edges (what it reads when the student points at it)."""
    return window.canvas.legend.glow_text


def test_edges_whose_gradient_their_two_neurons_do_not_give_say_approximately(qtbot, main_window):
    """The legend relates the glowing edges' dL/dw to a · δ: "=" only when every one checks by hand."""
    window = main_window
    open_lesson(qtbot, window, "saturation_cross_entropy")
    press_f8_to(qtbot, window, "forward")
    assert "0.9886" in painted_texts(window.canvas.scene())  # a₁, as the Forward phase writes it
    press_f8_to(qtbot, window, "backward")
    assert "≈1" in painted_texts(window.canvas.scene())  # δ of y, 0.99999 (review 13 #15: was "1.000")
    texts = painted_texts(window.canvas.scene())
    # 0.9886 · 0.99999 = 0.9886 by hand: the edge itself says "≈" (review 11 #6: only the folded legend did)
    assert "≈0.9885" in texts and "0.9885" not in texts, texts
    assert "0.7380" in texts and "≈0.7380" not in texts  # a₀ 0.7380 · 0.99999 = 0.7380: checks, "="
    # the rule itself is exact: "=" (review 18 #5: "dL/dw ≈ a · δ" beside "≈: by hand, the last digit may differ"
    # gave "≈" two meanings); the edge's own "≈0.9885" says its a · δ as written gives another last digit
    assert "glow: dL/dw = a · δ now known" in legend_words(window), legend_words(window)


def test_edges_whose_gradient_their_neurons_give_say_equals(qtbot, main_window):
    window = main_window
    open_lesson(qtbot, window, "one_sigmoid_neuron")
    press_f8_to(qtbot, window, "backward")
    assert window.canvas.edge_item("h", "y", 0, 0).label_text() == "−0.3595"  # 0.6225 · (−0.5775) = −0.35949
    assert "glow: dL/dw = a · δ now known" in legend_words(window), legend_words(window)


def test_a_loss_that_its_written_terms_do_not_add_up_to_says_approximately(qtbot, main_window):
    window = main_window
    open_lesson(qtbot, window, "guided_chain_rule")
    press_f8_to(qtbot, window, "loss")
    texts = painted_texts(window.canvas.scene())
    assert "0.2357" in texts and "≈0.08033" in texts  # the two outputs' terms: 0.31603 by hand
    # (½·0.5668²/2 = 0.08032: y − t is 0.56683, written 0.5668, so its term says ≈ too)
    assert "L ≈" in texts and "L =" not in texts, texts  # was "L = 0.3161"
    assert "0.3161" in texts


def test_an_input_feature_its_raw_input_does_not_give_says_approximately(qtbot, main_window):
    window = main_window
    open_lesson(qtbot, window, "early_stopping")
    press_f8_to(qtbot, window, "forward")
    texts = painted_texts(window.canvas.scene())
    assert "−0.731" in texts  # x₁ of sample 0, at the lesson's 3 digits
    assert "≈0.535" in texts and "0.535" not in texts, texts  # x₁² = 0.53455, written 0.535, but 0.731² = 0.534
    assert "−0.999" in texts and "0.998" in texts and "≈0.998" not in texts  # x₀² = 0.99779; 0.999² = 0.998 too


def test_a_gradient_that_is_rounding_noise_reads_near_zero_everywhere(qtbot, main_window, canvas):
    window = main_window
    open_lesson(qtbot, window, "one_sigmoid_neuron")
    window.training.step(500)
    wait_finished(qtbot, window.training)
    press_f8_to(qtbot, window, "backward")
    gradient = window.view_state.stepping.trace.gradient
    assert 0 < abs(gradient).max() < 1e-12  # fitted: dL/dw is 0 up to floating-point rounding
    edge = window.canvas.edge_item("h", "y", 0, 0)
    assert edge.label_text() == "≈0"  # the canvas
    panel = window.training.ui.heatmaps
    qtbot.waitUntil(lambda: panel.cell_texts("h", "y") is not None, timeout=5000)
    assert panel.cell_texts("h", "y") == [["≈0"]]  # the heatmap
    canvas.click(canvas.edge_label("h", "y", 0, 0))  # the student clicks the edge's number
    page = window.inspector.edge_page
    qtbot.waitUntil(lambda: page.gradient.text() != "", timeout=5000)
    assert page.gradient.text().startswith("≈0"), page.gradient.text()  # the Inspector: was −1.40284e−16
    chain = page.explanation.toPlainText()
    assert "0.5999999999999999" not in chain and "e−16" not in chain, chain  # the chain rule
    assert "2·(0.6 − 0.6) ≈ 0" in chain and "\ndL/dw = 0.6318 · 1 · 0 ≈ 0\n" in chain, chain
    assert chain.rstrip().endswith(APPROXIMATELY_NOTE)  # what "≈" means, said once under it


@pytest.mark.parametrize("lesson", ["skip_connection", "regularization"])
def test_every_path_product_and_their_sum_check_by_hand_or_say_approximately(qtbot, main_window, lesson):
    """The Sum over paths tab of a first-layer weight: each path's product beside its rate factors, and
    the sum of the products shown, as a student multiplies and adds them (skip_connection's one path
    and 5 of regularization's 8 give another last digit by hand than the product written)."""
    from desktop.panels.paths_view import PathsPanel
    from desktop.view_state import Selection
    from test_lazy_panels import click_tab

    window = main_window
    open_lesson(qtbot, window, lesson)
    net = window.document.network
    source, target = net.order()[0], net.order()[1]
    window.view_state.select(Selection.edge(source, target, 0, 0))
    click_tab(window, qtbot, "Sum over paths")
    qtbot.waitUntil(lambda: len(window.findChildren(PathsPanel)) == 1)
    panel, = window.findChildren(PathsPanel)
    qtbot.waitUntil(lambda: "Sum of the" in panel.text.toPlainText(), timeout=5000)
    # (a row's factors break into lines between factors, the "×" ending a line or beginning the next)
    text = panel.text.toPlainText().replace(" ×\n", " × ").replace("\n× ", " × ")

    def read(s: str) -> Decimal:
        return Decimal(s.lstrip("≈").replace("−", "-"))

    def checks(hand: Decimal, shown: str) -> bool:
        return abs(hand - read(shown)) <= Decimal(1).scaleb(read(shown).as_tuple().exponent) / 2

    rows = re.findall(r"((?:\S+ = −?[\d.e−]+ × )*\S+ = −?[\d.e−]+)\s+(≈?−?[\d.e−]+)\n", text)
    assert rows, text
    assert any(product.startswith("≈") for _, product in rows), rows  # (this lesson's case: one does not check)
    products = []
    for factors, product in rows:
        hand = Decimal(1)
        for factor in factors.split(" × "):
            hand *= read(factor.rsplit(" = ", 1)[1])
        assert product.startswith("≈") != checks(hand, product), (factors, product)
        products.append(read(product))
    listed = re.search(r"path products?(?: shown)?: (≈?−?[\d.e−]+)", text).group(1)
    assert listed.startswith("≈") != checks(sum(products, Decimal(0)), listed), (products, listed)


def test_the_loss_of_weight_tab_writes_rounding_noise_as_the_inspector_does(qtbot, main_window):
    """guided_weight_decay trained: the Inspector's dL/dw read 1.94289e−16 beside the heatmap's ≈0,
    the L(w) tab "slope dL/dw = 1.943e−16" and "0.3261 − 0.1·1.943e−16"."""
    from test_loss_numbers_agree import open_loss_of_weight_tab

    window = main_window
    open_lesson(qtbot, window, "guided_weight_decay")
    window.training.step(500)
    wait_finished(qtbot, window.training)
    page = open_loss_of_weight_tab(qtbot, window, ("x", "y", 0, 0))
    qtbot.waitUntil(lambda: "slope dL/dw" in page.curve_caption.text(), timeout=5000)
    assert page.gradient.text().startswith("≈0"), page.gradient.text()
    caption = page.curve_caption.text()
    assert "slope dL/dw ≈ 0 (backprop)" in caption and "e−16" not in caption, caption
