"""Step through one training step in phases: forward (layer by layer), loss, backward
(layer by layer from the output), update.

The numbers come from a ``core.StepTrace`` the training session computes
(``TrainingController.request_trace``): for the next mini-batch it is exactly the
step the next Step takes, so Update runs that Step (bit for bit the traced
``updated``); for one traced sample, Update puts the traced ``updated`` into the
document ("Step on sample k", as the tutorials do by hand). Either way it is one
undoable step. Where the walk is lives in the view state (``ViewState.stepping``), so
an edit of the document ends it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from desktop import commands
from desktop.view_state import StepThrough


class Stepper(QObject):
    #: one line for the status bar: what the phase shows
    status = Signal(str)

    def __init__(self, controller, view_state, parent=None):
        super().__init__(parent)
        self.controller, self.view_state = controller, view_state
        self.document = controller.document
        self._pending: str | None = None  # "layer" or "phase": how far to go once the trace arrives
        controller.trace_ready.connect(self._trace_ready)

    @property
    def active(self) -> bool:
        return self.view_state.stepping is not None

    def next_layer(self) -> None:
        """Forward one layer, then the loss, then backward one layer, then the update, then apply it."""
        self._advance("layer")

    def next_phase(self) -> None:
        """Forward (all layers), loss, backward (all layers), update, then apply it."""
        self._advance("phase")

    def cancel(self) -> None:
        if self.active:
            self.view_state.set_stepping(None)
            self.status.emit("Step-through cancelled: nothing changed.")

    # ------------------------------------------------------------------ walk
    def _advance(self, granularity: str) -> None:
        step = self.view_state.stepping
        if step is None:
            if self._pending is None and self.controller.request_trace(self.view_state.sample):
                self._pending = granularity
            return
        last = len(step.trace.layers) - 1
        if step.phase == "forward":
            if granularity == "layer" and step.layer < last:
                self._show(StepThrough(step.trace, "forward", step.layer + 1))
            else:
                self._show(StepThrough(step.trace, "loss", last))
        elif step.phase == "loss":
            self._show(StepThrough(step.trace, "backward", last if granularity == "layer" else 1))
        elif step.phase == "backward":
            if granularity == "layer" and step.layer > 1:
                self._show(StepThrough(step.trace, "backward", step.layer - 1))
            else:
                self._show(StepThrough(step.trace, "update", last))
        else:
            self._apply(step.trace)

    @Slot(object)
    def _trace_ready(self, trace) -> None:
        granularity, self._pending = self._pending, None
        if granularity is None:
            return
        last = len(trace.layers) - 1
        self._show(StepThrough(trace, "forward", 1 if granularity == "layer" else last))

    def _show(self, step: StepThrough) -> None:
        self.view_state.set_stepping(step)
        self.status.emit(self.describe(step))

    def describe(self, step: StepThrough) -> str:
        """What the canvas shows in this phase, in a sentence."""
        t = step.trace
        names = list(t.layers)
        fmt = self.view_state.format
        if step.phase == "forward":
            return (f"Forward: {names[step.layer]} computed z = b + Σ w·a and a = f(z) "
                    f"(layer {step.layer} of {len(names) - 1}). Next: F7 one layer, F8 one phase.")
        if step.phase == "loss":
            which = "of this sample" if len(t.rows) == 1 else f"of these {len(t.rows)} samples (their mean)"
            return (f"Loss {which}: the output against the target, L = {fmt(t.loss)}"
                    + (f" (data {fmt(t.data_loss)} + penalty {fmt(t.penalty)})" if t.penalty else "")
                    + "; beside the output: y − t and each output's term. Next: the error flows backward.")
        if step.phase == "backward":
            return (f"Backward: δ = dL/dz of {names[step.layer]} (ringed); the edges into it show dL/dw, "
                    "edges not reached yet '?'. Select an edge for its chain rule.")
        return (f"Update ({update_rule(self.view_state.network().training.optimizer)}): edges show the new "
                "weights; hover one for old → new. F7/F8 applies it (undoable).")

    def _apply(self, trace) -> None:
        self.view_state.set_stepping(None)
        if trace.kind == "sample":
            row = trace.rows[0]
            self.document.perform(commands.SetParameters(self.document, f"Step on sample {row}", trace.updated))
            self.status.emit(f"Applied one step on sample {row} alone (undo with Ctrl+Z).")
        else:
            self.controller.step(1)
            self.status.emit("Applied the step: exactly what Step does (undo with Ctrl+Z).")


def update_rule(optimizer) -> str:
    """The optimizer's update of one weight, in words a student can check (``core`` optimizer settings)."""
    lr = f"lr = {optimizer.learning_rate:g}"
    if optimizer.name == "adam":
        return (f"Adam, {lr}: m and v are running means of g and g², new = old − lr·m̂/(√v̂ + ε); "
                "the Inspector's chain rule gives g")
    if optimizer.momentum:
        mu = f"μ = {optimizer.momentum:g}"
        if optimizer.nesterov:
            return f"SGD with Nesterov momentum, {lr}, {mu}: v = μ·v + g, new = old − lr·(g + μ·v)"
        return f"SGD with momentum, {lr}, {mu}: v = μ·v + g, new = old − lr·v (v remembers earlier steps)"
    return f"SGD, {lr}: new = old − lr·g"
