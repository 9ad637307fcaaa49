"""Files: New, Open, Open Recent, Examples, Save, Save As, Revert, and the unsaved-changes prompt.

Loading goes through ``core.load_network_without_missing_csv``: a file that fails shows its
``NetworkFileError`` message and leaves the open document untouched; a file whose CSV dataset is
missing opens without its data, and the status bar and Dataset panel say which CSV to load again. Saving goes
through ``core.save_network`` (a temporary file renamed over the target, so a failed
save never destroys the old file), with the training run that left the weights (``run_save``) and a guided
lesson's start when the network is no longer it (``lesson.lesson_save``). Recent files live in ``QSettings``.

Bundled lessons open as untitled copies: Save asks where to put the student's version.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

import core

from . import commands
from .lesson.lesson_save import with_lesson_start
from .eliding_status_bar import show_detailed
from .run_save import network_to_save, pause_to_save
from .saved_words import saved_words

ORGANIZATION, APPLICATION = "BackpropStudio", "Backprop Studio"
RECENT_KEY, MAX_RECENT = "files/recent", 8
FILE_FILTER = "Backprop Studio networks (*.bpnet);;All files (*)"
LOAD_ERRORS = (core.NetworkFileError, OSError, ValueError)
#: the names of a network not named yet (File → New's "Untitled"): the file's ``name`` field is the network's name, and
#: such a network takes its file's name (without ".bpnet") when saved or opened (it stayed "Untitled" in the
#: Inspector after Save and Open of mine.bpnet: review 24 #10d)
UNNAMED = ("", "Untitled")
#: how long the status bar says that a file opened without its missing CSV (the Dataset panel says it on)
MISSING_DATA_MS = 30_000


def app_settings() -> QSettings:
    """The user's settings (an INI file in the user's config folder on every system)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def list_examples() -> list:
    """The bundled lessons (``core.list_examples``); empty when the lesson package is missing
    or unreadable (a broken install), so the Examples menu says so instead of failing."""
    try:
        return list(core.list_examples())
    except (ImportError, OSError):
        return []


def default_network() -> core.Network:
    """The lesson a new user sees first: the bundled ``resources/examples/xor.bpnet``.

    Only when that file cannot be found or read (a broken install) an empty "Untitled"
    network, as File → New gives: the lesson lives in one place, the file.
    """
    try:
        return core.load_network(core.example_path("xor"))
    except (KeyError, ImportError, *LOAD_ERRORS):
        return core.Network("Untitled")


def show_dataset_panel(window) -> None:
    """Bring the Dataset panel to the front (its info line says which CSV to load again)."""
    dock = getattr(window, "panel_docks", {}).get("dataset_panel")
    if dock is not None:
        dock.show()
        dock.raise_()


def file_stem(path: str) -> str:
    """The file's name without its folder and extension: "mine" for /home/a/mine.bpnet."""
    return os.path.splitext(os.path.basename(path))[0]


def opened_words(network: core.Network, path: str) -> str:
    """The status bar after a file was opened: its file name (a network made by File → New is named
    "Untitled" until renamed: "Opened Untitled" named no file), and the network's name when it says more."""
    file = os.path.basename(path)
    name = network.name.strip()
    stem = os.path.splitext(file)[0]
    return f"Opened {file}" + (f" ({name})" if name and name not in ("Untitled", stem) else "")


class FileController(QObject):
    """File actions of one main window and its document."""

    def __init__(self, window, document):
        super().__init__(window)
        self.window, self.doc = window, document
        #: what else goes into a saved file: each ``add(network, path) -> network`` (a copy when it adds
        #: anything), in order (the lesson's place: ``desktop.lesson.file_progress``)
        self.before_save: list = []
        #: told each file written: ``written(network, path)`` with the network as written (not after a failed Save)
        self.after_save: list = []

    # -------------------------------------------------------------- prompts
    def going_on_if_cancelled(self, act) -> bool:
        """``act()`` (New, Open, Revert, closing the window: True when it went through); when it did not (the
        student cancelled the question or the file dialog, or the file failed), a Play run that the question
        stopped goes on training, as it did before (code review 20 #7). A run that was not going starts none."""
        training = getattr(self.window, "training", None)  # (set once the training UI is installed)
        playing = training is not None and training.running and training.played
        done = act()
        if not done and playing and not training.running:
            training.play()
        return done

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current network (saved, discarded, or clean). A running
        session hands its weights back first: its steps are unsaved work (one undo entry) even though
        they reached the document only now."""
        self.doc.pause_training()
        if not self.doc.unsaved:  # (a lesson's place too: the answers checked since the save)
            return True
        answer = QMessageBox.question(
            self.window, "Unsaved changes",
            f"“{self.doc.display_name}” has changes that are not saved. Save them first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _error(self, title: str, exc: BaseException) -> None:
        QMessageBox.critical(self.window, title, str(exc))

    def message(self, text: str, detail: str = "") -> None:
        """``text`` in the status bar for 6 s; ``detail`` after it in its tooltip."""
        show_detailed(self.window.statusBar(), text, detail, 6000)

    # ----------------------------------------------------------------- open
    def new(self) -> bool:
        return self.going_on_if_cancelled(self._new)

    def _new(self) -> bool:
        if not self.maybe_save():
            return False
        self.doc.replace_network(core.Network("Untitled"), None)
        self.message("New network: add layers from the toolbar, then drag from a layer's blue port to connect")
        return True

    def open(self, path: str | None = None) -> bool:
        """Ask to save, then open ``path`` (or ask for one). False if cancelled or the file failed."""
        return self.going_on_if_cancelled(lambda: self._open(path))

    def _open(self, path: str | None) -> bool:
        if not self.maybe_save():
            return False
        if path is None:
            start = os.path.dirname(str(self.doc.path)) if self.doc.path else ""
            path, _ = QFileDialog.getOpenFileName(self.window, "Open network", start, FILE_FILTER)
            if not path:
                return False
        return self.load(path)

    def load(self, path: str, as_copy: bool = False) -> bool:
        """Replace the document with the network in ``path``; on failure show why and keep it."""
        try:
            network, missing_data = core.load_network_without_missing_csv(path)
        except LOAD_ERRORS as exc:
            self._error("Cannot open the network", exc)
            return False
        if not as_copy and network.name.strip() in UNNAMED:
            network.name = file_stem(path)  # (a file saved unnamed, by an older version or by hand)
        self.doc.replace_network(network, None if as_copy else path, missing_data)
        if not as_copy:
            self.add_recent(path)
        opened = f"Opened {network.name}" if as_copy and network.name else opened_words(network, path)
        if missing_data:
            self.window.statusBar().showMessage(f"{opened} without its data: {missing_data}", MISSING_DATA_MS)
            show_dataset_panel(self.window)
        else:
            self.message(opened)
        return True

    def open_example(self, path: str) -> bool:
        return self.going_on_if_cancelled(lambda: self.maybe_save() and self.load(path, as_copy=True))

    def revert(self) -> bool:
        return self.going_on_if_cancelled(self._revert)

    def _revert(self) -> bool:
        if self.doc.path is None:
            self.message("Nothing to revert to: this network has not been saved yet")
            return False
        self.doc.pause_training()  # a run's steps are changes since the save too
        if self.doc.dirty:
            answer = QMessageBox.question(
                self.window, "Revert",
                f"Throw away every change since “{self.doc.display_name}” was last saved?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        return self.load(str(self.doc.path))

    # ----------------------------------------------------------------- save
    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self.write(str(self.doc.path))

    def save_as(self) -> bool:
        start = str(self.doc.path) if self.doc.path else (self.doc.network.name or "network") + ".bpnet"
        path, _ = QFileDialog.getSaveFileName(self.window, "Save network as", start, FILE_FILTER)
        if not path:
            return False
        if not os.path.splitext(path)[1]:
            path += ".bpnet"
        return self.write(path)

    def write(self, path: str) -> bool:
        training = getattr(self.window, "training", None)
        go_on = pause_to_save(training)  # Play paused as F5 pauses it: the file keeps the run, which goes on after
        was_running = training is not None and training.running  # (it did not answer in time)
        self.doc.pause_training()  # training hands its weights back first
        if self.doc.network.name.strip() in UNNAMED:  # named after its file, one undoable step ("Rename network")
            self.doc.perform(commands.SetNetworkInfo(self.doc, file_stem(path), self.doc.network.description))
        network, left_out = network_to_save(self.doc, training)
        network = with_lesson_start(self.window, network)  # a lesson's questions stay about its start
        for add in self.before_save:
            network = add(network, path)
        try:
            run_written = core.save_network(network, path)
        except LOAD_ERRORS as exc:
            self._error("Cannot save the network", exc)
            return False
        for written in self.after_save:
            written(network, path)
        self.doc.mark_saved(path)
        self.add_recent(path)
        kept = ("" if network.left_out is None  # (a file opened without its missing CSV: what Save kept of it)
                else network.left_out.kept_words(network, os.path.dirname(os.path.abspath(path))))
        self.message(*saved_words(network, path, run_written, was_running, left_out, kept))
        if go_on:
            training.play()
        return True

    # --------------------------------------------------------------- recent
    def recent_files(self) -> list[str]:
        value = app_settings().value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value]
        return [str(p) for p in (value or [])]

    def add_recent(self, path: str) -> None:
        path = os.path.abspath(str(path))
        files = [path] + [p for p in self.recent_files() if p != path]
        app_settings().setValue(RECENT_KEY, files[:MAX_RECENT])

    def clear_recent(self) -> None:
        app_settings().setValue(RECENT_KEY, [])

    def fill_recent_menu(self, menu) -> None:
        menu.clear()
        files = self.recent_files()
        for k, path in enumerate(files, 1):
            action = menu.addAction(f"&{k} {os.path.basename(path)}", lambda p=path: self.open(p))
            action.setObjectName(f"recent_{k}")
            action.setStatusTip(path)
            action.setToolTip(path)
        if files:
            menu.addSeparator()
            menu.addAction("Clear list", self.clear_recent).setObjectName("recent_clear")
        else:
            empty = menu.addAction("(no recent files)")
            empty.setObjectName("recent_none")
            empty.setEnabled(False)

    def fill_examples_menu(self, menu) -> None:
        menu.clear()
        menu.setToolTipsVisible(True)
        examples = list_examples()
        for example in examples:
            action = menu.addAction(example.title, lambda p=example.path: self.open_example(p))
            action.setObjectName(f"example_{example.name}")
            action.setToolTip(example.description or example.title)
            action.setStatusTip(example.description.splitlines()[0] if example.description else example.title)
        if not examples:
            empty = menu.addAction("(no lessons found)")
            empty.setObjectName("examples_none")
            empty.setEnabled(False)
