"""The Undo History panel lists every edit when the student opens its tab, also the edits made
while it was behind the Inspector; clicking a row goes back to that point."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabBar

from desktop import commands


def click_tab(qtbot, window, title: str) -> None:
    """Click the dock tab titled ``title`` (the Inspector and the Undo History share a tab bar)."""
    for bar in window.findChildren(QTabBar):
        for k in range(bar.count()):
            if bar.tabText(k) == title and bar.isVisible():
                qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(k).center())
                return
    raise AssertionError(f"no visible tab {title!r}")


def listed(view) -> list[str]:
    model = view.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_history_lists_the_edits_made_behind_its_tab_and_goes_back_on_a_click(main_window, qtbot):
    doc, view = main_window.document, main_window.undo_view
    source, target = next(iter(doc.network.connections))
    before = doc.network.weights[source, target][0, 0]
    click_tab(qtbot, main_window, "Inspector")
    qtbot.waitUntil(lambda: main_window.inspector_dock.isVisible() and view.visibleRegion().isEmpty())
    for value in (0.25, -0.75):
        assert doc.perform(commands.SetWeight(doc, source, target, 0, 0, value)) is None
    click_tab(qtbot, main_window, "Undo History")
    qtbot.waitUntil(lambda: not view.visibleRegion().isEmpty())
    rows = listed(view)
    assert rows[0] == "Start" and len(rows) == 3
    assert view.currentIndex().row() == 2
    start = view.visualRect(view.model().index(0, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=start.center())
    assert doc.network.weights[source, target][0, 0] == before  # back to the start
    # one more edit while the history is behind the Inspector again: listed when it shows
    click_tab(qtbot, main_window, "Inspector")
    qtbot.waitUntil(lambda: view.visibleRegion().isEmpty())
    assert doc.perform(commands.SetWeight(doc, source, target, 0, 0, 0.5)) is None
    click_tab(qtbot, main_window, "Undo History")
    qtbot.waitUntil(lambda: not view.visibleRegion().isEmpty())
    rows = listed(view)
    assert len(rows) == 2 and view.currentIndex().row() == 1  # the redo rows went with the new edit
