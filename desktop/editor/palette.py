"""The layer palette: kinds of layer a student can add, and toolbar buttons to drag or click.

Clicking a button adds the layer to the right of the network; dragging it onto the
canvas adds it where it is dropped (the view accepts ``LAYER_MIME`` drops).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import QApplication, QToolButton

LAYER_MIME = "application/x-backprop-studio-layer"


@dataclass(frozen=True)
class LayerKind:
    title: str
    prefix: str
    units: int
    activation: str
    bias: bool
    help: str


LAYER_KINDS = {
    # bias=True like a loaded file: an input layer ignores it; it matters if the layer gets an input later
    "input": LayerKind("Input layer", "x", 2, "identity", True,
                       "The layer the data goes into: no activation, no bias"),
    "hidden": LayerKind("Hidden layer", "h", 2, "sigmoid", True,
                        "A sigmoid layer with a bias; change units and activation in the inspector"),
    "output": LayerKind("Output layer", "y", 1, "sigmoid", True,
                        "One sigmoid neuron with a bias: the network's answer"),
}


def new_layer_name(prefix: str, existing) -> str:
    """``prefix`` if free, else prefix2, prefix3, … (hidden layers always count: h1, h2, …)."""
    existing = set(existing)
    if prefix != "h" and prefix not in existing:
        return prefix
    n = 1 if prefix == "h" else 2
    while f"{prefix}{n}" in existing:
        n += 1
    return f"{prefix}{n}"


def run_drag(drag: QDrag) -> None:
    """Run a drag (a seam for tests: offscreen there is no one to drop it)."""
    drag.exec(Qt.DropAction.CopyAction)


class PaletteButton(QToolButton):
    """A tool button that adds a layer on click and starts a drag when pulled."""

    add_requested = Signal(str)

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.kind = kind
        spec = LAYER_KINDS[kind]
        self.setText(f"+ {spec.title}")
        self.setToolTip(f"{spec.help}.\nClick to add it, or drag it onto the canvas.")
        self.setStatusTip(spec.help)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._press: QPoint | None = None
        self.clicked.connect(lambda: self.add_requested.emit(self.kind))

    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event):
        if self._press is not None and (event.position().toPoint() - self._press).manhattanLength() \
                >= QApplication.startDragDistance():
            self._press = None
            self.setDown(False)
            drag = QDrag(self)
            mime = QMimeData()
            mime.setData(LAYER_MIME, self.kind.encode())
            drag.setMimeData(mime)
            drag.setPixmap(self.grab())
            run_drag(drag)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event):
        self._press = None
        super().mouseReleaseEvent(event)
