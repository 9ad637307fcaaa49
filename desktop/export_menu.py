"""File → Export: the open network as a NumPy script, a PyTorch script or an ONNX model.

The files come from ``core.export.save_export`` (written atomically: a failed export never
leaves a half-written file). A running training session first hands its newest weights
back, so the export holds what the canvas shows. Every failure becomes a message box with
the reason; the window never shows a traceback. Without the ``onnx`` package the ONNX
entry is disabled and its text says how to enable it.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from .eliding_status_bar import show_detailed
from .saved_where import file_name, written_to


ENTRIES = {  # format → (menu text, tip, file filter, default file name suffix)
    "numpy": ("&NumPy Script…",
              "A standalone Python file that needs only NumPy: the weights, forward pass, backward pass and "
              "optimizer written out, training exactly like Backprop Studio",
              "Python script (*.py)", ".py"),
    "pytorch": ("&PyTorch Script…",
                "A torch.nn.Module with these weights (float64) and a training loop with torch.optim",
                "Python script (*.py)", "_torch.py"),
    "onnx": ("&ONNX Model…", "The forward pass as a float32 ONNX model, input x and output y, for any ONNX runtime",
             "ONNX model (*.onnx)", ".onnx"),
}
ONNX_MISSING_TEXT = 'ONNX Model (needs: pip install onnx)'


def onnx_available() -> bool:
    """``core.export.onnx_available`` (the exporters load when the Export menu first opens, not at start)."""
    from core.export import onnx_available as available

    return available()


class ExportController(QObject):
    """The Export submenu of one main window and its document."""

    def __init__(self, window, document):
        super().__init__(window)
        self.window, self.doc = window, document
        self.actions: dict[str, QAction] = {}

    def build_menu(self, menu: QMenu) -> dict[str, QAction]:
        """Add one action per format to ``menu`` (objectNames ``export_<format>``); returns them by format."""
        for fmt, (text, tip, _, _) in ENTRIES.items():
            action = QAction(text, menu)
            action.setObjectName(f"export_{fmt}")
            action.setStatusTip(tip)
            action.setToolTip(tip)
            action.triggered.connect(lambda _checked=False, f=fmt: self.export(f))
            menu.addAction(action)
            self.actions[fmt] = action
        menu.setToolTipsVisible(True)
        menu.aboutToShow.connect(self.refresh)  # (the ONNX entry's state: not needed before the menu opens)
        return dict(self.actions)

    def refresh(self) -> None:
        """Enable the ONNX entry only when the onnx package is there; otherwise say how to get it."""
        action = self.actions.get("onnx")
        if action is None:
            return
        available = onnx_available()
        action.setEnabled(available)
        action.setText(ENTRIES["onnx"][0] if available else ONNX_MISSING_TEXT)
        from core.export import INSTALL_HINT

        tip = ENTRIES["onnx"][1] if available else INSTALL_HINT
        if not available and getattr(sys, "frozen", False):
            tip += " (the packaged app cannot load it: install Backprop Studio with pip to export ONNX)"
        action.setStatusTip(tip)
        action.setToolTip(tip)

    def suggested_path(self, fmt: str) -> str:
        """Beside the open file, named after it (or after the network) with the format's ending."""
        suffix = ENTRIES[fmt][3]
        if self.doc.path:
            stem, folder = os.path.splitext(os.path.basename(str(self.doc.path)))[0], os.path.dirname(str(self.doc.path))
        else:
            stem, folder = "", ""
        if not stem:
            name = (self.doc.network.name or "network").strip()
            stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name).strip("_") or "network"
        return os.path.join(folder, stem + suffix)

    def export(self, fmt: str, path: str | None = None) -> bool:
        """Export the open network as ``fmt`` to ``path`` (asked for when None). False when cancelled or failed."""
        from core.export import FORMATS, ExportError, save_export

        label = FORMATS[fmt].label
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self.window, f"Export as {label}", self.suggested_path(fmt),
                                                  ENTRIES[fmt][2])
            if not path:
                return False
            if not os.path.splitext(path)[1]:
                path += FORMATS[fmt].suffix
        self.doc.pause_training()  # a running session hands its newest weights back first
        try:
            size = save_export(self.doc.network, fmt, path)
        except ExportError as exc:
            QMessageBox.critical(self.window, "Cannot export the network", str(exc))
            return False
        except OSError as exc:
            QMessageBox.critical(self.window, "Cannot export the network",
                                 f"{path}: cannot write here ({exc.strerror or exc}); nothing was written.")
            return False
        show_detailed(self.window.statusBar(), f"Exported {file_name(path)} ({label}, {size:,} bytes)",
                      written_to(path), 6000)  # the name first, whole at 1024 px; the whole path in the tooltip
        return True
