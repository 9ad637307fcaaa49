"""``NetworkView``: the canvas widget: zoom (wheel), pan, fit (Ctrl+0), keys, palette drops, the inline editor."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsView, QLabel

from desktop import commands
from desktop.view_state import Selection

from . import fit_room, fit_zoom, legend_room
from .approximate_numbers import approximate_words
from .edge_item import EdgeItem
from .fit_follow import FitFollow
from .inline_editor import InlineEditor, parse_number, unless_unchanged
from .legend import Legend
from .legend_listing import LegendListing
from .palette import LAYER_KINDS, LAYER_MIME
from .scene import NetworkScene

MIN_SCALE, MAX_SCALE, FIT_MAX_SCALE = fit_zoom.MIN_SCALE, 5.0, 1.5
#: a canvas lower than this (pixels) folds its legend to one line (a laptop's window)
FOLD_LEGEND_BELOW = 460
ARROW_STEP, ARROW_BIG_STEP = 10.0, 50.0


def first_sentence(text: str, longest: int = 160) -> str:
    """The first sentence of ``text`` (up to its first ". "), cut at ``longest`` characters with "…"."""
    text = " ".join((text or "").split())
    end = text.find(". ")
    sentence = text if end < 0 else text[: end + 1]
    return sentence if len(sentence) <= longest else sentence[: longest - 1].rstrip() + "…"


class NetworkView(LegendListing, QGraphicsView):
    def __init__(self, scene: NetworkScene, parent=None):
        super().__init__(scene, parent)
        self.setObjectName("canvas")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setAcceptDrops(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.legend = Legend(self)
        self.legend.approximate_source = self._approximate_words
        self._approximate_seen: list[str] = []  # the legend's lines on "≈" when last read
        #: the lesson's first sentence above the network ("The tutorial prints 0.32 …; the true value is 0.61")
        self.note = QLabel(self)
        self.note.setObjectName("canvas_note")
        self.note.setWordWrap(True)
        self.note.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.note.setStyleSheet("QLabel { background: rgba(255, 255, 255, 225); color: #333; padding: 3px 6px;"
                                " border-radius: 4px; }")
        self._note_shown = None  # (text, viewport rect) the note was laid out for
        self.editor: InlineEditor | None = None
        #: the view shows what Fit chose (no zoom or pan since): it stays fitted when the network grows
        self._fitted = False
        self._fitting = False
        self._follow = FitFollow()  # fits a fitted view again when the network's structure changes
        self._layout = None  # what _layout_changed saw last
        self._legend_seen = None  # the legend's size when _on_values_refreshed last looked
        self._fitted_size = QSize()  # the canvas's size at the last fit
        self._refit = QTimer(self, singleShot=True, interval=0)  # a fitted view fits again: ``_fit_again``
        self._refit.timeout.connect(self._fit_again)
        scene.inline_edit_requested.connect(self.open_inline_editor)
        scene.values_refreshed.connect(self._on_values_refreshed)
        # (not on QGraphicsScene.changed: a slot there makes every item update go through that signal
        # and a later turn of the event loop before the view paints)
        scene.rebuilt.connect(self._close_editor_if_item_gone)

    def _approximate_words(self) -> list[tuple[str, ...]]:
        """The legend's lines on "≈" (``approximate_words`` reads every text the canvas writes, 1–2 ms); while
        Fit tries zooms (a legend's size is asked at each), the ones read last."""
        if not self._fitting:
            self._approximate_seen = approximate_words(self.network_scene())
        return self._approximate_seen

    def _on_values_refreshed(self) -> None:
        scene = self.network_scene()
        self.legend.show_state(scene.view_state, scene.hidden_edge_numbers(), self._unplaced(scene))
        self._place_legend()
        self._show_note()
        if self._fitted and not self._fitting and scene.doc is not None:
            changed = self._layout_changed() | (self.legend.size() != self._legend_seen)
            self._legend_seen = self.legend.size()
            if self._follow.structure_changed(scene):
                self._refit.start()  # a layer or connection added: Fit again once the scene is laid out
            elif self._follow.lost_view(self, scene, changed):
                fit_zoom.lay_out_window_now()  # (the step bar's new height, told with this change: fit once)
                self.fit()  # grown past the view, the legend over it, numbers without a spot (``fit_follow``)

    def _layout_changed(self) -> bool:
        """Whether the layer cards' places and sizes (the edges and their numbers follow them), the
        step-through's phase or the view's rect changed since last asked: only then can the network
        have grown past the view (measuring every item's bounds on every refresh cost ~0.5 ms a frame)."""
        scene = self.network_scene()
        stepping = scene.view_state.stepping if scene.view_state is not None else None
        layout = (None if stepping is None else (stepping.phase, stepping.layer), self.visible_scene_rect().getRect(),
                  tuple(item.sceneBoundingRect().getRect() for item in scene.layer_items.values()))
        changed, self._layout = layout != self._layout, layout
        return changed

    def _show_note(self) -> None:
        """The first sentence of the network's description, above the network (none: hidden); laid
        out again only when it or the canvas's size changed (a Step changes neither)."""
        doc = self.network_scene().doc
        text = first_sentence(doc.network.description) if doc is not None else ""
        shown = (text, self.viewport().geometry().getRect())
        if shown == self._note_shown:
            return
        self._note_shown = shown
        if text != self.note.text():
            self.note.setText(text)
        self.note.setVisible(bool(text))
        self._place_note()

    def _place_note(self) -> None:
        vp = self.viewport().geometry()
        self.note.setFixedWidth(max(vp.width() - 20, 50))
        self.note.setMinimumHeight(0)  # a label's heightForWidth is never below its minimum: the last fixed height
        self.note.setFixedHeight(self.note.heightForWidth(self.note.width()) if self.note.text() else 0)
        self.note.move(vp.left() + 10, vp.top() + 6)

    def network_scene(self) -> NetworkScene:
        return self.scene()

    # ---------------------------------------------------------------- zoom
    def zoom_by(self, factor: float) -> None:
        self._fitted = False
        current = self.transform().m11()
        factor = max(MIN_SCALE / current, min(MAX_SCALE / current, factor))
        self.scale(factor, factor)
        self._zoom_changed()
        self._place_editor()

    def _zoom_changed(self) -> None:
        """Tell the scene the zoom: its texts keep a readable size on screen (``style.MIN_TEXT_PX``)."""
        scene = self.network_scene()
        if scene is not None:
            scene.zoom_by_hand(self.transform().m11(), self.logicalDpiY())
            if scene.doc is not None:  # numbers were placed again: the legend says which have no room
                self.legend.show_state(scene.view_state, scene.hidden_edge_numbers(), self._unplaced(scene))
                self._place_legend()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        if not self._fitting:  # the student panned: the view is theirs now
            self._fitted = False
        super().scrollContentsBy(dx, dy)
        self._place_editor()

    def _place_editor(self) -> None:
        """An open inline editor stays on its number when the view zooms or scrolls (a zoom may move
        an edge's number: texts keep their size on screen, so numbers are placed again)."""
        if self.editor is not None and getattr(self.editor, "kind", None) == "weight":
            edge = self.edge_item(*self.editor.key)
            if edge is not None:
                rect = edge.label_rect()
                self.editor.scene_at = rect.center() if not rect.isNull() else edge.point_at(edge.label_fraction())
        if self.editor is not None and self.editor.scene_at is not None:
            self.editor.centre_on(self.mapFromScene(self.editor.scene_at))

    def zoom_in(self) -> None:
        self.zoom_by(1.25)

    def zoom_out(self) -> None:
        self.zoom_by(0.8)

    def fit(self) -> None:
        """Show every layer (Ctrl+0), below the lesson's note; small networks are not blown up beyond 150 %.
        Until the student zooms or pans, the view stays fitted: when the network grows past it (the Loss
        phase writes a column right of a several-neuron output) or the canvas grows, it fits again
        (``_fit_again``); the zoom and the texts' size are searched by ``fit_zoom.fit_readable``."""
        self._fitting = True
        try:
            self._fit()
        finally:
            self._fitting = False
        self._fitted = True
        self._follow.fitted(self.network_scene().doc)
        # (what _fit_again compares a resized canvas with; none for a fit before the canvas first shows, at a size
        # no one saw: the first show fits again, at the size the window shows it: teacher review 23 #3)
        self._fitted_size = self.viewport().size() if self.isVisible() else QSize()
        self.legend.reserve(self.legend.bare_size())  # the room left the legend: its words on "≈" may use it
        scene = self.network_scene()
        unplaced = self._unplaced(scene)  # the legend lists the numbers the fitted view has no room for
        if scene.doc is not None:  # (the "≈" on the canvas as fitted: while Fit tried zooms it read the last ones)
            self.legend.show_state(scene.view_state, scene.hidden_edge_numbers(), unplaced)
            self._place_legend()

    def _fit(self) -> None:
        rect = self.scene().itemsBoundingRect()
        if rect.isEmpty():
            self.resetTransform()
            self._zoom_changed()
            self.centerOn(0, 0)
            return
        self._place_legend()
        self._show_note()
        target = fit_zoom.fit_readable(self, self._fit_scale, self._zoom_to)
        self.centerOn(target.center())
        self._place_editor()

    def _zoom_to(self, scale: float) -> None:
        """Zoom to ``scale``; the cards are laid out for it, the legend (once) says when z and b left for the tooltip."""
        self.resetTransform()
        self.scale(scale, scale)
        self.network_scene().set_view_scale(self.transform().m11(), self.logicalDpiY())
        self._on_values_refreshed()

    def _fit_scale(self, rect: QRectF) -> tuple[float, QRectF]:
        """(zoom, scene rect to centre) that shows ``rect`` whole, the note and the legend beside it (``fit_room``)."""
        return fit_room.fit_scale(self, rect, FIT_MAX_SCALE)

    def wheelEvent(self, event) -> None:
        delta = event.angleDelta().y()
        if delta:
            self.zoom_by(1.0015 ** delta)
        event.accept()

    # ------------------------------------------------------------ keyboard
    def event(self, event) -> bool:
        """Tab / Shift+Tab walk the canvas (every layer, then every connection); Ctrl+Tab and
        Ctrl+Shift+Tab leave it, as in a text box."""
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                return super().focusNextPrevChild(forward)
            self.select_next(forward)
            return True
        return super().event(event)

    def select_next(self, forward: bool = True) -> None:
        """Select the next (or previous) layer or connection in the keyboard order."""
        scene = self.network_scene()
        stops = scene.keyboard_stops()
        if not stops:
            return
        current = scene.view_state.selection
        if current is not None and current.kind == "edge":
            current = Selection.connection(current.source, current.target)
        elif current is not None and current.kind == "layers":
            current = Selection.of_layers(current.layers[0])
        index = stops.index(current) if current in stops else (-1 if forward else 0)
        stop = stops[(index + (1 if forward else -1)) % len(stops)]
        if stop.kind == "connection" and not scene.connection_items[stop.source, stop.target].bundled:
            stop = Selection.edge(stop.source, stop.target, 0, 0)
        scene.view_state.select(stop)
        self.ensure_selection_visible()

    def step_edge(self, dj: int, di: int) -> None:
        """Move the selected edge W[j, i] to W[j + dj, i + di] (arrow keys), within its connection."""
        view_state = self.network_scene().view_state
        s = view_state.selection
        rows, cols = self.network_scene().doc.network.weights[s.source, s.target].shape
        view_state.select_edge(s.source, s.target, min(max(s.j + dj, 0), rows - 1), min(max(s.i + di, 0), cols - 1))
        self.ensure_selection_visible()

    def ensure_selection_visible(self) -> None:
        items = self.network_scene().selectedItems()
        if items:
            self.ensureVisible(items[0], 20, 20)

    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        scene = self.network_scene()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            scene.delete_selection()
            return
        arrows = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in arrows and scene.selected_layers():
            self.move_selection(*arrows[key], big=bool(mods & Qt.KeyboardModifier.ShiftModifier))
            return
        selection = scene.view_state.selection
        if key in arrows and selection is not None and selection.kind == "edge":
            self.move_selection(*arrows[key])
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and selection is not None and selection.kind == "edge":
            scene.inline_edit_requested.emit("weight", (selection.source, selection.target, selection.j, selection.i))
            return
        if key == Qt.Key.Key_F2:
            self.rename_selected()
            return
        if key == Qt.Key.Key_Escape:
            scene.clearSelection()
            return
        super().keyPressEvent(event)

    def move_selection(self, dx: int, dy: int, big: bool | None = None) -> None:
        """Move the selected layers one step (Shift: a big step); presses in a row are one undo step.
        With an edge selected, select its neighbour instead (``step_edge``: up/down the target
        neuron j, left/right the source neuron i)."""
        scene = self.network_scene()
        selection = scene.view_state.selection
        if selection is not None and selection.kind == "edge":
            self.step_edge(dy, dx)
            return
        if big is None:
            from PySide6.QtWidgets import QApplication

            big = bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier)
        step = ARROW_BIG_STEP if big else ARROW_STEP
        net = scene.doc.network
        moves = {}
        for name in scene.selected_layers():
            x, y = net.layer(name).position
            moves[name] = (x + dx * step, y + dy * step)
        if moves:
            scene.request_move(moves, merge=True)

    def rename_selected(self) -> None:
        layers = self.network_scene().selected_layers()
        if layers:
            self.open_inline_editor("name", layers[0])

    # --------------------------------------------------------- drag & drop
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(LAYER_MIME):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasFormat(LAYER_MIME):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:
        if event.mimeData().hasFormat(LAYER_MIME):
            kind = bytes(event.mimeData().data(LAYER_MIME)).decode()
            if kind in LAYER_KINDS:
                self.network_scene().add_layer(kind, self.mapToScene(event.position().toPoint()))
                event.acceptProposedAction()
                self.setFocus()
            return
        super().dropEvent(event)

    # -------------------------------------------------------- inline editor
    def open_inline_editor(self, kind: str, key) -> None:
        """Open the on-canvas editor for a "weight" (src, tgt, j, i), a "bias" (name, j) or a "name"."""
        self.close_inline_editor()
        scene = self.network_scene()
        doc, net = scene.doc, scene.doc.network
        if kind == "weight":
            src, tgt, j, i = key
            connection = scene.connection_items.get((src, tgt))
            edge = connection.edge(j, i) if connection is not None else None
            if edge is None:
                scene.message.emit("Select a single edge to type its weight (big connections: use the inspector)")
                return
            rect = edge.label_rect()
            at = rect.center() if not rect.isNull() else edge.point_at(edge.label_fraction())
            # the number the edge shows (a run's newest weight) as it writes it; empty when a lesson asks it after k steps
            shown = scene.view_state
            text = "" if not shown.revealed("weight", tgt) else shown.format(shown.shown_weight(src, tgt, j, i))
            hint = f"Weight from {src}[{i}] to {tgt}[{j}]"
            commit = self._number_commit(lambda v: commands.SetWeight(doc, src, tgt, j, i, v))
        elif kind == "bias":
            name, j = key
            item = scene.layer_items.get(name)
            if item is None or name not in net.biases:
                return
            at = item.mapToScene(item.neuron_centre(j))
            text, hint = scene.view_state.format(scene.view_state.shown_bias(name, j)), f"Bias of {name}[{j}]"
            commit = self._number_commit(lambda v: commands.SetBias(doc, name, j, v))
        elif kind == "name":
            item = scene.layer_items.get(key)
            if item is None:
                return
            at = item.mapToScene(item.name_rect().center())
            text, hint = key, f"New name for layer {key}"
            commit = self._rename_commit(key)
        else:
            raise ValueError(f"unknown inline edit {kind!r}")
        commit = commit if kind == "name" else unless_unchanged(text, commit)  # Enter on the number shown: no edit
        self.editor = InlineEditor(self.viewport(), self.mapFromScene(at), text, commit, hint)
        self.editor.kind, self.editor.key, self.editor.scene_at = kind, key, at
        self.editor.closed.connect(self._editor_closed)

    def _number_commit(self, make_command):
        scene = self.network_scene()

        def commit(text: str) -> str | None:
            try:
                value = parse_number(text)
            except ValueError as exc:
                scene.message.emit(str(exc))
                return str(exc)
            reason = scene.doc.perform(make_command(value))
            if reason:
                scene.message.emit(f"Not done: {reason}")
            return reason

        return commit

    def _rename_commit(self, old: str):
        scene = self.network_scene()

        def commit(text: str) -> str | None:
            new = text.strip()
            if new == old:
                return None
            reason = scene.doc.perform(commands.rename_layer(scene.doc, old, new))
            if reason:
                scene.message.emit(f"Not renamed: {reason}")
            else:
                scene.clearSelection()
                scene.layer_items[new].setSelected(True)
            return reason

        return commit

    def _editor_closed(self) -> None:
        self.editor = None
        self.setFocus()

    def close_inline_editor(self) -> None:
        if self.editor is not None:
            self.editor.cancel()
            self.editor = None

    def paint_now(self) -> None:
        """Paint what changed on the canvas now, once: Qt gathers the items' updates in a call it
        queues for the next turn of the event loop; that call, run here, paints the view at once."""
        QCoreApplication.sendPostedEvents(self.scene(), QEvent.Type.MetaCall)

    def _close_editor_if_item_gone(self) -> None:
        if self.editor is None:
            return
        scene = self.network_scene()
        kind, key = self.editor.kind, self.editor.key
        gone = ((kind == "weight" and key[:2] not in scene.connection_items)
                or (kind == "bias" and key[0] not in scene.layer_items)
                or (kind == "name" and key not in scene.layer_items))
        if gone:
            self.close_inline_editor()

    # ---------------------------------------------------------------- misc
    def resizeEvent(self, event) -> None:
        fitted = self._fitted
        super().resizeEvent(event)
        self._fitted = fitted  # (Qt scrolls to keep its anchor in place: not a pan of the student's)
        self._place_legend()
        self._place_note()
        self._place_editor()
        if fitted and not self._fitting:  # a fitted view stays fitted when the canvas changes size: once
            self._refit.start()  # after a burst of resizes (a window dragged larger, the trace bar's words)

    def showEvent(self, event) -> None:
        fitted = self._fitted
        super().showEvent(event)
        self._fitted = fitted  # (Qt centres its anchor as the view shows, as after a resize: not a pan)
        if fitted and not self._fitting:
            self._refit.start()

    def _fit_again(self) -> None:
        """A fitted view fits again when layers or connections changed (``fit_follow``), the canvas grew or no longer
        shows the whole network; one that shrank but still shows it all keeps its zoom (the trace bar's words
        taking a line must not shrink the circles)."""
        scene = self.network_scene()
        if not self._fitted or self._fitting or scene.doc is None:
            return
        size = self.viewport().size()
        grew = size.width() > self._fitted_size.width() or size.height() > self._fitted_size.height()
        if grew or self._follow.structure_changed(scene) or not self.visible_scene_rect().contains(scene.itemsBoundingRect()) or legend_room.covers(self):
            self.fit()

    def _place_legend(self) -> None:
        vp = self.viewport().geometry()
        self.legend.set_room(vp.width() - 20)
        self.legend.set_folded(vp.height() < FOLD_LEGEND_BELOW)
        self.legend.set_free_above(legend_room.free_above(self, self.legend.bare_size()))
        self.legend.move(vp.left() + 10, vp.bottom() - self.legend.height() - 10)

    def edge_item(self, src: str, tgt: str, j: int, i: int) -> EdgeItem | None:
        connection = self.network_scene().connection_items.get((src, tgt))
        return None if connection is None else connection.edge(j, i)

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def fit_scale_for(self, rect: QRectF) -> float:
        """The zoom Fit would draw ``rect`` (scene) at on this canvas (``target_place`` weighs layouts by it)."""
        return self._fit_scale(rect)[0]
