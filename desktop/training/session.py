"""The training session: a chunked training loop with no Qt, fed by commands, giving snapshots.

A ``TrainingSession`` owns a copy of the network (sent with a ``Load`` command) and
trains it in chunks of a few milliseconds. Between chunks it takes commands from
``session.commands`` (a thread-safe ``queue.Queue``): whoever shows the results never
calls into the trainer. Results leave as ``Snapshot`` copies through three callbacks:

* ``emit_snapshot(snap)`` — while running, at most ``MAX_SNAPSHOTS_PER_SECOND`` a
  second, and never a new one before the receiver took the previous one (``acknowledge``);
* ``emit_finished(snap)`` — always, once per run, when it ends (pause, step target
  reached, stop condition, divergence) and once after every ``Load`` ("ready");
* ``emit_failed(tag, message)`` — a command or a step failed unexpectedly;
* ``emit_traced(tag, traced)`` — the ``Traced`` answer (a ``core.StepTrace`` and the rows
  the next step trains on) that a ``Trace`` command asked for;
* ``emit_report(report)`` — what the session holds now (a dict), for a ``Report`` command;
* ``emit_evaluated(evaluated)`` — for a big network, what a finished snapshot leaves out
  (``Evaluated``: the loss and accuracy on all the data, the output view), right after it.

**A big network's finished step answers first.** On a network whose evaluation on all
the data is slow (samples × parameters ≥ ``DEFERRED_EVALUATION_WORK``: 784-64-10 on 2,000
samples takes ~20 ms), the finished snapshot of a run (a Step, a Pause) leaves at once with
``evaluation_pending`` set and without the output view (unless the canvas draws its neuron
maps): the canvas shows the step without waiting. The ``Evaluated`` message that follows it
names the same session, version and step; the window completes that snapshot with it. The
session measures it once the window acknowledged the snapshot (it is drawn; at most
``EVALUATION_WAITS_S`` later, and always before it handles the next command), so that the
measurements never take a core from the window's drawing of the step.

**Who asked, and about which version**: see ``desktop.training.messages``; every answer
echoes the ``Tag`` of what it answers, and the window drops an answer about a version it no
longer shows.

Each snapshot's ``loss_warning`` says (as text, "" when not) whether the loss is
rising: a ``core.loss_watch.LossRiseWatch`` follows the session's epoch losses, from
the loss before training on; the run goes on either way (or ``core.saturation``'s, every dL/dw 0).

``desktop.training.process`` runs it in a separate process (the window's usual way);
``desktop.training.worker`` can also run it in a ``QThread`` of the window (the fallback).
"""

from __future__ import annotations

import math
import queue
import threading
import time

from core.history import DecimatingBuffer
from core.loss_watch import LossRiseWatch
from core.saturation import stalled_words
from core.trace import trace_step, trace_trainer_step
from core.training import DivergenceError, Trainer

from .history_tails import HistoryTails
from .kept_runs import KeptRuns
from .messages import (Evaluated, Follow, Load, Pause, Quit, Report, Run, SetBatchSize, SetGradients,
                       SetLearningRate, SetSpeed, SetStopConditions, Tag, Trace, Traced)
from .session_report import session_report
from .snapshot import OutputSampler, take_snapshot

MAX_SNAPSHOTS_PER_SECOND = 30
#: A chunk of steps takes about this much of the process's own time (CPU time: on a busy machine
#: the time others take from it would make the chunks small and their bookkeeping large);
#: commands wait at most that long while the process runs.
CHUNK_SECONDS = 0.004
MAX_CHUNK = 256
#: the output view (a forward pass over the plane or the first samples) is taken at most every
#: this many times its own cost apart: ≤ 1 % of the training time (784-64-10: ~3 ms, ~3 a second;
#: XOR's ~0.1 ms view keeps its 10 a second). With the snapshots' ~2 % (copying ~2 MB into shared
#: memory 30 times a second) the window costs a big network's training ~3 % of its time.
OUTPUT_TIME_SHARE_INVERSE = 100
#: at the end of a run the loss and accuracy on all data are measured when there are at most this many samples
MAX_EVALUATED_SAMPLES = 20000
#: samples × parameters from which the end of a run's evaluation (and output view) follow its finished
#: snapshot in an ``Evaluated`` message instead of delaying it (about a millisecond of work here)
DEFERRED_EVALUATION_WORK = 500_000
#: how long that evaluation waits for the window to say it drew the finished snapshot (``acknowledge``)
EVALUATION_WAITS_S = 0.1
#: put into the commands by ``acknowledge`` while an evaluation waits for it: the window drew the step
DRAWN = "drawn"
#: how often an evaluation that waits for the window's acknowledgement looks at the ``acknowledgements``
#: semaphore (a process's receiver acknowledges through it: nothing wakes the session)
ACKNOWLEDGED_POLL_S = 0.002


class TrainingSession:
    """The training loop of one worker, with no Qt: it owns a ``Trainer`` and answers commands.

    ``emit_snapshot(snap)``, ``emit_finished(snap)`` and ``emit_failed(session, message)``
    are how results leave (the Qt adapter passes its signals' ``emit``). ``run_forever``
    is the worker thread's (or process's) whole life. ``snapshot_copies=False``: the emitters
    copy each snapshot before they return (the training process pickles it into shared memory),
    so its big arrays may be views of the trainer's (``snapshot.take_snapshot``).
    ``history_tails=True``: the snapshots' histories go as what changed since the previous
    snapshot (``history_tails``), for a receiver that gets every snapshot in order.
    ``acknowledgements``: a semaphore the receiver releases instead of calling ``acknowledge``.
    """

    def __init__(self, emit_snapshot, emit_finished, emit_failed, emit_traced=lambda traced: None,
                 emit_report=lambda report: None, emit_evaluated=lambda evaluated: None,
                 snapshot_copies: bool = True, history_tails: bool = False, acknowledgements=None):
        self._emit_snapshot, self._emit_finished, self._emit_failed = emit_snapshot, emit_finished, emit_failed
        self._emit_traced, self._emit_report, self._emit_evaluated = emit_traced, emit_report, emit_evaluated
        self._snapshot_copies = snapshot_copies
        #: the histories go as what changed since the last snapshot (``history_tails``): for a receiver
        #: that gets every snapshot in order and completes them (``HistoryCopies``)
        self.history_tails = HistoryTails() if history_tails else None
        #: a ``multiprocessing`` semaphore the receiver releases for every snapshot it took: the same as
        #: calling ``acknowledge``, read when the session wants to know (no message, no thread woken)
        self._acknowledgements = acknowledgements
        self.commands: queue.Queue = queue.Queue()
        self.trainer: Trainer | None = None
        self.session_id = -1
        self.version = -1  # the document version of the network the session holds
        self._run_asker = "window"
        self.chunk = 1
        self.steps_done = 0  # read by tests from the GUI thread (an int: atomic)
        self.step_cpu_seconds = 0.0  # this thread's CPU time (s) inside the trainer's steps so far (Report)
        self._sampler = None
        self._defer_evaluation = False  # a big network: see Evaluated
        self._due_evaluation: tuple | None = None  # (Tag, step, output later?) of an Evaluated still to send
        self._epoch_steps = DecimatingBuffer(2, 1)
        self._loss_watch = LossRiseWatch()
        self._start: dict | None = None  # the loss and accuracy on all the data before training
        self._kept_runs = KeptRuns()  # the ends of the last runs, for an Undo or Redo back to one
        self._run: Run | None = None
        self._target_step = self._target_epoch = None
        self._speed: float | None = None
        self._gradients = True  # running snapshots carry the last step's gradient and its running mean (SetGradients)
        self._stop_epochs: int | None = None
        self._stop_loss: float | None = None
        self._quit = False
        self._ready_for_snapshot = threading.Event()
        self._ready_for_snapshot.set()
        self._last_emit = 0.0
        self._next_output = 0.0
        self._rate_mark = (0.0, 0)
        self._speed_mark = (0.0, 0)
        self._steps_per_second = 0.0

    # ------------------------------------------------------------ any thread
    def send(self, command) -> None:
        """Queue a command (any thread)."""
        self.commands.put(command)

    def stop(self) -> None:
        """Ask the loop to end (any thread)."""
        self._quit = True
        self.commands.put(Quit())

    def acknowledge(self) -> None:
        """The GUI took the latest snapshot; the next may be sent, a due evaluation may run (any thread)."""
        self._ready_for_snapshot.set()
        if self._due_evaluation is not None:
            self.commands.put(DRAWN)

    @property
    def running(self) -> bool:
        """Whether a run goes on (any thread)."""
        return self._run is not None

    # --------------------------------------------------------- worker side
    def _take_acknowledgements(self) -> None:
        """``acknowledge`` once if the receiver released the ``acknowledgements`` semaphore since last asked."""
        taken = self._acknowledgements
        if taken is not None and taken.acquire(False):
            while taken.acquire(False):
                pass
            self.acknowledge()

    def _next_command(self, timeout: float):
        """The next command within ``timeout`` seconds (None: none came). While an evaluation waits for
        the window's acknowledgement through the semaphore, it is looked at every ``ACKNOWLEDGED_POLL_S``."""
        deadline = time.perf_counter() + timeout
        while True:
            wait = deadline - time.perf_counter()
            if self._acknowledgements is not None and self._due_evaluation is not None:
                self._take_acknowledgements()  # (puts DRAWN among the commands)
                wait = min(wait, ACKNOWLEDGED_POLL_S)
            try:
                return self.commands.get(timeout=max(wait, 0.0))
            except queue.Empty:
                if time.perf_counter() >= deadline:
                    return None

    def run_forever(self, interrupted=lambda: False) -> None:
        """Wait for commands; while running, train in chunks; return on ``Quit`` or when ``interrupted()``."""
        while not self._quit and not interrupted():
            if self._run is None:
                command = self._next_command(EVALUATION_WAITS_S if self._due_evaluation else 0.2)
                if not isinstance(command, (Load, Quit)):  # (a new session's or none: no one will read it)
                    self._send_due_evaluation()  # before any command changes what it measures
                self._due_evaluation = None
                if command is not None and command != DRAWN:
                    self._handle(command)
                continue
            self._drain()
            if self._run is None or self._quit:
                continue
            wait = self._due_in()
            if wait > 0:
                try:
                    self._handle(self.commands.get(timeout=wait))
                except queue.Empty:
                    pass
                continue
            self._train_chunk()

    def _drain(self) -> None:
        while not self.commands.empty():  # (cheaper than get_nowait's Empty between every two chunks)
            try:
                command = self.commands.get_nowait()
            except queue.Empty:
                return
            self._handle(command)

    def _tag(self, command=None) -> Tag:
        return Tag(getattr(command, "asker", "window"), self.session_id, self.version)

    def _handle(self, command) -> None:
        try:
            self._dispatch(command)
        except Exception as exc:  # a bad command must never kill the thread
            self._run = None
            self._emit_failed(self._tag(command), f"{type(exc).__name__}: {exc}")

    def _dispatch(self, command) -> None:
        if isinstance(command, Quit):
            self._quit = True
        elif isinstance(command, Load):
            self._run = None
            self.session_id, self.version = command.session, command.version
            self.trainer = None
            # a copy: a network just unpickled (a process's Load) trained the XOR lesson ~2 % slower than a
            # copy of it, with the same numbers (µs a step, alternating in one process: the unpickled
            # network 51.3, a copy of the original 50.3, a copy of the unpickled one 49.8)
            self.trainer = Trainer(command.network.copy(), watched=command.watched)
            # the step at which each epoch ended, decimated exactly like history.epochs
            self._epoch_steps = DecimatingBuffer(self.trainer.history.epochs.capacity, 1)
            self._start = self._evaluation()
            kept, not_kept = self._kept_runs.resume(self.trainer, command.resume)  # a kept run's or the file's end
            if kept is not None:
                self._epoch_steps, self._start = kept
            self._loss_watch = LossRiseWatch(None if self._start is None else self._start["train_loss"])
            self._sampler = OutputSampler(self.trainer)
            t = self.trainer
            self._defer_evaluation = (len(t.X) + len(t.X_val)) * t.net.flat.size >= DEFERRED_EVALUATION_WORK
            self._steps_per_second = 0.0
            self._emit_final("ready", not_kept)
        elif isinstance(command, Follow):
            self.version = command.version
        elif isinstance(command, Run):
            if self.trainer is None:
                raise RuntimeError("there is no network to train")
            t = self.trainer
            t.clear_stop()  # a new run after early stopping trains again
            self._target_step = None if command.steps is None else t.step_count + command.steps
            self._target_epoch = None if command.epochs is None else t.epoch + command.epochs
            self._run = command
            self._run_asker = command.asker
            now = time.perf_counter()
            self._rate_mark = (now, t.step_count)
            self._speed_mark = (now, t.step_count)
            self._last_emit = now
            if self._free_run_past_epoch_limit():
                self._finish("epochs")  # the limit was reached before: not one more step
        elif isinstance(command, Pause):
            if self._run is not None:
                self._finish("paused")
        elif isinstance(command, SetLearningRate):
            if self.trainer is not None:
                self.trainer.learning_rate = command.value
                self._follow(command)
        elif isinstance(command, SetBatchSize):
            if self.trainer is not None:
                self.trainer.batch_size = command.value
                self._follow(command)
        elif isinstance(command, SetSpeed):
            self._speed = command.steps_per_second
            if self.trainer is not None:
                self._speed_mark = (time.perf_counter(), self.trainer.step_count)
        elif isinstance(command, Trace):
            if self.trainer is None:
                raise RuntimeError("there is no network to trace")
            step_rows = [int(r) for r in self.trainer.next_batch_indices()]
            if command.sample is None or step_rows == [command.sample]:
                trace = trace_trainer_step(self.trainer)
            else:
                trace = trace_step(self.trainer.net, command.sample)
                trace.step = self.trainer.step_count  # (it starts after the steps taken, as the next step would)
            self._emit_traced(Traced(self._tag(command), trace, step_rows))
        elif isinstance(command, SetStopConditions):
            self._stop_epochs, self._stop_loss = command.epochs, command.loss
        elif isinstance(command, SetGradients):
            self._gradients = command.on
        elif isinstance(command, Report):
            self._emit_report(session_report(self, command.asker, self._kept_runs.end_of(command.run)))
        else:
            raise TypeError(f"unknown training command {command!r}")

    def _follow(self, command) -> None:
        if command.version >= 0:
            self.version = command.version

    def _evaluation(self) -> dict | None:
        """The loss and accuracy on all training and validation samples now (``EpochStats``
        fields), or None for a very large dataset."""
        t = self.trainer
        if len(t.X) + len(t.X_val) > MAX_EVALUATED_SAMPLES:
            return None
        return dict(vars(t.evaluate()))

    def _due_in(self) -> float:
        """Seconds until the speed limit allows the next step (≤ 0: now)."""
        if self._speed is None:
            return 0.0
        start, steps = self._speed_mark
        allowed_at = start + (self.trainer.step_count - steps) / self._speed
        return allowed_at - time.perf_counter()

    def _budget(self) -> int:
        if self._speed is None:
            return self.chunk
        start, steps = self._speed_mark
        allowed = int((time.perf_counter() - start) * self._speed) - (self.trainer.step_count - steps) + 1
        return max(1, min(self.chunk, allowed))

    def _train_chunk(self) -> None:
        t = self.trainer
        reason = self._end_reason(None)  # a limit the student lowered while the run went on
        if reason:
            self._finish(reason)
            return
        n = self._budget()
        if self._target_step is not None:
            n = max(1, min(n, self._target_step - t.step_count))
        # the per-step test, as cheap as can be (an XOR step is ~40 µs, and ends an epoch): written into
        # the trainer's loop (the loss threshold every step, the epoch limits and early stopping when an
        # epoch ends; why it stopped is asked after); each epoch's end step and loss are only noted, and
        # recorded after the chunk
        first_step = t.step_count
        epoch_ends: list = []
        began = time.thread_time()
        try:
            try:
                t.train_steps(n, stop_loss=-math.inf if self._stop_loss is None else self._stop_loss,
                              stop_epoch=self._epoch_limit(), epoch_ends=epoch_ends)
            finally:  # counted before any result leaves
                self.step_cpu_seconds += (stepped := time.thread_time() - began)
                self.steps_done += t.step_count - first_step
                self._epochs_ended(epoch_ends)
        except DivergenceError as exc:
            self._finish("diverged", f"{exc} Ctrl+Z takes back the whole run.")  # (a window's words, not the CLI's)
            return
        except Exception as exc:
            self._run = None
            self._emit_failed(Tag(self._run_asker, self.session_id, self.version),
                              f"Training stopped: {type(exc).__name__}: {exc}")
            return
        reason = self._end_reason(t.last_loss)
        per_step = stepped / max(t.step_count - first_step, 1)
        self.chunk = max(1, min(MAX_CHUNK, int(CHUNK_SECONDS / max(per_step, 1e-7))))
        now = time.perf_counter()
        self._measure_rate(now)
        if reason:
            self._finish(reason)
        elif now - self._last_emit >= 1.0 / MAX_SNAPSHOTS_PER_SECOND and self._snapshot_taken():
            self._ready_for_snapshot.clear()
            self._last_emit = now
            self._send(self._emit_snapshot, self._take("running", now))

    def _snapshot_taken(self) -> bool:
        """The receiver took the snapshot sent last (``acknowledge``, or the ``acknowledgements`` semaphore)."""
        self._take_acknowledgements()
        return self._ready_for_snapshot.is_set()

    def _epochs_ended(self, ends: list) -> None:
        """Record the epochs a chunk ended ((the step at each one's end, its training loss), in order):
        the epoch steps decimated like ``history.epochs``, the losses for the loss-rise watch."""
        if not ends:
            return
        last = self.trainer.epoch
        steps, losses = zip(*ends)
        self._epoch_steps.extend(range(last - len(steps) + 1, last + 1), steps)
        self._loss_watch.epochs(losses)

    def _epoch_limit(self) -> float:
        """The epoch count at which this run stops (its own epochs, or for Play the "stop at
        epoch" limit; ``inf``: none)."""
        limits = [math.inf, self._target_epoch, self._play_epoch_limit()]
        return min(limit for limit in limits if limit is not None)

    def _end_reason(self, loss: float | None) -> str | None:
        """Why the run stops now (None: it goes on), from the trainer's state after a step of ``loss``."""
        t = self.trainer
        if t.stop_reason == "early_stopped":
            return "early_stopped"
        if self._target_step is not None and t.step_count >= self._target_step:
            return "completed"
        if self._target_epoch is not None and t.epoch >= self._target_epoch:
            return "completed"
        if self._free_run_past_epoch_limit():
            return "epochs"
        if self._stop_loss is not None and loss is not None and loss <= self._stop_loss:
            return "loss_threshold"
        return None

    def _play_epoch_limit(self) -> int | None:
        """The "stop at epoch" limit when this run is Play (no step or epoch count), else None."""
        run = self._run
        return self._stop_epochs if run.steps is None and run.epochs is None else None

    def _free_run_past_epoch_limit(self) -> bool:
        """Play (no step or epoch count) with the "stop at epoch" limit reached."""
        limit = self._play_epoch_limit()
        return limit is not None and self.trainer.epoch >= limit

    def _measure_rate(self, now: float) -> None:
        start, steps = self._rate_mark
        if now - start >= 0.5:
            self._steps_per_second = (self.trainer.step_count - steps) / (now - start)
            self._rate_mark = (now, self.trainer.step_count)

    def _take(self, state: str, now: float, message: str = "", output_view: str = "due", resume: bool = False):
        """A snapshot now; its output view when ``output_view`` is "due" (the time share allows it),
        always ("force") or never ("skip"); with ``resume``, the key under which the run's end is kept
        (``_keep_run`` keeps it once the snapshot is sent)."""
        output = None
        if output_view == "force" or (output_view == "due" and now >= self._next_output):
            began = time.perf_counter()
            output = self._sampler()
            cost = time.perf_counter() - began
            # the output view may take at most ~1 % of the session's time, and ≤ 10 times a second
            self._next_output = now + max(0.1, OUTPUT_TIME_SHARE_INVERSE * cost)
        tails = self.history_tails
        snap = take_snapshot(self.trainer, self.session_id, state, self._steps_per_second, message, output,
                             copies=self._snapshot_copies, histories=tails is None,
                             gradients=self._gradients or state != "running")
        snap.version, snap.asker = self.version, self._run_asker
        if tails is None:
            snap.epoch_steps = self._epoch_steps.data[:, 0]
        else:
            snap.history_tails = tails.take(self.trainer.history, self._epoch_steps)
        snap.start_evaluation = self._start
        snap.loss_warning = self._loss_watch.message() or stalled_words(  # (a running snapshot may carry no gradient)
            self.trainer, self.trainer.history.latest_gradient, snap.last_loss)
        if resume:
            snap.resume = self._kept_runs.key(self.trainer)
        return snap

    def _keep_run(self, snap) -> None:
        """Keep the end of the run ``snap`` finished (sent already: the copies wait no answer)."""
        if snap.resume is not None:
            self._kept_runs.keep(snap.resume, self.trainer, (self._epoch_steps, self._start))

    def _send(self, emit, snap) -> None:
        """``emit(snap)``; if it raised, the receiver did not get the snapshot's history tails: the next
        snapshot carries whole histories."""
        try:
            emit(snap)
        except BaseException:
            if self.history_tails is not None:
                self.history_tails.resend()
            raise

    def _finish(self, state: str, message: str = "") -> None:
        if state == "early_stopped" and not message:
            message = self.trainer.early_stop_message()  # at which epoch and why
        self._run = None
        self._measure_rate(time.perf_counter())
        self._emit_final(state, message)

    def _emit_final(self, state: str, message: str = "") -> None:
        if state == "ready" or not self._defer_evaluation:
            snap = self._take(state, time.perf_counter(), message, output_view="force", resume=state != "ready")
            snap.evaluation = self._start if state == "ready" and not self.trainer.step_count else self._evaluation()
            self._send(self._emit_finished, snap)
            self._keep_run(snap)
            return
        # a big network: the step first (the canvas's numbers), the measurements on all the data after
        # the window drew it (or EVALUATION_WAITS_S later), so that they do not take a core from its drawing
        output_later = not self._sampler.feeds_canvas
        snap = self._take(state, time.perf_counter(), message, output_view="skip" if output_later else "force",
                          resume=True)
        snap.evaluation_pending = True
        self._due_evaluation = (Tag(snap.asker, snap.session, snap.version), snap.step, output_later)
        self._send(self._emit_finished, snap)
        self._keep_run(snap)

    def _send_due_evaluation(self) -> None:
        """Measure what the finished snapshot left out (``_due_evaluation``) and send it."""
        if self._due_evaluation is None:
            return
        tag, step, output_later = self._due_evaluation
        self._due_evaluation = None
        output = self._sampler() if output_later else None
        self._emit_evaluated(Evaluated(tag, step, self._evaluation(), output))
