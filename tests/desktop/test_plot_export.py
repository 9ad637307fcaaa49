"""A plot's right-click Export… offers only formats that work: each one writes the loss plot to a file.

pyqtgraph 0.14's SVG exporter fails on every plot with Qt 6.11 and its Matplotlib one needs
matplotlib (not installed): a student who picked either got an error instead of a file."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QApplication


def test_export_offers_only_formats_that_write_the_plot(qtbot, main_window, tmp_path):
    window = main_window
    window.training.step()
    qtbot.waitUntil(lambda: window.training.latest is not None and not window.training.running, timeout=10000)
    plot = window.training.ui.loss.loss_plot
    scene = plot.scene()
    scene.contextMenuItem = plot  # what a right-click on the plot sets before Export… opens the dialog
    scene.showExportDialog()
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
