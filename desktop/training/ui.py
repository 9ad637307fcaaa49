"""Wiring of live training into the main window: ``install_training_ui(window, panels, live, docks)``.

Creates the controller (``window.training``), the toolbars, the Training menu and the
status-bar field; feeds the panels the window built and docked (``desktop.docks``) their
snapshots, and connects the view state (the selection, the canvas colouring by weight or
gradient). Training builds no panel and imports none. Everything here runs in the GUI thread.
The status bar's words are ``status_text``; following the view state (the selection, the step-through's
phase, the canvas's colouring) is ``TrainingUI``'s base class, ``ui_canvas.ViewStateFollowing``.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QDockWidget, QLabel, QWidget

from core.task import is_classifier
from desktop.eliding_label import ElidingLabel
from desktop.naming import name
from desktop.on_screen import on_screen
from desktop.view_numbers import NO_DATA

from .controller import TrainingController
from .step_toolbar import StepToolbar
from .status_width import StatusWidth
from .status_text import status_text
from .stepper import Stepper
from .toolbar import TrainingToolbar
from .ui_canvas import ViewStateFollowing

#: seconds between canvas recolourings while training
CANVAS_INTERVAL = 0.1
#: milliseconds between the parts of one running frame: each panel, then the status bar and the
#: canvas, gets a turn of the event loop of its own (its data and its painting), so no turn is long
PART_INTERVAL_MS = 1


#: how a message on the bar's left that refused something begins (``_refusal_outdated``)
REFUSALS = ("Cannot ", "Not done", "Not renamed", "Not trained")


def readiness(network) -> str:
    """The bar's right part before any step: "Ready to train.", "Cannot train: " and what prevents it (a network
    that cannot compute, or whose dataset does not fit it), or ``NO_DATA`` for a network that computes but has no data."""
    problems = [] if network is None else network.problems() or (
        network.dataset_problems() if network.dataset is not None else [])
    if problems:
        return "Cannot train: " + "; ".join(problems)
    return NO_DATA if network is not None and network.dataset is None else "Ready to train."


class TrainingUI(ViewStateFollowing):
    """Connects the controller's snapshots to the panels, the status bar and the canvas.

    ``panels``: the panels made with the window by their name (``loss``, ``trajectories``,
    ``heatmaps``, ``output_map``; each also an attribute of this object); ``live``: those that draw
    snapshots (``clear(network)``, ``show_snapshot(snap)``), in order; ``docks``: every panel's dock
    by object name. The dataset panel is made when its dock first shows (``desktop.docks.LazyDock``);
    ``self.dataset`` makes it at once.
    """

    def __init__(self, window, controller: TrainingController, panels: dict[str, QWidget], live: list,
                 docks: dict[str, QDockWidget]):
        super().__init__(window)
        self.window, self.controller, self.document = window, controller, controller.document
        for attribute, widget in panels.items():
            setattr(self, attribute, widget)
        self.panels = list(live)
        self.docks = dict(docks)
        self.status_label = ElidingLabel("Ready to train.")
        self.status_label.setObjectName("status_training")
        self.status_label.setAccessibleName("Training status")
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # "Loss is rising — learning rate too high?": shown beside the status while the session
        # says so (snapshot.loss_warning); the run goes on
        self.loss_warning = name(QLabel(""), "status_loss_warning", "Loss warning")
        self.loss_warning.setStyleSheet("QLabel { color: #b00020; font-weight: bold; }")
        self.loss_warning.setVisible(False)
        # a fixed size between two resizes (its width fitted to the bar and the warning beside it)
        self.status_width = StatusWidth(window.statusBar(), self.status_label, self.loss_warning)
        window.statusBar().messageChanged.connect(self.status_label.said_beside)  # a refusal said once, at the left
        self.colour_by_gradient = False
        self._canvas_time = 0.0
        self._coloured = None  # the finished snapshot coloured with its step's commit (``_colour_finished``)
        self._stale: set = set()  # hidden panels that missed snapshots
        self._dataset_drawn = None  # (dataset, validation fraction, seed) the dataset panel shows
        self._cleared = None  # (network, document version) the panels were cleared for, until drawn on
        self._status_snap = None  # the snapshot whose figures the status bar shows
        self._phase_pending = False  # the step-through moved; followed at the end of the announcement
        # a running frame is drawn in parts, one per turn of the event loop (see show_snapshot)
        self._frame = None
        self._parts: list = []
        self._part_timer = QTimer(self)
        self._part_timer.setSingleShot(True)
        self._part_timer.setInterval(PART_INTERVAL_MS)
        self._part_timer.timeout.connect(self._draw_next_part)
        # while a run goes on, the heatmaps follow the canvas's traced gradient in a turn of their own
        self._traced_timer = QTimer(self)
        self._traced_timer.setSingleShot(True)
        self._traced_timer.setInterval(0)
        self._traced_timer.timeout.connect(self._show_traced_gradient)
        controller.views.append(self)
        controller.views_cleared.connect(self.clear_views)
        controller.status.connect(self.show_status)
        controller.running_changed.connect(self._running_changed)
        controller.evaluated.connect(self._show_evaluation)
        controller.finishing.connect(self._colour_finished)
        doc = self.document
        doc.structure_changed.connect(self.clear_views)
        doc.network_replaced.connect(self.clear_views)
        doc.settings_changed.connect(self._settings_changed)
        doc.version_changed.connect(self._refusal_outdated)
        doc.file_state_changed.connect(self._write_figures)
        self.heatmaps.canvas_colouring_changed.connect(self.set_colour_by_gradient)
        self.trajectories.weight_clicked.connect(self._weight_clicked)
        self.output_map.sample_clicked.connect(self._sample_clicked)
        self._dataset_dock = self.docks["dataset_panel"]
        self._dataset_dock.panel_made.connect(self._dataset_made)
        self.clear_views()

    @property
    def dataset(self) -> QWidget:
        """The dataset panel (made now if its dock has not shown yet)."""
        return self._dataset_dock.panel()

    def _dataset_made(self, panel) -> None:
        net = self.document.network
        self._dataset_drawn = (net.dataset, net.training.validation_fraction, net.training.seed)
        panel.set_network(net)

    def watch_docks(self) -> None:
        """A panel that shows again (its dock opened, its tab raised) draws what it missed."""
        for dock in self.docks.values():
            dock.visibilityChanged.connect(self._dock_visibility)

    # ----------------------------------------------------------------- views
    @Slot()
    def clear_views(self) -> None:
        """Every panel back to the document's network with nothing trained. Skipped when the panels
        show exactly that already (the same network at the same version, nothing drawn since):
        a new session's clear right after the network's own would redo the same work."""
        net = self.document.network
        cleared = (id(net), getattr(self.document, "version", None))
        if cleared == self._cleared:
            return
        self._cleared = cleared
        self._part_timer.stop()
        self._frame, self._parts = None, []
        usable = not net.problems()
        self._stale.clear()
        # the old session's figures go; the status says ready, or what prevents training
        self.clear(net)
        for panel in self.panels:
            panel.clear(net if usable else None)
        if not usable:  # the output map's clear(None) leaves it empty: show the data all the same
            self.output_map.set_dataset(net)
        # (a new output activation or loss may make the same data a classification or a regression)
        drawn = (net.dataset, net.training.validation_fraction, net.training.seed, is_classifier(net),
                 self.document.dataset_note)  # (a file opened without its missing CSV says which one)
        old = self._dataset_drawn
        made = self._dataset_dock.made()  # (not made yet: it shows the network's data when it is)
        if made is not None and (old is None or drawn[0] is not old[0] or drawn[1:] != old[1:]):
            self._dataset_drawn = drawn  # a new session of the same data (an edit) does not redraw it
            made.set_network(net)
        self._show_traced_gradient()

    def show_snapshot(self, snap) -> None:
        """Draw ``snap`` in every visible panel, the status bar and the canvas (the canvas at most ~10 Hz).

        A finished snapshot (the end of a run, a Step, a new session's step 0) is drawn at once,
        whole, the status bar and the canvas first: the canvas is painted before the panels take
        their data, so a Step shows on the network without waiting for the plots.
        A running one is drawn in parts: the first panel now, each further panel and then the
        status bar and the canvas in a later turn of the event loop (``PART_INTERVAL_MS`` apart),
        so that the window answers the mouse between them; a newer snapshot takes over the parts
        not drawn yet. A hidden panel (closed dock, a tab behind another) is drawn when it shows again.
        """
        self._cleared = None
        if snap.finished:
            self._part_timer.stop()
            self._frame, self._parts = None, []
            self._draw_part("status", snap)
            self.window.canvas.paint_now()
            for panel in self.panels:
                self._draw_part(panel, snap)
            return
        if not self._parts:
            self._parts = self._all_parts()
        self._frame = snap
        self._draw_next_part()

    @Slot(object)
    def _show_evaluation(self, snap) -> None:
        """A big network's finished snapshot is complete (``TrainingController.evaluated``): the status bar
        writes its figures on all the data, the output map draws its output view. The canvas, already
        painted with the step, is left alone."""
        if snap is self._status_snap:
            self.status_label.setText(status_text(snap, self.window.view_state))
            self.loss.write_summary()  # its note after early stopping gives the same figures
        if self.output_map in self.panels:
            self._draw_part(self.output_map, snap)

    def _all_parts(self) -> list:
        return [*self.panels, "status"]

    @Slot()
    def _draw_next_part(self) -> None:
        if not self._parts or self._frame is None:
            return
        self._draw_part(self._parts.pop(0), self._frame)
        if self._parts:
            self._part_timer.start()

    def _draw_part(self, part, snap) -> None:
        if part == "status":
            self._status_snap = snap
            self.status_label.setText(status_text(snap, self.window.view_state))
            # (a warning for a run that goes on: none once the run stopped for divergence)
            self.show_loss_warning("" if snap.state == "diverged" else snap.loss_warning)
            now = time.perf_counter()
            if snap is not self._coloured and (snap.finished or now - self._canvas_time >= CANVAS_INTERVAL):
                self._canvas_time = now
                self._colour_canvas(snap)
        elif on_screen(part):
            part.show_snapshot(snap)
            self._stale.discard(part)
        else:
            self._stale.add(part)
            if part is self.loss:  # the loss panel keeps runs to compare, even hidden
                part.keep_snapshot(snap)

    def clear(self, network=None) -> None:
        # a network that cannot compute, or whose dataset does not fit, says so at once, not only when Play is
        # pressed (a layer left unconnected said "Ready to train." beside the refusal of F8: review 20 #3; cut at
        # the end when too long for the bar: the tooltip holds all of it)
        text = readiness(network)
        self._status_snap = None
        self.status_label.setText(text)  # (cut with "…" as wide as the label is, when it is drawn)
        self.status_label.setToolTip(text if text.startswith(("Cannot", NO_DATA)) else "")
        self.show_loss_warning("")

    def show_loss_warning(self, text: str) -> None:
        """Show the session's "loss is rising" warning (hide it for ""): the headline in the status
        bar, the numbers (the last epoch's loss and the best so far) in its tooltip."""
        if text == self.loss_warning.toolTip():
            return
        self.loss_warning.setText(text.split(" (")[0])
        self.loss_warning.setToolTip(text)
        if text:
            self.status_width.fit(warning_shown=True)  # room first: the window must not widen
        self.loss_warning.setVisible(bool(text))

    @Slot(bool)
    def _dock_visibility(self, visible: bool) -> None:
        snap = self.controller.latest
        if not visible:
            return
        self._show_traced_gradient()
        if snap is None:
            return
        for panel in list(self._stale):
            if on_screen(panel):
                panel.show_snapshot(snap)
                self._stale.discard(panel)

    @Slot(str)
    def show_status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 15000)

    @Slot(str)
    def show_step_status(self, text: str) -> None:
        """The step-through's messages are the step toolbar's, whole on its lines (a phase's sentence,
        and after the walk: cancelled, applied, no answer); the status bar, where they were cut at
        1024 px ("Step-through cancelled: nothing cha…"), leaves them out."""
        if self.window.stepper.active:
            self.window.statusBar().clearMessage()  # not an earlier message beside this walk

    @Slot(bool)
    def _running_changed(self, running: bool) -> None:
        # a run that ends with its finished snapshot is coloured with it (``_colour_finished``), once
        if not running and not self.controller.drawing_finished:
            self._colour_canvas(None)

    @Slot()
    def _refusal_outdated(self) -> None:
        """The document changed (an edit, a dataset, a Step's weights, an Undo): a refusal on the bar's left ("Cannot
        train: the network has no dataset", "Not done: …") was about the network before it, and goes."""
        bar = self.window.statusBar()
        built = bar.currentMessage().startswith("New network:") and self.document.network.connections
        if bar.currentMessage().startswith(REFUSALS) or built:  # (File → New's hint, once layers are connected)
            bar.clearMessage()

    @Slot()
    def _settings_changed(self) -> None:
        net = self.document.network
        # another dataset may not fit the network (or fit it again): the right part says so, as a units change does
        unready = ("Cannot", NO_DATA)  # (data chosen for a network that had none: ready now)
        if not self.controller.running and (readiness(net).startswith(unready)
                                            or self.status_label.text().startswith(unready)):
            self.clear(net)
        self.loss.follow_settings(self.document.network)  # (Compare runs: this run's settings)
        if not self.controller.running:
            self.output_map.set_dataset(self.document.network)
        made = self._dataset_dock.made()
        if made is not None:
            made.set_network(self.document.network)


def install_training_ui(window, panels: dict[str, QWidget], live: list,
                        docks: dict[str, QDockWidget]) -> TrainingController:
    """Give ``window`` live training: ``window.training`` (the controller), its toolbars, menu entries
    and status field, the step-through (``window.stepper``), and snapshots for the panels the window
    made (see ``TrainingUI``)."""
    controller = TrainingController(window.document, parent=window)
    controller.batch_views = window.view_state.batch
    window.training = controller
    ui = TrainingUI(window, controller, panels, live, docks)
    controller.ui = ui
    toolbar = TrainingToolbar(controller, window)
    controller.toolbar = toolbar
    window.stepper = Stepper(controller, window.view_state, window)
    window.stepper.status.connect(ui.show_step_status)
    step_toolbar = StepToolbar(window.stepper, window.view_state, window)
    controller.step_toolbar = step_toolbar
    window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)  # a row of its own: it is wide
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, step_toolbar)
    menu = window.menus["Training"]
    for action in toolbar.actions_for_menu:
        menu.addAction(action)
    menu.addSeparator()
    for action in step_toolbar.actions_for_menu:
        menu.addAction(action)
    ui.watch_docks()
    window.statusBar().addPermanentWidget(ui.loss_warning)
    window.statusBar().addPermanentWidget(ui.status_label)
    ui.connect_selection()
    return controller
