"""One ``QUndoCommand`` per edit of the open network.

Every command changes ``doc.network`` through its editing API and then calls one
``doc.notify_*`` so the views follow. Structural edits keep a snapshot of the whole
network (``Network.get_state()``) from before and after, so undo and redo restore
every weight, mask and bias bit for bit; value edits keep just the old and new number.

Edits are made with :func:`perform`, never by pushing a command directly: it lets
training pause first (``about_to_edit``), runs the edit once, and if the network
refuses it (``GraphError``/``ValueError``) restores the snapshot and returns the
reason instead of putting a half-done step on the undo stack.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QUndoCommand

import core
from core.graph import GraphError

#: errors the network raises for an edit it refuses; anything else is a bug
REFUSALS = (GraphError, ValueError, IndexError, KeyError)


class Command(QUndoCommand):
    """A command whose first ``redo`` already happened inside :func:`perform`."""

    def __init__(self, doc, text: str):
        super().__init__(text)
        self.doc = doc
        self._already_done = False

    def do(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def undo_(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def redo(self) -> None:
        if self._already_done:
            self._already_done = False
            return
        self.do()

    def undo(self) -> None:
        self.undo_()


def perform(doc, command: Command) -> str | None:
    """Run ``command`` and put it on ``doc``'s undo stack; return None, or why it was refused.

    A refused edit leaves the network exactly as it was (structure and parameters).
    """
    doc.about_to_edit.emit()
    net = doc.network
    before, training, dataset = net.get_state(), net.training.copy(), net.dataset
    try:
        command.do()
    except REFUSALS as exc:
        net.set_state(before)
        net.training, net.dataset = training, dataset
        doc.notify_structure()
        return str(exc).strip("'\"") or type(exc).__name__
    command._already_done = True
    doc.push(command)
    command._already_done = False
    return None


# ------------------------------------------------------------------ structure
class StructureCommand(Command):
    """Run ``edit(network)`` once; afterwards redo/undo swap whole-network snapshots."""

    MERGE_ID = 0x535452

    def __init__(self, doc, text: str, edit, merge_key=None):
        super().__init__(doc, text)
        self._edit = edit
        self._before = self._after = None
        self.merge_key = merge_key

    def id(self) -> int:
        return self.MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other) -> bool:
        """Consecutive edits with the same ``merge_key`` (a spin box's arrows) are one step."""
        if not isinstance(other, StructureCommand) or other.merge_key != self.merge_key:
            return False
        self._after = other._after
        self.setText(other.text())
        return True

    def do(self) -> None:
        net = self.doc.network
        if self._after is None:
            self._before = net.get_state()
            self._edit(net)
            self._after = net.get_state()
        else:
            net.set_state(self._after)
        self.doc.notify_structure()

    def undo_(self) -> None:
        self.doc.network.set_state(self._before)
        self.doc.notify_structure()


def add_layer(doc, name, units, activation="identity", bias=True, position=(0.0, 0.0)):
    return StructureCommand(
        doc, f"Add layer {name}",
        lambda net: net.add_layer(name, units, activation, bias, position))


def remove_layers(doc, names):
    names = list(names)

    def edit(net):
        for name in names:
            net.remove_layer(name)

    label = names[0] if len(names) == 1 else f"{len(names)} layers"
    return StructureCommand(doc, f"Delete {label}", edit)


def rename_layer(doc, old, new):
    return StructureCommand(doc, f"Rename {old} to {new}", lambda net: net.rename_layer(old, new))


def connect(doc, src, tgt, seed=0):
    return StructureCommand(doc, f"Connect {src} → {tgt}", lambda net: net.connect(src, tgt, seed=seed))


def disconnect(doc, src, tgt):
    return StructureCommand(doc, f"Delete connection {src} → {tgt}", lambda net: net.disconnect(src, tgt))


def set_units(doc, name, units, seed=0, merge: bool = False):
    """With ``merge``, consecutive unit changes of this layer become one undo step."""
    return StructureCommand(doc, f"Set {name} to {units} units",
                            lambda net: net.set_units(name, int(units), seed=seed),
                            merge_key=("units", name) if merge else None)


def set_bias_enabled(doc, name, enabled):
    verb = "Give" if enabled else "Remove"
    return StructureCommand(doc, f"{verb} bias {'to' if enabled else 'of'} {name}",
                            lambda net: net.set_bias_enabled(name, enabled))


def set_edge_enabled(doc, src, tgt, j, i, enabled):
    verb = "Restore" if enabled else "Remove"
    return StructureCommand(doc, f"{verb} edge {src}[{i}] → {tgt}[{j}]",
                            lambda net: net.set_edge_enabled(src, tgt, j, i, enabled))


class SetActivation(Command):
    def __init__(self, doc, name: str, activation: str):
        super().__init__(doc, f"Set {name} activation to {activation}")
        self.name, self.new, self.old = name, activation, None

    def do(self):
        if self.old is None:
            self.old = self.doc.network.layer(self.name).activation
        self.doc.network.set_activation(self.name, self.new)
        self.doc.notify_structure()

    def undo_(self):
        self.doc.network.set_activation(self.name, self.old)
        self.doc.notify_structure()


# ---------------------------------------------------------------- parameters
class _SetOneValue(Command):
    """Sets one number (``self.key`` names it). Consecutive edits of the same number with
    the same ``merge_id`` (e.g. one spin box) merge into one undo step."""

    _merge_id = -1

    def id(self) -> int:
        return self._merge_id

    def mergeWith(self, other) -> bool:
        if type(other) is not type(self) or other.key != self.key:
            return False
        self.new = other.new
        self.setText(other.text())
        return True


class SetWeight(_SetOneValue):
    """W[j, i] of src → tgt. Consecutive edits of the same weight with the same ``merge_id`` merge."""

    def __init__(self, doc, src, tgt, j, i, value: float, merge_id: int = -1):
        super().__init__(doc, f"Set weight {src}[{i}] → {tgt}[{j}] to {value:.6g}")
        self.key = (src, tgt, int(j), int(i))
        self.new, self.old = float(value), None
        self._merge_id = merge_id

    def do(self):
        if self.old is None:
            src, tgt, j, i = self.key
            self.old = float(self.doc.network.weights[src, tgt][j, i])
        self.doc.network.set_weight(*self.key, self.new)
        self.doc.notify_parameters()

    def undo_(self):
        src, tgt, j, i = self.key
        self.doc.network.weights[src, tgt][j, i] = self.old
        self.doc.notify_parameters()


class SetBias(_SetOneValue):
    """b[j] of a layer. Consecutive edits of the same bias with the same ``merge_id`` merge."""

    def __init__(self, doc, name, j, value: float, merge_id: int = -1):
        super().__init__(doc, f"Set bias {name}[{j}] to {value:.6g}")
        self.key = (name, int(j))
        self.new, self.old = float(value), None
        self._merge_id = merge_id

    def do(self):
        if self.old is None:
            if self.key[0] not in self.doc.network.biases:
                raise GraphError(f"layer {self.key[0]!r} has no bias")
            self.old = float(self.doc.network.biases[self.key[0]][self.key[1]])
        self.doc.network.set_bias(*self.key, self.new)
        self.doc.notify_parameters()

    def undo_(self):
        self.doc.network.set_bias(*self.key, self.old)
        self.doc.notify_parameters()


class SetParameters(Command):
    """Replace every parameter at once (re-initialisation, a training run taken back)."""

    def __init__(self, doc, text: str, fill=None, new: np.ndarray | None = None):
        super().__init__(doc, text)
        self.old = None
        self._fill, self.new = fill, None if new is None else np.array(new, dtype=np.float64)

    def do(self):
        net = self.doc.network
        if self.old is None:
            self.old = net.parameters()
        if self.new is None:
            self._fill(net)
            self.new = net.parameters()
        else:
            net.set_parameters(self.new)
        self.doc.notify_parameters()

    def undo_(self):
        self.doc.network.set_parameters(self.old)
        self.doc.notify_parameters()


def initialize(doc, method: str, seed: int):
    if method not in core.INITIALIZERS:
        raise ValueError(f"unknown initializer {method!r}")
    return SetParameters(doc, f"Re-initialise weights ({method}, seed {seed})",
                         fill=lambda net: net.initialize(method, seed))


# ------------------------------------------------------------------ geometry
class MoveLayers(Command):
    """Move one or more layers (one drag, or arrow-key presses that merge)."""

    ARROW_ID = 0x4D4F56

    def __init__(self, doc, moves: dict, merge: bool = False):
        names = ", ".join(moves)
        super().__init__(doc, f"Move {names}")
        self.old = None
        self.new = {n: (float(p[0]), float(p[1])) for n, p in moves.items()}
        self._merge = merge

    def _apply(self, positions):
        for name, pos in positions.items():
            self.doc.network.move_layer(name, pos)
            self.doc.notify_moved(name)

    def do(self):
        if self.old is None:
            self.old = {n: tuple(self.doc.network.layer(n).position) for n in self.new}
        self._apply(self.new)

    def undo_(self):
        self._apply(self.old)

    def id(self) -> int:
        return self.ARROW_ID if self._merge else -1

    def mergeWith(self, other) -> bool:
        if not isinstance(other, MoveLayers) or set(other.new) != set(self.new):
            return False
        self.new = dict(other.new)
        return True


# ------------------------------------------------------------------ settings
class SetSettings(Command):
    """Replace the training settings and/or the dataset; same ``merge_key`` in a row merges."""

    def __init__(self, doc, text: str, training=None, dataset=None, change_dataset=False, merge_key=None):
        super().__init__(doc, text)
        net = doc.network
        self.old = (net.training.copy(), net.dataset)
        self.new = (training.copy() if training is not None else net.training.copy(),
                    dataset if change_dataset else net.dataset)
        self.merge_key = merge_key

    def _apply(self, pair):
        self.doc.network.training, self.doc.network.dataset = pair[0].copy(), pair[1]
        self.doc.notify_settings()

    def do(self):
        self._apply(self.new)

    def undo_(self):
        self._apply(self.old)

    def id(self) -> int:
        return 0x534554 if self.merge_key else -1

    def mergeWith(self, other) -> bool:
        if not isinstance(other, SetSettings) or other.merge_key != self.merge_key:
            return False
        self.new = other.new
        self.setText(other.text())
        return True


class SetNetworkInfo(Command):
    """The network's name and description."""

    def __init__(self, doc, name: str, description: str):
        super().__init__(doc, "Rename network" if name != doc.network.name else "Edit description")
        self.old = (doc.network.name, doc.network.description)
        self.new = (name, description)

    def _apply(self, pair):
        self.doc.network.name, self.doc.network.description = pair
        self.doc.notify_settings()
        self.doc.file_state_changed.emit()

    def do(self):
        self._apply(self.new)

    def undo_(self):
        self._apply(self.old)
