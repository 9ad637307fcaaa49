"""A step that needs the network to compute, on a network that cannot: the Lesson panel says why and the way back.

"+ Hidden layer" at a question about the weights as saved is allowed (guided_perceptron step 6: the question is
answered from the saved network). The new layer is not connected, so the network has two input and two output
layers and cannot compute. At the next step whose action needs it, "Step through … until the Update phase" or
"Train N steps", F8 and F5 did nothing: the reason was only in a status bar cut off at 1024 px, beside a
Lesson panel that said nothing (teacher review 20 #3). So, while the lesson is in progress at such a step
(``NEEDS_NETWORK``):

* the Lesson panel says it in red (``note``): "The network cannot compute: h1 is not connected, so F7/F8 step
  through nothing. Undo (Ctrl+Z) takes the layer back.";
* a press of F8, F5 or the like that the training refuses for it (its "Cannot train: …") is answered in words
  that fit (``refusal``: "Not done: the network cannot compute (h1 is not connected). Undo (Ctrl+Z) takes the
  layer back."), which the window also shows beside the pointer.

The way back is the edit that made the network uncomputable, not the newest one: a card dragged after
"+ Hidden layer" makes it "Undo (Ctrl+Z) twice takes back “Add layer h1” and the edit after it." (``way_back``).
"""

from __future__ import annotations

import re

#: the actions that run the network: they cannot be done while it cannot compute
NEEDS_NETWORK = {"step_through": "F7/F8 step through nothing", "train": "Play (F5) and Step (F6) train nothing"}


def unconnected(network) -> list[str]:
    """The names of the layers no connection goes into or leaves (none in a one-layer network)."""
    names = [layer.name for layer in network.layers]
    joined = {end for edge in network.connections for end in edge}
    return [name for name in names if name not in joined] if len(names) > 1 else []


def what_is_wrong(network) -> str:
    """Why ``network`` cannot compute, in words ("h1 is not connected"); "" when it can."""
    problems = network.problems()
    if not problems:
        return ""
    loose = unconnected(network)
    if not loose:
        return "; ".join(problems)
    names = loose[0] if len(loose) == 1 else ", ".join(loose[:-1]) + " and " + loose[-1]
    return f"{names} {'is' if len(loose) == 1 else 'are'} not connected"


def culprits(network) -> list[str]:
    """The layers a way back can name: the loose ones (``unconnected``), else those core's problems name."""
    loose = unconnected(network)
    if loose:
        return loose
    problems = " ".join(network.problems())
    return [layer.name for layer in network.layers if re.search(rf"(?<![\w]){re.escape(layer.name)}(?![\w])", problems)]


def way_back(network, edits: list[str]) -> str:
    """How to get a network that computes again. ``edits``: the undo history's texts, newest first (the
    commands Ctrl+Z would take back, in order). The way back is the Undo of the newest "Add layer NAME" of a
    layer that is loose or named in the problem, counted from the newest edit (a card dragged after it is taken
    back first); without one, the connection to make or "Undo until this note goes"."""
    names = culprits(network)
    for count, edit in enumerate(edits, 1):
        if any(edit == f"Add layer {name}" for name in names):
            if count == 1:
                return "Undo (Ctrl+Z) takes the layer back."
            times, after = ("twice", "the edit") if count == 2 else (f"{count} times", f"the {count - 1} edits")
            return f"Undo (Ctrl+Z) {times} takes back “{edit}” and {after} after it."
    loose = unconnected(network)
    if loose:
        return (f"Connect {loose[0]} to the layers before and after it on the canvas, or Undo (Ctrl+Z) "
                "until this note goes.")
    return "Undo (Ctrl+Z) until this note goes, or open the lesson's file again."


class Uncomputable:
    """The open step's action against a network that cannot compute (``guide``: the ``LessonGuide``)."""

    def __init__(self, guide):
        self.guide = guide

    def _wrong(self) -> tuple[str, str] | None:
        """(what is wrong, the way back) while the lesson is in progress at a step whose action needs a
        network that cannot compute; None otherwise."""
        guide = self.guide
        if not guide.in_progress():
            return None
        action = guide.step().action
        if action is None or action.kind not in NEEDS_NETWORK:
            return None
        network = guide.document.network
        wrong = what_is_wrong(network)
        if not wrong:
            return None
        stack = guide.document.undo_stack
        return wrong, way_back(network, [stack.text(i) for i in range(stack.index() - 1, -1, -1)])

    def note(self) -> str:
        """The Lesson panel's words ("" when the step's action can run)."""
        wrong = self._wrong()
        if wrong is None:
            return ""
        return (f"The network cannot compute: {wrong[0]}, so {NEEDS_NETWORK[self.guide.step().action.kind]}. "
                f"{wrong[1]}")

    def refusal(self) -> str:
        """The words for a training action refused because the network cannot compute ("" when it can, or when the
        open step's action does not need it)."""
        wrong = self._wrong()
        return "" if wrong is None else f"Not done: the network cannot compute ({wrong[0]}). {wrong[1]}"
