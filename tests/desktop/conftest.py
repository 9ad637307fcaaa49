"""Fixtures for the desktop tests.

* Settings (recent files, dock layout) go to a temporary folder, never the user's.
* ``dialogs`` (autouse): every static ``QMessageBox``/``QFileDialog`` call is recorded and
  answered from a queue instead of blocking the test. Queue answers with
  ``dialogs.answer("question", QMessageBox.StandardButton.Save)`` or
  ``dialogs.answer("save_file", path)``; an unqueued question is answered Discard, an
  unqueued file dialog is cancelled.
* ``main_window``: the real main window on the default lesson, shown; on teardown it is
  closed (training shut down through ``closeEvent``) and no ``QThread`` may be left running.
  (``tests/conftest.py`` checks after every test that no child process is left.)
* ``lesson_window``: one such window shared by the tests of a module that each open a lesson in it.
* ``canvas``: drives the canvas with real mouse events on the view's viewport.
"""

from __future__ import annotations

import multiprocessing
import time
import weakref

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox


@pytest.fixture(scope="session", autouse=True)
def isolated_settings(tmp_path_factory):
    folder = tmp_path_factory.mktemp("settings")
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture(autouse=True)
def new_to_every_lesson(isolated_settings):
    """Each test meets a guided lesson as a student new to it: no progress kept by an earlier test.
    A lesson in progress hides what its questions ask, so kept progress made what a test saw depend
    on the tests run before it."""
    from desktop.files import app_settings
    from desktop.lesson.progress import SETTINGS_GROUP

    settings = app_settings()
    settings.remove(SETTINGS_GROUP)
    settings.sync()
    yield


@pytest.fixture(autouse=True)
def pointer_rests_elsewhere():
    """Each test starts with the mouse pointer over no window: the pointer is one for the whole session, and a
    test that pointed at the canvas's legend (which opens while pointed at) left the next tests' legends
    open over their canvases, the networks fitted into what the open legend left (test_backward_sentence
    before test_canvas_texts_apart: texts over each other)."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QCursor

    QCursor.setPos(QPoint(-10000, -10000))
    yield


class Dialogs:
    """Records dialog calls and answers them from per-kind queues."""

    def __init__(self):
        self.calls: list[tuple[str, str, str]] = []  # (kind, title, text)
        self.answers: dict[str, list] = {}

    def answer(self, kind: str, value) -> None:
        self.answers.setdefault(kind, []).append(value)

    def _next(self, kind: str, default):
        queue = self.answers.get(kind)
        return queue.pop(0) if queue else default

    def of(self, kind: str) -> list[tuple[str, str, str]]:
        return [c for c in self.calls if c[0] == kind]

    def install(self, monkeypatch) -> None:
        def message(kind, default):
            def show(parent, title, text, *args, **kwargs):
                self.calls.append((kind, title, text))
                return self._next(kind, default)
            return staticmethod(show)

        ok = QMessageBox.StandardButton.Ok
        monkeypatch.setattr(QMessageBox, "question", message("question", QMessageBox.StandardButton.Discard))
        for kind in ("critical", "warning", "information"):
            monkeypatch.setattr(QMessageBox, kind, message(kind, ok))

        def file_dialog(kind):
            def show(parent=None, caption="", directory="", *args, **kwargs):
                self.calls.append((kind, caption, directory))
                return self._next(kind, ""), ""
            return staticmethod(show)

        monkeypatch.setattr(QFileDialog, "getOpenFileName", file_dialog("open_file"))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", file_dialog("save_file"))


@pytest.fixture(autouse=True)
def dialogs(monkeypatch):
    recorder = Dialogs()
    recorder.install(monkeypatch)
    return recorder


def _record_started_threads() -> weakref.WeakSet:
    """Every ``QThread`` (or subclass) started from Python from now on, held weakly: ``QThread.start``
    wrapped to note its thread first. The app's threads are made and started after this file is
    imported (before any window), and no class of the app overrides ``start``."""
    from PySide6.QtCore import QThread

    started = weakref.WeakSet()
    start = QThread.start

    def start_and_record(thread, *args, **kwargs):
        started.add(thread)
        return start(thread, *args, **kwargs)

    QThread.start = start_and_record
    return started


_STARTED_THREADS = _record_started_threads()


def running_threads() -> list:
    """QThreads (other than the GUI thread) that are still running: of the threads started since the
    tests began (``_record_started_threads``), those alive. (Walking every live object for QThreads,
    ``gc.get_objects()``, took 50–150 ms after each test.)"""
    main = QApplication.instance().thread()
    return [t for t in list(_STARTED_THREADS) if t is not main and _alive(t)]


def _alive(thread) -> bool:
    try:
        return thread.isRunning()
    except RuntimeError:  # the C++ object is already gone
        return False


@pytest.fixture
def main_window(qtbot, dialogs):
    from desktop.app import create_main_window

    window = create_main_window(restore_layout=False)
    window.resize(1300, 850)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.document.undo_stack.setClean()  # no unsaved-changes prompt on teardown
    window.document.other_changes = lambda: False  # (nor about a lesson's place)
    window.close()
    assert not window.isVisible(), "the main window refused to close"
    qtbot.waitUntil(lambda: not running_threads(), timeout=5000)  # fails the test after 5 s
    assert not multiprocessing.active_children(), "the window's training process survived its close"
    window.deleteLater()


@pytest.fixture(scope="module")
def shared_window(request, qapp, isolated_settings):
    """One real main window (as ``main_window`` makes it) for the tests of a module that each open a
    lesson in it, as a student opens one lesson after another, instead of a new window per test
    (about 0.7 s each). Its training process lives on between the tests (``tests/conftest.py``'s
    ``no_process_left`` lets it) and is checked as ``main_window``'s is after the module's last test.
    Use it through ``lesson_window``."""
    from PySide6.QtTest import QTest

    from desktop.app import create_main_window

    window = create_main_window(restore_layout=False)
    window.resize(1300, 850)
    window.show()
    assert QTest.qWaitForWindowExposed(window)
    module = request.node
    module.keeps_running = [lambda: window.training.worker.process]
    yield window
    module.keeps_running = []
    window.document.undo_stack.setClean()
    window.document.other_changes = lambda: False  # (the dialogs are not answered here: no question may come)
    window.close()
    assert not window.isVisible(), "the main window refused to close"
    deadline = time.monotonic() + 5.0
    while (left := running_threads()) and time.monotonic() < deadline:
        QTest.qWait(10)
    assert not left, f"threads still running: {left}"
    assert not multiprocessing.active_children(), "the window's training process survived its close"
    window.deleteLater()


@pytest.fixture
def lesson_window(shared_window):
    """The module's ``shared_window``; after the test, what it left that a student's next Open would
    not end (a step-through, unsaved edits) is ended, so that it cannot reach the next test."""
    yield shared_window
    shared_window.stepper.cancel()
    shared_window.document.undo_stack.setClean()


class Canvas:
    """Mouse and keyboard on the real view: positions are scene coordinates."""

    def __init__(self, window, qtbot):
        self.window, self.qtbot = window, qtbot
        self.view = window.canvas
        self.scene = window.canvas.scene()

    def point(self, scene_pos) -> QPoint:
        return self.view.mapFromScene(QPointF(scene_pos))

    def _send(self, kind, pos: QPoint, button, buttons) -> None:
        vp = self.view.viewport()
        event = QMouseEvent(kind, QPointF(pos), QPointF(vp.mapToGlobal(pos)), button, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(vp, event)

    def drag(self, start, end, steps: int = 6) -> None:
        """Press at ``start``, move in steps, release at ``end`` (scene coordinates)."""
        a, b = self.point(start), self.point(end)
        left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
        self._send(QEvent.Type.MouseButtonPress, a, left, left)
        for k in range(1, steps + 1):
            p = a + (b - a) * (k / steps)
            self._send(QEvent.Type.MouseMove, p, none, left)
        self._send(QEvent.Type.MouseButtonRelease, b, left, none)

    def click(self, scene_pos, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        QTest.mouseClick(self.view.viewport(), Qt.MouseButton.LeftButton, modifier, self.point(scene_pos))

    def double_click(self, scene_pos) -> None:
        point = self.point(scene_pos)
        QTest.mouseDClick(self.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        if QApplication.mouseButtons() & Qt.MouseButton.LeftButton:  # Qt 6's mouseDClick leaves it down:
            QTest.mouseRelease(self.view.viewport(), Qt.MouseButton.LeftButton, pos=point)  # a later move would drag

    def key(self, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        self.view.setFocus()
        QTest.keyClick(self.view, key, modifier)

    # scene geometry helpers
    def port(self, layer: str) -> QPointF:
        return self.scene.layer_items[layer].port.scenePos()

    def centre(self, layer: str) -> QPointF:
        return self.scene.layer_items[layer].scenePos()

    def edge_label(self, src, tgt, j, i) -> QPointF:
        return self.view.edge_item(src, tgt, j, i).label_rect().center()

    def edge_point(self, src, tgt, j, i, fraction: float = 0.5) -> QPointF:
        return self.view.edge_item(src, tgt, j, i).line.pointAt(fraction)

    def connect(self, src: str, tgt: str) -> None:
        self.drag(self.port(src), self.centre(tgt))


@pytest.fixture
def canvas(main_window, qtbot):
    return Canvas(main_window, qtbot)


def network_state(net) -> dict:
    """Everything an edit may change, in a form that compares exactly (weights bit for bit)."""
    return {
        "layers": [(l.name, l.units, l.activation, l.bias, tuple(l.position), l.features) for l in net.layers],
        "connections": list(net.connections),
        "parameters": net.parameters().tobytes(),
        "masks": {e: m.tobytes() for e, m in net.masks.items()},
        "training": repr(net.training),
        "dataset": None if net.dataset is None else (net.dataset.inputs.tobytes(), net.dataset.targets.tobytes(),
                                                     repr(net.dataset.source)),
        "name": (net.name, net.description),
    }


@pytest.fixture
def state_of():
    return network_state
