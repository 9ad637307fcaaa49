"""The open network: a core ``Network`` plus file path, undo stack and change signals.

``perform(command)`` is the only way anything changes the network (the canvas, the
inspector, the toolbar, the dataset panel and training all use it). Views read
``document.network`` and follow the signals; they never write.

    edit → Command → Document.perform → network changed → signal → views

Every change (an edit, its undo or redo, New/Open/Revert) adds one to ``version`` and
records what kind of change it was (``changes_since``). Whoever keeps a copy of the
network elsewhere (the training process) says which version it holds and asks what
changed since: the version is the one name of "the network as the document holds it now".
"""

from __future__ import annotations

from collections import deque
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

import core

from .commands import REFUSALS, TRY_ON_COPY, Command

#: how many recent changes ``changes_since`` can tell apart
CHANGE_LOG = 256


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
    #: the version after any change (emitted after the change's own signal)
    version_changed = Signal(int)
    #: what an Undo or Redo just did, for the status bar ("Undid 5 training steps"; ``Command.history_words``)
    undo_told = Signal(str)
    #: emitted before an Undo or Redo that will say what it did (``undo_told``): what others say meanwhile
    #: (a lesson's "Lesson: stopped at 50 steps.") goes after its words
    undo_starting = Signal()

    def __init__(self, network: core.Network | None = None, path: str | Path | None = None, parent=None):
        super().__init__(parent)
        self.network = network if network is not None else core.Network("Untitled")
        self.path: Path | None = Path(path) if path else None
        self.undo_stack = QUndoStack(self)
        #: one more after every change of the network, its settings, dataset, layout or identity
        self.version = 0
        self._changes: deque = deque(maxlen=CHANGE_LOG)  # (version, kind) of the latest changes
        self._training_seen = self.network.training.copy()
        #: the key of the training run whose commit left the weights (``desktop.training.kept_runs``; set by
        #: the commit's ``SetParameters``, its undo and redo): a Load sends it, and the training process
        #: goes on from that run while it keeps it and the weights are exactly its own
        self.resume_state = None
        self._dataset_seen = self.network.dataset
        #: why ``command`` may not change the network now (None: it may), asked before each edit: a guided
        #: lesson whose question about the trained weights is open refuses edits of them
        #: (``desktop.lesson.edit_gate``)
        self.edit_refusal = lambda command: None
        #: why the opened file's dataset is not here ("xor.csv was not found beside mine.bpnet: Load CSV…
        #: again"; ``core.load_network_without_missing_csv``), shown while the network has no dataset
        self.dataset_note: str | None = None
        #: whether something a Save writes besides the network differs from the file as opened or last saved (a
        #: guided lesson's place: ``desktop.lesson.unsaved_place``), asked beside the undo history's clean state
        #: (``unsaved``); its owner calls ``other_changes_turned`` when the answer may have turned
        self.other_changes = lambda: False
        # a bound method, not a lambda: Qt drops the connection when the document is destroyed
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)

    def _on_clean_changed(self, _clean: bool) -> None:
        self.file_state_changed.emit()

    # ------------------------------------------------------------------ edits
    def perform(self, command: Command) -> str | None:
        """Run ``command`` and put it on the undo stack; return None, or why the network refused it.

        The edit is tried on a copy first (unless the command tells at once, ``Command.quick_refusal``):
        a refused edit changes nothing, emits nothing
        and leaves a training session as it was; so does one ``edit_refusal`` refuses (its reason a ``HeldBack``). An accepted edit that
        ``pauses_training`` first lets training hand its weights back (``about_to_edit``).
        """
        reason = self.edit_refusal(command)
        if reason is not None:
            return HeldBack(reason)
        reason = command.quick_refusal(self.network)
        if reason is TRY_ON_COPY:
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
        self._changed("structure")
        self.structure_changed.emit()
        self.version_changed.emit(self.version)

    def notify_parameters(self) -> None:
        self._changed("parameters")
        self.parameters_changed.emit()
        self.version_changed.emit(self.version)

    def notify_settings(self) -> None:
        self._changed(*self._settings_kinds())
        self.settings_changed.emit()
        self.version_changed.emit(self.version)

    def notify_moved(self, name: str) -> None:
        self._changed("moved")
        self.layer_moved.emit(name)
        self.version_changed.emit(self.version)

    # --------------------------------------------------------------- versions
    def _changed(self, *kinds: str) -> None:
        self.version += 1
        self._changes.append((self.version, frozenset(kinds)))

    def _settings_kinds(self) -> tuple[str, ...]:
        """What a settings change changed: "learning_rate", "batch_size", "dataset", "settings" (anything else)."""
        net, seen = self.network, self._training_seen
        kinds = []
        if net.dataset is not self._dataset_seen:
            kinds.append("dataset")
        now = net.training.copy()
        if now.optimizer.learning_rate != seen.optimizer.learning_rate:
            kinds.append("learning_rate")
        if now.batch_size != seen.batch_size:
            kinds.append("batch_size")
        same_rest = now.copy()
        same_rest.optimizer.learning_rate, same_rest.batch_size = seen.optimizer.learning_rate, seen.batch_size
        if same_rest != seen:
            kinds.append("settings")
        self._training_seen, self._dataset_seen = now, net.dataset
        return tuple(kinds) or ("settings",)

    def changes_since(self, version: int) -> frozenset | None:
        """The kinds of change after ``version`` ("structure", "parameters", "learning_rate",
        "batch_size", "settings", "dataset", "moved", "replaced"); None when the record does not
        reach back that far."""
        if version == self.version:
            return frozenset()
        if version > self.version or not self._changes or self._changes[0][0] > version + 1:
            return None
        kinds = set()
        for v, k in self._changes:
            if v > version:
                kinds |= k
        return frozenset(kinds)

    # ------------------------------------------------------------------ files
    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def unsaved(self) -> bool:
        """Whether a Save would keep changes: the network's (``dirty``: the undo history away from its clean state)
        or another part of the file's (``other_changes``). The title's "*" and the question before closing follow it."""
        return self.dirty or bool(self.other_changes())

    def other_changes_turned(self) -> None:
        """``other_changes`` turned: the window's title and whoever follows the file's state are told."""
        self.file_state_changed.emit()

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else (self.network.name or "Untitled")

    def replace_network(self, network: core.Network, path: str | Path | None, dataset_note: str | None = None) -> None:
        """Show another network (New/Open/Revert); the undo history starts afresh. ``dataset_note``: why
        the file's dataset did not come with it (its CSV is missing), for the Dataset panel."""
        self.about_to_edit.emit()
        self.network = network
        self.dataset_note = dataset_note
        self.path = Path(path) if path else None
        self.resume_state = None
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._training_seen, self._dataset_seen = network.training.copy(), network.dataset
        self._changed("replaced")
        self.network_replaced.emit()
        self.version_changed.emit(self.version)
        self.file_state_changed.emit()

    def mark_saved(self, path: str | Path) -> None:
        self.path = Path(path)
        self.undo_stack.setClean()
        self.file_state_changed.emit()


class HeldBack(str):
    """Why ``Document.perform`` refused an edit that ``edit_refusal`` holds back (a guided lesson keeps the
    trained weights until its question is answered): the value was fine, so typing another cannot help."""


def refusal(command: Command, network: core.Network) -> str | None:
    """Why ``network`` would refuse ``command`` (tried on a copy), or None."""
    try:
        command.edit(network.copy())
    except REFUSALS as exc:
        return _reason(exc)
    return None


def _reason(exc: Exception) -> str:
    return str(exc).strip("'\"") or type(exc).__name__
