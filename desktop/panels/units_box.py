"""The Inspector's Units box: a typed number of neurons it cannot take is refused with words.

A ``QSpinBox`` of 1 … ``core.graph.MAX_UNITS`` silently put a typed 0 back to the old value; this one says
why (``refused``), as the rename refusals do ("Not renamed: a layer needs a non-empty name")."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QSpinBox


class UnitsBox(QSpinBox):
    """Number of neurons of a layer, ``minimum`` … ``maximum``; ``refused`` says why a typed number is not taken."""

    refused = Signal(str)

    def __init__(self, minimum: int, maximum: int, parent=None):
        super().__init__(parent)
        self.setRange(minimum, maximum)
        self.setKeyboardTracking(False)

    def fixup(self, text: str) -> str:
        """Qt asks this for a text it cannot take (Enter, or the box left): say why; Qt then shows the old value."""
        kept = f"Units stays {self.value()}"
        try:
            typed = int(text.strip())
        except ValueError:
            self.refused.emit(f"'{text.strip()}' is not a whole number of neurons ({kept})" if text.strip()
                              else f"Type a number of neurons, {self.minimum()} or more ({kept})")
            return text
        if typed < self.minimum():
            need = "neuron" if self.minimum() == 1 else "neurons"
            self.refused.emit(f"A layer needs at least {self.minimum()} {need} ({kept})")
        elif typed > self.maximum():
            self.refused.emit(f"A layer has at most {self.maximum()} neurons ({kept})")
        return text
