"""Which network the training process holds, and the commands that keep it the document's.

The document counts its changes (``Document.version``); ``ProcessLink.version`` is the
version the process holds once it has read what was sent (None: it must load anew), and
``ProcessLink.session`` the newest ``Load``'s id (answers of older sessions are dropped).
A change that leaves the process's network as it is (a layer moved, the learning rate or
batch size, the run's own trained weights committed) is followed (``Follow``,
``SetLearningRate``/``SetBatchSize`` with the new version), so the session goes on with
its step counter, optimizer state and history; any other change makes the process's copy
stale, and the next ``load`` sends the document's network anew.

Each ``Load`` also resends the speed limit, the stop conditions and whether running snapshots
carry gradients (a new process starts without them), and remembers the loaded weights (``start_params``, which Reset restores)
and the network's structure (``structure``: a snapshot fits the document only while it is
the same). No Qt here: the link only sends commands through the worker.
"""

from __future__ import annotations

import numpy as np

import core

from .messages import Follow, Load, SetBatchSize, SetGradients, SetLearningRate, SetSpeed, SetStopConditions

#: the kinds of document change (``Document.changes_since``) after which the process's network is still right
FOLLOWABLE = frozenset({"moved", "learning_rate", "batch_size"})


def load_problems(net) -> list[str]:
    """Why ``net`` cannot be sent to the process (problems of the network, then of its dataset); [] when it can."""
    problems = net.problems()
    if net.dataset is None:
        problems.append("the network has no dataset: choose one in the Dataset panel")
    elif not problems:
        problems += net.dataset_problems()
    return problems


class ProcessLink:
    """The window's record of what the training process holds; sends Load or Follow to keep it the document's."""

    def __init__(self, document, worker):
        self.document = document
        self.worker = worker
        self.session = 0  # the newest Load's id (answers of older ones are dropped)
        #: the document version the process holds once it has read what was sent (None: it must load)
        self.version: int | None = None
        self.structure = None  # the loaded network's structure_signature()
        self.start_params: np.ndarray | None = None  # the loaded network's weights (Reset restores them)
        self.speed: float | None = None
        self.stop = (None, None)
        self.gradients = True  # running snapshots carry the last step's gradient (``SetGradients``)
        self._afresh = False  # the next Load starts a new run even where the file kept one (Reset)

    def start_afresh(self) -> None:
        """Reset: the next ``load`` starts a new run at step 0, also at the weights of a file that kept its run."""
        self.version = None
        self._afresh = True

    def forget(self) -> None:
        """The process's network is not the document's any more: whatever it still answers about it
        (a snapshot, a step 0, a trace) is dropped, and the next ``load`` sends the document's."""
        self.version = None
        self.session += 1

    def is_current(self, tag) -> bool:
        """True when an answer's ``messages.Tag`` is about this session and the document's version now."""
        return tag.session == self.session and tag.version == self.document.version

    def changes_to_follow(self) -> frozenset | None:
        """The kinds of change since the process's version when all leave its network as it is, else None."""
        if self.version is None:
            return None
        kinds = self.document.changes_since(self.version)
        return kinds if kinds is not None and kinds <= FOLLOWABLE else None

    def follows(self) -> bool:
        """True when the process holds the document's network now, after following the changes
        since its version that leave its network as it is (layer moves, learning rate, batch size)."""
        doc = self.document
        if self.version == doc.version:
            return True
        kinds = self.changes_to_follow()
        if kinds is None:
            return False
        version, t = doc.version, doc.network.training
        if "learning_rate" in kinds:
            self.worker.send(SetLearningRate(t.optimizer.learning_rate, version=version))
        if "batch_size" in kinds:
            self.worker.send(SetBatchSize(t.batch_size, version=version))
        self.follow()
        return True

    def follow(self) -> None:
        """The process's network is the document's now (its own run ended there): it takes the document's version."""
        self.version = self.document.version
        self.worker.send(Follow(version=self.version))

    def load(self) -> None:
        """Send the process a copy of the document's network (a new session; its settings sent first), with
        the key of the run that left its weights (``Document.resume_state``): the process goes on with that
        run's optimizer state, data order and counters where it still keeps them (``kept_runs``), so that
        training goes on from an Undo or Redo as it would have gone on from the run. At the weights of a file
        that kept its run (``Network.progress``), the process goes on with that run."""
        net = self.document.network
        self.session += 1
        copy = net.copy()
        if self._afresh or not core.keeps_run(copy):
            copy.progress = None  # Reset, or the file's run left other weights: not sent
        self._afresh = False
        self.start_params = copy.parameters()
        self.structure = net.structure_signature()
        self.version = version = self.document.version
        self.worker.send(SetSpeed(self.speed))
        self.worker.send(SetStopConditions(*self.stop))
        self.worker.send(SetGradients(self.gradients))
        # the key of the run's end that left these weights, if one did (the process keeps the run: kept_runs)
        self.worker.send(Load(self.session, copy, version=version, resume=self.document.resume_state))

    def set_speed(self, steps_per_second: float | None) -> None:
        self.speed = steps_per_second
        self.worker.send(SetSpeed(steps_per_second))

    def set_gradients(self, on: bool) -> None:
        if on != self.gradients:
            self.gradients = on
            self.worker.send(SetGradients(on))

    def set_stop_conditions(self, epochs: int | None, loss: float | None) -> None:
        self.stop = (epochs, loss)
        self.worker.send(SetStopConditions(epochs, loss))

    def snapshot_fits(self, snap) -> bool:
        """True when ``snap`` was taken from a network with the document's structure now."""
        net = self.document.network
        return (snap is not None and self.structure == net.structure_signature()
                and net.parameter_layout().fits(snap.parameters))

    def has_weights_of(self, snap) -> bool:
        """True when the document holds ``snap``'s weights (its figures are about them): not after an Undo or an
        edit, but after the commit of a run whose process died (its last snapshot's weights)."""
        return self.snapshot_fits(snap) and np.array_equal(snap.parameters, self.document.network.flat)
