"""A plot's right-click Export… offers only formats that work: each one writes the loss plot to a file.

pyqtgraph 0.14's SVG exporter fails on every plot with Qt 6.11 and its Matplotlib one needs
matplotlib (not installed): a student who picked either got an error instead of a file. The
exporters are filtered when a plot's menu is first built (they load then, not with the window), so
the test opens the menu as a student does: a right-click on the plot, then Export…."""

from __future__ import annotations

import os

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu


def right_click_export(qtbot, plot) -> None:
    """Right-click the middle of ``plot``'s data area and choose Export… in the menu that opens."""
    view = plot.scene().views()[0]
    middle = view.mapFromScene(plot.vb.sceneBoundingRect().center())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, QPoint(middle))
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    export = next(a for a in menu.actions() if a.text().replace("&", "").startswith("Export"))
    menu.close()
    export.trigger()


def test_export_offers_only_formats_that_write_the_plot(qtbot, main_window, tmp_path):
    window = main_window
    window.training.step()
    qtbot.waitUntil(lambda: window.training.latest is not None and not window.training.running, timeout=10000)
    plot = window.training.ui.loss.loss_plot
    right_click_export(qtbot, plot)
    scene = plot.scene()
    qtbot.waitUntil(lambda: scene.exportDialog is not None and scene.exportDialog.isVisible())
    dialog = scene.exportDialog
    try:
        formats = [dialog.ui.formatList.item(k) for k in range(dialog.ui.formatList.count())]
        names = [item.text() for item in formats]
        assert names and not any("SVG" in n or "Matplotlib" in n for n in names), names
        for k, item in enumerate(formats):
            dialog.ui.formatList.setCurrentRow(k)
            exporter = dialog.currentExporter
            target = str(tmp_path / f"plot{k}.{'csv' if 'CSV' in item.text() else 'png'}")
            exporter.export(fileName=target)
            assert os.path.getsize(target) > 0, item.text()
    finally:
        dialog.close()
        QApplication.processEvents()
