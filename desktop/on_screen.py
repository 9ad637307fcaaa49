"""Whether a widget is on the screen: ``on_screen(widget)``.

Qt keeps a dock that is a tab behind another "visible" (``isVisible()`` is True) and only
moves it off the window, so a panel that asks ``isVisible()`` keeps drawing while a student
cannot see it. A shown dock tab announces itself through ``QDockWidget.visibilityChanged``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QWidget


def on_screen(widget: QWidget) -> bool:
    """Visible, and some of it is on the window (not a dock tab behind another)."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


def dock_of(widget: QWidget) -> QDockWidget | None:
    """The dock ``widget`` sits in, or None."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QDockWidget):
        parent = parent.parentWidget()
    return parent
