"""The window's panels as docks: the one registry (``PANEL_DOCKS``) that says which panels
exist, where each docks and how it is made, and the shell's two steps that use it.

``build_panels(document)`` makes every panel (``{attribute: widget}``); ``dock_panels(window,
panels)`` puts each in a ``QDockWidget`` with a toggle in the View menu (``window.add_panel``)
and returns ``{object name: dock}``. The main window does both; the training UI only receives
the panels and feeds them snapshots (``live`` panels follow ``desktop.panels.protocol.Panel``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QWidget

from desktop.panels.dataset_panel import DatasetPanel
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


RIGHT, BOTTOM = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
#: every panel, in dock order; the one list that creates them, docks them and feeds them snapshots
PANEL_DOCKS = (
    PanelDock("loss", "loss_panel", "Loss", RIGHT, lambda document: LossPanel()),
    PanelDock("trajectories", "trajectories_panel", "Weight trajectories", RIGHT, lambda document: TrajectoryPanel()),
    PanelDock("heatmaps", "heatmaps_panel", "Gradient heatmaps", BOTTOM, lambda document: HeatmapPanel()),
    PanelDock("output_map", "output_map_panel", "Output map", BOTTOM, lambda document: OutputMapPanel()),
    PanelDock("dataset", "dataset_panel", "Dataset", BOTTOM, DatasetPanel, live=False, behind="output_map_panel"),
)


def build_panels(document) -> dict[str, QWidget]:
    """Every panel of ``PANEL_DOCKS``, by attribute, in dock order."""
    panels = {}
    for spec in PANEL_DOCKS:
        widget = spec.create(document)
        if spec.live:
            assert isinstance(widget, Panel), f"{spec.title} lacks clear(network) or show_snapshot(snap)"
        panels[spec.attribute] = widget
    return panels


def live_panels(panels: dict[str, QWidget]) -> list:
    """The panels that draw snapshots, in dock order."""
    return [panels[spec.attribute] for spec in PANEL_DOCKS if spec.live]


def dock_panels(window, panels: dict[str, QWidget]) -> dict[str, QDockWidget]:
    """Put each panel into a dock of ``window`` (``window.add_panel``: a View-menu toggle, its layout
    remembered); the docks that have tabs behind them show first. ``{object name: dock}``."""
    docks: dict[str, QDockWidget] = {}
    for spec in PANEL_DOCKS:
        dock = QDockWidget(spec.title, window)
        dock.setObjectName(spec.object_name)
        dock.setWidget(panels[spec.attribute])
        window.add_panel(dock, spec.area, behind=docks[spec.behind] if spec.behind else None)
        docks[spec.object_name] = dock
    for spec in PANEL_DOCKS:
        if spec.behind:
            docks[spec.behind].raise_()
    return docks
