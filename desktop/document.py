"""The open network: a core ``Network`` plus file path, undo stack and change signals.

``perform(command)`` is the only way anything changes the network (the canvas, the
inspector, the toolbar, the dataset panel and training all use it). Views read
``document.network`` and follow the signals; they never write.

    edit → Command → Document.perform → network changed → signal → views
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

import core

from .commands import REFUSALS, Command


class Document(QObject):
    #: layers or connections added/removed, units/activation/bias/mask changed: views rebuild
    structure_changed = Signal()
    #: weight or bias values changed (an edit, a re-initialisation, a training run)
    parameters_changed = Signal()
    #: a layer's canvas position changed (name)
    layer_moved = Signal(str)
    #: training settings or the dataset changed
    settings_changed = Signal()
    #: path, name or the unsaved-changes state changed
    file_state_changed = Signal()
    #: a new network replaced the old one (New, Open, Revert): views rebuild from scratch
    network_replaced = Signal()
    #: the guided lesson (``network.lesson``) changed: the Lesson panel and editor follow
    lesson_changed = Signal()
    #: emitted (synchronously) before an edit that pauses training: training hands its weights back
    about_to_edit = Signal()

    def __init__(self, network: core.Network | None = None, path: str | Path | None = None, parent=None):
        super().__init__(parent)
        self.network = network if network is not None else core.Network("Untitled")
        self.path: Path | None = Path(path) if path else None
        self.undo_stack = QUndoStack(self)
        # a bound method, not a lambda: Qt drops the connection when the document is destroyed
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)

    def _on_clean_changed(self, _clean: bool) -> None:
        self.file_state_changed.emit()

    # ------------------------------------------------------------------ edits
    def perform(self, command: Command) -> str | None:
        """Run ``command`` and put it on the undo stack; return None, or why the network refused it.

        The edit is tried on a copy first: a refused edit changes nothing, emits nothing
        and leaves a training session as it was. An accepted edit that ``pauses_training``
        first lets training hand its weights back (``about_to_edit``).
        """
        reason = refusal(command, self.network)
        if reason is not None:
            return reason
        if command.pauses_training:
            self.about_to_edit.emit()
        before = self.network.get_state()
        training, dataset = self.network.training.copy(), self.network.dataset
        try:
            command.apply()
        except REFUSALS as exc:  # refused only now (it passed on the copy): undo whatever it did
            self.network.set_state(before)
            self.network.training, self.network.dataset = training, dataset
            self.notify_structure()
            return _reason(exc)
        self.undo_stack.push(command)
        return None

    def pause_training(self) -> None:
        """Let a running training session hand its weights back (before a save, say)."""
        self.about_to_edit.emit()

    def notify_structure(self) -> None:
        self.structure_changed.emit()

    def notify_parameters(self) -> None:
        self.parameters_changed.emit()

    def notify_settings(self) -> None:
        self.settings_changed.emit()

    def notify_moved(self, name: str) -> None:
        self.layer_moved.emit(name)

    # ------------------------------------------------------------------ files
    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else (self.network.name or "Untitled")

    def replace_network(self, network: core.Network, path: str | Path | None) -> None:
        """Show another network (New/Open/Revert); the undo history starts afresh."""
        self.about_to_edit.emit()
        self.network = network
        self.path = Path(path) if path else None
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.network_replaced.emit()
        self.file_state_changed.emit()

    def mark_saved(self, path: str | Path) -> None:
        self.path = Path(path)
        self.undo_stack.setClean()
        self.file_state_changed.emit()


def refusal(command: Command, network: core.Network) -> str | None:
    """Why ``network`` would refuse ``command`` (tried on a copy), or None."""
    try:
        command.edit(network.copy())
    except REFUSALS as exc:
        return _reason(exc)
    return None


def _reason(exc: Exception) -> str:
    return str(exc).strip("'\"") or type(exc).__name__
