"""The training process: a ``TrainingSession`` in a process of its own (no Qt here).

``serve`` is the whole life of the process the window starts with
``multiprocessing`` (the ``spawn`` start method on every system). It imports NumPy
and ``core``, never Qt. Two ``desktop.training.channel`` channels connect it to the
window: commands come in (the session's command dataclasses), results go out as
``(kind, payload)`` tuples (a snapshot's histories as ``history_tails``). The window says it has
drawn a snapshot by releasing a semaphore (``acknowledgements``: no message, and nothing in this
process wakes up for it), or without one by sending ``ACKNOWLEDGE``:

* ``("hello", pid)`` once, when the process is ready;
* ``("snapshot", snap)``, ``("finished", snap)``, ``("evaluated", evaluated)``,
  ``("failed", (tag, message))``, ``("traced", traced)``, ``("report", dict)`` — the session's callbacks; each answer
  carries the asker, session and document version of what it answers (``messages.Tag``).

A reader thread takes the commands off the pipe at once (so the window never waits
to send), hands them to the session's queue, and ends the session when the window's
end of the pipe closes: if the window dies, even killed, this process follows it
instead of staying behind as an orphan.

The window starts ``serve_then_end`` (``serve``, then the process ends at once: ``desktop.end_now``).
"""

from __future__ import annotations

import gc
import os
import signal
import threading

from desktop.end_now import end_now

from .channel import ChannelClosed, Receiver, Sender
from .messages import Quit
from .session import TrainingSession

#: the command that says "the window took the latest snapshot" (for a window without the semaphore)
ACKNOWLEDGE = "acknowledge"


def serve(commands, results, commands_free, results_free, acknowledgements=None) -> None:
    """Run a training session fed by ``commands`` until ``Quit`` or until the window is gone.

    ``acknowledgements``: a ``multiprocessing`` semaphore the window releases for every snapshot it
    took (``TrainingSession``'s); without it the window sends ``ACKNOWLEDGE`` through the pipe."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    # what the imports made lives as long as the process: no collection walks it again (a full one
    # walked it for ~30 ms, a pause of training or of the answer to a Step)
    gc.freeze()
    # Ctrl+C in a terminal reaches the whole process group: the window decides, and stops this process
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    inbox = Receiver(commands, commands_free)
    outbox = Sender(results, results_free, transient_above=None)  # snapshots: steady sizes, reused segments
    window_gone = threading.Event()

    def emit(kind):
        def send(*payload):
            if window_gone.is_set():
                return
            try:
                outbox.send((kind, payload[0] if len(payload) == 1 else payload),
                            alive=lambda: not window_gone.is_set())
            except ChannelClosed:
                window_gone.set()
        return send

    # every answer is pickled into the channel before the session trains on: snapshots need no copies of their
    # own; the window's receiver gets every snapshot in order, so their histories go as tails (``history_tails``)
    session = TrainingSession(emit("snapshot"), emit("finished"), emit("failed"), emit("traced"), emit("report"),
                              emit("evaluated"), snapshot_copies=False, history_tails=True,
                              acknowledgements=acknowledgements)

    def read() -> None:
        try:
            while True:
                command = inbox.recv()
                if command == ACKNOWLEDGE:
                    session.acknowledge()
                else:
                    session.send(command)
                    if isinstance(command, Quit):
                        return
        except (EOFError, OSError):  # the window closed its end, or died
            window_gone.set()
            session.stop()

    terminated = threading.Event()
    # SIGTERM (the window's terminate(), or the whole group's): end like a Quit, releasing the shared memory
    signal.signal(signal.SIGTERM, lambda *_: terminated.set())

    reader = threading.Thread(target=read, name="commands", daemon=True)
    reader.start()
    emit("hello")(os.getpid())
    try:
        session.run_forever(lambda: window_gone.is_set() or terminated.is_set())
    finally:
        outbox.close()
        inbox.close()


def serve_then_end(commands, results, commands_free, results_free, acknowledgements=None) -> None:
    """The process's target: ``serve``, then ``end_now`` (an error still ends it the usual way,
    with its traceback on stderr and exit code 1)."""
    serve(commands, results, commands_free, results_free, acknowledgements)
    # nothing is lost: serve has unlinked its shared memory and closed both channels (the semaphores
    # are the window's), and the command reader is a daemon thread blocked on a closed pipe
    end_now(0)
