"""The training controller (GUI thread): play, pause, step, reset, speed; owns the training worker.

Life of a session: the first Play (or Step) sends the worker a *copy* of the document's network (``Load``);
its weights are the session's starting weights, which Reset restores bit-exactly. While the worker trains,
the document is left alone; snapshots arrive (throttled) and a 30 Hz timer shows only the newest. When a run
ends (Pause, a step target, a stop condition, divergence) the trained weights go into the document as ONE
undoable ``SetParameters`` command; Undo gives back the weights from before the run.

**Versions.** Every command sent carries the document version it is about; which
version the process holds, and how it is kept the document's (Follow or Load), is the
``ProcessLink``'s job (``desktop.training.link``): the next Play, Step, Trace or preview
after a change it cannot follow loads the document anew. Answers carry the version
back: a trace of an older version never reaches the step-through. An edit pushed while
training (``document.about_to_edit``) first commits the newest snapshot's weights, then
the edit follows. Undo/redo while training stops the run and discards its progress.

The session runs in a separate process (``desktop.training.worker``), started in the background when the
controller is made and reused until ``shutdown``. What the controller does when that process fails, dies,
cannot start or does not answer a Pause is in ``desktop.training.failures``.
"""

from __future__ import annotations

import contextlib

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop import commands, reset_run

from . import waits
from .failures import PAUSE_GRACE_MS, TRACE_ASKER, ProcessFailures
from .link import ProcessLink, load_problems
from .messages import Pause, Run, Trace
from .step_command import TrainingSteps, steps_text
from .worker import TrainingWorker

RENDER_INTERVAL_MS = 33
#: a single Step's run: its commit is a ``TrainingSteps`` undo step
STEP_KIND = steps_text(1)
#: how long after a change of the document the worker is sent the new network
PREVIEW_DELAY_MS = 40


class TrainingController(ProcessFailures, QObject):
    #: True while the worker runs a training run
    running_changed = Signal(bool)
    #: a snapshot was shown (views have drawn it)
    snapshot_shown = Signal(object)
    #: ``latest``, a big network's finished snapshot, is complete now: its ``evaluation`` (and
    #: output view) arrived after it (``messages.Evaluated``); the views that show them update
    evaluated = Signal(object)
    #: a new session began or the network changed: views clear their plots
    views_cleared = Signal()
    #: one line for the status bar
    status = Signal(str)
    #: the messages.Traced answer to request_trace (its tag's version is the document's now)
    trace_ready = Signal(object)
    #: a trace asked for will not come: the failed command's messages.Tag (None: any asked) and why
    trace_failed = Signal(object, str)
    #: the session's answers from now on are dropped (a run ended here): whoever waits asks again
    answers_dropped = Signal()
    #: a finished snapshot (a Step, the end of a run, step 0) is about to be drawn; what the views
    #: take from it for the view state joins the document's new weights in one announcement
    finishing = Signal(object)
    #: a training action was refused (``refusal``): why, in words that end a sentence
    refused = Signal(str)
    #: a learning rate or batch size was refused (the status bar says why): the boxes show the document's again
    setting_refused = Signal()

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.views: list = []  # objects with show_snapshot(snap) and clear(network)
        self.latest = None  # newest snapshot of the current session
        self.running = False
        self.notify = self._message_box  # notify(title, text); tests may replace it
        self._committing = False  # the session's own weights are going into the document
        #: a finished run or Step is being drawn: what is not on the canvas may wait for a later turn
        self.drawing_finished = False
        self._run_kind = "run"
        self._run_asker = "window"
        self._run_from_step: int | None = None
        #: the run now is Play's: it shows as running at once and F5 pauses it (Step's runs a number of
        #: steps or epochs); it goes on until paused, unless ``step_limit`` ended it at a count
        self.played = False
        #: how many more steps any run may take now (None: no limit), asked as each run starts: a guided
        #: lesson's open "Train N steps" (``desktop.lesson.train_step``) makes Play, Step and Step epoch
        #: stop where its N steps end
        self.step_limit = lambda: None
        #: why no run may start now (None: it may), asked before each run starts: a guided lesson whose
        #: question about the weights as saved is still open (``desktop.lesson.train_gate``) refuses Play,
        #: Step, Step epoch and the step-through's applied step alike, with a status message
        self.refusal = lambda: None
        self._shown = True
        self._closed = False
        self._message_boxes: list = []
        self._init_seed = int(document.network.training.seed)
        #: a context in which what the views are told waits for its end (the window's ``ViewState.batch``):
        #: a finished run's commit and its snapshot's numbers reach the canvas as one change
        self.batch_views = contextlib.nullcontext

        self.worker = TrainingWorker(self)
        self.link = ProcessLink(document, self.worker)
        self.worker.snapshot.connect(self._on_snapshot)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.traced.connect(self._on_traced)
        self.worker.evaluated.connect(self._on_evaluated)
        self.worker.died.connect(self._on_worker_died)
        self.worker.fallback.connect(self._on_fallback)
        self.worker.superseded.connect(self._on_superseded)
        self.worker.ensure_running()

        self.timer = QTimer(self)
        self.timer.setInterval(RENDER_INTERVAL_MS)
        self.timer.timeout.connect(self._render_latest)

        # after a change, the worker gets the new network soon (panels show step 0 at once)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._preview)
        self._preview_timer.start()

        # a Pause the process does not answer (stopped, stuck) ends the run here
        self._pause_timer = QTimer(self)
        self._pause_timer.setSingleShot(True)
        self._pause_timer.setInterval(PAUSE_GRACE_MS)
        self._pause_timer.timeout.connect(self._pause_unanswered)

        document.about_to_edit.connect(self.interrupt)
        document.parameters_changed.connect(self._on_parameters_changed)
        document.structure_changed.connect(self._on_structure_changed)
        document.settings_changed.connect(self._on_settings_changed)
        document.network_replaced.connect(self._on_network_replaced)
        document.version_changed.connect(self._on_version_changed)

    # ================================================================ actions
    @property
    def network(self):
        return self.document.network

    @property
    def process_version(self) -> int | None:
        """The document version the process holds once it has read what was sent (None: it must load)."""
        return self.link.version

    def play(self) -> bool:
        """Train until paused (a stop condition, ``step_limit``'s steps); False (and a status message) if it cannot."""
        return self._start(Run(), "Training run")

    def step(self, steps: int = 1, asker: str = "window", *, says_refusal: bool = False) -> bool:
        """Exactly ``steps`` mini-batches (fewer where ``step_limit`` ends them; ``asker``: who waits for it, echoed
        in its snapshots; ``says_refusal``: the asker says a refusal itself, and the status bar does not)."""
        kind = STEP_KIND if steps == 1 else f"Train {steps} steps"
        return self._start(Run(steps=int(steps), asker=asker), kind, says_refusal=says_refusal)

    def step_epoch(self) -> bool:
        """Train until the current epoch ends (or ``step_limit`` does)."""
        return self._start(Run(epochs=1), "Train one epoch")

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.play()

    def pause(self) -> None:
        """Ask the worker to stop after the current chunk; its weights are committed when it answers
        (or, after ``PAUSE_GRACE_MS`` without an answer, the last shown snapshot's)."""
        if self.running:
            self.worker.send(Pause(version=self.document.version))
            if not self._pause_timer.isActive():
                self._pause_timer.start()

    def reset(self) -> None:
        """Back to the weights this session started from (undoable); the history starts afresh."""
        self.interrupt()
        self.worker.ensure_running()
        command, said = reset_run.reset_for(self.document, self.link.start_params, self.link.structure)
        if command is not None and not self._push(command):  # (a file's run goes too)
            return  # refused (the status bar says why): the weights and the run stay as they are
        if said:  # (nothing changed: no undo step)
            self.status.emit(said)
        self.link.start_afresh()  # the history starts afresh (a file's kept run too)
        self._ensure_loaded()

    def reinitialise(self, method: str = "xavier") -> None:
        """New random weights (a new seed each time; undoable)."""
        self.interrupt()
        self._init_seed += 1
        if self._push(commands.initialize(self.document, method, self._init_seed)):
            self._ensure_loaded()

    def request_trace(self, sample: int | None, asker: str = TRACE_ASKER) -> int | None:
        """Ask the session for every number of its next step (``trace_ready`` brings it, or
        ``trace_failed`` says why not); the document version asked about, None when it cannot be asked.

        A running session pauses first: its weights go into the document as one undo step and
        the process follows that version; the trace it sends meanwhile is about the version
        before, so it is dropped, and the asker asks again for the new version (the Stepper does
        on ``Document.version_changed``). The trace is exactly the session's next step.
        """
        if self._closed:
            return None
        self.pause()
        self.worker.ensure_running()
        if not self._ensure_loaded():
            return None
        version = self.document.version
        self.worker.send(Trace(sample, asker=asker, version=version))
        return version

    @Slot(object)
    def _on_traced(self, traced) -> None:
        if self.link.is_current(traced.tag):
            self.trace_ready.emit(traced)
        # else: about a network the document no longer holds; whoever waits asks again for the new one

    def set_speed(self, steps_per_second: float | None) -> None:
        """Limit training to that many steps a second (None: as fast as possible)."""
        self.link.set_speed(steps_per_second)

    def set_stop_conditions(self, epochs: int | None, loss: float | None) -> None:
        """Stop a run when the epoch count reaches ``epochs`` or a batch loss ≤ ``loss`` (None: off)."""
        self.link.set_stop_conditions(epochs, loss)

    def set_learning_rate(self, value: float) -> None:
        """Change the document's learning rate (undoable); a running session takes it at once."""
        self._push_setting("learning_rate", float(value))

    def set_batch_size(self, value: int) -> None:
        self._push_setting("batch_size", int(value))

    def _push_setting(self, which: str, value) -> None:
        """The new setting into the document; refused, the boxes show the document's again."""
        t = self.network.training
        current = t.optimizer.learning_rate if which == "learning_rate" else t.batch_size
        if current != value and not self._push(commands.set_training_value(self.document, which, value)):
            self.setting_refused.emit()

    @staticmethod
    def refused_message(reason: str) -> str:
        """The status bar's words for a refusal ("Not trained: answer step 5 first (…).")."""
        return f"Not trained: {reason}."

    # ======================================================== session logic
    def _start(self, run: Run, kind: str, *, says_refusal: bool = False) -> bool:
        if self._closed or self.running:
            return False
        reason = self.refusal()
        if reason:
            if not says_refusal:  # (else the asker says it: once)
                self.status.emit(self.refused_message(reason))
            self.refused.emit(reason)
            return False
        self.worker.ensure_running()  # a new process if the last one died
        if not self._ensure_loaded():
            return False
        self.played = run.steps is None and run.epochs is None
        limit = self.step_limit()
        if limit is not None and limit > 0 and (run.steps is None or run.steps > limit):
            run.steps = limit  # (with ``epochs``, the run ends at whichever comes first)
            if self.played:
                kind = f"Train {limit} step{'s' if limit != 1 else ''}"
        self._run_kind, self._run_asker = kind, run.asker
        self._run_from_step = self.latest.step if self.latest is not None else None
        run.version = self.document.version
        self.running = True
        self.worker.send(run)  # on its way before the window redraws what the run changes
        self.running_changed.emit(True)
        self.timer.start()
        return True

    @Slot()
    def _preview(self) -> None:
        # only into a worker that runs: a process that died is restarted by the student's next action
        if self.running or self._closed:
            return
        if self.worker.pid is not None:
            self._ensure_loaded(quiet=True)
        elif self.latest is not None and not self.link.has_weights_of(self.latest):  # (an Undo, an edit)
            self.latest = None
            self.views_cleared.emit()

    @Slot(int)
    def _on_version_changed(self, _version: int) -> None:
        if not (self._committing or self.running) and self.link.version is not None \
                and self.link.changes_to_follow() is None:
            self.link.forget()  # the preview loads the document's network
        self._schedule_preview()

    def _schedule_preview(self) -> None:
        if not self._closed and self.process_version != self.document.version:
            self._preview_timer.start()

    def _ensure_loaded(self, quiet: bool = False) -> bool:
        """True when the process holds the document's network (followed, or a Load sent now)."""
        if self.link.follows():
            return True
        problems = load_problems(self.network)
        if problems and not quiet:
            self.status.emit("Cannot train: " + "; ".join(problems))
        if not problems:
            self.link.load()
        if not problems or self.latest is not None:  # (its figures are of a network or data no longer there)
            self.latest = None
            self.views_cleared.emit()
        return not problems

    def interrupt(self) -> None:
        """Stop a run now (synchronously): commit the newest snapshot's weights and drop the session."""
        if not self.running:
            return
        snap = self.latest
        self._end_session()
        if snap is not None:
            self._commit(snap.parameters, self._run_kind, steps=self._steps_taken(snap))

    def _end_session(self) -> None:
        self.worker.send(Pause())
        self.link.forget()  # late snapshots of the old session are ignored
        self._set_running(False)
        self.answers_dropped.emit()

    def _set_running(self, running: bool) -> None:
        if self.running != running:
            self.running = running
            self.running_changed.emit(running)
        if not running:
            self.timer.stop()
            self._pause_timer.stop()

    def _steps_taken(self, snap) -> int | None:
        """How many steps the run took up to ``snap``, from the step it began at (None: unknown), for its undo entry."""
        return None if self._run_from_step is None else snap.step - self._run_from_step

    def _commit(self, params: np.ndarray, kind: str, process_holds: bool = False, resume=None, steps=None) -> None:
        """The session's trained weights into the document (one undo step; each single Step its own while the
        Steps in a row hold little memory, then they merge: ``step_command``).

        ``process_holds``: the process holds exactly ``params`` (its run ended there): it follows
        the document's new version and its next step goes on from its step count and optimizer state.
        ``resume``: the run's ``core.ResumeState`` there, kept with the weights in the undo stack: after an
        Undo and Redo back to them, training goes on with it (``ProcessLink.load``).
        ``steps``: how many steps the run took, for its undo entry's words ("Undid 50 training steps").
        """
        follows = process_holds and self.link.follows()
        if params.shape == self.network.flat.shape and not np.array_equal(params, self.network.flat):
            if kind == STEP_KIND:  # each Step its own undo step while they are cheap (``step_command``)
                command = TrainingSteps(self.document, params, resume=resume)
            else:
                command = commands.SetParameters(self.document, kind, params, pauses_training=False, resume=resume,
                                                 steps=steps)
            self._committing = True
            try:
                self.document.perform(command)
            finally:
                self._committing = False
        if follows and self.link.version != self.document.version:
            self.link.follow()

    def _push(self, command) -> bool:
        """``command`` into the document; False when refused (the status bar says why)."""
        reason = self.document.perform(command)
        if reason is not None:
            self.status.emit(f"Not done: {reason}")
        return reason is None

    # ==================================================== worker's signals
    @Slot(object)
    def _on_snapshot(self, snap) -> None:
        if snap.session != self.link.session:
            self.worker.acknowledge()
            return
        self.latest = snap
        self._shown = False

    @Slot(object)
    def _on_finished(self, snap) -> None:
        if snap.session != self.link.session:
            return
        if snap.state == "ready" and self._run_from_step is None:
            self._run_from_step = snap.step
        self.latest = snap
        self.drawing_finished = True
        # the weights into the document first (whatever the end of the run redraws shows them), with the snapshot's
        # maps, weight paths and next batch's rows in one announcement (the canvas's numbers computed once for a
        # Step); what that sends the process (its Follow) leaves once all is drawn: a process woken takes a core
        try:
            with self.worker.sends_held():
                with self.batch_views():
                    if snap.state != "ready":
                        self._commit(snap.parameters, self._run_kind, process_holds=True, resume=snap.resume,
                                     steps=self._steps_taken(snap))
                        self._set_running(False)
                    self.finishing.emit(snap)
                self._render(snap)
        finally:
            self.drawing_finished = False
        if snap.state == "ready" and snap.message:  # (a Load back to a run's end the process no longer keeps)
            self.status.emit(snap.message)
        elif snap.state == "diverged":
            self.status.emit(snap.message)
            self.notify("Training diverged — learning rate too high?", snap.message)
        elif snap.state == "early_stopped":  # the Loss panel's note says why, whole, and which weights are shown
            self.status.emit(f"Training stopped early at epoch {snap.epoch}.")
        elif snap.state in ("epochs", "loss_threshold"):
            why = {"epochs": "the epoch limit was reached", "loss_threshold": "the loss reached the threshold"}[snap.state]
            self.status.emit(f"Training stopped: {why}.")

    @Slot(object)
    def _on_evaluated(self, evaluated) -> None:
        """Complete ``latest`` with what the session measured after answering (same session, version, step)."""
        snap, tag = self.latest, evaluated.tag
        if (snap is None or not snap.evaluation_pending or tag.session != self.link.session
                or (tag.session, tag.version, evaluated.step) != (snap.session, snap.version, snap.step)):
            return  # about a snapshot no longer shown
        snap.evaluation = evaluated.evaluation
        if evaluated.output is not None:
            snap.output = evaluated.output
        snap.evaluation_pending = False
        self.evaluated.emit(snap)

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
    def _on_parameters_changed(self) -> None:
        if self.running and not self._committing:  # an undo or redo while training (edits interrupt the run first)
            self._discard("the weights changed")

    @Slot()
    def _on_structure_changed(self) -> None:
        if self.running:
            self._discard("the network changed")

    @Slot()
    def _on_network_replaced(self) -> None:
        if self.running:
            self._end_session()
        self.link.forget()  # a late step 0 of the old network is dropped
        self.link.start_params = None
        self.latest = None
        self.views_cleared.emit()  # the old network's figures go at once, before the new step 0 arrives

    @Slot()
    def _on_settings_changed(self) -> None:
        # a running session takes a new learning rate or batch size at once; anything else ends its run
        if self.running and not self.link.follows():
            self._discard("the training settings changed")

    def _discard(self, why: str) -> None:
        """The document changed under a running session (undo/redo): stop, keep the document as it is."""
        self._end_session()
        self.status.emit(f"Training stopped: {why}.")

    # ================================================================ misc
    @property
    def latest_shown(self) -> bool:
        """True when the views have drawn ``latest``."""
        return self._shown

    @property
    def speed(self) -> float | None:
        """The speed limit (steps a second; None: as fast as possible)."""
        return self.link.speed

    def snapshot_fits(self, snap) -> bool:
        """True when ``snap`` was taken from a network with the document's structure now."""
        return self.link.snapshot_fits(snap)

    def wait_for_step_0(self, timeout_s: float = 15.0) -> bool:
        """Run the event loop until the panels show the session's step 0 (``waits.wait_for_step_0``)."""
        return waits.wait_for_step_0(self, timeout_s)

    def train_for_screenshot(self, steps: int, timeout_s: float = 120.0) -> bool:
        """Train ``steps`` steps at full speed; True once the panels show them (``waits.train_for_screenshot``)."""
        return waits.train_for_screenshot(self, steps, timeout_s)

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """End the training process (Quit → join → terminate → kill) or thread. True when it ended."""
        if self._closed:
            return True
        self._closed = True
        self.timer.stop()
        self._preview_timer.stop()
        self.running = False
        return self.worker.stop(timeout_ms / 2000)
