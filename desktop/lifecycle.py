"""Ending the program when the operating system asks: Ctrl+C (SIGINT) and SIGTERM.

Qt's event loop waits in C++, and Python runs a signal handler only when the interpreter
next runs Python code, so without help a Ctrl+C pressed while the window waits for events
is noticed only at the next mouse move, or never (``--screenshot`` waiting for training).
``SignalExit`` uses the known pattern: ``signal.set_wakeup_fd`` makes the low-level handler
write a byte into a socket pair, a ``QSocketNotifier`` on the other end wakes the event
loop, and the Python handler runs in the slot it calls. That handler only records the
signal and leaves every event loop (``QCoreApplication.exit``, which also ends nested
loops such as a modal dialog's or a local wait); the code that started the loop sees
``signum``/``check()`` and cleans up in the ordinary way: the training process is stopped
and joined, its shared memory and semaphores are released, nothing is saved, and the
exit status is 128 + the signal's number (130 for SIGINT, 143 for SIGTERM).

``reap_resource_tracker_at_exit()`` makes the interpreter's exit also wait for
``multiprocessing``'s resource tracker (the helper process that unlinks semaphores and
shared memory a crashed process left): Python 3.11 leaves it to end on its own after the
program has exited, as a defunct child the system reaps later.
"""

from __future__ import annotations

import contextlib
import signal
import socket

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer, Slot

#: the signals that end the program cleanly
EXIT_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def exit_status(signum: int) -> int:
    """The shell's convention for a program ended by a signal: 128 + its number (SIGINT → 130)."""
    return 128 + int(signum)


def signal_name(signum: int) -> str:
    return {signal.SIGINT: "Ctrl+C (SIGINT)", signal.SIGTERM: "SIGTERM"}.get(signum, f"signal {signum}")


class Interrupted(Exception):
    """A signal asked the program to end: ``status`` is its exit status."""

    def __init__(self, signum: int):
        super().__init__(f"interrupted by {signal_name(signum)}")
        self.signum = signum
        self.status = exit_status(signum)


class SignalExit(QObject):
    """While installed, SIGINT and SIGTERM end every running Qt event loop and are remembered in ``signum``.

    Use it around the program's event loops::

        guard = SignalExit()
        try:
            ...            # show, wait, train
            guard.check()  # raises Interrupted after a signal
        finally:
            guard.uninstall()
    """

    def __init__(self, parent=None):
        """Install the handlers (main thread only: ``ValueError`` otherwise). Works before the
        ``QApplication`` exists (a signal then only is remembered); call ``watch()`` once it does."""
        super().__init__(parent)
        self.signum: int | None = None
        self._notifier = None
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = {s: signal.signal(s, self._on_signal) for s in EXIT_SIGNALS}
        self._installed = True
        if QCoreApplication.instance() is not None:
            self.watch()

    def watch(self) -> None:
        """Let a signal wake the Qt event loop (needs the ``QApplication``)."""
        if self._notifier is None and self._installed:
            self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._drain)

    def _on_signal(self, signum, _frame) -> None:
        if self.signum is None:
            self.signum = signum
        if QCoreApplication.instance() is None:
            return  # nothing runs yet: check() tells
        status = exit_status(self.signum)
        QCoreApplication.exit(status)
        # and once more from the event loop: an exit() just before QApplication.exec() starts is forgotten
        QTimer.singleShot(0, lambda: QCoreApplication.exit(status))

    @Slot()
    def _drain(self) -> None:
        # Python has run _on_signal by the time this slot's code runs; empty the socket so the
        # notifier does not fire again for the same signal
        try:
            while self._reader.recv(64):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    @property
    def status(self) -> int | None:
        """The exit status the signal asks for (130, 143), None when none came."""
        return None if self.signum is None else exit_status(self.signum)

    def check(self) -> None:
        """Raise ``Interrupted`` when a signal came."""
        if self.signum is not None:
            raise Interrupted(self.signum)

    def uninstall(self) -> None:
        """Give the signals back their previous handlers and close the socket pair."""
        if not self._installed:
            return
        self._installed = False
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._reader.close()
        self._writer.close()


@contextlib.contextmanager
def signals_held(signals=EXIT_SIGNALS):
    """Hold ``signals`` back in this thread for the ``with`` block (they are delivered after it,
    not lost). A process started inside the block inherits them blocked: the training process,
    spawned from here, so never sees the terminal's Ctrl+C (meant for the whole process group)
    while it imports, before it can choose to ignore it; the window stops it instead."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no process groups' Ctrl+C to hold back
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


_reaping = False


def reap_resource_tracker_at_exit() -> None:
    """At the interpreter's exit, after ``multiprocessing`` has released the semaphores and joined
    the children, stop its resource tracker and wait for it, so that the program leaves no
    process behind, not even a defunct one. (Python 3.11 leaves the tracker to notice the exit
    by itself; later versions stop it like this.)"""
    global _reaping
    from multiprocessing import resource_tracker, util

    if _reaping:
        return
    _reaping = True
    tracker = getattr(resource_tracker, "_resource_tracker", None)
    stop = getattr(tracker, "_stop", None)
    if stop is None:
        return

    def stop_tracker() -> None:
        try:
            stop()
        except (OSError, ChildProcessError):
            pass  # already ended

    # the lowest priority: runs after the semaphores' finalizers (priority 0) and the children's join
    util.Finalize(None, stop_tracker, exitpriority=-100)
