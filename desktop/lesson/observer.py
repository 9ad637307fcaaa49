"""What the app sees for a lesson's actions (``core.lesson.Observed``), from public signals only.

* the document's network (``parameters_changed``, ``structure_changed``, ``network_replaced``);
* the view state's step-through (``changed``: its phase and the layers that phase has
  computed) and selection (``selection_changed``);
* the training controller's snapshots (``snapshot_shown``): the steps trained since the
  lesson step opened (``restart_count``), counted within each training session (a new
  session starts at step 0, and a session's first snapshot, a ``Load``'s "ready", trained none of
  the steps it counts from); the steps of a run that was going on as the step opened are not
  the step's (they count from the next run the student starts: ``running_changed``). The count
  follows the weights the document holds: each set of weights a run left in the document is
  remembered with the count it had (the weights at the step's opening with 0), so an Undo, Redo
  or Reset that brings back weights seen before brings back their count (Ctrl+Z to the saved
  weights: 0 trained, and the step's N steps are trained afresh from them). Weights never seen
  (a weight typed in, Re-initialise) leave the count as it was. A run that ends on the weights it
  started from (a fixed point: every dL/dw exactly 0) puts nothing new into the document: its steps
  count as trained, as any run's. An Undo back past the place in the undo history where the step opened
  (``undo_stack.indexChanged``) leaves none of the step's steps trained, whatever the weights: after a run
  at a fixed point, which added nothing to the history, Ctrl+Z takes back the run before the step opened.

``changed`` is emitted whenever any of these may have changed what ``observed()`` returns.
"""

from __future__ import annotations

import hashlib

import numpy as np
from PySide6.QtCore import QObject, Signal

from core.lesson import PHASES, Observed


def weights_key(flat: np.ndarray) -> bytes:
    """A short fingerprint of a network's weights and biases (its flat parameter vector, (P,)): equal
    vectors, bit for bit, give equal keys."""
    return hashlib.blake2b(np.ascontiguousarray(flat).tobytes(), digest_size=16).digest()


class LessonObserver(QObject):
    changed = Signal()

    def __init__(self, document, view_state, controller=None, parent=None):
        super().__init__(parent)
        self.document, self.view_state = document, view_state
        self.steps_trained = 0
        self._session: int | None = None
        self._step = 0
        self._counting = True  # False: a run from before the step opened is still ending
        self._counts: dict[bytes, int] = {}  # ``weights_key`` of weights the document held -> steps trained then
        self._last_weights: np.ndarray | None = None  # the newest shown snapshot's weights
        self._opening = document.undo_stack.index()  # the undo history's place when the step opened
        #: the document's weights changed since the newest snapshot shown or run started (a run's end
        #: commits them just before its last snapshot is drawn)
        self._weights_arrived = False
        for signal in (document.structure_changed, document.network_replaced,
                       view_state.changed, view_state.selection_changed):
            signal.connect(self._emit)
        document.parameters_changed.connect(self._parameters_changed)
        document.undo_stack.indexChanged.connect(self._history_moved)
        if controller is not None:
            controller.snapshot_shown.connect(self._snapshot)
            controller.running_changed.connect(self._running_changed)
            latest = controller.latest
            if latest is not None:
                self._session, self._step = latest.session, latest.step

    def _emit(self, *_args) -> None:
        self.changed.emit()

    def restart_count(self, run_going_on: bool = False, kept=None) -> None:
        """Count training steps from now (a lesson step opened); ``run_going_on``: from the next run on.
        ``kept`` (``kept_count``'s of this step when it was open before): the counts it had go on (Back to a
        step whose training an Undo took back in part: 4 of 5 F6 presses left, it trains the fifth)."""
        self._counting = not run_going_on
        key = weights_key(self.document.network.flat)
        counts, self._opening = kept if kept is not None else ({}, self.document.undo_stack.index())
        self._counts = {key: 0, **counts}
        self.steps_trained = self._counts[key] if self.document.undo_stack.index() >= self._opening else 0

    def kept_count(self) -> tuple[dict, int]:
        """The open step's counts (each set of weights seen since it opened, with its steps trained) and the
        undo history's place when it opened, for ``restart_count`` when the step opens again."""
        return dict(self._counts), self._opening

    def _remember(self) -> None:
        """The document holds the weights of the newest snapshot shown: they are ``steps_trained`` steps on."""
        flat = self.document.network.flat
        if self._last_weights is not None and np.array_equal(self._last_weights, flat):
            self._counts[weights_key(flat)] = self.steps_trained

    def _counting_for_a_lesson(self) -> bool:
        """The counts serve a lesson's "Train N steps": with no lesson open, the weights need no fingerprints
        (a digest of a 784-64-10 network's weights is ~0.5 ms of the GUI thread, three times a Step)."""
        return self.document.network.lesson is not None

    def _parameters_changed(self) -> None:
        """New weights in the document: a run's own (remembered with the count), or weights seen before
        (an Undo, Redo or Reset: their count comes back)."""
        if not self._counting_for_a_lesson():
            return
        self._weights_arrived = True
        known = self._counts.get(weights_key(self.document.network.flat))
        if known is not None:
            self.steps_trained = known
        else:
            self._remember()
        self.changed.emit()

    def _history_moved(self, index: int) -> None:
        """The undo history's place changed (an edit, Undo or Redo; after the command's own
        ``parameters_changed``). Below the step's opening: the document is back before the step, none
        of its steps trained; its weights are remembered so (a Redo and Undo again find them)."""
        if index >= self._opening:
            return
        self._opening = index
        if not self._counting_for_a_lesson():
            return
        self._counts[weights_key(self.document.network.flat)] = 0
        if self.steps_trained:
            self.steps_trained = 0
            self.changed.emit()

    def _running_changed(self, running: bool) -> None:
        if running:
            self._counting = True
            self._weights_arrived = False

    def _snapshot(self, snap) -> None:
        if snap.state == "ready":  # a Load's answer (after an Undo, Redo, Reset): it trained nothing, its step
            gained = 0            # is where the loaded weights' run had got to (4 after a Redo to step 4)
        elif snap.session == self._session:
            gained = snap.step - self._step
        else:  # a new session counts from its own step 0
            gained = snap.step
        self._session, self._step = snap.session, snap.step
        self._last_weights = snap.parameters
        if not self._counting_for_a_lesson():
            return
        flat = self.document.network.flat
        arrived, self._weights_arrived = self._weights_arrived, False
        # a run's end: its weights went into the document just before it is drawn; weights seen before
        # (the same steps trained again after an Undo) already brought their count back then. A run that
        # ended where it started (a fixed point) changed nothing in the document: its steps count
        known = (self._counts.get(weights_key(flat))
                 if snap.finished and arrived and np.array_equal(snap.parameters, flat) else None)
        if known is not None:
            self.steps_trained = known
            self.changed.emit()
            return
        if gained > 0 and self._counting:
            self.steps_trained += gained
            self.changed.emit()
        if snap.finished:
            self._remember()

    def observed(self) -> Observed:
        """What the app sees now."""
        view_state = self.view_state
        phase, layers = None, frozenset()
        step = view_state.stepping
        if step is not None and step.phase in PHASES:
            order = list(step.trace.layers)
            phase = step.phase
            if phase == "forward":
                layers = frozenset(order[: step.layer + 1])
            elif phase == "backward":
                layers = frozenset(order[step.layer:])
            else:
                layers = frozenset(order)
        selection = view_state.selection
        edge = layer = None
        if selection is not None and selection.kind == "edge":
            edge = (selection.source, selection.target, selection.j, selection.i)
        elif selection is not None and selection.kind == "layers" and selection.layers:
            layer = selection.layers[0]
        return Observed(network=self.document.network, phase=phase, phase_layers=layers,
                        steps_trained=self.steps_trained, selected_edge=edge, selected_layer=layer)
