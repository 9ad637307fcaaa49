"""Wiring of live training into the main window: ``install_training_ui(window)``.

Creates the controller (``window.training``), the toolbar, the Training menu, the
five panels as docks (``window.add_panel``), the status-bar fields, and connects
the canvas (edge selection, colouring by weight or gradient) and the inspector's
gradient provider. Everything here runs in the GUI thread.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QDockWidget, QLabel

from desktop.panels.dataset_panel import DatasetPanel
from desktop.panels.heatmaps import HeatmapPanel
from desktop.panels.loss import LossPanel
from desktop.panels.output_map import OutputMapPanel
from desktop.panels.trajectories import TrajectoryPanel

from .controller import TrainingController
from .step_toolbar import StepToolbar
from .stepper import Stepper
from .toolbar import TrainingToolbar

#: seconds between canvas recolourings while training
CANVAS_INTERVAL = 0.1


def status_text(snap) -> str:
    """The run's figures, each saying what it is.

    At the end of a run (``snap.evaluation``: measured on all the data at the weights now):
    'Epoch 3 · Step 120 · now, all training data: loss 0.0123, accuracy 97.5 % · validation:
    loss 0.2, accuracy 95 %'. While running (the last finished epoch, measured on its batches
    as they were trained): 'Epoch 3 · Step 120 · epoch 3 mean loss 0.0150, accuracy 96.9 % ·
    5,400 steps/s'.
    """
    parts = [f"Epoch {snap.epoch}", f"Step {snap.step}"]
    e = snap.evaluation
    if e:
        what = "now, all training data"
    else:
        e = snap.last_epoch or {}
        what = f"epoch {e.get('epoch', snap.epoch)} mean" if e else ""
    loss = e.get("train_loss") if e else None
    if loss is None and snap.last_loss is not None:
        loss, what = snap.last_loss, "last batch"
    if loss is not None and np.isfinite(loss):
        text = f"{what}: loss {loss:.4g}"
        if e.get("train_accuracy") is not None:
            text += f", accuracy {100 * e['train_accuracy']:.1f} %"
        parts.append(text)
    if e.get("validation_loss") is not None:
        text = f"validation: loss {e['validation_loss']:.4g}"
        if e.get("validation_accuracy") is not None:
            text += f", accuracy {100 * e['validation_accuracy']:.1f} %"
        parts.append(text)
    if snap.steps_per_second > 0 and snap.state == "running":
        parts.append(f"{snap.steps_per_second:,.0f} steps/s")
    return " · ".join(parts)


class TrainingUI(QObject):
    """Connects the controller's snapshots to the panels, the status bar and the canvas."""

    def __init__(self, window, controller: TrainingController):
        super().__init__(window)
        self.window, self.controller, self.document = window, controller, controller.document
        self.loss = LossPanel()
        self.trajectories = TrajectoryPanel()
        self.heatmaps = HeatmapPanel()
        self.output_map = OutputMapPanel()
        self.dataset = DatasetPanel(self.document)
        self.panels = [self.loss, self.trajectories, self.heatmaps, self.output_map]
        self.docks: dict[str, QDockWidget] = {}
        self.status_label = QLabel("Ready to train.")
        self.status_label.setObjectName("status_training")
        self.status_label.setAccessibleName("Training status")
        # a fixed width: a label that grows and shrinks with its digits re-lays out the window every frame
        self.status_label.setFixedWidth(self.status_label.fontMetrics().horizontalAdvance("0") * 95)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.colour_by_gradient = False
        self._canvas_time = 0.0
        self._stale: set = set()  # hidden panels that missed snapshots
        controller.views.append(self)
        controller.views_cleared.connect(self.clear_views)
        controller.status.connect(self.show_status)
        controller.running_changed.connect(self._running_changed)
        doc = self.document
        doc.structure_changed.connect(self.clear_views)
        doc.network_replaced.connect(self.clear_views)
        doc.settings_changed.connect(self._settings_changed)
        self.heatmaps.canvas_colouring_changed.connect(self.set_colour_by_gradient)
        self.trajectories.weight_clicked.connect(self._weight_clicked)
        self.clear_views()

    # ----------------------------------------------------------------- docks
    def add_docks(self) -> None:
        w = self.window
        specs = [
            ("loss_panel", "Loss", self.loss, Qt.DockWidgetArea.RightDockWidgetArea),
            ("trajectories_panel", "Weight trajectories", self.trajectories, Qt.DockWidgetArea.RightDockWidgetArea),
            ("heatmaps_panel", "Gradient heatmaps", self.heatmaps, Qt.DockWidgetArea.BottomDockWidgetArea),
            ("output_map_panel", "Output map", self.output_map, Qt.DockWidgetArea.BottomDockWidgetArea),
            ("dataset_panel", "Dataset", self.dataset, Qt.DockWidgetArea.BottomDockWidgetArea),
        ]
        for name, title, widget, area in specs:
            dock = QDockWidget(title, w)
            dock.setObjectName(name)
            dock.setWidget(widget)
            if hasattr(w, "add_panel"):
                w.add_panel(dock, area)
            else:
                w.addDockWidget(area, dock)
            self.docks[name] = dock
            dock.visibilityChanged.connect(self._dock_visibility)
        if hasattr(w, "tabifyDockWidget"):  # the dataset waits behind the output map
            w.tabifyDockWidget(self.docks["output_map_panel"], self.docks["dataset_panel"])
            self.docks["output_map_panel"].raise_()

    # ----------------------------------------------------------------- views
    @Slot()
    def clear_views(self) -> None:
        net = self.document.network
        usable = not net.problems()
        self._stale.clear()
        for panel in self.panels:
            panel.clear(net if usable else None)
        self.output_map.set_dataset(net)
        self.dataset.set_network(net)

    def show_snapshot(self, snap) -> None:
        """Draw ``snap`` in every visible panel, the status bar and the canvas (the canvas at most ~10 Hz).

        A hidden panel (closed dock, a tab behind another) is drawn when it shows again.
        """
        for panel in self.panels:
            if panel.isVisible():
                panel.show_snapshot(snap)
                self._stale.discard(panel)
            else:
                self._stale.add(panel)
        self.status_label.setText(status_text(snap))
        now = time.perf_counter()
        if snap.finished or now - self._canvas_time >= CANVAS_INTERVAL:
            self._canvas_time = now
            self._colour_canvas(snap)

    def clear(self, network=None) -> None:
        self.status_label.setText("Ready to train.")

    @Slot(bool)
    def _dock_visibility(self, visible: bool) -> None:
        snap = self.controller.latest
        if not visible or snap is None:
            return
        for panel in list(self._stale):
            if panel.isVisible():
                panel.show_snapshot(snap)
                self._stale.discard(panel)

    @Slot(str)
    def show_status(self, text: str) -> None:
        bar = self.window.statusBar() if hasattr(self.window, "statusBar") else None
        if bar is not None:
            bar.showMessage(text, 15000)

    @Slot(bool)
    def _running_changed(self, running: bool) -> None:
        if not running:
            self._colour_canvas(None)

    @Slot()
    def _settings_changed(self) -> None:
        if not self.controller.running:
            self.output_map.set_dataset(self.document.network)
        self.dataset.set_network(self.document.network)

    # ---------------------------------------------------------------- canvas
    def _scene(self):
        canvas = getattr(self.window, "canvas", None)
        return canvas.scene() if canvas is not None else None

    def connect_canvas(self) -> None:
        scene = self._scene()
        if scene is None:
            return
        if hasattr(scene, "edge_selected"):
            scene.edge_selected.connect(self._edge_selected)
        if hasattr(scene, "selection_cleared"):
            scene.selection_cleared.connect(self.trajectories.clear_highlight)
        if hasattr(scene, "layer_selected"):
            scene.layer_selected.connect(self._layer_selected)

    @Slot(str, str, int, int)
    def _edge_selected(self, source: str, target: str, j: int, i: int) -> None:
        self.trajectories.highlight(source, target, j, i)

    @Slot(str)
    def _layer_selected(self, name: str) -> None:
        self.trajectories.clear_highlight()

    @Slot(str, str, int, int)
    def _weight_clicked(self, source: str, target: str, j: int, i: int) -> None:
        scene = self._scene()
        if scene is not None and hasattr(scene, "set_edge_highlight"):
            scene.set_edge_highlight(source, target, j, i)

    @Slot(bool)
    def set_colour_by_gradient(self, on: bool) -> None:
        self.colour_by_gradient = bool(on)
        self._colour_canvas(self.controller.latest)

    def _colour_canvas(self, snap) -> None:
        """Tell the view state the session's numbers: live weights while a run goes on (the
        document keeps its own until the run ends), the newest gradient, the next batch's rows."""
        view_state = self.window.view_state
        view_state.set_edge_mode("gradient" if self.colour_by_gradient else "weight")
        snap = snap if snap is not None else self.controller.latest
        if snap is None or not self.controller.snapshot_fits(snap):
            view_state.set_training_numbers(None, None)
            return
        live = snap.parameters if (self.controller.running and not snap.finished) else None
        view_state.set_batch_rows(snap.next_rows)
        view_state.set_training_numbers(live, snap.gradient)


def install_training_ui(window) -> TrainingController:
    """Give ``window`` live training: ``window.training`` (the controller), its toolbars, menu entries,
    panels and status field, and the step-through (``window.stepper``)."""
    controller = TrainingController(window.document, parent=window)
    window.training = controller
    ui = TrainingUI(window, controller)
    controller.ui = ui
    toolbar = TrainingToolbar(controller, window)
    controller.toolbar = toolbar
    window.stepper = Stepper(controller, window.view_state, window)
    window.stepper.status.connect(ui.show_status)
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
    ui.add_docks()
    window.statusBar().addPermanentWidget(ui.status_label)
    ui.connect_canvas()
    return controller
