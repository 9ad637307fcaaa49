"""The step-through toolbar: which input is traced, and the phase controls.

"Trace" picks one dataset row or the next mini-batch (what every number on the
canvas, the chain rule and the step-through refer to). "Next layer" (F7) and "Next
phase" (F8) walk one training step: forward, loss, backward, update, apply.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QSpinBox, QToolBar

from desktop.history_moves import HistoryMoves
from desktop.naming import name_toolbar_buttons
from desktop.training.stepper import REFUSED
from desktop.view_state import StepThrough
from desktop.wrapping_label import WrappingLabel

NEXT_BATCH = -1


class StepToolbar(QToolBar):
    def __init__(self, stepper, view_state, parent=None):
        super().__init__("Step through", parent)
        self.setObjectName("step_toolbar")
        self.stepper, self.view_state = stepper, view_state

        self.addWidget(QLabel(" Trace "))
        self.sample = QSpinBox()
        self.sample.setObjectName("trace_sample")
        self.sample.setAccessibleName("Traced sample")
        self.sample.setSpecialValueText("next mini-batch")
        self.sample.setPrefix("sample ")
        self.sample.setMinimumWidth(150)
        self.sample.setKeyboardTracking(False)
        self.sample.setToolTip("Which input the canvas numbers, the chain rule and the step-through use: "
                               "one dataset row (0-based) or the next mini-batch (then the canvas shows batch means)")
        self.sample.valueChanged.connect(self._sample_changed)
        self.addWidget(self.sample)

        def action(name, text, tip, slot, shortcut):
            a = QAction(text, self)
            a.setObjectName(name)
            a.setToolTip(f"{tip} ({shortcut})")
            a.setShortcut(QKeySequence(shortcut))
            a.triggered.connect(slot)
            self.addAction(a)
            return a

        self.next_layer_action = action("next_layer", "Next layer", "Step through one training step, one layer at a time",
                                        stepper.next_layer, "F7")
        self.next_phase_action = action("next_phase", "Next phase",
                                        "Step through one training step: forward, loss, backward, update, apply",
                                        stepper.next_phase, "F8")
        self.cancel_action = action("cancel_step", "Cancel step", "Leave the step-through without changing anything",
                                    stepper.cancel, "Shift+F8")
        name_toolbar_buttons(self)
        #: what the phase shows, in whole sentences beside its buttons (the lesson of the step-through):
        #: on as many lines as the rest of the row needs, the same number for every phase of one walk
        self.phase_text = WrappingLabel("", max_lines=5)
        self.phase_text.setObjectName("step_phase_text")
        self.phase_text.setAccessibleName("Step-through phase")
        self.phase_text.setMinimumWidth(120)
        self.phase_text.setContentsMargins(8, 0, 0, 0)
        self.addWidget(self.phase_text)
        self._walk = None  # the trace whose phases' sentences the label keeps room for
        self._refused = None  # the refusal ("answer step 2 first (…)") a "Not applied: …" shown gives, while shown
        stepper.status.connect(self.show_phase_text)
        stepper.controller.running_changed.connect(self._run_started)
        # an Undo or Redo moves the document along its history: the last message may speak of a run or an edit
        # it took back ("training started (Play)" beside the undone run's weights: teacher review 23 #1)
        self._moves = HistoryMoves(stepper.document.undo_stack, self._history_moved)
        # (before ``changed``, on which the canvas fits the walk's first phase: see ``_walk_moved``)
        view_state.stepping_changed.connect(self._walk_moved)
        view_state.changed.connect(self.show_state)
        self.show_state()

    @property
    def actions_for_menu(self) -> list[QAction]:
        return [self.next_layer_action, self.next_phase_action, self.cancel_action]

    @Slot()
    def show_state(self) -> None:
        n = self.view_state.dataset_size()
        top = max(n - 1, NEXT_BATCH)
        value = NEXT_BATCH if self.view_state.sample is None else self.view_state.sample
        if (self.sample.maximum(), self.sample.value()) != (top, value):  # the box repaints itself when set
            with QSignalBlocker(self.sample):
                self.sample.setRange(NEXT_BATCH, top)
                self.sample.setValue(value)
        self.cancel_action.setEnabled(self.stepper.active)
        walked = self._walk is not None
        self._keep_room_for_the_walk()
        if walked and not self.stepper.active:
            self.phase_text.setText("")  # the walk ended: its phase's sentence goes (its last message follows)
        self._drop_stale_refusal()

    def _drop_stale_refusal(self) -> None:
        """A "Not applied: answer steps 2–10 first (…)" goes once its reason changed or is gone (the question it
        names answered, another step opened): it stayed beside "Right: −0.8." (teacher review 23b #6)."""
        if self._refused is None:
            return
        if self.stepper.active or self.stepper.controller.refusal() == self._refused:
            return
        self._refused = None
        self.phase_text.setText("")

    @Slot(str)
    def show_phase_text(self, text: str) -> None:
        """The phase's sentence while a step-through goes on; after it, the stepper's last message
        (cancelled, applied, no answer), whole in the same place, until a walk or a run starts, or an Undo or
        Redo moves the document along its history."""
        self._keep_room_for_the_walk()
        self.phase_text.setText(text)
        self._refused = self.stepper.controller.refusal() if text.startswith(REFUSED) else None

    @Slot(bool)
    def _run_started(self, running: bool) -> None:
        if running and not self.stepper.active:
            self.phase_text.setText("")  # the message was about the network before this run

    def _history_moved(self) -> None:
        if not self.stepper.active:
            self.phase_text.setText("")  # (a walk an Undo or Redo ends says so after this: ``Stepper``)

    @Slot(object)
    def _walk_moved(self, _stepping) -> None:
        """A walk starts: the bar asks for the height of its longest sentence before the view state tells the
        canvas, which, when it must fit the walk's first phase, lays the window out first and fits once
        (``fit_zoom.lay_out_window_now``; told after the canvas, it fitted twice and the zoom jumped)."""
        self._keep_room_for_the_walk()

    def _keep_room_for_the_walk(self) -> None:
        """Room for the longest sentence of this walk's phases, so that the toolbar keeps its
        height from F8 to F8 (it grows when a walk starts and shrinks when it ends)."""
        stepping = self.view_state.stepping
        trace = None if stepping is None else stepping.trace
        if trace is self._walk:
            return
        self._walk = trace
        self.phase_text.reserve([] if trace is None else
                                [self.stepper.describe(step) for step in walk_phases(trace)])

    @Slot(int)
    def _sample_changed(self, value: int) -> None:
        self.stepper.cancel()
        self.view_state.set_sample(None if value == NEXT_BATCH else value)


def walk_phases(trace) -> list[StepThrough]:
    """Every phase a walk through ``trace`` can show: forward layer by layer, the loss, backward
    layer by layer from the output, the update."""
    last = len(trace.layers) - 1
    return ([StepThrough(trace, "forward", k) for k in range(1, last + 1)] + [StepThrough(trace, "loss", last)]
            + [StepThrough(trace, "backward", k) for k in range(last, 0, -1)] + [StepThrough(trace, "update", last)])
