"""The training toolbar: Play/Pause, Step, Step epoch, Reset, Re-initialise, speed,
learning rate, batch size and the stop conditions.

Widgets only talk to the ``TrainingController``; they show the document's
settings and follow them when they change (signals blocked while writing, so
showing a value never edits it back).

Play turns into Pause at once. A run of a number of steps or epochs (Step: a few
milliseconds) shows as running only if it still runs ``SHOW_RUN_AFTER_MS`` later: a
Step does not flash Pause, and the toolbar is not laid out and painted twice while the
student waits for the step to reach the canvas. The Play button is as wide as "Pause",
so that turning it does not move the rest of the toolbar.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractSpinBox, QDoubleSpinBox, QHBoxLayout, QLabel, QSlider, QSpinBox, QToolBar,
                               QWidget)

from core.datasets import MAX_SAMPLES
from desktop.naming import name, name_toolbar_buttons
from desktop.number_boxes import int_box, learning_rate_box

#: a run of a number of steps or epochs still going after this long shows Pause and disables Step
SHOW_RUN_AFTER_MS = 150

PLAY_TIP = "Train until paused (F5); in a guided lesson's \"Train N steps\", until its N steps are trained"

#: slider positions 0 … SPEED_MAX−1 give 10^(v/10) steps per second (1 … ~8000); SPEED_MAX is "max"
SPEED_MAX = 40


def speed_for(position: int) -> float | None:
    """Steps per second for a slider position (None: as fast as possible)."""
    return None if position >= SPEED_MAX else float(10 ** (position / 10))


def speed_text(position: int) -> str:
    rate = speed_for(position)
    if rate is None:
        return "max"
    return f"{rate:.0f}/s" if rate >= 10 else f"{rate:.1f}/s"


class TrainingToolbar(QToolBar):
    def __init__(self, controller, parent=None):
        super().__init__("Training", parent)
        self.setObjectName("training_toolbar")
        self.controller = controller
        c = controller

        def action(object_name, text, tip, slot, shortcut=None):
            a = name(QAction(text, self), object_name)
            a.setToolTip(tip)
            a.triggered.connect(slot)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
            self.addAction(a)
            return a

        self.play_action = action("play", "Play", PLAY_TIP, self._play_pressed, "F5")
        self.step_action = action("step", "Step", "Train exactly one mini-batch (F6)", lambda: c.step(1), "F6")
        self.epoch_action = action("step_epoch", "Step epoch", "Train until the current epoch ends (Shift+F6)", c.step_epoch, "Shift+F6")
        self.reset_action = action("reset", "Reset", "Back to the weights this training started from (undoable)", c.reset)
        self.reinit_action = action(
            "reinitialise", "Re-initialise", "New random weights at once (xavier, the next seed; undoable). "
            "Edit → Re-initialise Weights… chooses the method and seed.", lambda: c.reinitialise())
        self.addSeparator()

        self.speed = name(QSlider(Qt.Orientation.Horizontal), "toolbar_speed", "Training speed")
        self.speed.setRange(0, SPEED_MAX)
        self.speed.setValue(SPEED_MAX)
        self.speed.setFixedWidth(70)
        self.speed.setToolTip("Training speed: from one step per second to as fast as possible")
        self.speed_label = name(QLabel(speed_text(SPEED_MAX)), "toolbar_speed_value", "Steps per second")
        self.speed_label.setMinimumWidth(34)
        self.speed.valueChanged.connect(self._speed_changed)
        self.addWidget(QLabel(" Speed "))
        self.addWidget(self.speed)
        self.addWidget(self.speed_label)

        self.learning_rate = name(learning_rate_box(), "toolbar_learning_rate", "Learning rate")
        self.learning_rate.setMinimumWidth(80)
        self.learning_rate.setMaximumWidth(84)  # 6 digits shown; every digit while editing (it scrolls)
        self.learning_rate.valueChanged.connect(c.set_learning_rate)
        self._add_labelled(" Learning rate ", self.learning_rate)

        self.batch_size = name(int_box(1, MAX_SAMPLES), "toolbar_batch_size", "Batch size")
        self.batch_size.setToolTip("Mini-batch size (takes effect at once, even while training)")
        self.batch_size.valueChanged.connect(c.set_batch_size)
        self.batch_size.setMaximumWidth(62)
        self._add_labelled(" Batch ", self.batch_size)

        self.stop_epochs = name(QSpinBox(), "toolbar_stop_epochs", "Stop at epoch")
        self.stop_epochs.setRange(0, 10_000_000)
        self.stop_epochs.setSpecialValueText("never")
        self.stop_epochs.setToolTip("Stop Play when this many epochs are done (never: keep going)")
        self.stop_loss = name(QDoubleSpinBox(), "toolbar_stop_loss", "Stop at loss")
        self.stop_loss.setDecimals(6)
        self.stop_loss.setRange(0.0, 1e6)
        self.stop_loss.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        self.stop_loss.setSpecialValueText("off")
        self.stop_loss.setToolTip("Stop when a mini-batch loss falls to this value (off: never)")
        self.stop_epochs.valueChanged.connect(self._stop_changed)
        self.stop_loss.valueChanged.connect(self._stop_changed)
        # a 1024 px window holds the whole toolbar (Qt sizes these boxes for their largest value)
        self.stop_epochs.setMaximumWidth(72)
        self.stop_loss.setMaximumWidth(76)
        self._add_labelled(" Stop at epoch ", self.stop_epochs)
        self._add_labelled(" or loss ≤ ", self.stop_loss)

        # the Play button's text says Play or Pause; its name stays the same
        name_toolbar_buttons(self, {"play": "Play or pause"})
        play = self.widgetForAction(self.play_action)
        if play is not None:
            widths = []
            for text in ("Pause", "Play"):
                self.play_action.setText(text)
                widths.append(play.sizeHint().width())
            play.setMinimumWidth(max(widths))
        self._show_run_timer = QTimer(self, singleShot=True, interval=SHOW_RUN_AFTER_MS)
        self._show_run_timer.timeout.connect(lambda: self._show_running(self.controller.running))
        self._play_after_run = False  # Play pressed while a Step still showed Play: it plays once the Step ends

        c.running_changed.connect(self._running_changed)
        c.document.settings_changed.connect(self.show_settings)
        c.setting_refused.connect(self.show_settings)
        c.document.network_replaced.connect(self.show_settings)
        self.show_settings()

    def _add_labelled(self, words: str, box: QWidget) -> None:
        """``words`` and their ``box`` as one toolbar item: a narrow window moves both into the
        overflow menu, or neither (at 1024×700 the toolbar ended in "or loss ≤ »", its box in the menu)."""
        pair = QWidget(self)
        row = QHBoxLayout(pair)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(QLabel(words, pair))
        row.addWidget(box)
        self.addWidget(pair)

    @property
    def actions_for_menu(self) -> list[QAction]:
        return [self.play_action, self.step_action, self.epoch_action, self.reset_action, self.reinit_action]

    @Slot()
    def show_settings(self) -> None:
        """Show the document's learning rate and batch size."""
        t = self.controller.document.network.training
        with QSignalBlocker(self.learning_rate), QSignalBlocker(self.batch_size):
            self.learning_rate.setValue(t.optimizer.learning_rate)
            self.batch_size.setValue(t.batch_size)

    @Slot()
    def _play_pressed(self) -> None:
        """Play or Pause, as the button says: Play pressed during a Step that still shows Play (it
        ends in a moment) plays once the Step has ended, instead of pausing it."""
        c = self.controller
        if c.running and not c.played and self._show_run_timer.isActive():
            self._play_after_run = True
        else:
            c.toggle()

    @Slot(bool)
    def _running_changed(self, running: bool) -> None:
        self._show_run_timer.stop()
        if running and not self.controller.played:
            self._show_run_timer.start()  # a Step ends long before: nothing changes
        else:
            self._show_running(running)
        if not running and self._play_after_run:
            self._play_after_run = False
            QTimer.singleShot(0, self.controller.play)  # once the Step's end is drawn

    def _show_running(self, running: bool) -> None:
        self.play_action.setText("Pause" if running else "Play")
        self.play_action.setToolTip("Pause training (F5)" if running else PLAY_TIP)
        for a in (self.step_action, self.epoch_action):
            a.setEnabled(not running)

    @Slot(int)
    def _speed_changed(self, position: int) -> None:
        self.speed_label.setText(speed_text(position))
        self.controller.set_speed(speed_for(position))

    @Slot()
    def _stop_changed(self) -> None:
        epochs = self.stop_epochs.value() or None
        loss = self.stop_loss.value() or None
        self.controller.set_stop_conditions(epochs, loss)
