"""The training worker: a ``QObject`` living in a ``QThread`` that runs a ``TrainingSession``.

A thin adapter: the session (``desktop.training.session``, no Qt) does the work;
its results leave through four signals, ``snapshot``, ``finished``, ``failed`` and ``traced``.
Connect them only to ``@Slot`` methods of GUI-thread objects. To stop the thread:
``stop()`` (or ``thread.requestInterruption()``), then ``thread.quit()``, ``thread.wait()``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal, Slot

from .session import TrainingSession


class TrainingWorker(QObject):
    snapshot = Signal(object)
    finished = Signal(object)
    failed = Signal(int, str)
    traced = Signal(int, object)

    def __init__(self):
        super().__init__()
        self.session = TrainingSession(self.snapshot.emit, self.finished.emit, self.failed.emit, self.traced.emit)

    @property
    def trainer(self):
        """The session's trainer (tests read it between runs)."""
        return self.session.trainer

    def send(self, command) -> None:
        """Queue a command (any thread)."""
        self.session.send(command)

    def stop(self) -> None:
        """Ask the loop to end (any thread)."""
        self.session.stop()

    def acknowledge(self) -> None:
        """The GUI took the latest snapshot; the next may be sent (any thread)."""
        self.session.acknowledge()

    @Slot()
    def loop(self) -> None:
        """The thread's whole life."""
        self.session.run_forever(QThread.currentThread().isInterruptionRequested)
