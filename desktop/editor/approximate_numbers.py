"""Which "≈" numbers the canvas writes now, so that its legend says what "≈" means only when one shows.

The canvas writes "≈" of two kinds (``core.hand_check``, ``desktop.canvas_numbers``):

* **by hand**: a result that the rounded numbers written beside it do not give by hand, because they
  are rounded ("≈0.3499" for dL/dw = a · δ in Backward, "½(y − t)²/2 ≈0.08033", "L ≈ 0.3161" as the
  sum of the terms shown): worked from the numbers shown, the last digit may differ;
* **near**: a short number, fewer digits than the canvas writes, that is near it but not exactly it
  ("≈1" for a saturated output that rounds to 1, "≈0" for rounding noise, "≈0.5" for 0.5000000001:
  ``core.hand_check.format_computed``).

The texts are the ones the canvas paints: each edge number that has its spot (``EdgeItem.label_text``),
the numbers the legend's table lists for the edges that have none (``SceneEdgeNumbers.unplaced_numbers``),
and on each card the neurons' numbers, z and b, and the outputs' t, y − t and loss terms, and the loss
under the output card (``canvas_numbers``).
"""

from __future__ import annotations

import weakref

from collections.abc import Iterator

from core.notation import MINUS
from desktop import canvas_numbers

APPROX = "≈"

#: the legend's words for each kind
BY_HAND_WORDS = "≈: by hand, the last digit may differ"
NEAR_WORDS = "≈ before a short number (≈1, ≈0): near it, not exactly it"
#: each kind's words, longest first: a legend shown whole writes the longest that fits the room it has
#: (``legend_approximate``)
BY_HAND_FORMS = (BY_HAND_WORDS, "≈: by hand, last digit may differ", "≈: last digit may differ")
NEAR_FORMS = (NEAR_WORDS, "≈1, ≈0: near it, not exactly it", "≈1, ≈0: near, not exactly")


def _edge_texts(scene) -> Iterator[str]:
    for connection in scene.connection_items.values():
        if connection.bundled:
            continue
        for edge in connection.items:
            if edge.value()[1] and not edge.label_rect().isNull():
                yield edge.label_text()


def _table_texts(scene) -> Iterator[str]:
    """The numbers the legend's table lists for edges with no room on the canvas (``unplaced_numbers``)."""
    for *_, cells, _ in scene.unplaced_numbers():
        for row in cells:
            yield from row


def _card_texts(scene) -> Iterator[str]:
    view_state = scene.view_state
    order = view_state.computable_order()
    if not order:  # a network being built (no output layer yet): its cards write no numbers
        return
    first = order[0]
    if view_state.network().output_layer in scene.layer_items:
        yield from (f"{label} {text}" for label, text in canvas_numbers.loss_lines(view_state))
    for name, item in scene.layer_items.items():
        for k in range(len(item.card_plan().neurons)):  # the neurons the card draws
            value, _ = view_state.shown_number(name, k)
            if value is not None:
                yield canvas_numbers.input_feature_text(view_state, name, k, value) if name == first \
                    else view_state.format(value)
            for _, text in canvas_numbers.zb_lines(view_state, name, k) + canvas_numbers.target_lines(view_state, name, k):
                yield text


def _short(text: str, digits: int) -> bool:
    """Whether the number ``text`` ("≈0.5", "≈−1", "≈0.08033") has fewer than ``digits`` significant digits."""
    figures = text.lstrip(APPROX).lstrip(MINUS).replace(".", "").lstrip("0")
    return figures.isdigit() and len(figures) < digits or figures == ""


def approximate_kinds(scene) -> tuple[bool, bool]:
    """(by hand, near): whether the canvas writes a "≈" of each kind now (see the module docstring)."""
    if scene.view_state is None or scene.doc is None:
        return False, False
    digits = scene.view_state.digits
    by_hand, near = _kinds((*_edge_texts(scene), *_table_texts(scene)), digits)
    if by_hand and near:
        return by_hand, near
    cards = _card_kinds(scene, digits)
    return by_hand or cards[0], near or cards[1]


#: [a weak reference to the view state, (its revision, the neurons each card draws), the kinds of "≈" the cards write then]
_CARDS_READ: list = [None, None, (False, False)]


def _card_kinds(scene, digits: int) -> tuple[bool, bool]:
    """``_kinds`` of the cards' texts, read once per view-state revision and neurons drawn: what the cards write
    follows the view state alone, and a Fit, a phase's press and the legend's listing ask for it again and again."""
    view_state = scene.view_state
    key = (getattr(view_state, "revision", None),
           tuple((name, len(item.card_plan().neurons)) for name, item in scene.layer_items.items()))
    if key[0] is None or _CARDS_READ[0] is None or _CARDS_READ[0]() is not view_state or _CARDS_READ[1] != key:
        _CARDS_READ[:] = [weakref.ref(view_state), key, _kinds(_card_texts(scene), digits)]
    return _CARDS_READ[2]


def _kinds(texts, digits: int) -> tuple[bool, bool]:
    """(by hand, near): whether ``texts`` write a "≈" of each kind."""
    by_hand = near = False
    for text in texts:
        if APPROX in text:
            if _short(text.split()[-1], digits):
                near = True
            else:
                by_hand = True
            if by_hand and near:
                break
    return by_hand, near


def approximate_words(scene) -> list[tuple[str, ...]]:
    """The legend's words on "≈" for what the canvas writes now, each kind's forms longest first (none when
    it writes no "≈")."""
    by_hand, near = approximate_kinds(scene)
    return [forms for kind, forms in ((by_hand, BY_HAND_FORMS), (near, NEAR_FORMS)) if kind]
