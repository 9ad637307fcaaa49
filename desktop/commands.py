"""Every edit of the open network is one of these ``QUndoCommand``s, run by ``Document.perform``.

A command knows three things:

* ``edit(net)`` — the change itself, on any ``core.Network``. It raises one of
  ``REFUSALS`` when the network refuses it (a duplicate name, a cycle, a removed edge…).
  ``Document.perform`` first tries it on a copy, so a refused edit changes nothing and
  emits nothing.
* ``pauses_training`` — whether a running training session must hand its weights back
  first (structure and weights: yes; the learning rate or batch size: no, the worker
  takes them while it runs).
* which document signal follows it (``notify``), so the views update.

Undo and redo restore exactly what was there: structural edits swap whole-network
snapshots (``Network.get_state()``), value edits keep the old and new numbers.
Consecutive edits with the same ``MergeId`` and the same key (the arrows of one spin
box, consecutive training steps) merge into one undo step.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np
from PySide6.QtGui import QUndoCommand

import core
import core.features
from core.fileio import MAX_DESCRIPTION_LENGTH
from core.graph import GraphError

#: errors the network raises for an edit it refuses; anything else is a bug
REFUSALS = (GraphError, ValueError, IndexError, KeyError)


#: ``Command.quick_refusal``'s answer when only trying the edit on a copy can tell
TRY_ON_COPY = object()


class MergeId(IntEnum):
    """The one registry of ``QUndoCommand.id`` values: equal ids may merge (``mergeWith`` checks the key)."""

    UNITS = 1
    WEIGHT = 2
    BIAS = 3
    MOVE = 4
    SETTINGS = 5
    TRAINING_STEPS = 6


class Command(QUndoCommand):
    """Base class: subclasses give ``edit``, ``remember``/``revert`` and ``notify`` (see the module docstring)."""

    pauses_training = True
    merge_id: MergeId | None = None
    merge_key = None

    def __init__(self, doc, text: str):
        super().__init__(text)
        self.doc = doc
        self._first_redo_done = False

    # ---- what subclasses say
    def quick_refusal(self, net) -> str | None | object:
        """Why ``net`` would refuse this edit, told without trying it on a copy of the network, or
        ``TRY_ON_COPY`` when only a trial can tell (``Document.perform`` then tries it)."""
        return TRY_ON_COPY

    def edit(self, net) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def remember(self, net) -> None:
        """Keep what ``revert`` needs; called once, just before the first ``edit`` of the document."""

    def revert(self, net) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def replay(self, net) -> None:
        """Redo after an undo; by default the edit again."""
        self.edit(net)

    def notify(self, doc) -> None:
        doc.notify_structure()

    def absorb(self, other: "Command") -> None:
        """Take ``other``'s result as this step's result (merging)."""
        raise NotImplementedError

    def history_words(self) -> str | None:
        """What this undo step did, for the status bar after its Undo or Redo ("5 training steps": "Undid 5
        training steps"); None: the status bar is left as it is."""
        return None

    def _announce(self) -> None:
        if self.history_words():
            self.doc.undo_starting.emit()

    def _tell(self, verb: str) -> None:
        words = self.history_words()
        if words:
            self.doc.undo_told.emit(f"{verb} {words}")

    # ---- QUndoCommand
    def apply(self) -> None:
        """The first run, by ``Document.perform``."""
        net = self.doc.network
        self.remember(net)
        self.edit(net)
        self.notify(self.doc)

    def redo(self) -> None:
        if not self._first_redo_done:  # QUndoStack.push calls redo: perform has already applied it
            self._first_redo_done = True
            return
        self._announce()
        self.replay(self.doc.network)
        self.notify(self.doc)
        self._tell("Redid")

    def undo(self) -> None:
        self._announce()
        self.revert(self.doc.network)
        self.notify(self.doc)
        self._tell("Undid")

    def id(self) -> int:
        return int(self.merge_id) if self.merge_id is not None and self.merge_key is not None else -1

    def mergeWith(self, other) -> bool:
        if type(other) is not type(self) or other.merge_key != self.merge_key:
            return False
        self.absorb(other)
        self.setText(other.text())
        return True


# ------------------------------------------------------------------ structure
class StructureCommand(Command):
    """``edit`` is a function of the network; undo/redo swap whole-network snapshots."""

    merge_id = MergeId.UNITS

    def __init__(self, doc, text: str, edit, merge_key=None):
        super().__init__(doc, text)
        self._edit = edit
        self._before = self._after = None
        self.merge_key = merge_key

    def edit(self, net) -> None:
        self._edit(net)

    def apply(self) -> None:
        super().apply()
        self._after = self.doc.network.get_state()

    def remember(self, net) -> None:
        self._before = net.get_state()

    def replay(self, net) -> None:
        net.set_state(self._after)

    def revert(self, net) -> None:
        net.set_state(self._before)

    def absorb(self, other) -> None:
        self._after = other._after


def add_layer(doc, name, units, activation="identity", bias=True, position=(0.0, 0.0)):
    return StructureCommand(doc, f"Add layer {name}",
                            lambda net: net.add_layer(name, units, activation, bias, position))


def remove_layers(doc, names):
    names = list(names)

    def edit(net):
        for name in names:
            net.remove_layer(name)

    label = names[0] if len(names) == 1 else f"{len(names)} layers"
    return StructureCommand(doc, f"Delete {label}", edit)


class RenameLayer(StructureCommand):
    """Rename a layer; the guided lesson's references to it (``Network.rename_layer``) are part of
    the same step: undo and redo restore the lesson with the network."""

    def __init__(self, doc, old: str, new: str):
        super().__init__(doc, f"Rename {old} to {new}", lambda net: net.rename_layer(old, new))
        self._lessons = (None, None)  # (before, after)

    def edit(self, net) -> None:
        before = net.lesson
        super().edit(net)
        self._lessons = (before, net.lesson)

    def replay(self, net) -> None:
        super().replay(net)
        net.lesson = self._lessons[1]

    def revert(self, net) -> None:
        super().revert(net)
        net.lesson = self._lessons[0]

    def notify(self, doc) -> None:
        super().notify(doc)
        if self._lessons[0] is not self._lessons[1]:  # the lesson named the layer
            doc.lesson_changed.emit()


def rename_layer(doc, old, new):
    return RenameLayer(doc, old, new)


def connect(doc, src, tgt, seed=0):
    return StructureCommand(doc, f"Connect {src} → {tgt}", lambda net: net.connect(src, tgt, seed=seed))


def disconnect(doc, src, tgt):
    return StructureCommand(doc, f"Delete connection {src} → {tgt}", lambda net: net.disconnect(src, tgt))


def set_units(doc, name, units, seed=0, merge: bool = False):
    """With ``merge``, consecutive unit changes of this layer become one undo step."""
    return StructureCommand(doc, f"Set {name} to {units} units",
                            lambda net: net.set_units(name, int(units), seed=seed),
                            merge_key=("units", name) if merge else None)


def set_input_features(doc, features, seed=0):
    """The input layer's features (``core.features`` names; None: the raw x₀, x₁), one undo step."""
    words = ", ".join(core.features.labels(features)) if features else "x₀, x₁"
    return StructureCommand(doc, f"Input features {words}",
                            lambda net: net.set_input_features(features, seed=seed))


def set_bias_enabled(doc, name, enabled):
    verb = "Give" if enabled else "Remove"
    return StructureCommand(doc, f"{verb} bias {'to' if enabled else 'of'} {name}",
                            lambda net: net.set_bias_enabled(name, enabled))


def set_edge_enabled(doc, src, tgt, j, i, enabled):
    verb = "Restore" if enabled else "Remove"
    return StructureCommand(doc, f"{verb} edge {core.notation.edge_label(src, tgt, j, i)}",
                            lambda net: net.set_edge_enabled(src, tgt, j, i, enabled))


def set_activation(doc, name, activation):
    return StructureCommand(doc, f"Set {name} activation to {activation}",
                            lambda net: net.set_activation(name, activation))


# ---------------------------------------------------------------- parameters
class SetWeight(Command):
    """W[j, i] of src → tgt. With ``merge``, consecutive edits of this weight are one undo step."""

    merge_id = MergeId.WEIGHT

    def __init__(self, doc, src, tgt, j, i, value: float, merge: bool = False):
        super().__init__(doc, f"Set weight {core.notation.weight_label(src, tgt, j, i)} to {core.format_number(value, 6)}")
        self.key = (src, tgt, int(j), int(i))
        self.new, self.old = float(value), None
        self.merge_key = self.key if merge else None

    def edit(self, net) -> None:
        net.set_weight(*self.key, self.new)

    def remember(self, net) -> None:
        src, tgt, j, i = self.key
        self.old = float(net.weights[src, tgt][j, i])

    def revert(self, net) -> None:
        net.set_weight(*self.key, self.old)

    def notify(self, doc) -> None:
        doc.notify_parameters()

    def absorb(self, other) -> None:
        self.new = other.new


class SetBias(Command):
    """b[j] of a layer. With ``merge``, consecutive edits of this bias are one undo step."""

    merge_id = MergeId.BIAS

    def __init__(self, doc, name, j, value: float, merge: bool = False):
        super().__init__(doc, f"Set bias {name}[{j}] to {core.format_number(value, 6)}")
        self.key = (name, int(j))
        self.new, self.old = float(value), None
        self.merge_key = self.key if merge else None

    def edit(self, net) -> None:
        net.set_bias(*self.key, self.new)

    def remember(self, net) -> None:
        name, j = self.key
        if name not in net.biases:
            raise GraphError(f"layer {name!r} has no bias")
        self.old = float(net.biases[name][j])

    def revert(self, net) -> None:
        net.set_bias(*self.key, self.old)

    def notify(self, doc) -> None:
        doc.notify_parameters()

    def absorb(self, other) -> None:
        self.new = other.new


class SetParameters(Command):
    """Replace every weight and bias with ``new`` (a vector like ``net.parameters()``).

    Used for a training run taken into the document, Reset, Re-initialise and a
    stepped update. ``pauses_training=False`` for the training session's own commit.
    With ``merge_key``, consecutive commands whose runs follow each other merge.
    ``steps``: how many training steps the run took (None: not a run), for "Undid 50 training steps".
    ``resume``: the key of the training run that ended at ``new`` (``desktop.training.kept_runs``: the
    training process keeps that run's optimizer state, data order and counters); it becomes the document's
    ``resume_state`` with the weights, and undo brings back the one before, so training goes on after an
    Undo or Redo as it would have from the run.
    """

    merge_id = MergeId.TRAINING_STEPS

    def __init__(self, doc, text: str, new: np.ndarray, pauses_training: bool = True, merge_key=None,
                 resume=None, steps: int | None = None):
        super().__init__(doc, text)
        self.steps = steps
        self.new = np.array(new, dtype=np.float64)
        self.old = None
        self.pauses_training = pauses_training
        self.merge_key = merge_key
        self.resume, self.old_resume = resume, None

    def quick_refusal(self, net) -> str | None:
        """Every vector of the network's length is taken (a step of a big network is not copied to check)."""
        return None if self.new.shape == net.flat.shape else f"expected {net.flat.size} parameters, got {self.new.size}"

    def edit(self, net) -> None:
        net.set_parameters(self.new)
        if net is self.doc.network:
            self.doc.resume_state = self.resume

    def remember(self, net) -> None:
        self.old = net.parameters()
        self.old_resume = self.doc.resume_state

    def revert(self, net) -> None:
        net.set_parameters(self.old)
        self.doc.resume_state = self.old_resume

    def notify(self, doc) -> None:
        doc.notify_parameters()

    def history_words(self) -> str | None:
        """A run's "50 training steps" (a Reset or an edit of every weight: None)."""
        return f"{self.steps} training step{'s' if self.steps != 1 else ''}" if self.steps else None

    def mergeWith(self, other) -> bool:
        # only a run that continued from where this one ended
        return np.array_equal(other.old, self.new) and super().mergeWith(other)

    def absorb(self, other) -> None:
        self.new, self.resume = other.new, other.resume


def initialize(doc, method: str, seed: int):
    """Draw every weight again with ``method`` and ``seed``; biases become 0."""
    if method not in core.INITIALIZERS:
        raise ValueError(f"unknown initializer {method!r}")
    fresh = doc.network.copy()
    fresh.initialize(method, seed)
    return SetParameters(doc, f"Re-initialise weights ({method}, seed {seed})", fresh.parameters())


# ------------------------------------------------------------------ geometry
class MoveLayers(Command):
    """Move one or more layers (one drag, or arrow-key presses that merge)."""

    merge_id = MergeId.MOVE
    pauses_training = False

    def __init__(self, doc, moves: dict, merge: bool = False):
        super().__init__(doc, f"Move {', '.join(moves)}")
        self.old = None
        self.new = {n: (float(p[0]), float(p[1])) for n, p in moves.items()}
        self.merge_key = frozenset(self.new) if merge else None

    def edit(self, net) -> None:
        for name, pos in self.new.items():
            net.move_layer(name, pos)

    def remember(self, net) -> None:
        self.old = {n: tuple(net.layer(n).position) for n in self.new}

    def revert(self, net) -> None:
        for name, pos in self.old.items():
            net.move_layer(name, pos)

    def notify(self, doc) -> None:
        for name in self.new:
            doc.notify_moved(name)

    def absorb(self, other) -> None:
        self.new = dict(other.new)


# ------------------------------------------------------------------ settings
#: training settings a running session takes at once, without pausing
LIVE_SETTINGS = ("learning_rate", "batch_size")


class SetSettings(Command):
    """Replace the training settings and/or the dataset; consecutive edits with one ``merge_key`` merge.

    A change of only the learning rate and/or the batch size does not pause training.
    """

    merge_id = MergeId.SETTINGS

    def __init__(self, doc, text: str, training=None, dataset=None, change_dataset=False, merge_key=None):
        super().__init__(doc, text)
        net = doc.network
        self.old = (net.training.copy(), net.dataset)
        self.new = (training.copy() if training is not None else net.training.copy(),
                    dataset if change_dataset else net.dataset)
        self.merge_key = merge_key
        self.pauses_training = not _only_live_changes(self.old, self.new)

    def edit(self, net) -> None:
        net.training, net.dataset = self.new[0].copy(), self.new[1]

    def revert(self, net) -> None:
        net.training, net.dataset = self.old[0].copy(), self.old[1]

    def notify(self, doc) -> None:
        doc.notify_settings()

    def absorb(self, other) -> None:
        self.new = other.new


def _only_live_changes(old, new) -> bool:
    (t_old, d_old), (t_new, d_new) = old, new
    if d_old is not d_new:
        return False
    same = t_new.copy()
    same.optimizer.learning_rate = t_old.optimizer.learning_rate
    same.batch_size = t_old.batch_size
    return same == t_old


def set_training_value(doc, which: str, value):
    """The learning rate or the batch size (the toolbar and the inspector both use this)."""
    t = doc.network.training.copy()
    if which == "learning_rate":
        t.optimizer.learning_rate = float(value)
        text = f"Set learning rate to {core.format_number(float(value), 6)}"
    elif which == "batch_size":
        t.batch_size = int(value)
        text = f"Set batch size to {int(value)}"
    else:
        raise ValueError(f"unknown training value {which!r}; expected one of {', '.join(LIVE_SETTINGS)}")
    return SetSettings(doc, text, training=t, merge_key=which)


def set_dataset(doc, dataset, validation_fraction: float | None = None, text: str = "Change dataset", merge_key=None):
    """Another dataset (``core.Dataset`` objects are replaced, never mutated), and optionally the validation fraction."""
    t = doc.network.training.copy()
    if validation_fraction is not None:
        t.validation_fraction = float(validation_fraction)
    return SetSettings(doc, text, training=t, dataset=dataset, change_dataset=True, merge_key=merge_key)


class SetNetworkInfo(Command):
    """The network's name and description."""

    pauses_training = False

    def __init__(self, doc, name: str, description: str):
        super().__init__(doc, "Rename network" if name != doc.network.name else "Edit description")
        self.old = (doc.network.name, doc.network.description)
        self.new = (name, description)

    def edit(self, net) -> None:
        if len(self.new[1]) > MAX_DESCRIPTION_LENGTH:  # a file with it could not be opened again
            raise ValueError(f"a description has at most {MAX_DESCRIPTION_LENGTH:,} characters; "
                             f"this one has {len(self.new[1]):,}")
        net.name, net.description = self.new

    def revert(self, net) -> None:
        net.name, net.description = self.old

    def notify(self, doc) -> None:
        doc.notify_settings()
        doc.file_state_changed.emit()
