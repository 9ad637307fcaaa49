"""Names for the widgets and actions a student uses, so that screen readers and tests find
them by name rather than by their current text.

* ``name(widget, "network_learning_rate", "Learning rate")`` sets the objectName and the
  accessible name of a widget; on a ``QAction`` it sets the objectName (Qt has no accessible
  name for an action: a screen reader reads a menu entry's text, and a toolbar button's
  accessible name, which ``name_toolbar_buttons`` sets).
* ``name_form(form, "network")`` names every field of a ``QFormLayout`` from its row label
  ("Learning rate" → ``network_learning_rate``, accessible name "Learning rate"); a field
  without a label is named from its own text if it is a button or check box. Fields that already
  have an objectName are left as they are, so a row holding two widgets is named by hand.
* ``name_toolbar_buttons(toolbar)`` names the button a toolbar made for each named action.

objectNames are snake_case and unique in the main window (tests/desktop/test_accessible_names.py).
"""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtWidgets import QAbstractButton, QFormLayout, QLabel, QLayout, QMenu, QToolBar, QToolButton, QWidget


def slug(text: str) -> str:
    """'Learning rate' → 'learning_rate', 'β1' → 'beta1', 'dL/dw' → 'dl_dw', 'Choose CSV file…' → 'choose_csv_file'."""
    out = []
    for char in plain(text):
        if char.isascii() or not char.isalnum():
            out.append(char)
        else:  # a Greek letter: its name ('GREEK SMALL LETTER BETA' → 'beta')
            out.append(unicodedata.name(char, "x").split()[-1])
    return re.sub(r"[^a-z0-9]+", "_", "".join(out).lower()).strip("_")


def plain(text: str) -> str:
    """A label as a screen reader should say it: no '&' mnemonic, no trailing '…' or ':'."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip("…:").strip()


def name(obj, object_name: str, accessible_name: str | None = None):
    """Set ``obj``'s objectName and (for a widget) its accessible name; returns ``obj``."""
    obj.setObjectName(object_name)
    if isinstance(obj, QMenu):
        obj.menuAction().setObjectName(f"{object_name}_action")
    if isinstance(obj, QWidget):
        obj.setAccessibleName(plain(accessible_name or obj.objectName().replace("_", " ")))
    return obj


def name_form(form: QFormLayout, prefix: str) -> None:
    """Name every field of ``form`` that has no objectName yet from its row label (see the module doc)."""
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole) or form.itemAt(
            row, QFormLayout.ItemRole.SpanningRole)
        if field_item is None:
            continue
        label = label_item.widget().text() if label_item is not None and isinstance(label_item.widget(), QLabel) else ""
        for widget in _widgets(field_item):
            if widget.objectName():
                continue
            text = plain(label) or (plain(widget.text()) if isinstance(widget, QAbstractButton) else "")
            if text:
                name(widget, f"{prefix}_{slug(text)}", text)


def name_toolbar_buttons(toolbar: QToolBar, accessible: dict[str, str] | None = None) -> None:
    """Give the button ``toolbar`` made for each named action the objectName ``<action>_button`` and
    an accessible name (``accessible[action name]``, else the action's text without '&')."""
    accessible = accessible or {}
    for action in toolbar.actions():
        button = toolbar.widgetForAction(action)
        if not action.objectName() or not isinstance(button, QToolButton):
            continue  # a separator, or a widget the toolbar holds (named by itself)
        name(button, f"{action.objectName()}_button", accessible.get(action.objectName(), action.text()))


def _widgets(item) -> list[QWidget]:
    if item.widget() is not None:
        return [item.widget()]
    layout: QLayout | None = item.layout()
    if layout is None:
        return []
    return [w for k in range(layout.count()) for w in _widgets(layout.itemAt(k))]

