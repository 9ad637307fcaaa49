"""The textbook chapter's docks: the matrix form of a layer and the sum over paths (and the
Training → Cross-validate… menu entry, ``desktop.kfold.dialog``).

``install_chapter_docks(window)`` makes them as tabs behind the gradient heatmaps (or at the
bottom when there are none), each with its toggle in the View menu, and connects them to the
window's view state. They read the view state and never change the document.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget

from .loss import LossPanel
from .matrix_view import MatrixFormPanel
from .paths_view import PathsPanel

#: (window attribute, dock objectName, title, widget class)
CHAPTER_DOCKS = (
    ("matrix_form", "matrix_form_panel", "Matrix form", MatrixFormPanel),
    ("paths", "paths_panel", "Sum over paths", PathsPanel),
)


def install_chapter_docks(window) -> None:
    behind = window.findChild(QDockWidget, "heatmaps_panel")
    for attribute, object_name, title, make in CHAPTER_DOCKS:
        panel = make()
        dock = QDockWidget(title, window)
        dock.setObjectName(object_name)
        dock.setWidget(panel)
        window.add_panel(dock, Qt.DockWidgetArea.BottomDockWidgetArea, behind=behind)
        panel.set_view_state(window.view_state)
        setattr(window, f"{attribute}_panel", panel)
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
