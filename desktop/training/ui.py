"""Wiring of live training into the main window: ``install_training_ui(window, panels, live, docks)``.

Creates the controller (``window.training``), the toolbars, the Training menu and the
status-bar field; feeds the panels the window built and docked (``desktop.docks``) their
snapshots, and connects the view state (the selection, the canvas colouring by weight or
gradient). Training builds no panel and imports none. Everything here runs in the GUI thread.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QDockWidget, QLabel, QWidget

from core.notation import format_loss_parts
from core.task import is_classifier
from desktop.eliding_label import ElidingLabel
from desktop.naming import name
from desktop.on_screen import on_screen
from desktop.view_state import Selection

from .controller import TrainingController
from .step_toolbar import StepToolbar
from .stepper import Stepper
from .toolbar import TrainingToolbar

#: seconds between canvas recolourings while training
CANVAS_INTERVAL = 0.1
#: milliseconds between the parts of one running frame: each panel, then the status bar and the
#: canvas, gets a turn of the event loop of its own (its data and its painting), so no turn is long
PART_INTERVAL_MS = 1


def status_text(snap, view_state=None) -> str:
    """The run's figures, each saying what it is.

    At the end of a run (``snap.evaluation``: measured on all the data at the weights now):
    'Epoch 3 · Step 120 · now, all training data: loss 0.0123, accuracy 97.5 % · validation:
    loss 0.2, accuracy 95 %'; after early stopping restored epoch 33's weights (``snap.restored_epoch``):
    'Epoch 53 · weights of epoch 33, all training data: loss 0.3201, …'. While running (the last finished epoch, measured on its batches
    as they were trained): 'Epoch 3 · Step 120 · epoch 3 mean loss 0.0150, accuracy 96.9 % ·
    5,400 steps/s'. During a step-through (``view_state``), the loss and the accuracy (the output
    against the target) before the Loss phase are written as ``ViewState.pending_figure`` says:
    'loss ? (appears in the Loss phase)'. With a regularization penalty on, the training loss is L with its
    parts, 'loss 0.54 (data loss 0.49 + penalty 0.05)', and the validation loss (no penalty) reads
    'validation: data loss 0.2'.
    """
    hidden_loss, hidden_accuracy = (None, None) if view_state is None else \
        (view_state.pending_figure("loss"), view_state.pending_figure("accuracy"))

    def figures(loss, accuracy, penalty=None, data_only=False) -> str:
        text = f"{'data loss' if data_only else 'loss'} {hidden_loss or format_loss_parts(loss, penalty)}"
        if accuracy is not None:
            text += f", accuracy {hidden_accuracy or f'{100 * accuracy:.1f} %'}"
        return text

    restored = snap.restored_epoch
    e = snap.evaluation
    # after early stopping restored an epoch's weights: the figures are theirs, and say so (the
    # step count gives way: the Loss panel's note tells the rest)
    parts = [f"Epoch {snap.epoch}"] + ([f"Step {snap.step}"] if restored is None or not e else [])
    if restored is not None and not e:  # not measured (yet) at those weights: no other epoch's figures beside them
        return " · ".join(parts + [f"weights of epoch {restored} (restored)"])
    if e:
        what = "now, all training data" if restored is None else f"weights of epoch {restored}, all training data"
    else:
        e = snap.last_epoch or {}
        what = f"epoch {e.get('epoch', snap.epoch)} mean" if e else ""
    loss = e.get("train_loss") if e else None
    penalty = e.get("penalty") if e else None
    if loss is None and snap.last_loss is not None:
        loss, what, penalty = snap.last_loss, "last batch", None
    if loss is not None and np.isfinite(loss):
        parts.append(f"{what}: {figures(loss, e.get('train_accuracy'), penalty)}")
    if e.get("validation_loss") is not None:  # the data loss: with a penalty on, it says so
        data_only = e.get("penalty") is not None
        parts.append(f"validation: {figures(e['validation_loss'], e.get('validation_accuracy'), None, data_only)}")
    if snap.steps_per_second > 0 and snap.state == "running":
        parts.append(f"{snap.steps_per_second:,.0f} steps/s")
    return " · ".join(parts)


class TrainingUI(QObject):
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
        # a fixed size: a label whose size may change (with its digits, or only its height) makes Qt lay
        # out the whole window again with every new text, ~1 ms every frame
        self.status_label.setFixedSize(self.status_label.fontMetrics().horizontalAdvance("0") * 95,
                                       self.status_label.sizeHint().height())
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # "Loss is rising — learning rate too high?": shown beside the status while the session
        # says so (snapshot.loss_warning); the run goes on
        self.loss_warning = name(QLabel(""), "status_loss_warning", "Loss warning")
        self.loss_warning.setStyleSheet("QLabel { color: #b00020; font-weight: bold; }")
        self.loss_warning.setVisible(False)
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
        self.clear(net if usable else None)
        for panel in self.panels:
            panel.clear(net if usable else None)
        if not usable:  # the output map's clear(None) leaves it empty: show the data all the same
            self.output_map.set_dataset(net)
        # (a new output activation or loss may make the same data a classification or a regression)
        drawn = (net.dataset, net.training.validation_fraction, net.training.seed, is_classifier(net))
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
            self.show_loss_warning(snap.loss_warning)
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
        # a network whose dataset does not fit says so at once, not only when Play is pressed
        # (cut at the end when too long for the bar: the tooltip holds all of it)
        problems = network.dataset_problems() if network is not None and network.dataset is not None else []
        text = "Cannot train: " + "; ".join(problems) if problems else "Ready to train."
        self._status_snap = None
        label = self.status_label
        label.setText(label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, label.width()))
        label.setToolTip(text if problems else "")
        self.show_loss_warning("")

    def show_loss_warning(self, text: str) -> None:
        """Show the session's "loss is rising" warning (hide it for ""): the headline in the status
        bar, the numbers (the last epoch's loss and the best so far) in its tooltip."""
        if text == self.loss_warning.toolTip():
            return
        self.loss_warning.setText(text.split(" (")[0])
        self.loss_warning.setToolTip(text)
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
    def _settings_changed(self) -> None:
        if not self.controller.running:
            self.output_map.set_dataset(self.document.network)
        made = self._dataset_dock.made()
        if made is not None:
            made.set_network(self.document.network)

    # ---------------------------------------------------------------- canvas
    def connect_selection(self) -> None:
        """The trajectories follow the selection and select the weight clicked in them; the
        heatmaps show the traced input's gradient (as the canvas and the chain rule)."""
        view_state = self.window.view_state
        view_state.selection_changed.connect(self._selection_changed)
        # a phase of the step-through (or a quantity hidden or shown) is noted when announced and
        # followed once the view state has told everything, the canvas its numbers first (the scene
        # took them already: it subscribed before these): see _follow_moved_phase
        view_state.stepping_changed.connect(self._phase_moved)
        view_state.hidden_changed.connect(self._phase_moved)
        view_state.changed.connect(self._follow_moved_phase)
        view_state.changed.connect(self._traced_gradient_changed)
        view_state.changed.connect(self._step_through_changed)
        self.heatmaps.mode_box.currentIndexChanged.connect(self._show_traced_gradient)
        view_state.digits_changed.connect(self.heatmaps.set_digits)  # one dL/dw written alike on both
        self.heatmaps.set_digits(view_state.digits)
        self._show_traced_gradient()
        self.loss.follow(view_state)  # its figures as the view state allows; training's wait in a lesson
        self.trajectories.pending = lambda target: None if view_state.revealed("weight", target) else \
            view_state.pending("weight", target)
        self.controller.snapshot_shown.connect(self._follow_phase)
        self._follow_phase()

    def _phase_moved(self, *_args) -> None:
        self._phase_pending = True

    @Slot()
    def _follow_moved_phase(self) -> None:
        """The step-through moved: the canvas, which shows the phase's numbers, is painted now, then
        the panels follow (hiding the loss curve's newest point redraws the loss plot, ~3 ms), so the
        press reaches the canvas without waiting for them (they paint in the window's next turn)."""
        if not self._phase_pending:
            return
        self._phase_pending = False
        if not self.controller.running:  # (the walk's applied Step is on its way: its answer paints it)
            self.window.canvas.paint_now()
        self._phase_changed()

    def _phase_changed(self, *_args) -> None:
        """The step-through moved (or a quantity was hidden or shown): the panels follow, and the status
        bar and the loss panel write their figures anew (each asks the view state where it writes them)."""
        self._follow_phase()
        self.loss.write_summary()
        if self._status_snap is not None:
            self.status_label.setText(status_text(self._status_snap, self.window.view_state))

    def _follow_phase(self, *_args) -> None:
        """What training's snapshots feed follows the step-through (``ViewState.revealed``): the heatmaps
        show this step's dL/dw (another mode would show the upcoming step's gradient, computed ahead), so
        a connection's cells read "?" until Backward reaches it; the output map hides the output until
        Forward reaches the output layer; the loss curve leaves out the losses from the weights the step
        starts at until the Loss phase. Cancel ends the step-through: everything shows again, and the
        heatmaps the mode the student had chosen."""
        view_state = self.window.view_state
        self.heatmaps.follow_step_through(view_state.stepping is not None)  # the student's mode back after it
        self.output_map.hide_output(view_state.pending_figure("output"))
        self.trajectories.follow_hidden()
        latest = self.controller.latest
        self.loss.hide_from(None if view_state.pending_figure("loss") is None
                            else latest.step if latest is not None else 0)

    @Slot()
    def _step_through_changed(self) -> None:
        """During a step-through the phase decides what the edges show: the toggle steps aside."""
        stepping = self.window.view_state.stepping is not None
        toggle = self.heatmaps.canvas_toggle
        toggle.setEnabled(not stepping)
        toggle.setToolTip("During the step-through the phase decides what the edges show (dL/dw while Backward)"
                          if stepping else "Colour and label the canvas's edges by dL/dw for the traced input "
                          "instead of by their weights")

    @Slot()
    def _traced_gradient_changed(self) -> None:
        """The view state changed: the heatmaps draw the traced gradient at once, but while a run goes
        on, or a finished Step is being drawn, in a later turn of the event loop, so that the canvas's
        recolouring and its painting are not one long turn with the heatmaps' (each frame draws the
        newest numbers all the same; a Step reaches the canvas first)."""
        if self.controller.running or self.controller.drawing_finished:
            self._traced_timer.start()
        else:
            self._traced_timer.stop()
            self._show_traced_gradient()

    @Slot()
    def _show_traced_gradient(self) -> None:
        if self.heatmaps.mode != "traced" or not on_screen(self.heatmaps):
            return  # drawn when it shows again (see _dock_visibility)
        view_state = self.window.view_state
        words = f"for {view_state.traced_description(with_rows=False)}, at {view_state.weights_description()}"
        self.heatmaps.show_traced(view_state.traced_gradient(), words)

    @Slot(object)
    def _selection_changed(self, _selection) -> None:
        selection = self.window.view_state.selection  # the newest (see ViewState.select)
        if selection is not None and selection.kind == "edge":
            self.trajectories.highlight(selection.source, selection.target, selection.j, selection.i)
        else:
            self.trajectories.clear_highlight()

    @Slot(int)
    def _sample_clicked(self, row: int) -> None:
        """A data point clicked in the output map becomes the traced sample (as the Trace box would)."""
        if not 0 <= row < self.window.view_state.dataset_size():
            return  # a point of a dataset the map still shows but the network no longer has
        self.window.stepper.cancel()
        self.window.view_state.set_sample(row)
        self.show_status(f"Tracing sample {row}: the canvas, the chain rule and the step-through use it "
                         "(Trace box: 'next mini-batch' to go back)")

    @Slot(str, str, int, int)
    def _weight_clicked(self, source: str, target: str, j: int, i: int) -> None:
        self.window.view_state.select(Selection.edge(source, target, j, i))

    @Slot(bool)
    def set_colour_by_gradient(self, on: bool) -> None:
        self.colour_by_gradient = bool(on)
        self._colour_canvas(self.controller.latest)

    @Slot(object)
    def _colour_finished(self, snap) -> None:
        """A finished snapshot's numbers go to the view state inside the controller's batch, with its step's
        commit (``TrainingController.finishing``); drawing it then does not tell them again."""
        self._canvas_time = time.perf_counter()
        self._colour_canvas(snap)
        self._coloured = snap

    def _colour_canvas(self, snap) -> None:
        """Tell the view state the session's numbers: live weights while a run goes on (the
        document keeps its own until the run ends), the recorded weight paths, the next batch's rows:
        one announcement (the canvas repaints once)."""
        view_state = self.window.view_state
        with view_state.batch():
            view_state.set_edge_mode("gradient" if self.colour_by_gradient else "weight")
            snap = snap if snap is not None else self.controller.latest
            if snap is None or not self.controller.snapshot_fits(snap):
                view_state.set_neuron_maps(None, None)
                view_state.set_weight_history(None, None, None)
                view_state.set_live_parameters(None)
                return
            live = snap.parameters if (self.controller.running and not snap.finished) else None
            view_state.set_weight_history(snap.trajectory_steps, snap.trajectories, snap.watched)
            if snap.output is not None or live is None:  # a run's snapshot without maps keeps the last ones
                view_state.set_neuron_maps(None if snap.output is None else snap.output.neurons, snap.parameters)
            view_state.set_batch_rows(snap.next_rows)
            view_state.set_live_parameters(live)


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
