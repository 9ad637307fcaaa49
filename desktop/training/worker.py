"""The training worker: the window's end of a ``TrainingSession`` that runs in a separate process.

``TrainingWorker`` is a ``QObject`` of the GUI thread with the session's results as
signals (``snapshot``, ``finished``, ``evaluated``, ``failed``, ``traced``, ``reported``) plus
``ready`` (the process is up) and ``died`` (it ended unexpectedly). ``send(command)``,
``acknowledge()`` and ``stop()`` never wait for the training.

**Sending never blocks.** ``send`` puts the command into a queue of the window
(``channel.Outbox``) whose own thread hands it to the pipe, waiting there, not on the
GUI thread, while the process is slow, busy loading or stopped. A queued command that a
newer one makes moot (a newer ``Load`` replaces an older one and the ``Run``, ``Trace``
and settings queued before it; a newer speed or stop condition the older one) is
dropped and reported through ``superseded``. If a command waits longer than
``STALL_SECONDS`` to leave, the process cannot take commands: the worker says so
(``died``), ends that process and starts a new one.

**Transport.** Normally the session runs in a process of its own
(``desktop.training.process.serve_then_end``, started with ``multiprocessing``'s ``spawn``
method on every system), so that the window's interpreter never trains: a small
``QThread`` in the window (``_Receiver``) waits for the process's messages, copies their
arrays out of shared memory (``desktop.training.channel``) and hands them to the GUI
thread as queued signals; a snapshot's histories come as what changed since the previous one
(``history_tails``), which that thread makes whole again. ``acknowledge()`` releases a semaphore
the process reads when it wants to send the next snapshot (no message, nothing woken there).
The process is started once, in the background, when the
window is made, and serves every network and run until the window closes; commands sent
before it is up wait in the pipe (a Play or Step pressed meanwhile shows a busy cursor).

If the process dies (killed, out of memory, a bug), ``died`` says so and the next
``ensure_running()`` (the controller calls it on Play, Step, Trace, Reset) starts a new
one. If a process cannot be started at all (``Process.start`` fails, or no hello within
``STARTUP_TIMEOUT_S``), the worker falls back to running the session in a ``QThread``
of the window (``transport == "thread"``) and says so through ``fallback``; the
environment variable ``BACKPROP_STUDIO_TRAINING=thread`` chooses the thread from the start.

``stop()`` ends whichever runs: ``Quit`` → join (≤ ``timeout``) → terminate → kill, and
the receiver thread; nothing is left behind. A process the system stopped is woken (SIGCONT)
to read its Quit; one held stopped (a debugger) is killed at once (``_ProcessTransport.close``);
one that has not said hello yet is terminated at once (``_ProcessTransport.end_start_up``).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from contextlib import contextmanager

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from desktop.lifecycle import signals_held

from .channel import SLOTS, Outbox, Receiver, Sender
from .history_tails import HistoryCopies
from .messages import (Follow, Load, Quit, Run, SetBatchSize, SetGradients, SetLearningRate, SetSpeed,
                       SetStopConditions, Trace)
from .process import serve_then_end
from .session import TrainingSession

#: shared-memory slots of the window's commands (only a Load with a big dataset uses one)
COMMAND_SLOTS = 2
#: "process" (default) or "thread": where the session runs
TRANSPORT_ENV = "BACKPROP_STUDIO_TRAINING"
#: a process that has not said hello after this long is given up for the thread
STARTUP_TIMEOUT_S = 60.0
#: seconds ``stop`` waits for the process to end by itself before it is terminated
STOP_TIMEOUT_S = 5.0
#: a process still stopped this long after ``close`` woke it cannot read its Quit: it is killed
HELD_SECONDS = 0.3
#: a command that could not leave for this long means the process cannot take commands: it is restarted
STALL_SECONDS = 10.0
#: seconds between the GIL hand-overs Python forces (its default is 0.005), when training
#: runs in a thread of the window (the fallback)
SWITCH_INTERVAL = 0.0005


def supersedes(new, old) -> bool:
    """True when the queued ``old`` command is moot once ``new`` is queued after it."""
    if isinstance(new, Load):
        return isinstance(old, (Load, Follow, Run, Trace, SetLearningRate, SetBatchSize))
    if isinstance(new, (SetSpeed, SetStopConditions, SetGradients)):
        return type(old) is type(new)  # the same kind of setting
    return False


def describe_exit(code: int | None) -> str:
    """'exit code 3', 'killed by signal 9', 'no exit code'."""
    if code is None:
        return "no exit code"
    if code < 0:
        return f"killed by signal {-code}"
    return f"exit code {code}"


class _Receiver(QThread):
    """Waits for the training process's messages (blocking, off the GUI thread) and passes each on."""

    message = Signal(int, str, object)  # generation, kind, payload
    closed = Signal(int)  # generation

    def __init__(self, generation: int, inbox: Receiver):
        super().__init__()
        self.setObjectName("training process receiver")
        self.generation, self.inbox = generation, inbox
        self.histories = HistoryCopies()  # the snapshots' histories, sent as tails (``history_tails``)
        self.stopping = False
        #: the window is closing the process: what it still sends is read and dropped, so that a
        #: message larger than the pipe holds (a snapshot, a finished run: ~50 kB each) cannot leave
        #: it blocked in its write, unable to read its Quit, until it is killed
        self.draining = False

    def run(self) -> None:
        while not self.stopping:
            try:
                if not self.inbox.poll(0.1):
                    continue
                kind, payload = self.inbox.recv()
            except (EOFError, OSError):
                break
            if kind in ("snapshot", "finished"):  # every one, in order: the next one's histories build on it
                payload = self.histories.complete(payload)
            if not self.draining:
                self.message.emit(self.generation, kind, payload)
        if not self.stopping and not self.draining:  # the process closed its end: it ended on its own
            self.closed.emit(self.generation)


class _ProcessTransport:
    """One training process, its two channels and the thread that receives its messages."""

    def __init__(self, generation: int):
        ctx = multiprocessing.get_context("spawn")
        commands_read, commands_write = ctx.Pipe(duplex=False)
        results_read, results_write = ctx.Pipe(duplex=False)
        commands_free, results_free = ctx.Semaphore(COMMAND_SLOTS), ctx.Semaphore(SLOTS)
        #: released once for every snapshot the window took (the session's ``acknowledgements``)
        self.acknowledgements = ctx.Semaphore(0)
        self.process = ctx.Process(target=serve_then_end, name="backprop-studio training",
                                   args=(commands_read, results_write, commands_free, results_free,
                                         self.acknowledgements), daemon=True)
        self.sender = Sender(commands_write, commands_free, slots=COMMAND_SLOTS)
        self.inbox = Receiver(results_read, results_free)
        self.started = time.perf_counter()
        with signals_held([signal.SIGINT]):  # the terminal's Ctrl+C is the window's to handle
            self.process.start()
        # the child holds its ends now; without our copies, a dying child closes the pipe (EOF)
        commands_read.close()
        results_write.close()
        self.receiver = _Receiver(generation, self.inbox)
        self.pid = self.process.pid
        self.dropped: list = []  # commands made moot before they left (read on the GUI thread)
        self.outbox = Outbox(self.sender, alive=self.process.is_alive, supersedes=supersedes,
                             dropped=self.dropped.append, name="training commands")

    def send(self, command) -> None:
        self.outbox.put(command)

    def acknowledge(self) -> None:
        self.acknowledgements.release()  # (no message: the session looks when it wants to send the next)

    def stalled_seconds(self) -> float:
        return self.outbox.waiting_seconds()

    def kill(self) -> None:
        """End a process that takes no commands at once (SIGKILL also ends a stopped process)."""
        self.process.kill()
        self.close(0.5)

    def end_start_up(self) -> None:
        """End a process that has not said hello yet at once (SIGTERM), instead of waiting for its
        start-up (importing NumPy and the session: 0.3 s to seconds) to end before it reads its Quit.
        It holds nothing to release yet: its shared memory is made after the hello and the semaphores
        are the window's; if the hello is already on its way, the process ends as on a Quit."""
        if self.process.is_alive():
            self.process.terminate()

    def close(self, timeout: float) -> bool:
        """End the process (Quit, then terminate, then kill), the command thread and the receiver;
        True when all ended.

        A process the system stopped (SIGSTOP: a suspended child, Ctrl+Z of the group) is woken
        (SIGCONT) so that it reads its Quit and ends by itself, releasing its shared memory. One
        that stays stopped (held by a debugger, which SIGCONT does not resume) can read nothing
        and would ignore SIGTERM: it is killed as soon as it is seen stopped (Linux), instead of
        waiting ``timeout`` for a Quit it cannot read."""
        self.receiver.draining = True  # until the process has ended (it may be writing an answer)
        self.outbox.put(Quit())
        self._wake()
        held = self._join_unless_held(timeout)
        for end in (() if held else (self.process.terminate,)) + (self.process.kill,):
            if self.process.is_alive():
                end()
                self._wake()  # a stopped process acts on SIGTERM only once it goes on
                self.process.join(2.0)
        self.receiver.stopping = True
        self.outbox.give_up()
        outbox_ended = self.outbox.close(2.0)
        receiver_ended = self.receiver.wait(3000)
        self.sender.close()
        self.inbox.release_all()
        return outbox_ended and receiver_ended and not self.process.is_alive()

    def _wake(self) -> None:
        """Let the process go on if it is stopped (SIGCONT; nothing where there is no such signal).
        Only while it has not been reaped (``exitcode`` None): its id cannot belong to another process."""
        cont = getattr(signal, "SIGCONT", None)
        if cont is None or self.process.exitcode is not None:
            return
        try:
            os.kill(self.pid, cont)
        except OSError:
            pass

    def _join_unless_held(self, timeout: float) -> bool:
        """Wait up to ``timeout`` for the process to end; True (at once) when it stays stopped
        for ``HELD_SECONDS`` after being woken: it cannot read its Quit."""
        deadline = time.monotonic() + timeout
        stopped_since = None
        while self.process.is_alive() and time.monotonic() < deadline:
            self.process.join(0.05)
            if not is_stopped(self.pid):
                stopped_since = None
            elif stopped_since is None:
                stopped_since = time.monotonic()
            elif time.monotonic() - stopped_since >= HELD_SECONDS:
                return True
        return False


def is_stopped(pid: int) -> bool:
    """True when the process is stopped ("T", or "t": held by a tracer such as a debugger), read from
    Linux's /proc; False elsewhere, for a running or ended process, or when it cannot be read."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return False
    state = stat[stat.rfind(b")") + 1:].split()[:1]  # after the command's name, which may hold spaces
    return state in ([b"T"], [b"t"])


class _SessionThread(QThread):
    """The fallback: the session in a ``QThread`` of the window (``message`` is emitted from it)."""

    message = Signal(int, str, object)

    def __init__(self, generation: int):
        super().__init__()
        self.setObjectName("training")

        def emit(kind):
            return lambda *payload: self.message.emit(generation, kind,
                                                      payload[0] if len(payload) == 1 else payload)

        self.session = TrainingSession(emit("snapshot"), emit("finished"), emit("failed"), emit("traced"),
                                       emit("report"), emit("evaluated"))
        self.pid = os.getpid()
        self.dropped: list = []
        # The training thread holds the GIL while it runs Python; every time the GUI thread comes
        # back from Qt it waits up to one switch interval for it. 0.5 ms instead of 5 ms keeps
        # frames short (bench_gui: event-loop p99 ~30 ms instead of ~50 ms).
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))

    def stalled_seconds(self) -> float:
        return 0.0  # the session's own queue takes every command at once

    def run(self) -> None:
        self.session.run_forever(self.isInterruptionRequested)

    def send(self, command) -> None:
        self.session.send(command)

    def acknowledge(self) -> None:
        self.session.acknowledge()

    def close(self, timeout: float) -> bool:
        self.session.stop()
        self.requestInterruption()
        return self.wait(int(timeout * 1000))


class TrainingWorker(QObject):
    snapshot = Signal(object)
    finished = Signal(object)
    #: a command failed: its messages.Tag and why
    failed = Signal(object, str)
    #: the messages.Traced answer to a Trace
    traced = Signal(object)
    reported = Signal(object)
    #: the messages.Evaluated that completes a big network's finished snapshot
    evaluated = Signal(object)
    #: a command made moot by a newer one before it left (it will get no answer)
    superseded = Signal(object)
    #: the process said hello: it takes commands now
    ready = Signal()
    #: the process ended unexpectedly: why (for the status bar)
    died = Signal(str)
    #: training runs in a thread of the window instead of a process: why
    fallback = Signal(str)

    def __init__(self, parent=None, transport: str | None = None):
        super().__init__(parent)
        self.transport = transport or os.environ.get(TRANSPORT_ENV, "process")
        self._link = None  # a _ProcessTransport or _ThreadTransport
        self._generation = 0
        self._ready = False
        self._busy_cursor = False
        self._closed = False
        self._held: list | None = None  # commands sent inside ``sends_held`` (None: not holding)
        self.startup_seconds: float | None = None  # start → hello of the current process
        self.fallback_reason = ""  # why training runs in a thread (transport "thread" by fallback)
        self._startup_timer = QTimer(self)
        self._startup_timer.setSingleShot(True)
        self._startup_timer.timeout.connect(self._startup_timed_out)
        # the window's queue of commands: report what was made moot, restart a process that takes nothing
        self._watch_timer = QTimer(self)
        self._watch_timer.setInterval(250)
        self._watch_timer.timeout.connect(self._watch_outbox)
        self._watch_timer.start()

    # ------------------------------------------------------------ lifecycle
    @property
    def pid(self) -> int | None:
        """The training process's id (the window's own for the thread transport), None when none runs."""
        return None if self._link is None else self._link.pid

    @property
    def is_ready(self) -> bool:
        return self._link is not None and self._ready

    @property
    def process(self):
        """The ``multiprocessing.Process`` (None for the thread transport or when none runs)."""
        return getattr(self._link, "process", None)

    def ensure_running(self) -> None:
        """Start a process (or the fallback thread) unless one runs already."""
        if self._closed or self._link is not None:
            return
        self._generation += 1
        self._ready = False
        if self.transport == "process":
            try:
                link = _ProcessTransport(self._generation)
            except Exception as exc:  # no process can be started here: train in a thread
                self._fall_back(f"the training process could not start ({type(exc).__name__}: {exc})")
                return
            link.receiver.message.connect(self._on_message)
            link.receiver.closed.connect(self._on_closed)
            self._link = link
            link.receiver.start()
            self._startup_timer.start(int(STARTUP_TIMEOUT_S * 1000))
        else:
            link = _SessionThread(self._generation)
            link.message.connect(self._on_message)
            self._link = link
            link.start()
            self._ready = True

    def _fall_back(self, why: str) -> None:
        self.transport = "thread"
        self._link = None
        self.fallback_reason = why
        self.ensure_running()
        QTimer.singleShot(0, self._announce_fallback)  # after the caller (maybe still being made) connected

    @Slot()
    def _announce_fallback(self) -> None:
        if not self._closed:
            self.fallback.emit(self.fallback_reason)

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> bool:
        """End the session and its process or thread (any state, also while starting). True when all ended."""
        self._closed = True
        self._startup_timer.stop()
        self._watch_timer.stop()
        self._set_busy(False)
        link, self._link = self._link, None
        if link is None:
            return True
        if not self._ready and isinstance(link, _ProcessTransport):
            link.end_start_up()
        return link.close(timeout)

    # ------------------------------------------------------------- commands
    def send(self, command) -> None:
        """Queue a command for the session (never waits for training)."""
        if self._held is not None:
            self._held.append(command)
            return
        if self._link is None:
            return
        if not self._ready and isinstance(command, (Run, Trace)):
            self._set_busy(True)  # a Play, Step or Trace before the process is up: it waits
        self._link.send(command)  # queued: a process that is gone drops it, and its receiver reports that

    @contextmanager
    def sends_held(self):
        """The commands sent inside leave at its end, in their order: a command wakes the process, which
        then takes a core from the GUI thread (a Step's Follow, sent before its canvas was painted, made it
        wait up to 3 ms on a busy machine). Inside another such block: held until the outer one ends."""
        if self._held is not None:
            yield
            return
        self._held = []
        try:
            yield
        finally:
            held, self._held = self._held, None
            for command in held:
                self.send(command)

    def acknowledge(self) -> None:
        """The GUI took the latest snapshot; the next may be sent."""
        if self._link is not None:
            self._link.acknowledge()

    def pending_commands(self) -> int:
        """Commands queued in the window that have not reached the process's pipe yet."""
        outbox = getattr(self._link, "outbox", None)
        return 0 if outbox is None else outbox.pending()

    @Slot()
    def _watch_outbox(self) -> None:
        link = self._link
        if link is None or self._closed:
            return
        while link.dropped:
            command = link.dropped.pop(0)
            if not isinstance(command, Quit):
                self.superseded.emit(command)
        if self._ready and link.stalled_seconds() > STALL_SECONDS:
            self._link = None
            link.kill()
            self.died.emit(f"The training process took no commands for {STALL_SECONDS:.0f} s, "
                           "so it was ended and a new one started.")
            self.ensure_running()

    # ------------------------------------------------------------- messages
    @Slot(int, str, object)
    def _on_message(self, generation: int, kind: str, payload) -> None:
        if generation != self._generation or self._link is None:
            return  # a late message of a process that is gone
        if kind == "hello":
            self._startup_timer.stop()
            self._ready = True
            self.startup_seconds = time.perf_counter() - self._link.started
            self._set_busy(False)
            self.ready.emit()
        elif kind == "snapshot":
            self.snapshot.emit(payload)
        elif kind == "finished":
            self.finished.emit(payload)
        elif kind == "failed":
            self.failed.emit(*payload)
        elif kind == "traced":
            self.traced.emit(payload)
        elif kind == "report":
            self.reported.emit(payload)
        elif kind == "evaluated":
            self.evaluated.emit(payload)

    @Slot(int)
    def _on_closed(self, generation: int) -> None:
        if generation != self._generation or self._link is None or self._closed:
            return
        link, self._link = self._link, None
        self._startup_timer.stop()
        self._set_busy(False)
        link.close(0.5)  # it has ended already (it closed its end of the pipe): this only reaps it
        how = describe_exit(link.process.exitcode)
        if not self._ready:  # it never came up: processes do not work here
            self._fall_back(f"the training process ended while starting ({how})")
        else:
            self.died.emit(f"The training process stopped unexpectedly ({how}).")

    @Slot()
    def _startup_timed_out(self) -> None:
        if self._link is None or self._ready or self._closed:
            return
        link, self._link = self._link, None
        link.close(0.5)
        self._set_busy(False)
        self._fall_back(f"the training process did not start within {STARTUP_TIMEOUT_S:.0f} s")

    def _set_busy(self, on: bool) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        if on == self._busy_cursor or QApplication.instance() is None:
            return
        self._busy_cursor = on
        if on:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        else:
            QApplication.restoreOverrideCursor()
