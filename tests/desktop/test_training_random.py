"""A seeded random sequence of training actions never crashes, deadlocks or leaves NaN weights."""

from __future__ import annotations

import random
import time

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from test_training_support import close_window, finite, make_window, wait_finished, worker_report, xor_network

ACTIONS = ["play"] * 3 + ["pause"] * 3 + ["step"] * 2 + ["step_epoch", "reset", "reinit", "lr", "batch",
                                                            "undo", "redo"] + ["events"] * 3
CLOSE_EVERY = 50  # about every 50th action closes the window and opens a new one


def test_random_sequence_of_training_actions(qtbot):
    rng = random.Random(20261124)
    window = make_window(qtbot, xor_network())
    closed = []  # the training processes of closed windows
    count = 0
    for count in range(1, 151):
        c, doc = window.training, window.document
        action = "close" if rng.random() < 1 / CLOSE_EVERY else rng.choice(ACTIONS)
        if action == "play":
            c.play()
        elif action == "pause":
            c.pause()
        elif action == "step":
            c.step(rng.choice([1, 1, 3]))
        elif action == "step_epoch":
            c.step_epoch()
        elif action == "reset":
            c.reset()
        elif action == "reinit":
            c.reinitialise()
        elif action == "lr":
            c.toolbar.learning_rate.setValue(rng.choice([0.05, 0.3, 1.0]))
        elif action == "batch":
            c.toolbar.batch_size.setValue(rng.choice([1, 4, 8, 40]))
        elif action == "undo":
            doc.undo_stack.undo()
        elif action == "redo":
            doc.undo_stack.redo()
        elif action == "close":
            closed.append(c.worker.process)
            close_window(qtbot, window)
            window = make_window(qtbot, xor_network(hidden=rng.choice([2, 3, 4])))
            continue
        for _ in range(rng.choice([0, 0, 1, 2])):
            QApplication.processEvents()
        assert finite(doc.network.flat)
        if c.latest is not None:
            assert finite(c.latest.parameters) and finite(c.latest.loss_values)
    assert count >= 150
    # the last window still trains, pauses and hands its weights over
    c = window.training
    if c.running:
        c.pause()
        wait_finished(qtbot, c)
    c.step()
    snap = wait_finished(qtbot, c)
    assert np.array_equal(window.document.network.flat, snap.parameters)
    closed.append(c.worker.process)
    close_window(qtbot, window)
    assert all(p is not None and not p.is_alive() for p in closed)


# ---------------------------------------------------------------- the protocol under random use
SEQUENCE_ACTIONS = ["play"] * 3 + ["pause"] + ["step"] * 3 + ["f8"] * 4 + ["type"] * 2 + ["undo", "lr"] * 2 + [
    "open", "open", "new"]


class Leaks:
    """The shared-memory segments and semaphores the window's training made (by name), to check
    that none outlives its window."""

    def __init__(self, monkeypatch):
        from desktop.training import channel, worker

        self.segments: set[str] = set()
        self.semaphores: set[str] = set()
        receive, fill, transport = channel.Receiver.recv, channel.Sender._fill, worker._ProcessTransport.__init__

        def recv(receiver):
            obj = receive(receiver)
            self.segments.update(s.name for s in receiver.attached.values())
            return obj

        def _fill(sender, *args):
            where = fill(sender, *args)
            self.segments.add(where[1])
            return where

        def init(link, *args):
            transport(link, *args)
            for semaphore in (link.sender.free_slots, link.inbox.free_slots, link.acknowledgements):
                self.semaphores.add(semaphore._semlock.name)

        monkeypatch.setattr(channel.Receiver, "recv", recv)
        monkeypatch.setattr(channel.Sender, "_fill", _fill)
        monkeypatch.setattr(worker._ProcessTransport, "__init__", init)

    def left(self) -> list[str]:
        import gc
        import os

        gc.collect()
        names = [f"/dev/shm/{name.lstrip('/')}" for name in self.segments]
        names += [f"/dev/shm/sem.{name.lstrip('/')}" for name in self.semaphores]
        return [name for name in names if os.path.exists(name)]


class WindowDriver:
    """The real window: keys and menus as a student uses them; the real status bar."""

    def __init__(self, qtbot, dialogs, lesson):
        self.qtbot, self.dialogs, self.lesson = qtbot, dialogs, lesson
        self.window = make_window(qtbot, xor_network())

    @property
    def training(self):
        return self.window.training

    @property
    def document(self):
        return self.window.document

    @property
    def stepper(self):
        return self.window.stepper

    def type_weight(self, value: float) -> None:
        self.window.view_state.select_edge("x", "h", 0, 0)
        box = self.window.inspector.edge_page.weight
        box.lineEdit().selectAll()
        self.qtbot.keyClicks(box.lineEdit(), f"{value:.3f}")
        self.qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)

    def open(self) -> None:
        self.dialogs.answer("open_file", str(self.lesson))
        self.window.actions_by_name["open"].trigger()

    def new(self) -> None:
        self.window.actions_by_name["new"].trigger()

    def learning_rate(self, value: float) -> None:
        self.training.toolbar.learning_rate.setValue(value)

    def status(self) -> str:
        from PySide6.QtWidgets import QLabel

        return self.window.statusBar().findChild(QLabel, "status_training").text()

    def expected_status(self, snap) -> str:
        """The status bar's words for ``snap`` in this window (a file opened and unchanged: "weights as saved")."""
        from desktop.training.status_text import status_text

        return status_text(snap, self.window.view_state)

    def close(self, hidden: int):
        process = self.training.worker.process
        close_window(self.qtbot, self.window)
        self.window = make_window(self.qtbot, xor_network(hidden=hidden))
        return process

    def end(self):
        process = self.training.worker.process
        close_window(self.qtbot, self.window)
        return process


class BareDriver:
    """The document, the view state, the controller and the stepper without the window's widgets
    (fast); the "status bar" is the newest snapshot the controller gave its views."""

    def __init__(self, qtbot, dialogs, lesson):
        self.lesson = lesson
        self._make(xor_network())

    def _make(self, network):
        from desktop.document import Document
        from desktop.training.controller import TrainingController
        from desktop.training.stepper import Stepper
        from desktop.view_state import ViewState

        self.document = Document(network)
        self.view_state = ViewState(self.document)
        self.training = TrainingController(self.document)
        self.training.notify = lambda title, text: None
        self.stepper = Stepper(self.training, self.view_state)
        self.shown = None
        self.training.views.append(self)
        self.training.views_cleared.connect(lambda: setattr(self, "shown", None))

    def show_snapshot(self, snap):
        self.shown = snap

    def type_weight(self, value: float) -> None:
        from desktop import commands

        self.document.perform(commands.SetWeight(self.document, "x", "h", 0, 0, value, merge=True))

    def open(self) -> None:
        import core

        self.document.replace_network(core.load_network(self.lesson), self.lesson)

    def new(self) -> None:
        import core

        self.document.replace_network(core.Network("Untitled"), None)

    def learning_rate(self, value: float) -> None:
        self.training.set_learning_rate(value)

    def status(self) -> str:
        from desktop.training.status_text import status_text

        return "Ready to train." if self.shown is None else status_text(self.shown)

    def expected_status(self, snap) -> str:
        from desktop.training.status_text import status_text

        return status_text(snap)

    def end(self):
        self.training.shutdown()
        return self.training.worker.process

    def close(self, hidden: int):
        process = self.end()
        self._make(xor_network(hidden=hidden))
        return process


class PromptQtBot:
    """``qtbot`` whose ``waitUntil`` looks at its condition every millisecond instead of every 10 ms
    (same condition, same timeout): a session in a thread answers in a few milliseconds, and 276
    sequences of 3–5 waits each spent most of their time in the 10 ms between two looks. (Not for the
    window with its process: there the looks took the GUI thread's time from the snapshots.)"""

    def __init__(self, qtbot):
        self._qtbot = qtbot

    def __getattr__(self, name):
        return getattr(self._qtbot, name)

    def waitUntil(self, condition, timeout: int = 5000) -> None:
        deadline = time.monotonic() + timeout / 1000
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"waitUntil timed out in {timeout} milliseconds")
            self._qtbot.wait(1)


def settle(qtbot, driver) -> None:
    """Shift+F8 and Pause, then wait until the window and its session agree: the session holds the
    document's version and the status bar shows the session's newest figures, which are the document's."""
    c, doc = driver.training, driver.document
    driver.stepper.cancel()
    c.pause()
    net = doc.network
    if net.dataset is None or net.problems():
        qtbot.waitUntil(lambda: not c.running, timeout=10000)
        status = driver.status()  # (the window's status bar says why a network with problems cannot train)
        from desktop.view_numbers import NO_DATA  # (a network with no data says so: review 24 #5)

        assert status in ("Ready to train.", NO_DATA) or (net.problems() and status.startswith("Cannot train: ")), status
        return
    qtbot.waitUntil(lambda: not c.running and not driver.stepper.waiting and c.process_version == doc.version
                    and c.latest is not None and c.latest.finished and c.snapshot_fits(c.latest), timeout=15000)
    qtbot.waitUntil(lambda: driver.status() == driver.expected_status(c.latest), timeout=5000)
    assert np.array_equal(c.latest.parameters, doc.network.flat), "the status bar shows another network's figures"
    report = worker_report(qtbot, c)
    assert report["version"] == doc.version and np.array_equal(report["parameters"], doc.network.flat)
    assert report["step"] == c.latest.step


def run_sequences(qtbot, driver, seed: int, sequences: int, close_every: int) -> list:
    rng = random.Random(seed)
    processes = []
    for _ in range(sequences):
        if rng.random() < 1 / close_every:
            processes.append(driver.close(hidden=rng.choice([2, 3, 4])))
            continue
        c, doc = driver.training, driver.document
        for action in rng.choices(SEQUENCE_ACTIONS, k=rng.randint(2, 5)):
            if action == "play":
                c.toggle()
            elif action == "pause":
                c.pause()
            elif action == "step":
                c.step(1)
            elif action == "f8":  # a few presses: the walk may reach Update and apply it
                for _ in range(rng.randint(1, 6)):
                    driver.stepper.next_phase()
                    if rng.random() < 0.7:  # the trace answers before the next press, or not
                        qtbot.waitUntil(lambda: not driver.stepper.waiting, timeout=10000)
            elif action == "type" and "h" in [layer.name for layer in doc.network.layers]:
                driver.type_weight(rng.uniform(-2, 2))
            elif action == "undo":
                doc.undo_stack.undo()
            elif action == "open":
                driver.open()
            elif action == "new":
                driver.new()
            elif action == "lr":
                driver.learning_rate(rng.choice([0.05, 0.3, 1.0]))
            for _ in range(rng.choice([0, 1, 3])):
                QApplication.processEvents()
        settle(qtbot, driver)
        assert finite(doc.network.flat)
    processes.append(driver.end())
    return processes


def no_leftovers(qtbot, processes, leaks) -> None:
    import multiprocessing
    import threading

    from conftest import running_threads

    qtbot.waitUntil(lambda: not running_threads(), timeout=5000)
    assert all(p is None or not p.is_alive() for p in processes)
    assert not multiprocessing.active_children()
    assert not [t for t in threading.enumerate() if t.name == "training commands"]
    assert not leaks.left()


def lesson_file(tmp_path):
    import core

    path = tmp_path / "lesson.bpnet"
    core.save_network(xor_network(hidden=3), path)
    return path


def test_random_sequences_with_the_session_in_a_thread(qtbot, dialogs, tmp_path, monkeypatch):
    """276 random sequences of Play/Pause/Step/F8/typed weight/Undo/Open/New/close, each ended by
    Pause: the document, what the views were shown last and the session agree. The session runs in
    a thread and without the window's widgets (the protocol is the same; the process's start-up and
    the panels' drawing are spared)."""
    from desktop.training import worker

    monkeypatch.setenv(worker.TRANSPORT_ENV, "thread")
    leaks = Leaks(monkeypatch)
    driver = BareDriver(qtbot, dialogs, lesson_file(tmp_path))
    processes = run_sequences(PromptQtBot(qtbot), driver, seed=20261205, sequences=276, close_every=40)
    no_leftovers(qtbot, processes, leaks)


def test_random_sequences_in_the_window_with_the_training_process(qtbot, dialogs, tmp_path, monkeypatch):
    """24 more (300 in all) in the real window with the training process (keys, the inspector's weight box, File
    → Open and New), one window closed and opened again on the way: the status bar shows the
    document's figures at every Pause, and no process, thread, shared-memory segment or semaphore
    is left afterwards."""
    leaks = Leaks(monkeypatch)
    driver = WindowDriver(qtbot, dialogs, lesson_file(tmp_path))
    processes = run_sequences(qtbot, driver, seed=7, sequences=24, close_every=10)
    assert len(processes) >= 2 and leaks.semaphores
    no_leftovers(qtbot, processes, leaks)
