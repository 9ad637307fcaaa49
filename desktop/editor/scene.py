"""``NetworkScene``: a ``QGraphicsScene`` that mirrors the document's network.

``set_document(doc)`` subscribes to the document's signals and builds one
``LayerItem`` per layer and one ``ConnectionItem`` per connection. The scene never
edits the network itself: mouse gestures become commands run by ``Document.perform``.

Selection lives in the ``ViewState``: the scene reports what the student selects
(``view_state.select``) and shows what anyone else selects (``selection_changed``), so
the inspector and the panels never touch the scene's items.
Signals: ``message(text)`` (for the status bar), ``inline_edit_requested(kind, key)``,
``values_refreshed`` and ``rebuilt`` (every item made anew).

What every number on the canvas means is decided by the ``ViewState``
(``desktop.view_state``): the scene repaints when it changes (``refresh_values()``,
without rebuilding items) and reads each neuron's and edge's numbers from it.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsScene, QMenu

from core.notation import edge_label
from desktop import commands
from desktop.view_state import Selection

from . import style
from .bundle_item import BundleItem
from .card_spacing import card_gap, lead_out_gaps, place_cards
from .card_parts import PortItem
from .edge_item import ConnectionItem, EdgeItem, EdgeLabel
from .interactions import MoveLayers, NewConnection
from .layer_item import LayerItem
from .palette import LAYER_KINDS, new_layer_name
from .scene_fonts import SceneFonts
from .scene_numbers import SceneEdgeNumbers
from .scene_thumbnails import SceneThumbnails


#: the smallest |value| that draws an edge at full width (below it, values are rounding noise)
SCALE_FLOOR = 1e-6


def show_menu(menu: QMenu, screen_pos) -> None:
    """Run a context menu (a seam for tests, which pick an entry instead of waiting for a click)."""
    menu.exec(screen_pos)


class NetworkScene(SceneFonts, SceneEdgeNumbers, SceneThumbnails, QGraphicsScene):
    message = Signal(str)
    inline_edit_requested = Signal(str, object)  # kind ("weight", "bias", "name"), key
    values_refreshed = Signal()
    #: every item was made anew (``rebuild``): items may be gone
    rebuilt = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.doc = None
        self.view_state = None
        self.layer_items: dict[str, LayerItem] = {}
        self.connection_items: dict[tuple[str, str], ConnectionItem] = {}
        self.values: dict[tuple[str, str], np.ndarray] = {}
        self.masks: dict[tuple[str, str], np.ndarray] = {}
        self.scale = 1.0
        self.init_fonts()  # (the zoom, the screen's dpi and the texts' least size: ``SceneFonts``)
        self._placements: dict[tuple, tuple] = {}  # edge numbers' places by what placing them reads
        #: whether a card moved routes its connections' edges and places their numbers at once (not
        #: while ``relayout`` moves every card: it routes and places them all after)
        self.edges_follow_cards = True
        self._numbers_placed_for: tuple | None = None  # the selected edge when the numbers were placed
        #: connections the step-through highlights, and their colour (forward green, backward the δ colour)
        self.active_connections: set[tuple[str, str]] = set()
        self.active_colour = style.FORWARD_STEP
        self._thumbnails: dict[tuple[str, int], QImage | None] = {}
        self._marks: dict[tuple[str, int], tuple[float, float] | None] = {}  # the traced sample on each
        self._input_columns: tuple = (None, None)  # (key, columns): see SceneThumbnails._input_map
        self._input_maps: dict[int, np.ndarray | None] = {}  # input neuron k's map, kept as the thumbnails are
        self._input_images: dict = {}
        self._data_facts: tuple = (None, None, None)  # (dataset, plane_bounds, is_classification): see SceneThumbnails
        self._interaction = None
        self._shifts: dict[str, float] = {}  # how far right of its document position each card is drawn
        self._rebuilding = False
        self._showing_selection = False
        self._picked_neuron: tuple[str, int] | None = None  # (layer, k): the neuron last clicked
        self.setBackgroundBrush(style.CANVAS)
        self.selectionChanged.connect(self._on_selection_changed)

    # -------------------------------------------------------------- document
    def set_document(self, doc, view_state) -> None:
        """Mirror ``doc``; show the numbers ``view_state`` gives (it follows the same document)."""
        if self.doc is not None:
            for signal, slot in self._subscriptions():
                signal.disconnect(slot)
        self.doc, self.view_state = doc, view_state
        for signal, slot in self._subscriptions():
            signal.connect(slot)
        self.rebuild()

    def _subscriptions(self):
        d = self.doc
        return [(d.structure_changed, self.rebuild), (d.network_replaced, self._network_replaced),
                (d.layer_moved, self._on_moved), (self.view_state.changed, self.refresh_values),
                (self.view_state.selection_changed, self._show_selection)]

    def _network_replaced(self) -> None:
        """Another network (a file opened, File → New): the texts' sizes and zooms Fit found for the old one
        go (``fit_zoom.layout_key`` names a network by its ``id``, which the new one may reuse)."""
        self.chosen_text_floors.clear()
        self.too_large_floors.clear()
        self.rebuild()

    def _on_moved(self, name: str) -> None:
        self._space_cards()

    def _space_cards(self) -> bool:
        """Every card at its document position, pushed right where an earlier card grew onto it
        (``card_spacing``; the document is not changed); True when some card moved. Not during a drag."""
        if isinstance(self._interaction, MoveLayers) or not self.layer_items:
            return False
        positions = {layer.name: layer.position for layer in self.doc.network.layers if layer.name in self.layer_items}
        items = {name: self.layer_items[name] for name in positions}  # (a gone layer's card waits for the rebuild)
        self._shifts, moved = place_cards(items, positions, card_gap(self), lead_out_gaps(self))
        return moved

    def document_position(self, item: LayerItem) -> tuple[float, float]:
        """Where the document keeps ``item``'s layer: where it is drawn less its display shift."""
        return item.pos().x() - self._shifts.get(item.name, 0.0), item.pos().y()

    def rebuild(self) -> None:
        """Recreate every item from the network, keeping the selection when it still exists."""
        keep = self.current_selection()
        self._cancel_interaction()
        self._rebuilding = True
        try:
            self.clear()
            self.layer_items.clear()
            self.connection_items.clear()
            net = self.doc.network
            targets = {t for _, t in net.connections}
            for layer in net.layers:
                item = LayerItem(layer.name)
                is_input = layer.name not in targets
                item.set_layer(layer, is_input, self._biases(layer.name))
                item.setPos(QPointF(*layer.position))
                self.addItem(item)
                self.layer_items[layer.name] = item
                item.relayout()  # its numbers' room, now that it reads the scene's view state and zoom
            self._space_cards()
            shapes = {e: net.weights[e].shape for e in net.connections}
            drawn = sum(r * c for (s, t), (r, c) in shapes.items()
                        if not (self.layer_items[s].collapsed or self.layer_items[t].collapsed))
            for (src, tgt), shape in shapes.items():
                self.connection_items[src, tgt] = ConnectionItem(
                    self, self.layer_items[src], self.layer_items[tgt], shape,
                    allow_labels=drawn <= style.MAX_LABELLED_TOTAL)
            for item in self.layer_items.values():
                item.connections_changed()
            self._update_cache()
            self._numbers_placed_for = None  # the new items' numbers were placed with nothing selected
            self._select_items(keep)
        finally:
            self._rebuilding = False
        self._grow_scene_rect()
        self._on_selection_changed()
        self.rebuilt.emit()

    def _grow_scene_rect(self) -> None:
        rect = self.itemsBoundingRect().adjusted(-1500, -1000, 1500, 1000)
        self.setSceneRect(self.sceneRect().united(rect) if self.sceneRect().isValid() else rect)

    def _biases(self, name: str):
        net = self.doc.network
        return net.biases[name].copy() if name in net.biases else None

    # --------------------------------------------------------------- values
    def _update_cache(self) -> None:
        net = self.doc.network
        self.masks = net.masks
        self.values = self.view_state.edge_arrays() if not net.problems() else {  # (weights the lesson holds: "?")
            e: net.weights[e] * (1.0 if self.view_state.revealed("weight", e[1]) else np.nan) for e in net.connections}
        self.active_connections = self.view_state.active_connections()
        step = self.view_state.stepping
        self.active_colour = style.DELTA_RING if step is not None and step.phase == "backward" else style.FORWARD_STEP
        finite = [m for m in map(_largest_finite_magnitude, self.values.values()) if m is not None]
        # a floor, as in the heatmaps: rounding noise (1e-16 where the gradient is 0) is drawn thin, not full width
        self.scale = max(float(max(finite)) if finite else 0.0, SCALE_FLOOR) if finite and max(finite) > 0 else 1.0

    def relayout(self) -> None:
        """Layer cards take the width their numbers need now; connections follow, numbers are placed again
        (once, after every card is in place: a card moved meanwhile does not route its edges)."""
        self.edges_follow_cards = False
        try:
            self._lay_out_cards()
        finally:
            self.edges_follow_cards = True
        for connection in self.connection_items.values():  # every route first: numbers keep off all edges
            connection.adjust(numbers=False)
        for connection in self.connection_items.values():
            connection.place_numbers()
        self.update()

    def _lay_out_cards(self) -> bool:
        """Every card at the zoom's text size (z and b sit inside the cards, under the neurons); True
        when some card changed."""
        changed = False
        for item in self.layer_items.values():
            changed |= item.relayout()
        return self._space_cards() or changed

    def edge_value(self, src: str, tgt: str, j: int, i: int) -> tuple[float, bool]:
        """(value shown for edge W[j, i], whether the edge is present)."""
        values = self.values.get((src, tgt))
        value = float(values[j, i]) if values is not None and values.shape[0] > j and values.shape[1] > i else 0.0
        mask = self.masks.get((src, tgt))
        return value, mask is None or bool(mask[j, i])

    def mode_noun(self) -> str:
        return self.view_state.edge_noun()

    def mode_symbol(self) -> str:
        return {"weight": "w", "gradient": "g", "dL/dw": "g"}[self.view_state.edge_noun()]

    def refresh_values(self) -> None:
        """Repaint edge colours, widths and numbers and neuron numbers from the view state (cheap)."""
        if self.doc is None:
            return
        self._update_cache()
        self._thumbnails.clear()
        self._marks.clear()
        self._input_maps.clear()
        for name, item in self.layer_items.items():
            item.set_biases(self._biases(name))
        moved = self._lay_out_cards()
        for item in self.layer_items.values():
            item.update()
            item.zoom.refresh()
        self._place_edge_numbers(moved)
        self.values_refreshed.emit()

    # ------------------------------------------------------------ selection
    def current_selection(self) -> Selection | None:
        """What the selected items are (the first edge, else the first bundle, else the layers)."""
        items = self.selectedItems()
        edges = [i for i in items if isinstance(i, EdgeItem)]
        if edges:
            return Selection.edge(*edges[0].key)
        bundles = [i for i in items if isinstance(i, BundleItem)]
        if bundles:
            return Selection.connection(bundles[0].src, bundles[0].tgt)
        layers = [i.name for i in items if isinstance(i, LayerItem)]
        if not layers:
            return None
        picked = self._picked_neuron
        return Selection.of_layers(*layers, neuron=picked[1] if picked is not None and picked[0] == layers[0] else -1)

    def _select_items(self, selection: Selection | None) -> None:
        """Select the items of ``selection`` (those that exist; an edge of a bundled connection selects the bundle)."""
        if selection is None:
            return
        if selection.kind == "layers":
            self._picked_neuron = (selection.layers[0], selection.j) if selection.j >= 0 else None
            for name in selection.layers:
                if name in self.layer_items:
                    self.layer_items[name].setSelected(True)
            return
        connection = self.connection_items.get((selection.source, selection.target))
        if connection is None:
            return
        if selection.kind == "edge" and not connection.bundled:
            rows, cols = self.doc.network.weights[selection.source, selection.target].shape
            if selection.j < rows and selection.i < cols:
                connection.edge(selection.j, selection.i).setSelected(True)
        else:
            connection.items[0].setSelected(True)

    def _on_selection_changed(self) -> None:
        """The student selected something: tell the view state."""
        if not self._rebuilding and not self._showing_selection:
            self.view_state.select(self.current_selection())
        if not self._rebuilding and not self._showing_selection:
            self._follow_selected_edge()

    def _show_selection(self, selection: Selection | None) -> None:
        """Someone selected ``selection`` in the view state: select its items here."""
        if selection == self.current_selection():
            return
        self._showing_selection = True
        try:
            self.clearSelection()
            self._select_items(selection)
        finally:
            self._showing_selection = False
        self._on_selection_changed()  # what could be selected (a bundle for a bundled edge, nothing for a gone one)

    def keyboard_stops(self) -> list[Selection]:
        """What Tab walks through: every layer in the network's order, then every connection."""
        net = self.doc.network
        names = {layer.name for layer in net.layers}
        try:
            order = [name for name in net.order() if name in names]
        except ValueError:  # a cycle: no order, the file's order then
            order = []
        order += [layer.name for layer in net.layers if layer.name not in order]
        return [Selection.of_layers(name) for name in order] + [Selection.connection(s, t) for s, t in net.connections]

    def selected_layers(self) -> list[str]:
        return [i.name for i in self.selectedItems() if isinstance(i, LayerItem)]

    # ----------------------------------------------------------------- edits
    def perform(self, command) -> bool:
        reason = self.doc.perform(command)
        if reason:
            self.message.emit(f"Not done: {reason}")
        return reason is None

    def request_connect(self, src: str, tgt: str) -> bool:
        reason = self.doc.network.connection_refusal(src, tgt)
        if reason:
            item = self.layer_items.get(tgt)
            if item is not None:
                item.flash_refused()
            self.message.emit(f"Cannot connect {src} → {tgt}: {reason}")
            return False
        return self.perform(commands.connect(self.doc, src, tgt, seed=self.doc.network.training.seed))

    def request_move(self, moves: dict, merge: bool = False) -> None:
        self.perform(commands.MoveLayers(self.doc, moves, merge=merge))

    def add_layer(self, kind: str, pos: QPointF | None = None) -> str | None:
        """Add a layer of a palette ``kind`` at ``pos`` (default: right of the rightmost layer)."""
        spec = LAYER_KINDS[kind]
        net = self.doc.network
        if pos is None:
            layers = net.layers
            pos = QPointF(max(l.position[0] for l in layers) + 220, 0) if layers else QPointF(0, 0)
        name = new_layer_name(spec.prefix, [l.name for l in net.layers])
        ok = self.perform(commands.add_layer(self.doc, name, spec.units, spec.activation, spec.bias,
                                             (round(pos.x()), round(pos.y()))))
        if ok:
            self.clearSelection()
            self.layer_items[name].setSelected(True)
            return name
        return None

    def delete_selection(self) -> None:
        items = self.selectedItems()
        layers = [i.name for i in items if isinstance(i, LayerItem)]
        if layers:
            self.perform(commands.remove_layers(self.doc, layers))
            return
        for item in items:
            if isinstance(item, BundleItem):
                self.perform(commands.disconnect(self.doc, item.src, item.tgt))
                return
            if isinstance(item, EdgeItem) and item.value()[1]:
                self.perform(commands.set_edge_enabled(self.doc, item.src, item.tgt, item.j, item.i, False))
                return

    def delete_selected_connection(self) -> None:
        """Delete the whole connection of the selected edge or bundle."""
        for item in self.selectedItems():
            if isinstance(item, (EdgeItem, BundleItem)):
                self.perform(commands.disconnect(self.doc, item.src, item.tgt))
                return
        self.message.emit("Select an edge first: its whole connection will be deleted")

    def layer_at(self, pos: QPointF, exclude=None) -> LayerItem | None:
        for item in self.items(pos):
            while item is not None and not isinstance(item, LayerItem):
                item = item.parentItem()
            if item is not None and item is not exclude:
                return item
        return None

    # ----------------------------------------------------------------- mouse
    def mousePressEvent(self, event) -> None:
        self._cancel_interaction()
        if event.button() == Qt.MouseButton.LeftButton:
            top = self.itemAt(event.scenePos(), self.views()[0].transform()) if self.views() else None
            if isinstance(top, PortItem):
                self._interaction = NewConnection(self, top.layer_item, event.scenePos())
                event.accept()
                return
            layer = self.layer_at(event.scenePos())
            if layer is not None:  # the neuron clicked (or none: the card) is part of the selection
                k = layer.neuron_at(layer.mapFromScene(event.scenePos()))
                self._picked_neuron = (layer.name, k) if k is not None else None
            super().mousePressEvent(event)
            self._on_selection_changed()  # another neuron of a layer already selected
            if isinstance(top, LayerItem) or layer is not None:
                self._interaction = MoveLayers(self)
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if isinstance(self._interaction, NewConnection):
            self._interaction.move(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        interaction, self._interaction = self._interaction, None
        if isinstance(interaction, NewConnection):
            interaction.end(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if interaction is not None:
            interaction.end(event.scenePos())

    def _cancel_interaction(self) -> None:
        interaction, self._interaction = self._interaction, None
        if isinstance(interaction, NewConnection):
            interaction.cancel()

    def mouseDoubleClickEvent(self, event) -> None:
        for item in self.items(event.scenePos()):
            if isinstance(item, EdgeLabel):
                item = item.edge
            if isinstance(item, EdgeItem):
                if item.value()[1]:
                    self.inline_edit_requested.emit("weight", item.key)
                else:
                    self.message.emit("This edge is removed: right-click it to restore it first")
                event.accept()
                return
            if isinstance(item, LayerItem):
                local = item.mapFromScene(event.scenePos())
                k = item.neuron_at(local)
                if item.name_rect().contains(local):
                    self.inline_edit_requested.emit("name", item.name)
                elif k is not None and item.biases is not None and not item.is_input:
                    self.inline_edit_requested.emit("bias", (item.name, k))
                elif k is not None:
                    self.message.emit(f"{item.name}[{k}] has no bias to set")
                event.accept()
                return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event) -> None:
        menu = QMenu(event.widget())
        top = next((i.edge if isinstance(i, EdgeLabel) else i for i in self.items(event.scenePos())
                    if isinstance(i, (EdgeItem, EdgeLabel, BundleItem, LayerItem))), None)
        doc = self.doc
        if isinstance(top, EdgeItem):
            src, tgt, j, i = top.key
            enabled = top.value()[1]
            if enabled:
                menu.addAction("Set weight…", lambda: self.inline_edit_requested.emit("weight", top.key))
                menu.addAction(f"Remove edge {edge_label(src, tgt, j, i)}", lambda: self.perform(
                    commands.set_edge_enabled(doc, src, tgt, j, i, False)))
            else:
                menu.addAction(f"Restore edge {edge_label(src, tgt, j, i)}", lambda: self.perform(
                    commands.set_edge_enabled(doc, src, tgt, j, i, True)))
            menu.addSeparator()
            menu.addAction(f"Delete connection {src} → {tgt}",
                           lambda: self.perform(commands.disconnect(doc, src, tgt)))
        elif isinstance(top, BundleItem):
            src, tgt = top.src, top.tgt
            menu.addAction(f"Delete connection {src} → {tgt}",
                           lambda: self.perform(commands.disconnect(doc, src, tgt)))
        elif isinstance(top, LayerItem):
            name = top.name
            menu.addAction(f"Rename {name}…", lambda: self.inline_edit_requested.emit("name", name))
            menu.addAction(f"Delete {name}", lambda: self.perform(commands.remove_layers(doc, [name])))
        else:
            pos = event.scenePos()
            for kind, spec in LAYER_KINDS.items():
                menu.addAction(f"Add {spec.title.lower()} here", lambda k=kind: self.add_layer(k, pos))
        show_menu(menu, event.screenPos())
        event.accept()


def _largest_finite_magnitude(values: np.ndarray) -> float | None:
    """max |v| over the finite entries of ``values``; None when there are none. (One pass when all
    are finite, as they are but after a divergence: a NaN or an infinity makes the plain max not finite.)"""
    if not values.size:
        return None
    largest = float(np.max(np.abs(values)))
    if math.isfinite(largest):
        return largest
    finite = values[np.isfinite(values)]
    return float(np.abs(finite).max()) if finite.size else None
