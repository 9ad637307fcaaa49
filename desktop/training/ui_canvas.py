"""The part of ``ui.TrainingUI`` that follows the view state (``ViewStateFollowing``, its base class):
the selection (the trajectories highlight the selected weight, a weight clicked in them is selected), the
step-through's phase (what training's snapshots feed shows only what the phase has computed), the
heatmaps' traced gradient, a sample clicked in the output map, and the canvas's colouring by the
session's numbers (live weights, weight paths, the next batch's rows).

``TrainingUI`` provides ``window``, ``controller``, ``document``, the panels (``heatmaps``, ``loss``,
``trajectories``, ``output_map``), ``status_label``, ``colour_by_gradient``, ``_canvas_time``,
``_coloured``, ``_status_snap``, ``_phase_pending``, ``_traced_timer`` and ``show_status``.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Slot

from desktop.on_screen import on_screen
from desktop.view_numbers import nothing_traced_reason
from desktop.view_state import Selection

from .status_text import status_text


class ViewStateFollowing(QObject):
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
        self.heatmaps.mode_box.currentIndexChanged.connect(self._gradients_when_drawn)
        self._gradients_when_drawn()
        view_state.digits_changed.connect(self.heatmaps.set_digits)  # one dL/dw written alike on both
        self.heatmaps.set_digits(view_state.digits)
        self._show_traced_gradient()
        self.loss.follow(view_state)  # its figures as the view state allows; training's wait in a lesson
        self.trajectories.pending = lambda target: None if view_state.revealed("weight", target) else \
            view_state.pending("weight", target)
        self.controller.snapshot_shown.connect(self._follow_phase)
        self.controller.snapshot_shown.connect(self._run_ended)
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
        self._write_figures()

    def _write_figures(self, *_args) -> None:
        """The status bar and the Loss panel write their figures anew: at a step-through's phase, and at a Save
        (their step 0's "weights as saved" is said at once, not at the next change: code review 20 #8)."""
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
    def _gradients_when_drawn(self) -> None:
        """Running snapshots carry the last step's dL/dθ and its running mean only while the heatmaps draw them
        (their "Last step's dL/dw" and "Running mean |dL/dw|"): the default, the traced input's dL/dw, is the
        window's own computation (``messages.SetGradients``)."""
        self.controller.link.set_gradients(self.heatmaps.mode != "traced")

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
        weights, brief = view_state.weights_words()
        gradient = view_state.traced_gradient()
        words = (f"for {view_state.traced_description(with_rows=False)}, at {weights}" if gradient is not None
                 else nothing_traced_reason(view_state.network()))
        self.heatmaps.show_traced(gradient, words, brief)

    @Slot(object)
    def _run_ended(self, snap) -> None:
        """A finished run's snapshot: the heatmaps' caption names the step its weights are after (they went
        into the document, and the heatmaps were drawn, just before this snapshot was shown)."""
        if snap.finished:
            self._traced_gradient_changed()

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
            if snap.finished:
                view_state.set_run_end(snap)
            view_state.set_weight_history(snap.trajectory_steps, snap.trajectories, snap.watched)
            if snap.output is not None or live is None:  # a run's snapshot without maps keeps the last ones
                view_state.set_neuron_maps(None if snap.output is None else snap.output.neurons, snap.parameters)
            view_state.set_batch_rows(snap.next_rows)
            view_state.set_live_parameters(live)
