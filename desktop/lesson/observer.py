"""What the app sees for a lesson's actions (``core.lesson.Observed``), from public signals only.

* the document's network (``parameters_changed``, ``structure_changed``, ``network_replaced``);
* the view state's step-through (``changed``: its phase and the layers that phase has
  computed) and selection (``selection_changed``);
* the training controller's snapshots (``snapshot_shown``): the steps trained since the
  lesson step opened (``restart_count``), counted within each training session (a new
  session starts at step 0); the steps of a run that was going on as the step opened are not
  the step's (they count from the next run the student starts: ``running_changed``).

``changed`` is emitted whenever any of these may have changed what ``observed()`` returns.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from core.lesson import PHASES, Observed


class LessonObserver(QObject):
    changed = Signal()

    def __init__(self, document, view_state, controller=None, parent=None):
        super().__init__(parent)
        self.document, self.view_state = document, view_state
        self.steps_trained = 0
        self._session: int | None = None
        self._step = 0
        self._counting = True  # False: a run from before the step opened is still ending
        for signal in (document.parameters_changed, document.structure_changed, document.network_replaced,
                       view_state.changed, view_state.selection_changed):
            signal.connect(self._emit)
        if controller is not None:
            controller.snapshot_shown.connect(self._snapshot)
            controller.running_changed.connect(self._running_changed)
            latest = controller.latest
            if latest is not None:
                self._session, self._step = latest.session, latest.step

    def _emit(self, *_args) -> None:
        self.changed.emit()

    def restart_count(self, run_going_on: bool = False) -> None:
        """Count training steps from now (a lesson step opened); ``run_going_on``: from the next run on."""
        self.steps_trained = 0
        self._counting = not run_going_on

    def _running_changed(self, running: bool) -> None:
        if running:
            self._counting = True

    def _snapshot(self, snap) -> None:
        if snap.session == self._session:
            gained = snap.step - self._step
        else:  # a new session counts from its own step 0
            gained = snap.step
        self._session, self._step = snap.session, snap.step
        if gained > 0 and self._counting:
            self.steps_trained += gained
            self.changed.emit()

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
