"""Helpers for the training tests: small networks, a window fixture, waiting for the worker.

(No tests here; the file name keeps it next to the tests it serves.)
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import core


def xor_network(lr: float = 0.5, batch: int = 8, hidden: int = 4, samples: int = 40, validation: float = 0.0):
    """A 2-hidden-1 XOR classifier with a seeded 40-sample dataset."""
    net = core.Network("xor test")
    net.add_layer("x", 2)
    net.add_layer("h", hidden, activation="tanh")
    net.add_layer("y", 1, activation="sigmoid")
    net.connect("x", "h")
    net.connect("h", "y")
    net.dataset = core.generate("xor", samples=samples, noise=0.05, seed=1)
    net.training.loss = "mse"
    net.training.optimizer.learning_rate = lr
    net.training.batch_size = batch
    net.training.validation_fraction = validation
    return net


def regression_network(lr: float):
    """An identity-output regression net that a huge learning rate drives to infinity."""
    net = core.Network("plane")
    net.add_layer("x", 2)
    net.add_layer("h", 3, activation="identity")
    net.add_layer("y", 1, activation="identity")
    net.connect("x", "h")
    net.connect("h", "y")
    net.dataset = core.generate("regression_plane", samples=32, noise=0.0, seed=2)
    net.training.optimizer.learning_rate = lr
    net.training.batch_size = 8
    return net


def make_window(qtbot, network):
    """A real main window showing ``network`` (the caller closes it)."""
    from desktop.app import create_main_window

    window = create_main_window(restore_layout=False)
    window.document.replace_network(network, None)
    window.resize(1300, 850)
    window.show()
    return window


def close_window(qtbot, window) -> None:
    """Close like a student who discards changes; the training process must be gone."""
    process = window.training.worker.process
    window.document.undo_stack.setClean()
    window.close()
    assert not window.isVisible()
    assert window.training.worker.pid is None
    assert process is None or (not process.is_alive() and process.exitcode is not None)
    window.deleteLater()


@pytest.fixture
def training_window(main_window):
    """Returns net -> the real main window (conftest's ``main_window``) showing that network."""

    def show(network):
        main_window.document.replace_network(network, None)
        return main_window

    return show


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed on the canvas (F5, F6, F8, Space reach the window's actions from there)."""
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, key, modifier)



def press_f8_to(qtbot, window, phase: str) -> None:
    """F8 on the canvas until the step-through shows ``phase`` (its first press waits for the traced
    step), then a few turns of the event loop for the panels to draw it."""
    press(qtbot, window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    while window.view_state.stepping.phase != phase:
        qtbot.keyClick(window.canvas, Qt.Key.Key_F8)
    for _ in range(3):
        QApplication.instance().processEvents()

def press_step(qtbot, window) -> None:
    """F6 on the canvas, until the step's weights are in the document and painted."""
    c, doc = window.training, window.document
    before = doc.network.flat.copy()
    press(qtbot, window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: not c.running and not np.array_equal(doc.network.flat, before), timeout=15000)
    qtbot.wait(30)


def wait_finished(qtbot, controller, timeout=10000):
    """Wait until the controller is not running and has shown the final snapshot."""
    qtbot.waitUntil(lambda: not controller.running and controller.latest is not None
                    and controller.latest.state != "running", timeout=timeout)
    return controller.latest


def wait_steps(qtbot, controller, steps, timeout=10000):
    """Wait for a running-state snapshot at or past ``steps``."""
    qtbot.waitUntil(lambda: controller.latest is not None and controller.latest.step >= steps, timeout=timeout)
    return controller.latest


def worker_report(qtbot, controller, timeout=10000) -> dict:
    """What the training session holds now (it answers a ``Report`` command, from its process)."""
    from desktop.training.messages import Report

    with qtbot.waitSignal(controller.worker.reported, timeout=timeout) as blocker:
        controller.worker.send(Report())
    return blocker.args[0]


def wait_idle(qtbot, controller, timeout=10000) -> dict:
    """Wait until the session says it is not running; its report."""
    report = {}

    def idle():
        report.update(worker_report(qtbot, controller))
        return not report["running"]

    qtbot.waitUntil(idle, timeout=timeout)
    return report


def dataset_loss(net) -> float:
    return net.data_loss(net.dataset.inputs, net.dataset.targets)


def finite(a) -> bool:
    return bool(np.all(np.isfinite(a)))


def choose_penalty(qtbot, window, kind: str, rate: str) -> None:
    """Choose a regularization penalty in the Inspector's network page as a student does: the kind
    from its box, the rate typed and Return."""
    window.canvas.scene().clearSelection()
    page = window.inspector.network_page
    page.regularization.setCurrentText(kind)
    page.rate.setFocus()
    page.rate.lineEdit().selectAll()
    qtbot.keyClicks(page.rate.lineEdit(), rate)
    qtbot.keyClick(page.rate.lineEdit(), Qt.Key.Key_Return)
    assert window.document.network.training.penalized
