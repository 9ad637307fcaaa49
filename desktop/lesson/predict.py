"""Predict-then-reveal on any network (View → Predict Mode), with the Predict panel.

While predict mode is on, the numbers the next phase of the step-through will compute are
hidden: before the step every neuron's a and z (predict mode holds them hidden through
``ViewState.hide``); during the step-through the one spoiler rule of ``desktop.reveal``
already hides what the phase has not computed (the loss until Loss, δ and dL/dw until
Backward reaches them, the new weights until Update). The student clicks a neuron or an
edge showing "?" and types a guess for its number (the Predict panel's box takes the keys;
for the loss nothing need be clicked); F8 (or F7, layer by layer) runs the phase and the
panel shows each guess beside the real value, coloured by how close it was: within 1 %
green, within 10 % amber, further red.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from core import format_number

from .answer_text import parse_answer
from .hiding import Hold

CLOSE, NEAR = 0.01, 0.10
GREEN, AMBER, RED = "#1b7a1b", "#a66300", "#b00020"


@dataclass
class Guess:
    quantity: tuple
    label: str
    value: float
    real: float | None = None


def closeness(guess: float, real: float) -> tuple[float, str]:
    """(relative distance |guess − real| / |real| (absolute when real is 0), colour)."""
    off = abs(guess - real) / abs(real) if real != 0 else abs(guess - real)
    return off, GREEN if off <= CLOSE else AMBER if off <= NEAR else RED


class PredictMode(QObject):
    #: the guesses or what can be guessed changed
    changed = Signal()
    #: the student clicked a neuron or an edge whose hidden number can be guessed: type it now
    target_chosen = Signal()

    def __init__(self, view_state, parent=None):
        super().__init__(parent)
        self.view_state = view_state
        self.on = False
        self.guesses: list[Guess] = []
        self.hold = Hold(view_state)
        view_state.changed.connect(self._update)
        view_state.selection_changed.connect(self._selection_changed)

    def _selection_changed(self, _selection) -> None:
        self.changed.emit()
        if self.on and self.target() is not None:
            self.target_chosen.emit()

    def set_on(self, on: bool) -> None:
        self.on = bool(on)
        if not self.on:
            self.guesses.clear()
        self._update()

    def next_phase(self) -> str | None:
        """The phase F8/F7 runs next: "forward" (before the step, or more layers to go), "loss",
        "backward" (after the loss, or more layers to go), "update", or None (the update is shown)."""
        step = self.view_state.stepping
        if step is None:
            return "forward"
        last = len(step.trace.layers) - 1
        if step.phase == "forward":
            return "forward" if step.layer < last else "loss"
        if step.phase == "loss":
            return "backward"
        if step.phase == "backward":
            return "backward" if step.layer > 1 else "update"
        return None

    def guessable(self) -> tuple:
        """The quantities the next phase computes (those the student may guess now)."""
        return {"forward": ("a",), "loss": ("loss",), "backward": ("delta", "dL/dw"), "update": ("updated",),
                None: ()}[self.next_phase()]

    def held(self) -> set:
        """What predict mode itself hides: before the step every a and z (Forward has not run; during
        the step-through the spoiler rule already hides what its phase has not computed)."""
        if not self.on or self.view_state.stepping is not None:
            return set()
        return {("a", None), ("z", None), ("output", None)}

    def target(self) -> tuple[tuple, str] | None:
        """(quantity, its name) the student can guess now: the loss, or the selected neuron's or edge's
        number the next phase computes; None when the selection has no such number."""
        kinds, vs = self.guessable(), self.view_state
        if "loss" in kinds:
            return ("loss",), "the loss L"
        s = vs.selection
        if s is None:
            return None
        if s.kind == "layers" and s.j >= 0:
            layer = s.layers[0]
            if layer == vs.network().input_layer:
                return None
            for kind in ("a", "delta"):
                if kind in kinds and not vs.revealed(kind, layer):
                    return (kind, layer, s.j), f"{'a' if kind == 'a' else 'δ'} of {layer}[{s.j}]"
        if s.kind == "edge":
            for kind, noun in (("dL/dw", "dL/dw"), ("updated", "new weight")):
                if kind in kinds and not vs.revealed(kind, s.target):
                    return (kind, s.source, s.target, s.j, s.i), f"{noun} of {s.source}→{s.target}[{s.j},{s.i}]"
        return None

    def guess(self, text: str) -> str | None:
        """Record a guess for ``target()``; None, or why not."""
        target = self.target()
        if target is None:
            return "Select a neuron or an edge whose number the next phase computes"
        try:
            value = parse_answer(text)
        except ValueError as exc:
            return str(exc)
        self.guesses = [g for g in self.guesses if g.quantity != target[0] or g.real is not None]
        self.guesses.append(Guess(target[0], target[1], value))
        self.changed.emit()
        return None

    def real_value(self, q: tuple) -> float | None:
        """The value of a guessed quantity once the step-through has computed and revealed it, else None."""
        vs = self.view_state
        step = vs.stepping
        layer = None if q[0] == "loss" else q[1] if q[0] in ("a", "delta") else q[2]
        if step is None or not vs.revealed(q[0], layer):
            return None
        if q[0] == "loss":
            return float(step.trace.loss)
        if q[0] in ("a", "delta"):  # what the neuron shows (the mean over the traced rows)
            numbers = vs.neuron(q[1], q[2])
            return None if numbers is None else getattr(numbers, q[0])
        of = "gradient" if q[0] == "dL/dw" else "updated"
        return float(step.trace.weights(q[1], q[2], of)[q[3], q[4]])

    def _update(self) -> None:
        self.hold.set(self.held())
        if self.on:
            for g in self.guesses:
                if g.real is None:
                    g.real = self.real_value(g.quantity)
        self.changed.emit()


class PredictPanel(QWidget):
    """What the next phase computes, a box for a guess, and the guesses with their real values."""

    def __init__(self, mode: PredictMode, parent=None):
        super().__init__(parent)
        from desktop.naming import name

        self.mode = mode
        self.about = name(QLabel(""), "predict_about", "What to predict")
        self.about.setWordWrap(True)
        self.guess_box = name(QLineEdit(), "predict_guess", "Your guess")
        self.guess_box.setPlaceholderText("your guess")
        self.guess_box.returnPressed.connect(self._guess)
        self.guess_button = name(QPushButton("Guess"), "predict_guess_button", "Guess")
        self.guess_button.clicked.connect(self._guess)
        self.results = name(QLabel(""), "predict_results", "Guesses")
        self.results.setWordWrap(True)
        self.results.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.key = QLabel(f"<span style='color:{GREEN}'>within 1 %</span> · <span style='color:{AMBER}'>within "
                          f"10 %</span> · <span style='color:{RED}'>further off</span>")
        row = QHBoxLayout()
        row.addWidget(self.guess_box, 1)
        row.addWidget(self.guess_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addLayout(row)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.key)
        mode.changed.connect(self.refresh)
        mode.target_chosen.connect(self._type_now)
        self.refresh()

    def _type_now(self) -> None:
        """A "?" was clicked: the guess box takes the keys (Enter records the guess, F8 still steps)."""
        if self.isVisible():
            self.guess_box.setFocus()
            self.guess_box.selectAll()

    def _guess(self) -> None:
        problem = self.mode.guess(self.guess_box.text())
        if problem:
            self.about.setText(f"<span style='color:{RED}'>{html.escape(problem)}</span>")
        else:
            self.guess_box.clear()

    def refresh(self) -> None:
        mode = self.mode
        if not mode.on:
            self.about.setText("View → Predict Mode hides the numbers the next phase of the step-through computes; "
                               "guess them here, then F8 shows how close you were.")
            self.guess_box.setEnabled(False)
            self.results.setText("")
            return
        phase = mode.next_phase()
        target = mode.target()
        if phase is None:
            what = "The update is shown: F8 applies it, then the next step begins with Forward."
        elif target is None:
            what = f"Next: {phase.capitalize()}. Select a neuron or an edge on the canvas to guess its number."
        else:
            what = f"Next: {phase.capitalize()}. Your guess for {target[1]}:"
        self.about.setText(html.escape(what))
        self.guess_box.setEnabled(target is not None)
        lines = []
        for g in reversed(mode.guesses):
            if g.real is None:
                lines.append(f"{html.escape(g.label)}: your guess {format_number(g.value, 4)} (F8 reveals it)")
            else:
                off, colour = closeness(g.value, g.real)
                lines.append(f"<span style='color:{colour}'>{html.escape(g.label)}: you guessed "
                             f"{format_number(g.value, 4)}, it is {format_number(g.real, 4)} "
                             f"({format_number(100 * off, 2)} % off)</span>")
        self.results.setText("<br>".join(lines))
