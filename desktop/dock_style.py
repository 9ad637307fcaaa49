"""The docks' style: the application's own, with the title bar's two icons made once.

Qt's Fusion style builds a new icon each time it is asked for a dock's close or float button,
reading its picture files again, and a dock's layout asks for both at every layout of its title
bar: the window's ten docks asked ~120 times before its first picture, ~1.2 % of a
``--screenshot``'s work. ``DockStyle`` is a ``QProxyStyle`` over a fresh instance of the
application's style that keeps the two icons it has built; everything else (every metric,
every drawing) is the application style's, so a dock looks exactly as before. Only for Fusion (the
style used offscreen and by default on Linux), the one whose pictures were checked to be
identical; with any other style ``dock_style`` returns None and the docks keep the application's.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory


#: the icons a dock's title bar asks for: its close and float buttons (Fusion draws both from picture
#: files, the same for every dock and either layout direction)
TITLE_BAR_ICONS = (QStyle.StandardPixmap.SP_TitleBarCloseButton, QStyle.StandardPixmap.SP_TitleBarNormalButton)


class DockStyle(QProxyStyle):
    """``base``'s look, the title bar's icons (``TITLE_BAR_ICONS``) built once; any other icon is
    asked of ``base`` each time, as before."""

    def __init__(self, base: QStyle):
        super().__init__(base)
        self._icons: dict[QStyle.StandardPixmap, QIcon] = {}

    def standardIcon(self, standardIcon, option=None, widget=None) -> QIcon:  # noqa: N802,N803 (Qt)
        if standardIcon not in TITLE_BAR_ICONS:
            return super().standardIcon(standardIcon, option, widget)
        icon = self._icons.get(standardIcon)
        if icon is None:
            icon = self._icons[standardIcon] = super().standardIcon(standardIcon, option, widget)
        return icon


def dock_style(owner) -> DockStyle | None:
    """A ``DockStyle`` living as long as ``owner`` (a QObject: the main window), or None when the
    application's style is not Fusion."""
    style = QApplication.style()
    if style is None or style.name().lower() != "fusion":
        return None
    shared = DockStyle(QStyleFactory.create(style.name()))
    shared.setParent(owner)
    return shared
