"""The training controller (GUI thread): play, pause, step, reset, speed; owns the training worker.

Life of a session: the first Play (or Step) sends the worker a *copy* of the
document's network (``Load``); its weights are the session's starting weights,
which Reset restores bit-exactly. While the worker trains, the document is left
alone; snapshots arrive (throttled) and a 30 Hz timer shows only the newest.
When a run ends (Pause, a step target, a stop condition, divergence) the trained
weights go into the document as ONE undoable ``SetParameters`` command; Undo gives
back the weights from before the run.

Anything that changes the document makes the worker's copy stale; the next Play
starts a new session from the document. An edit pushed while training
(``document.about_to_edit``) first commits the newest snapshot's weights, then the
edit follows. Undo/redo while training stops the run and discards its progress.

The session runs in a separate process (``desktop.training.worker``), started in the
background when the controller is made and reused until ``shutdown``. If that process
dies, the run ends, the newest snapshot's weights are kept (one undoable step, like a
Pause), the status bar says what happened, and the next Play, Step or Trace starts a
new process. If no process can be started, training runs in a thread of the window and
the status bar says so.
"""

from __future__ import annotations

import sys
import time

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import commands

from .session import Load, Pause, Run, SetBatchSize, SetLearningRate, SetSpeed, SetStopConditions, Trace
from .worker import TrainingWorker

RENDER_INTERVAL_MS = 33
#: seconds between the GIL hand-overs Python forces (its default is 0.005), when training
#: runs in a thread of the window (the fallback)
SWITCH_INTERVAL = 0.0005
#: how long after a change of the document the worker is sent the new network
PREVIEW_DELAY_MS = 40


class TrainingController(QObject):
    #: True while the worker runs a training run
    running_changed = Signal(bool)
    #: a snapshot was shown (views have drawn it)
    snapshot_shown = Signal(object)
    #: a new session began or the network changed: views clear their plots
    views_cleared = Signal()
    #: one line for the status bar
    status = Signal(str)
    #: the core.StepTrace asked for with request_trace
    trace_ready = Signal(object)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.views: list = []  # objects with show_snapshot(snap) and clear(network)
        self.latest = None  # newest snapshot of the current session
        self.running = False
        self.notify = self._message_box  # notify(title, text); tests may replace it
        self._session = 0
        self._loaded = False  # the worker holds a trainer consistent with the document
        self._structure = None
        self._start_params: np.ndarray | None = None
        self._worker_params: np.ndarray | None = None
        self._worker_settings = None
        self._worker_dataset = None
        self._run_kind = "run"
        self._shown = True
        self._closed = False
        self._speed: float | None = None
        self._stop = (None, None)
        self._message_boxes: list = []
        self._init_seed = int(document.network.training.seed)

        self.worker = TrainingWorker(self)
        self.worker.snapshot.connect(self._on_snapshot)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.traced.connect(self._on_traced)
        self.worker.died.connect(self._on_worker_died)
        self.worker.fallback.connect(self._on_fallback)
        self.worker.ensure_running()
        if self.worker.transport == "thread":
            self._thread_transport()

        self.timer = QTimer(self)
        self.timer.setInterval(RENDER_INTERVAL_MS)
        self.timer.timeout.connect(self._render_latest)

        # after a change, the worker gets the new network soon (panels show step 0 at once)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._preview)
        self._preview_timer.start()

        document.about_to_edit.connect(self._on_about_to_edit)
        document.parameters_changed.connect(self._on_parameters_changed)
        document.structure_changed.connect(self._on_structure_changed)
        document.settings_changed.connect(self._on_settings_changed)
        document.network_replaced.connect(self._on_network_replaced)

    # ================================================================ actions
    @property
    def network(self):
        return self.document.network

    def play(self) -> bool:
        """Train until paused (or a stop condition). False (and a status message) if it cannot start."""
        return self._start(Run(), "Training run")

    def step(self, steps: int = 1) -> bool:
        """Exactly ``steps`` mini-batches."""
        return self._start(Run(steps=int(steps)), "Training step" if steps == 1 else f"Train {steps} steps")

    def step_epoch(self) -> bool:
        """Train until the current epoch ends."""
        return self._start(Run(epochs=1), "Train one epoch")

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.play()

    def pause(self) -> None:
        """Ask the worker to stop after the current chunk; its weights are committed when it answers."""
        if self.running:
            self.worker.send(Pause())

    def reset(self) -> None:
        """Back to the weights this session started from (undoable); the history starts afresh."""
        self.interrupt()
        self.worker.ensure_running()
        start = self._start_params
        if start is not None and self._structure == self.network.structure_signature():
            self._push_parameters(start, "Reset weights")
        self._loaded = False
        self._ensure_loaded()

    def reinitialise(self, method: str = "xavier") -> None:
        """New random weights (a new seed each time; undoable)."""
        self.interrupt()
        self._init_seed += 1
        self.document.perform(commands.initialize(self.document, method, self._init_seed))
        self._loaded = False
        self._ensure_loaded()

    def request_trace(self, sample: int | None) -> bool:
        """Ask the session for every number of the next step (``trace_ready`` brings it).

        A running session pauses first (its weights go into the document as usual) and
        goes on afterwards from where it stopped, so the trace is exactly its next step.
        """
        if self._closed:
            return False
        self.pause()
        self.worker.ensure_running()
        if not self._ensure_loaded():
            return False
        self.worker.send(Trace(sample))
        return True

    @Slot(int, object)
    def _on_traced(self, session: int, trace) -> None:
        if session == self._session:
            self.trace_ready.emit(trace)

    def set_speed(self, steps_per_second: float | None) -> None:
        """Limit training to that many steps a second (None: as fast as possible)."""
        self._speed = steps_per_second
        self.worker.send(SetSpeed(steps_per_second))

    def set_stop_conditions(self, epochs: int | None, loss: float | None) -> None:
        """Stop a run when the epoch count reaches ``epochs`` or a batch loss ≤ ``loss`` (None: off)."""
        self._stop = (epochs, loss)
        self.worker.send(SetStopConditions(epochs, loss))

    def set_learning_rate(self, value: float) -> None:
        """Change the document's learning rate (undoable); a running session takes it at once."""
        self._push_setting("learning_rate", float(value))

    def set_batch_size(self, value: int) -> None:
        self._push_setting("batch_size", int(value))

    def _push_setting(self, which: str, value) -> None:
        t = self.network.training
        current = t.optimizer.learning_rate if which == "learning_rate" else t.batch_size
        if current != value:
            self.document.perform(commands.set_training_value(self.document, which, value))

    # ======================================================== session logic
    def _start(self, run: Run, kind: str) -> bool:
        if self._closed or self.running:
            return False
        self.worker.ensure_running()  # a new process if the last one died
        if not self._ensure_loaded():
            return False
        self._run_kind = kind
        self.running = True
        self.running_changed.emit(True)
        self.worker.send(run)
        self.timer.start()
        return True

    @Slot()
    def _preview(self) -> None:
        # only into a worker that runs: a process that died is restarted by the student's next action
        if not (self.running or self._loaded or self._closed) and self.worker.pid is not None:
            self._ensure_loaded(quiet=True)

    def _schedule_preview(self) -> None:
        if not self._closed:
            self._preview_timer.start()

    def _ensure_loaded(self, quiet: bool = False) -> bool:
        if self._loaded:
            return True
        net = self.network
        problems = net.problems()
        if net.dataset is None:
            problems.append("the network has no dataset: choose one in the Dataset panel")
        elif not problems:
            problems += net.dataset_problems()
        if problems:
            if not quiet:
                self.status.emit("Cannot train: " + "; ".join(problems))
            return False
        self._session += 1
        copy = net.copy()
        self._start_params = copy.parameters()
        self._worker_params = self._start_params.copy()
        self._worker_settings = net.training.copy()
        self._worker_dataset = net.dataset
        self._structure = net.structure_signature()
        self.latest = None
        self._loaded = True
        self.views_cleared.emit()
        self.worker.send(SetSpeed(self._speed))
        self.worker.send(SetStopConditions(*self._stop))
        self.worker.send(Load(self._session, copy))
        return True

    def interrupt(self) -> None:
        """Stop a run now (synchronously): commit the newest snapshot's weights and drop the session."""
        if not self.running:
            return
        snap = self.latest
        self._end_session()
        if snap is not None:
            self._commit(snap.parameters, self._run_kind)

    def _end_session(self) -> None:
        self.worker.send(Pause())
        self._session += 1  # late snapshots of the old session are ignored
        self._loaded = False
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        if self.running != running:
            self.running = running
            self.running_changed.emit(running)
        if not running:
            self.timer.stop()

    def _commit(self, params: np.ndarray, kind: str) -> None:
        """The session's trained weights into the document (one undo step; single Steps merge)."""
        if params.shape != self.network.flat.shape or np.array_equal(params, self.network.flat):
            return
        merge = "training steps" if kind == "Training step" else None
        self.document.perform(commands.SetParameters(self.document, kind, params, pauses_training=False,
                                                     merge_key=merge))

    def _push_parameters(self, params: np.ndarray, text: str) -> None:
        if not np.array_equal(params, self.network.flat):
            self.document.perform(commands.SetParameters(self.document, text, params))

    # ==================================================== worker's signals
    @Slot(object)
    def _on_snapshot(self, snap) -> None:
        if snap.session != self._session:
            self.worker.acknowledge()
            return
        self.latest = snap
        self._shown = False

    @Slot(object)
    def _on_finished(self, snap) -> None:
        if snap.session != self._session:
            return
        self.latest = snap
        if snap.state != "ready":
            self._worker_params = snap.parameters
            self._set_running(False)
            self._commit(snap.parameters, self._run_kind)
        self._render(snap)
        if snap.state == "diverged":
            self.status.emit(snap.message)
            self.notify("Training diverged — learning rate too high?", snap.message)
        elif snap.state in ("epochs", "loss_threshold", "early_stopped"):
            why = {"epochs": "the epoch limit was reached", "loss_threshold": "the loss reached the threshold",
                   "early_stopped": f"early stopping {snap.message}" if snap.message
                   else "the validation loss stopped improving"}[snap.state]
            self.status.emit(f"Training stopped: {why}.")

    @Slot(int, str)
    def _on_failed(self, session: int, message: str) -> None:
        if session != self._session:
            return
        was_running = self.running
        self._loaded = False
        self._set_running(False)
        self.status.emit(message)
        if was_running:  # a failed preview (after an edit) only says so in the status bar
            self.notify("Training stopped", message)

    @Slot(str)
    def _on_worker_died(self, message: str) -> None:
        """The training process ended unexpectedly: keep what the run reached, say so, train anew on Play."""
        was_running, snap = self.running, self.latest
        if was_running:
            self._end_session()
            if snap is not None and self.snapshot_fits(snap):
                self._commit(snap.parameters, self._run_kind)
        self._loaded = False
        text = (f"{message} Your network and its undo history are kept"
                + (" (the run up to its last shown step)" if was_running and snap is not None else "")
                + "; Play, Step or Trace starts a new training process.")
        self.status.emit(text)
        if was_running:
            self.notify("Training process stopped", text)

    @Slot(str)
    def _on_fallback(self, why: str) -> None:
        """No process: the session runs in a thread of the window now (anything sent before is lost)."""
        self._thread_transport()
        if self.running:
            self._end_session()
        self._loaded = False
        self.status.emit(f"Training runs inside the window, which may respond more slowly: {why}.")
        self._schedule_preview()

    def _thread_transport(self) -> None:
        # The training thread holds the GIL while it runs Python; every time the GUI thread comes
        # back from Qt it waits up to one switch interval for it. 0.5 ms instead of 5 ms keeps
        # frames short (bench_gui: event-loop p99 ~30 ms instead of ~50 ms).
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))

    @Slot()
    def _render_latest(self) -> None:
        if not self._shown and self.latest is not None:
            self._render(self.latest)

    def _render(self, snap) -> None:
        self._shown = True
        for view in self.views:
            view.show_snapshot(snap)
        self.worker.acknowledge()
        self.snapshot_shown.emit(snap)

    # ================================================== document's signals
    @Slot()
    def _on_about_to_edit(self) -> None:
        self.interrupt()

    @Slot()
    def _on_parameters_changed(self) -> None:
        if self.running:
            self._discard("the weights changed")
        elif self._loaded and not np.array_equal(self.network.flat, self._worker_params):
            self._loaded = False
        self._schedule_preview()

    @Slot()
    def _on_structure_changed(self) -> None:
        if self.running:
            self._discard("the network changed")
        self._loaded = False
        self._schedule_preview()

    @Slot()
    def _on_network_replaced(self) -> None:
        if self.running:
            self._end_session()
        self._loaded = False
        self._start_params = None
        self.latest = None
        self.views_cleared.emit()
        self._schedule_preview()

    @Slot()
    def _on_settings_changed(self) -> None:
        self._schedule_preview()
        if not self._loaded:
            return
        doc, worker = self.network.training, self._worker_settings
        lr, batch = doc.optimizer.learning_rate, doc.batch_size
        if lr != worker.optimizer.learning_rate:
            worker.optimizer.learning_rate = lr
            self.worker.send(SetLearningRate(lr))
        if batch != worker.batch_size:
            worker.batch_size = batch
            self.worker.send(SetBatchSize(batch))
        if doc != worker or self.network.dataset is not self._worker_dataset:
            if self.running:
                self._discard("the training settings changed")
            self._loaded = False

    def _discard(self, why: str) -> None:
        """The document changed under a running session (undo/redo): stop, keep the document as it is."""
        self._end_session()
        self.status.emit(f"Training stopped: {why}.")

    # ================================================================ misc
    def snapshot_fits(self, snap) -> bool:
        """True when ``snap`` was taken from a network with the document's structure now."""
        net = self.network
        return (snap is not None and self._structure == net.structure_signature()
                and net.parameter_layout().fits(snap.parameters))

    def wait_for_step_0(self, timeout_s: float = 15.0) -> bool:
        """Run the event loop until the panels show the session's step 0 (what a student sees a
        moment after opening a network). False at once for a network that cannot train, or after
        ``timeout_s``."""
        from PySide6.QtCore import QEventLoop
        from PySide6.QtWidgets import QApplication

        net = self.network
        if net.problems() or net.dataset is None or net.dataset_problems():
            return False

        def shown() -> bool:
            snap = self.latest
            return snap is not None and snap.finished and self._shown and self.snapshot_fits(snap)

        deadline = time.monotonic() + timeout_s
        while not shown() and time.monotonic() < deadline:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        return shown()

    def train_for_screenshot(self, steps: int, timeout_s: float = 120.0) -> bool:
        """Train ``steps`` steps through the worker at full speed and return once the panels show the result.

        Runs a local event loop (the GUI stays live); False if training could not
        start or did not finish within ``timeout_s``.
        """
        from PySide6.QtCore import QEventLoop

        if steps <= 0:
            return True
        loop = QEventLoop()
        result = {"done": False}

        def shown(snap):
            if snap.finished and snap.state != "ready":
                result["done"] = True
                loop.quit()

        self.snapshot_shown.connect(shown)
        self.status.connect(loop.quit)  # a failure message ends the wait too
        self.worker.send(SetSpeed(None))
        try:
            if self.step(steps):
                QTimer.singleShot(int(timeout_s * 1000), loop.quit)
                loop.exec()
        finally:
            self.snapshot_shown.disconnect(shown)
            self.status.disconnect(loop.quit)
            self.worker.send(SetSpeed(self._speed))
        return result["done"]

    def _message_box(self, title: str, text: str) -> None:
        """A non-modal message box (never blocks the event loop); it replaces the previous one."""
        for old in self._message_boxes:
            old.close()
        parent = self.parent() if isinstance(self.parent(), QWidget) else None
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
        box.setModal(False)
        self._message_boxes = [box]
        box.show()

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """End the training process (Quit → join → terminate → kill) or thread. True when it ended."""
        if self._closed:
            return True
        self._closed = True
        self.timer.stop()
        self._preview_timer.stop()
        self.running = False
        return self.worker.stop(timeout_ms / 2000)
