"""The panels that training feeds follow the step-through too (``ViewState.revealed``).

The canvas, the inspector (chain rule, δ, L(w)) and the traced heatmaps ask the view state
themselves. The panels drawn from training's snapshots do not know the phase, so this
gate tells them, whenever the step-through moves (``stepping_changed``), a quantity is
hidden or shown (``hidden_changed``), or a snapshot is drawn:

* the heatmaps show this step's dL/dw (traced mode) while stepping, so a connection's
  cells read "?" until Backward reaches it (another mode would show a gradient that
  training computed ahead, the upcoming step's); the mode the student chose comes back
  when the step-through ends;
* the output map hides the network's output until Forward reaches the output layer;
* the status bar's and the loss panel's loss read "?" until the Loss phase, the status
  bar's accuracy until Forward reaches the output layer; the loss curve leaves out the
  losses at the weights the step starts from until then.

Cancel (Shift+F8) ends the step-through: everything shows again.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject

_LOSS = re.compile(r"(loss:? )([−-]?[0-9](?:[0-9.,e+−-]*[0-9])?)")
_ACCURACY = re.compile(r"(accuracy:? )([0-9][0-9.,]* ?%)")


def gate_text(text: str, view_state) -> str:
    """``text`` with its loss and accuracy figures replaced by the pending words while not revealed."""
    output = view_state.network().output_layer if not view_state.network().problems() else None
    if not view_state.revealed("loss", output):
        text = _LOSS.sub(lambda m: m.group(1) + view_state.pending("loss", output), text)
    if not view_state.revealed("output", output):
        text = _ACCURACY.sub(lambda m: m.group(1) + view_state.pending("output", output), text)
    return text


class PhaseGate(QObject):
    def __init__(self, view_state, controller, ui, parent=None):
        super().__init__(parent)
        self.view_state, self.ui, self.controller = view_state, ui, controller
        self._originals: dict[object, str] = {}  # label → its text before the gate changed it
        self._gated_last: dict[object, str] = {}  # label → the gated text the gate set
        view_state.stepping_changed.connect(self.follow)
        view_state.hidden_changed.connect(self.follow)
        controller.snapshot_shown.connect(lambda _snap: self.follow())
        self.follow()

    def follow(self, *_args) -> None:
        view_state, ui = self.view_state, self.ui
        net = view_state.network()
        output = net.output_layer if not net.problems() else None
        stepping = view_state.stepping is not None
        ui.heatmaps.follow_step_through(stepping)
        ui.output_map.hide_output(None if view_state.revealed("output", output)
                                  else view_state.pending("output", output))
        latest = self.controller.latest
        ui.loss.hide_from(None if view_state.revealed("loss", output) else latest.step if latest is not None else 0)
        for label in (ui.status_label, ui.loss.summary):
            self._gate_label(label)

    def _gate_label(self, label) -> None:
        """Gate a label's figures; the text it had comes back once they are revealed (or a new one is set)."""
        current = label.text()
        original = self._originals.get(label)
        if original is not None and current != self._gated_last.get(label):
            original = None  # the owner wrote a new text meanwhile: gate that one
        source = current if original is None else original
        gated = gate_text(source, self.view_state)
        if gated != source:
            self._originals[label] = source
            self._gated_last[label] = gated
        else:
            self._originals.pop(label, None)
        if gated != current:
            label.setText(gated)
