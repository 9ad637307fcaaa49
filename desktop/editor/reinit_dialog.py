"""The "Re-initialise weights" dialog: choose an initializer and a seed."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox

import core
from desktop.naming import name, name_form, slug

EXPLANATIONS = {
    "zeros": "every weight 0 (shows why symmetric starts cannot learn)",
    "uniform": "U(−1/√fan_in, 1/√fan_in)",
    "xavier": "U(±√(6/(fan_in + fan_out))), good for sigmoid and tanh",
    "he": "N(0, 2/fan_in), good for relu",
}


class ReinitDialog(QDialog):
    def __init__(self, parent=None, method: str = "xavier", seed: int = 0):
        super().__init__(parent)
        self.setWindowTitle("Re-initialise weights")
        self.setObjectName("reinitialise_dialog")
        self.method = QComboBox()
        self.method.addItems(list(core.INITIALIZERS))
        self.method.setCurrentText(method)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(seed)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.method.currentTextChanged.connect(lambda m: self.explanation.setText(EXPLANATIONS.get(m, "")))
        self.explanation.setText(EXPLANATIONS.get(method, ""))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Initializer", self.method)
        form.addRow("", self.explanation)
        form.addRow("Seed", self.seed)
        form.addRow(QLabel("Every weight is drawn again; every bias becomes 0. Undo brings the old ones back."))
        form.addRow(buttons)
        name_form(form, "reinitialise")
        for button in buttons.buttons():
            name(button, f"reinitialise_{slug(buttons.standardButton(button).name)}", button.text())

    @classmethod
    def ask(cls, parent, method: str = "xavier", seed: int = 0) -> tuple[str, int] | None:
        """(initializer, seed), or None when cancelled."""
        dialog = cls(parent, method, seed)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.method.currentText(), dialog.seed.value()
        return None
