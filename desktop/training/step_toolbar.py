"""The step-through toolbar: which input is traced, and the phase controls.

"Trace" picks one dataset row or the next mini-batch (what every number on the
canvas, the chain rule and the step-through refer to). "Next layer" (F7) and "Next
phase" (F8) walk one training step: forward, loss, backward, update, apply.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QSizePolicy, QSpinBox, QToolBar

from desktop.naming import name_toolbar_buttons

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
        #: what the phase shows, beside its buttons (the status bar's room is short in a small window)
        self.phase_text = QLabel("")
        self.phase_text.setObjectName("step_phase_text")
        self.phase_text.setAccessibleName("Step-through phase")
        self.phase_text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.phase_text.setMinimumWidth(120)  # the rest of the row; the tooltip holds all of a long text
        self.addWidget(self.phase_text)
        stepper.status.connect(self.show_phase_text)
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
        if not self.stepper.active:
            self.phase_text.setText("")

    @Slot(str)
    def show_phase_text(self, text: str) -> None:
        """The phase's sentence while a step-through goes on (the status bar has the rest)."""
        text = text if self.stepper.active else ""
        self.phase_text.setText(f"  {text}" if text else "")
        self.phase_text.setToolTip(text)

    @Slot(int)
    def _sample_changed(self, value: int) -> None:
        self.stepper.cancel()
        self.view_state.set_sample(None if value == NEXT_BATCH else value)
