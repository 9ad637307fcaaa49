"""Panels nobody has looked at yet are made when the student first shows them (issue 20, start-up).

The Dataset panel opens as a tab behind the Output map: a window (and a ``--screenshot``) does
not build it; raising its tab builds it, showing the network's data, and it follows the
dataset from then on. The inspector's pages are made when first selected.
"""

from __future__ import annotations

import core
from desktop import commands
from desktop.panels.dataset_panel import DatasetPanel
from desktop.panels.inspector_edge import EdgePage
from desktop.view_state import Selection



def click_tab(window, qtbot, title: str) -> None:
    """Click the tab ``title`` of the visible tab bar that holds it, as a student does."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTabBar

    bar = next(b for b in window.findChildren(QTabBar)
               if b.isVisible() and title in [b.tabText(i) for i in range(b.count())])
    index = [bar.tabText(i) for i in range(bar.count())].index(title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())


def test_the_dataset_panel_is_made_when_its_tab_is_raised(main_window, qtbot):
    window = main_window
    assert window.findChildren(DatasetPanel) == []  # a tab behind the Output map: not made yet
    click_tab(window, qtbot, "Dataset")
    qtbot.waitUntil(lambda: len(window.findChildren(DatasetPanel)) == 1)
    panel, = window.findChildren(DatasetPanel)
    assert panel.isVisible() and not panel.visibleRegion().isEmpty()
    net = window.document.network
    assert len(panel.points.data) + len(panel.val_points.data) == len(net.dataset)
    # from then on it follows the dataset (an undoable edit, then Undo)
    data = core.generate("moons", 50, noise=0.1, seed=3)
    window.document.perform(commands.set_dataset(window.document, data, validation_fraction=0.0))
    assert len(panel.points.data) + len(panel.val_points.data) == 50
    window.document.undo_stack.undo()
    assert len(panel.points.data) + len(panel.val_points.data) == len(net.dataset)


def test_a_dataset_changed_before_the_panel_is_made_shows_in_it(main_window, qtbot):
    window = main_window
    data = core.generate("moons", 40, noise=0.1, seed=3)
    window.document.perform(commands.set_dataset(window.document, data, validation_fraction=0.0))
    assert window.findChildren(DatasetPanel) == []
    click_tab(window, qtbot, "Dataset")
    qtbot.waitUntil(lambda: len(window.findChildren(DatasetPanel)) == 1)
    panel, = window.findChildren(DatasetPanel)
    assert len(panel.points.data) + len(panel.val_points.data) == 40


def test_the_edge_page_is_made_when_an_edge_is_first_selected(main_window, qtbot):
    window = main_window
    assert window.findChildren(EdgePage) == []  # the window opens on the network page
    net = window.document.network
    source, target = next(iter(net.connections))
    window.view_state.select(Selection.edge(source, target, 0, 0))
    page, = window.findChildren(EdgePage)
    assert window.inspector.current_page() is page and page.isVisible()


def test_the_matrix_form_and_paths_panels_are_made_when_their_tabs_are_raised(main_window, qtbot):
    """Tabs behind the Gradient heatmaps: not made with the window; clicking a tab makes its panel,
    which shows the selected layer's matrices at once and follows the selection from then on."""
    from desktop.panels.matrix_view import MatrixFormPanel
    from desktop.panels.paths_view import PathsPanel

    window = main_window
    assert window.findChildren(MatrixFormPanel) == [] and window.findChildren(PathsPanel) == []
    hidden = window.document.network.order()[1]
    window.view_state.select(Selection.of_layers(hidden))
    click_tab(window, qtbot, "Matrix form")
    qtbot.waitUntil(lambda: len(window.findChildren(MatrixFormPanel)) == 1)
    panel, = window.findChildren(MatrixFormPanel)
    assert panel.isVisible() and not panel.visibleRegion().isEmpty()
    qtbot.waitUntil(lambda: "Z = A_prev · Wᵀ + b" in panel.text.toPlainText())
    window.view_state.select(Selection.of_layers())  # the selection cleared: the page follows
    qtbot.waitUntil(lambda: "Select a layer" in panel.text.toPlainText())
    assert window.findChildren(PathsPanel) == []  # still behind: not made
    click_tab(window, qtbot, "Sum over paths")
    qtbot.waitUntil(lambda: len(window.findChildren(PathsPanel)) == 1)
    click_tab(window, qtbot, "Matrix form")  # raised again: it shows the current selection
    window.view_state.select(Selection.of_layers(hidden))
    qtbot.waitUntil(lambda: "Z = A_prev · Wᵀ + b" in panel.text.toPlainText())
