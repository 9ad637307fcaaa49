"""Edit → Connect Selected Layer To… (Ctrl+Shift+L): join the one selected layer to a layer of the student's
choice on its right, by keyboard: a skip connection (x → y past h) needed Ctrl+click before, as Ctrl+L joins a
selected layer to the nearest layer on its right only.

The shortcut opens a small menu at the selected layer listing the layers right of it that it does not feed yet,
nearest first ("x → h", "x → y"): the arrow keys choose one, Enter connects (through the scene's
``request_connect``, so a refused connection says why), Escape leaves it.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu

import core
from desktop import naming

#: what the status bar says when Ctrl+Shift+L finds not one layer selected
SELECT_ONE = "Select one layer (Tab), then Ctrl+Shift+L to choose the layer on its right to connect it to"


def layers_on_the_right(net: core.Network, name: str) -> list[str]:
    """The layers right of ``name`` on the canvas (centre x larger) that ``name`` does not feed yet, nearest first
    (by the distance between centres, as Ctrl+L's ``nearest_on_the_right`` takes the first of them)."""
    x, y = net.layer(name).position
    fed = {target for source, target in net.connections if source == name}
    right = [layer for layer in net.layers if layer.position[0] > x and layer.name not in fed]
    right.sort(key=lambda layer: (layer.position[0] - x) ** 2 + (layer.position[1] - y) ** 2)
    return [layer.name for layer in right]


def choose_target(window) -> QMenu | None:
    """Ctrl+Shift+L: the menu of the layers the one selected layer can join to (``layers_on_the_right``), popped up
    at that layer on the canvas (not blocking: the event loop goes on); None, and the status bar says why, when not
    one layer is selected or nothing lies right of it to connect it to."""
    names = window.scene.selected_layers()
    if len(names) != 1:
        window.show_message(SELECT_ONE)
        return None
    source = names[0]
    targets = layers_on_the_right(window.document.network, source)
    if not targets:
        window.show_message(f"Nothing right of {source} to connect it to (or it feeds them all already)")
        return None
    menu = naming.name(QMenu(window), "connect_to_menu", f"Connect {source} to")
    menu.setToolTipsVisible(True)
    for target in targets:
        action = menu.addAction(f"{source} → {target}")
        action.setToolTip(f"Connect {source} to {target}")
        action.triggered.connect(lambda _checked=False, t=target: window.scene.request_connect(source, t))
    menu.aboutToHide.connect(menu.deleteLater)
    menu.popup(_at_layer(window, source))
    menu.setActiveAction(menu.actions()[0])  # the keyboard starts on the nearest (Enter: as Ctrl+L would)
    window.show_message(f"{source} → which layer? ↑/↓, Enter (Esc: none)")
    return menu


def _at_layer(window, name: str) -> QPoint:
    """Where the menu opens: at the top right of ``name``'s card on the canvas (its port), on screen."""
    canvas = window.canvas
    item = window.scene.layer_items.get(name)
    if item is None:
        return canvas.mapToGlobal(canvas.rect().center())
    corner = canvas.mapFromScene(item.sceneBoundingRect().topRight())
    inside = QPoint(min(max(corner.x(), 0), canvas.width() - 1), min(max(corner.y(), 0), canvas.height() - 1))
    return canvas.viewport().mapToGlobal(inside)
