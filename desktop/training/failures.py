"""What the training controller does when the training process fails it, and how it warns the student.

``ProcessFailures`` is a mixin of ``TrainingController`` (its methods use the controller's
run state: ``running``, ``latest``, ``link``, ``_end_session``, ``_commit``):

- a command fails (``failed``): a failed trace is told to whoever waits for it and leaves
  the session as it was; a failed run ends the run, says why and warns;
- the process dies (``died``): the run ends, the newest snapshot's weights are kept (one
  undoable step, like a Pause), the status bar says what happened, and the next Play, Step
  or Trace starts a new process;
- no process can be started (``fallback``): training runs in a thread of the window and
  the status bar says so;
- a command made moot before it left (``superseded``): a trace will not come, a run that
  has not begun ends;
- a Pause not answered within ``PAUSE_GRACE_MS`` (the process is stopped or stuck) ends the
  run in the window at its last shown snapshot; the process's late answer is dropped.

Warnings are non-modal message boxes (``notify``), so that the event loop never blocks.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from .messages import Run, Trace

#: a Pause not answered within this long ends the run in the window (at its last shown snapshot)
PAUSE_GRACE_MS = 1000
#: who asks for traces (a failure answered to it is a failed trace, not a failed run)
TRACE_ASKER = "stepper"


class ProcessFailures:
    """The ``TrainingController``'s answers to a failing, dying, missing or silent training process."""

    @Slot()
    def _pause_unanswered(self) -> None:
        if not self.running:
            return
        self.interrupt()
        self.status.emit(f"The training process did not answer Pause within {PAUSE_GRACE_MS / 1000:g} s: "
                         "the run ended at its last shown step.")

    @Slot(object)
    def _on_superseded(self, command) -> None:
        if isinstance(command, Trace):
            self.trace_failed.emit(None, "the network changed before the trace was sent")
        elif isinstance(command, Run) and self.running:
            self._end_session()
            self.status.emit("Training stopped: the network changed before the run began.")

    @Slot(object, str)
    def _on_failed(self, tag, message: str) -> None:
        if tag.asker == TRACE_ASKER:
            self.trace_failed.emit(tag, message)  # a failed trace leaves the session as it was
            self.status.emit(message)
            return
        if tag.session != self.link.session:
            return
        was_running = self.running
        self.link.version = None
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
        self.link.version = None
        self.trace_failed.emit(None, message)
        text = (f"{message} Your network and its undo history are kept"
                + (" (the run up to its last shown step)" if was_running and snap is not None else "")
                + "; Play, Step or Trace starts a new training process.")
        self.status.emit(text)
        if was_running:
            self.notify("Training process stopped", text)
        self._schedule_preview()  # into a process started anew (a stalled one is restarted at once)

    @Slot(str)
    def _on_fallback(self, why: str) -> None:
        """No process: the session runs in a thread of the window now (anything sent before is lost)."""
        if self.running:
            self._end_session()
        self.link.version = None
        self.trace_failed.emit(None, why)
        self.status.emit(f"Training runs inside the window, which may respond more slowly: {why}.")
        self._schedule_preview()

    def _message_box(self, title: str, text: str) -> None:
        """A non-modal message box (never blocks the event loop); it replaces the previous one."""
        for old in self._message_boxes:
            old.close()
        parent = self.parent() if isinstance(self.parent(), QWidget) else None
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
        box.setModal(False)
        self._message_boxes = [box]
        box.show()

