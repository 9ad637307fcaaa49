"""Step through one training step in phases: forward (layer by layer), loss, backward
(layer by layer from the output), update.

The numbers come from a ``core.StepTrace`` the training session computes
(``TrainingController.request_trace``): for the next mini-batch it is exactly the
step the next Step takes. **A step made by hand is a training step**: the press after
Update runs one Step of the session (``controller.step(1)``: the same batch rule and
optimizer state, bit for bit F6's, counted, drawn on the loss curve and the
trajectories, one undo step like a Step), unless a guided lesson holds training back (``TrainingController.refusal``):
then that press ends the walk without training, and the Update phase's sentence says so. With one sample traced the phases show that
sample's own numbers; when the step trains on more rows than that sample (a mini-batch
of several rows), the Loss and Update phases and the applied step say so.

**Waiting never sticks.** A trace is asked for the document version shown; the answer
of an older version is dropped by the controller, and the Stepper asks again for the
new version when the document changes while it waits (the walk then shows what the
student typed). A failed trace (a step that would diverge), a dead process, a command
made moot or no answer within ``TRACE_TIMEOUT_MS`` ends the wait with a message, so the
next F8 asks afresh. Where the walk is lives in the view state (``ViewState.stepping``),
so an edit of the document ends it, and the step bar says so ("Step-through ended: you changed w[h→y][0,0]
to 0.9. …", ``ended_by_edit``): the trace bar emptied and Cancel step greyed out
without a word (teacher review 16 #4).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from core.notation import format_number, loss_parts, neuron_label, weight_label
from desktop import commands
from desktop.canvas_numbers import update_writing
from desktop.reveal import SQUARED_ERRORS
from desktop.training.backward_words import backward_sentence
from desktop.view_state import StepThrough

#: a trace not answered within this long ends the wait (the next F8 asks again)
TRACE_TIMEOUT_MS = 30000
#: how many of the next mini-batch's rows a sentence lists (the step toolbar keeps its lines at 1024 px)
SHOWN_ROWS = 5
#: how the step bar's words begin when the update was refused (they go once the refusal's reason is gone)
REFUSED = "Not applied: "


class Stepper(QObject):
    #: one line for the status bar: what the phase shows
    status = Signal(str)

    def __init__(self, controller, view_state, parent=None):
        super().__init__(parent)
        self.controller, self.view_state = controller, view_state
        self.document = controller.document
        self._pending: str | None = None  # "layer" or "phase": how far to go once the trace arrives
        self._asked: int | None = None  # the document version the awaited trace is about
        self._step_rows: dict[int, list] = {}  # id(trace) → the rows the session's next step trains on
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.setInterval(TRACE_TIMEOUT_MS)
        self._timeout.timeout.connect(self._no_answer)
        controller.trace_ready.connect(self._trace_ready)
        controller.trace_failed.connect(self._trace_failed)
        controller.answers_dropped.connect(self._answers_dropped)
        view_state.hidden_changed.connect(self._hidden_changed)
        self._reask = False
        self.document.version_changed.connect(self._version_changed)
        self._walking = False  # whether the view state shows a walk (its end is noticed by ``_stepping_changed``)
        self._ending = False  # the stepper itself ends the walk (Cancel, the applied step): it says why
        self._replaced = False  # another network came (New, Open): the whole picture changes, no word needed
        #: (the undo stack's index, the command a Redo would do) when an edit ended the walk
        self._history_at_end: tuple | None = None
        self._said_ended = False  # the step bar shows those words: the next edit takes them away
        self.status.connect(self._said)
        self._applying = False  # the walk's own step is starting (it ends the walk itself)
        controller.running_changed.connect(self._run_started)
        view_state.stepping_changed.connect(self._stepping_changed)
        self.document.network_replaced.connect(self._network_replaced)

    @property
    def waiting(self) -> bool:
        """True while a trace was asked for and has not come."""
        return self._pending is not None

    @property
    def active(self) -> bool:
        return self.view_state.stepping is not None

    def next_layer(self) -> None:
        """Forward one layer, then the loss, then backward one layer, then the update, then apply it."""
        self._advance("layer")

    def next_phase(self) -> None:
        """Forward (all layers), loss, backward (all layers), update, then apply it."""
        self._advance("phase")

    @Slot(object)
    def _hidden_changed(self, _hidden) -> None:
        """A lesson's question answered (or opened) while the walk shows a phase: its sentence again,
        with the number now shown (or held back)."""
        if self.active:
            self.status.emit(self.describe(self.view_state.stepping))

    def cancel(self) -> None:
        if self.active:
            self._end_walk()
            self.status.emit("Step-through cancelled: nothing changed.")

    def _end_walk(self) -> None:
        """End the walk shown, as the stepper's own doing (its caller says why)."""
        self._ending = True
        try:
            self.view_state.set_stepping(None)
        finally:
            self._ending = False

    @Slot(bool)
    def _run_started(self, running: bool) -> None:
        """Play (or a Step) while a walk is shown ends the walk: the run trains on from the weights the walk
        started at, and a frozen phase over thousands of steps would show two networks at once."""
        if not running or self._applying:
            return
        self._stop_waiting()  # (a trace asked for the weights before the run)
        if self.active:
            self._end_walk()
            what = "Play" if self.controller.played else "Step"
            # said after this turn of the event loop: the step bar empties its line when a run starts
            QTimer.singleShot(0, lambda: self.status.emit(
                f"Step-through ended: training started ({what}). F8 starts a new one with the network as it "
                "is then."))

    @Slot()
    def _network_replaced(self) -> None:
        self._replaced = True

    @Slot(object)
    def _stepping_changed(self, stepping) -> None:
        """A walk ended by something else than the stepper (an edit, an Undo or Redo, a training step): once
        the edit is on the undo stack (after this turn of the event loop), the step bar says what ended it."""
        was, self._walking = self._walking, stepping is not None
        if not was or stepping is not None or self._ending:
            self._replaced = False
            return
        if self._replaced:
            self._replaced = False
            return
        history = self.document.undo_stack
        index = history.index()
        self._history_at_end = (index, history.command(index) if index < history.count() else None)
        QTimer.singleShot(0, self._say_walk_ended)

    @Slot()
    def _say_walk_ended(self) -> None:
        at_end, self._history_at_end = self._history_at_end, None
        if at_end is None or self.active:
            return
        self.status.emit(ended_by_edit(self.document.undo_stack, *at_end))
        self._said_ended = True  # (after the emit: any other message of the stepper sets it False)

    # ------------------------------------------------------------------ walk
    def _advance(self, granularity: str) -> None:
        step = self.view_state.stepping
        if step is None:
            if self._pending is None or self._asked != self.document.version:
                self._ask(granularity)
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

    def _ask(self, granularity: str) -> None:
        version = self.controller.request_trace(self.view_state.sample)
        if version is None:
            self._stop_waiting()
            return
        self._pending, self._asked = granularity, version
        self._timeout.start()

    def _stop_waiting(self) -> None:
        self._pending = self._asked = None
        self._reask = False
        self._timeout.stop()

    @Slot(str)
    def _said(self, _text: str) -> None:
        self._said_ended = False

    @Slot(int)
    def _version_changed(self, version: int) -> None:
        if self._said_ended and not self.active and self._history_at_end is None:
            self._said_ended = False  # its words were about the edit before this one (an Undo of it, say)
            self.status.emit("")
        if self._pending is not None and self._asked != version:
            # the student changed the network while the trace was on its way: ask for the new one
            # (after the change has finished: the controller is still handling its signals)
            QTimer.singleShot(0, self._ask_again)

    @Slot()
    def _answers_dropped(self) -> None:
        if self._pending is not None:  # the answer will be dropped: ask the session that follows
            self._reask = True
            QTimer.singleShot(0, self._ask_again)

    @Slot()
    def _ask_again(self) -> None:
        if self._pending is not None and (self._reask or self._asked != self.document.version):
            self._reask = False
            self._ask(self._pending)

    @Slot(object)
    def _trace_ready(self, traced) -> None:
        if self._pending is None or traced.tag.version != self._asked:
            return
        granularity = self._pending
        self._stop_waiting()
        trace = traced.trace
        self._step_rows = {id(trace): list(traced.step_rows)}
        last = len(trace.layers) - 1
        self._show(StepThrough(trace, "forward", 1 if granularity == "layer" else last))

    @Slot(object, str)
    def _trace_failed(self, tag, message: str) -> None:
        if self._pending is None or (tag is not None and tag.version != self._asked):
            return
        self._stop_waiting()
        self.status.emit(f"No step-through: {message} (F8 tries again).")

    @Slot()
    def _no_answer(self) -> None:
        if self._pending is not None:
            self._stop_waiting()
            self.status.emit(f"The training process did not answer within {TRACE_TIMEOUT_MS // 1000} s; "
                             "F8 asks again.")

    def step_rows(self, trace) -> list | None:
        """The rows the session's next step trains on (None: unknown for this trace)."""
        return self._step_rows.get(id(trace))

    def batch_note(self, trace, versus: bool = True) -> str:
        """'' when the step applied trains on exactly the traced rows, else what it trains on:
        'the next mini-batch of 8 rows (11, 27, 4, 9, 30, …), not sample 2 alone' (``SHOWN_ROWS`` of
        them; ``versus`` False: without ', not sample 2 alone')."""
        rows = self.step_rows(trace)
        if rows is None or trace.kind != "sample" or list(rows) == list(trace.rows):
            return ""
        shown = ", ".join(str(r) for r in rows[:SHOWN_ROWS]) + (", …" if len(rows) > SHOWN_ROWS else "")
        versus_sample = f", not sample {trace.rows[0]} alone" if versus else ""
        return f"the next mini-batch of {len(rows)} rows ({shown}){versus_sample}"

    def _show(self, step: StepThrough) -> None:
        self.view_state.set_stepping(step)
        self.status.emit(self.describe(step))

    def describe(self, step: StepThrough) -> str:
        """What the canvas shows in this phase, in a sentence."""
        t = step.trace
        names = list(t.layers)
        fmt = self.view_state.format
        if step.phase == "forward":
            bias = "b + " if names[step.layer] in self.view_state.network().biases else ""  # (none: no "b +")
            return (f"Forward: {names[step.layer]} computed z = {bias}Σ w·a and a = f(z) "
                    f"(layer {step.layer} of {len(names) - 1}). Next: F7 one layer, F8 one phase.")
        note = self.batch_note(t)
        if step.phase == "loss":
            which = "of this sample" if len(t.rows) == 1 else f"of these {len(t.rows)} samples (their mean)"
            held = self.view_state.held("loss")  # a lesson asks L (or a number it follows from): as the canvas, "?"
            return (f"Loss {which}: the output against the target, L = {held or fmt(t.loss)}"
                    + (" (data loss {} + penalty {})".format(*loss_parts(t.loss, t.penalty, self.view_state.digits))
                       if t.penalty and not held else "")
                    + ("; y − t and each output's term wait with it"  # (the output's card writes only t then)
                       if held else "; choose one sample in the Trace box to see y − t beside the output"
                       if len(t.rows) > 1  # (a batch's card writes only L, no t)
                       else "; by the output: y − t and each output's term"
                       if self.view_state.network().training.loss in SQUARED_ERRORS
                       else "; by the output: each output's term (y − t is δ here: Backward shows it)")
                    + ". Next: the error flows backward."
                    + (f" (When F8 applies the step, it trains on {note}.)" if note else ""))
        if step.phase == "backward":
            return backward_sentence(self.view_state, names, step.layer)
        rule = update_rule(self.view_state.network().training.optimizer)
        changes = update_writing(self.view_state) == "change"  # too small for new values: every edge says Δw
        refused = self.controller.refusal()  # a guided lesson holds training back: F8 will not train
        refusal = f"F7/F8 then ends the walk without training: {refused}." if refused else ""
        if note:  # the step shown is the sample's; the one applied is the mini-batch's: said once each
            shown = "its step as Δw" if changes else "its own step"  # (as long: the bar keeps room for it)
            return (f"Update of sample {t.rows[0]} alone ({rule}): the edges show {shown}; hover "
                    f"one for old → new. " + (refusal or f"F7/F8 then applies the real training step, on "
                                              f"{self.batch_note(t, versus=False)} (Ctrl+Z undoes it)."))
        shown = "the changes Δw" if changes else "the new weights"
        if any(self.view_state.held("updated", layer) for layer in names[1:]):
            shown += " ('?' where the lesson holds them back)"
        return (f"Update ({rule}): edges show {shown}; hover one for old → new. "
                + (refusal or "F7/F8 applies one training step (Ctrl+Z undoes it)."))

    def _apply(self, trace) -> None:
        """One Step of the session: counted, on the loss curve and the trajectories, one undo step."""
        note = self.batch_note(trace)
        # on its way while the walk ends; a refusal is said once, here, in the step bar the student reads
        self._applying = True
        try:
            started = self.controller.step(1, asker="stepper.update", says_refusal=True)
        finally:
            self._applying = False
        self._end_walk()
        refused = None if started else self.controller.refusal()
        if refused:
            self.status.emit(f"{REFUSED}{refused}. F8 walks the step again.")
        elif started:
            self.status.emit("Applied one training step, exactly what Step does (undo with Ctrl+Z)"
                             + (f": it trained on {note}." if note else "."))


def ended_by_edit(history, before: int, redo) -> str:
    """The step bar's words for a walk an edit ended, from the undo stack ``history`` (a ``QUndoStack``), its
    index ``before`` the edit reached it and the command a Redo would then have done (None: none): an Undo
    says what it took back, a Redo what it did again, an edit (new or merged) what it changed, a weight or a
    bias in the lessons' names ("you changed w[h→y][0,0] to 0.9")."""
    now = history.index()
    if now < before:
        what = _edit_words(history.command(now), "Undo put {} back to {}", "Undo took back {}", undo=True)
    elif now == before + 1 and redo is not None and history.command(before) is redo:
        what = _edit_words(redo, "Redo changed {} to {} again", "Redo did {} again")
    elif now > 0:
        what = _edit_words(history.command(now - 1), "you changed {} to {}", "the network changed ({})")
    else:
        what = "the network changed"
    return f"Step-through ended: {what}. F8 starts a new one with the network as it is now."


def _edit_words(command, value_words: str, other_words: str, undo: bool = False) -> str:
    """``value_words`` with the parameter a ``SetWeight`` or ``SetBias`` changed and its value (the old one
    for an ``undo``), else ``other_words`` with the command's text."""
    if command is None:  # (the undo stack was cleared meanwhile: another network opened, a file reloaded)
        return "the network changed"
    if isinstance(command, commands.SetWeight):
        name = weight_label(*command.key)
    elif isinstance(command, commands.SetBias):
        name = f"b_{neuron_label(*command.key)}"
    else:
        return other_words.format(command.text())
    return value_words.format(name, format_number(command.old if undo else command.new, 6))


def update_rule(optimizer) -> str:
    """The optimizer's update of one weight, in words a student can check (``core`` optimizer settings).
    Adam's bias-corrected means are written out in the formula, not named: m̂ has no precomposed
    character (a combining hat was drawn over another letter of the wrapped sentence), and the
    underscore of "m_hat" drew as a bar over the letter under it."""
    lr = f"lr = {format_number(optimizer.learning_rate, 6)}"  # as typed: 1e6, not 1e+06
    if optimizer.name == "adam":
        return (f"Adam, {lr}: new = old − lr·[m/(1 − β₁ᵗ)] / (√[v/(1 − β₂ᵗ)] + ε), "
                "m and v: running means of g = dL/dw and g² at step t")
    if optimizer.momentum:
        mu = f"μ = {format_number(optimizer.momentum, 6)}"
        if optimizer.nesterov:
            return f"SGD with Nesterov momentum, {lr}, {mu}: v = μ·v + g, new = old − lr·(g + μ·v)"
        return f"SGD with momentum, {lr}, {mu}: v = μ·v + g, new = old − lr·v (v remembers earlier steps)"
    return f"SGD, {lr}: new = old − lr·g"
