"""The window's panels as docks: the one registry (``PANEL_DOCKS``) that says which panels
exist, where each docks and how it is made, and the shell's two steps that use it.

``build_panels(document)`` makes every panel the window shows at once (``{attribute:
widget}``); ``dock_panels(window, panels, document)`` puts each in a ``QDockWidget`` with a
toggle in the View menu (``window.add_panel``) and returns ``{object name: dock}``. The main
window does both; the training UI only receives the panels and feeds them snapshots (``live``
panels follow ``desktop.panels.protocol.Panel``).

A ``lazy`` panel (one that opens as a tab behind another and draws no snapshots) sits in a
``LazyDock``: it is made (and its module loaded) the first time its dock shows (the student raises
its tab, or ticks it in the View menu), or when code asks for it (``dock.panel()``), not with the
window: a window (and every test that makes one) does not pay for a panel nobody has looked at yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QWidget

from desktop.on_screen import on_screen

from desktop.panels.heatmaps import HeatmapPanel
from desktop.panels.loss import LossPanel
from desktop.panels.output_map import OutputMapPanel
from desktop.panels.protocol import Panel
from desktop.panels.trajectories import TrajectoryPanel


@dataclass(frozen=True)
class PanelDock:
    """One panel: the attribute that names it (``window.training.ui.<attribute>``), its dock's
    objectName and title, where it docks, how it is made, and whether it draws snapshots (a ``Panel``)."""

    attribute: str
    object_name: str
    title: str
    area: Qt.DockWidgetArea
    create: Callable[[object], QWidget]
    live: bool = True
    #: a tab behind this dock (its object name) instead of a place of its own
    behind: str | None = None
    #: made when its dock first shows (a ``LazyDock``); only a panel that is not ``live``
    lazy: bool = False


def dataset_panel(document) -> QWidget:
    """The Dataset panel for ``document``; its module loads with it (the panel is made when its tab first shows)."""
    from desktop.panels.dataset_panel import DatasetPanel

    return DatasetPanel(document)


RIGHT, BOTTOM = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
#: every panel, in dock order; the one list that creates them, docks them and feeds them snapshots
PANEL_DOCKS = (
    PanelDock("loss", "loss_panel", "Loss", RIGHT, lambda document: LossPanel()),
    PanelDock("trajectories", "trajectories_panel", "Weight trajectories", RIGHT, lambda document: TrajectoryPanel()),
    PanelDock("heatmaps", "heatmaps_panel", "Gradient heatmaps", BOTTOM, lambda document: HeatmapPanel()),
    PanelDock("output_map", "output_map_panel", "Output map", BOTTOM, lambda document: OutputMapPanel()),
    PanelDock("dataset", "dataset_panel", "Dataset", BOTTOM, dataset_panel, live=False, behind="output_map_panel",
              lazy=True),
)



class LazyDock(QDockWidget):
    """A dock whose panel is made by ``make()`` the first time the dock shows on the window (its tab
    raised, its View-menu toggle ticked) or when ``panel()`` is asked for; ``panel_made(panel)``
    then tells whoever feeds it to bring it up to date."""

    panel_made = Signal(QWidget)

    def __init__(self, title: str, parent, make: Callable[[], QWidget]):
        super().__init__(title, parent)
        self._make, self._panel = make, None
        self.setWidget(QWidget())  # a blank stand-in until the panel is made
        self.visibilityChanged.connect(self._visibility_changed)

    def panel(self) -> QWidget:
        """The panel, made now if it has not been."""
        if self._panel is None:
            self._panel = self._make()
            stand_in = self.widget()
            self.setWidget(self._panel)
            stand_in.deleteLater()
            self.panel_made.emit(self._panel)
        return self._panel

    def made(self) -> QWidget | None:
        """The panel if it has been made, else None (without making it)."""
        return self._panel

    def _visibility_changed(self, visible: bool) -> None:
        if visible and self._panel is None and on_screen(self):
            self.panel()



def build_panels(document) -> dict[str, QWidget]:
    """Every panel of ``PANEL_DOCKS`` but the lazy ones, by attribute, in dock order."""
    panels = {}
    for spec in PANEL_DOCKS:
        assert not (spec.lazy and spec.live), f"{spec.title}: a panel that draws snapshots is made with the window"
        if spec.lazy:
            continue
        widget = spec.create(document)
        if spec.live:
            assert isinstance(widget, Panel), f"{spec.title} lacks clear(network) or show_snapshot(snap)"
        panels[spec.attribute] = widget
    return panels


def live_panels(panels: dict[str, QWidget]) -> list:
    """The panels that draw snapshots, in dock order."""
    return [panels[spec.attribute] for spec in PANEL_DOCKS if spec.live]


def dock_panels(window, panels: dict[str, QWidget], document) -> dict[str, QDockWidget]:
    """Put each panel into a dock of ``window`` (``window.add_panel``: a View-menu toggle, its layout
    remembered), a lazy one into a ``LazyDock`` that makes it for ``document``; the docks that have
    tabs behind them show first. ``{object name: dock}``."""
    docks: dict[str, QDockWidget] = {}
    for spec in PANEL_DOCKS:
        if spec.lazy:
            dock = LazyDock(spec.title, window, lambda spec=spec: spec.create(document))
        else:
            dock = QDockWidget(spec.title, window)
            dock.setWidget(panels[spec.attribute])
        dock.setObjectName(spec.object_name)
        window.add_panel(dock, spec.area, behind=docks[spec.behind] if spec.behind else None)
        docks[spec.object_name] = dock
    for spec in PANEL_DOCKS:
        if spec.behind:
            docks[spec.behind].raise_()
    return docks
