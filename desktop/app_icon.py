"""The application icon: ``resources/icons/backprop-studio.svg``, drawn by Qt's SVG icon engine.

The same SVG is rendered to PNG/ICO/ICNS for the packaged program's file icon
(``packaging/make_icons.py``); at run time Qt scales the SVG itself, so the window,
task bar and dock get a sharp icon at any size.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon

ICON_FILE = "backprop-studio.svg"


def application_icon() -> QIcon:
    """The icon (a null ``QIcon`` if the file is missing: the app then just has no icon)."""
    path = resources.files("resources") / "icons" / ICON_FILE
    return QIcon(str(path)) if path.is_file() else QIcon()
