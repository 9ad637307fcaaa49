"""The inspector: shows (and edits) what is selected (the ``ViewState``'s selection).

A layer → ``LayerPage``; an edge → ``EdgePage`` (weight, gradient, chain rule); a
bundle → ``ConnectionPage``; nothing → ``NetworkPage`` (training settings, dataset).
A page is made when first shown (or asked for: ``inspector.edge_page``), and the layer, connection
and edge pages' modules load with them, so a window that opens on the network page neither builds
the edge page's plots nor loads their code.

The edge page explains the gradient for what the ``ViewState`` traces; it follows the
view state's ``changed`` signal (a new traced sample, live weights, a step-through phase).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from desktop.view_state import Selection

from .inspector_widgets import parse_neuron_link
from .inspector_network import NetworkPage

if TYPE_CHECKING:
    from .inspector_edge import EdgePage
    from .inspector_layer import ConnectionPage, LayerPage


#: while training runs, the chain rule and the neuron's δ are rewritten at most this often (seconds)
LIVE_REFRESH_S = 0.5


class Inspector(QWidget):
    #: a line for the status bar (why an edit was refused, …)
    status_message = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("inspector")
        self.doc = None
        self.view_state = None
        self.stack = QStackedWidget()
        self._pages: dict[str, QWidget] = {}
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.stack)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(scroll)
        self.setMinimumWidth(280)
        self._live_timer = QTimer(self)
        self._live_timer.setSingleShot(True)
        self._live_timer.setInterval(int(LIVE_REFRESH_S * 1000))
        self._live_timer.timeout.connect(self._refresh_gradient_now)
        self.fields_only = False  # a document edit: the page's fields, not its explanation again

    # ------------------------------------------------------------- pages made when first needed
    def _page(self, key: str, make) -> QWidget:
        """The page ``key`` ("network", "layer", "edge", "connection"), made by ``make(self)`` when first asked for."""
        page = self._pages.get(key)
        if page is None:
            page = self._pages[key] = make(self)
            self.stack.addWidget(page)
        return page

    @property
    def network_page(self) -> NetworkPage:
        return self._page("network", NetworkPage)

    @property
    def layer_page(self) -> LayerPage:
        from .inspector_layer import LayerPage

        return self._page("layer", LayerPage)

    @property
    def edge_page(self) -> EdgePage:
        from .inspector_edge import EdgePage

        return self._page("edge", EdgePage)

    @property
    def connection_page(self) -> ConnectionPage:
        from .inspector_layer import ConnectionPage

        return self._page("connection", ConnectionPage)

    def _showing(self, key: str) -> bool:
        page = self._pages.get(key)
        return page is not None and self.stack.currentWidget() is page

    # ------------------------------------------------------------- wiring
    def set_document(self, doc, view_state) -> None:
        self.doc, self.view_state = doc, view_state
        view_state.changed.connect(self.refresh_gradient)
        # the view state (made first, so told first) has announced the edit and the explanation is
        # rewritten already: a document signal refreshes the page's fields only
        for signal in (doc.structure_changed, doc.settings_changed):
            signal.connect(self._document_edited)
        doc.parameters_changed.connect(self._parameters_edited)
        doc.network_replaced.connect(self.show_network)
        view_state.selection_changed.connect(lambda _selection: self.show_selection(view_state.selection))
        self.show_selection(view_state.selection)

    def _document_edited(self) -> None:
        self.fields_only = True
        try:
            self.refresh()
        finally:
            self.fields_only = False

    def _parameters_edited(self) -> None:
        """New weights (every training step): the network page shows none of them, the others do."""
        if not self._showing("network"):
            self._document_edited()

    def refresh_gradient(self) -> None:
        """The traced numbers changed: the edge page's chain rule, the layer page's δ. While a
        session trains (live weights) at most LIVE_REFRESH_S apart: the explanation of a big batch
        costs tens of milliseconds in the GUI thread."""
        if self.view_state.live_parameters is not None:
            if not self._live_timer.isActive():
                self._live_timer.start()
            return
        self._refresh_gradient_now()

    def _refresh_gradient_now(self) -> None:
        if self.fields_only:
            return
        if self._showing("edge"):
            self.edge_page.refresh_gradient()
        elif self._showing("layer"):
            self.layer_page.refresh_explanation()

    def traced(self):
        """(network at the weights the canvas shows, X, T, words) or None when nothing is traced.

        During a step-through the weights are those before the step (the gradient's)."""
        view_state = self.view_state
        data = view_state.traced_data()
        net = self.doc.network
        if data is None or net.problems() or view_state.layer_values() is None:
            return None
        shown = net.copy()
        step = view_state.stepping
        shown.set_parameters(step.trace.before if step is not None else view_state.parameters())
        words = f"for {view_state.traced_description()}, at {view_state.weights_description()}"
        return shown, data[0], data[1], words

    # ---------------------------------------------------------------- pages
    def show_selection(self, selection: Selection | None) -> None:
        if selection is None:
            self.show_network()
        elif selection.kind == "edge":
            self.show_edge(selection.source, selection.target, selection.j, selection.i)
        elif selection.kind == "connection":
            self.show_connection(selection.source, selection.target)
        else:
            self.show_layer(selection.layers[0], selection.j)

    def show_network(self) -> None:
        self.stack.setCurrentWidget(self.network_page)
        self.network_page.refresh()

    def show_layer(self, name: str, neuron: int = -1) -> None:
        self.layer_page.show_layer(name, neuron)
        self.stack.setCurrentWidget(self.layer_page)

    def show_edge(self, src: str, tgt: str, j: int, i: int) -> None:
        self.edge_page.show_edge(src, tgt, j, i)
        self.stack.setCurrentWidget(self.edge_page)

    def show_connection(self, src: str, tgt: str) -> None:
        self.connection_page.show_connection(src, tgt)
        self.stack.setCurrentWidget(self.connection_page)

    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    def refresh(self) -> None:
        page = self.stack.currentWidget()
        if page is not None:
            page.refresh()

    # ---------------------------------------------------------------- edits
    def perform(self, command) -> bool:
        reason = self.doc.perform(command)
        if reason:
            self.message(f"Not done: {reason}")
            self.refresh()  # the page shows the document's state again, not the value refused
        return reason is None

    def message(self, text: str) -> None:
        self.status_message.emit(text)

    def follow(self, link: str) -> None:
        """A followed term (``neuron_link``) selects that neuron (its page explains its δ)."""
        target = parse_neuron_link(link)
        if target is not None:
            self.view_state.select(Selection.of_layers(target[0], neuron=target[1]))

    def select_layer(self, name: str) -> None:
        """Select layer ``name`` (after a rename)."""
        self.view_state.select(Selection.of_layers(name))
