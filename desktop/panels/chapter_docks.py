"""The textbook chapter's docks: the matrix form of a layer and the sum over paths (and the
Training → Cross-validate… menu entry, ``desktop.kfold.dialog``).

``install_chapter_docks(window)`` makes them as tabs behind the gradient heatmaps (or at the
bottom when there are none), each with its toggle in the View menu. Each is a ``LazyDock``: its
panel (and its module) is made the first time its tab shows, or when asked for
(``window.matrix_form_panel``, ``window.paths_panel``), and then follows the window's view state.
They read the view state and never change the document.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget

from desktop.docks import LazyDock

from .loss import LossPanel


def _matrix_form_panel():
    from .matrix_view import MatrixFormPanel

    return MatrixFormPanel()


def _paths_panel():
    from .paths_view import PathsPanel

    return PathsPanel()


#: (window attribute, dock objectName, title, what makes the panel)
CHAPTER_DOCKS = (
    ("matrix_form", "matrix_form_panel", "Matrix form", _matrix_form_panel),
    ("paths", "paths_panel", "Sum over paths", _paths_panel),
)


def install_chapter_docks(window) -> None:
    behind = window.findChild(QDockWidget, "heatmaps_panel")
    for attribute, object_name, title, make in CHAPTER_DOCKS:
        dock = LazyDock(title, window, make)
        dock.setObjectName(object_name)
        # in its dock by then: it redraws when its tab is raised again
        dock.panel_made.connect(lambda panel: panel.set_view_state(window.view_state))
        window.add_panel(dock, Qt.DockWidgetArea.BottomDockWidgetArea, behind=behind)
        setattr(window, f"{attribute}_dock", dock)
    if behind is not None:
        behind.raise_()
    action = QAction("Cross-validate…", window)
    action.setObjectName("cross_validate")
    action.setToolTip("k-fold cross-validation: train k copies, each holding out one fold of the samples")
    action.triggered.connect(lambda: cross_validate(window))
    window.menus["Training"].addSeparator()
    window.menus["Training"].addAction(action)
    window.actions_by_name["cross_validate"] = action
    loss = window.findChild(LossPanel)
    if loss is not None:  # View → Mean |dL/dw| per Layer: the Loss panel's third plot
        window.menus["View"].addAction(loss.show_gradients)
        window.actions_by_name["loss_gradient_lines"] = loss.show_gradients


def cross_validate(window) -> None:
    """Training → Cross-validate… (its dialog and process modules load when first asked for)."""
    from desktop.kfold.dialog import open_cross_validate

    open_cross_validate(window)
