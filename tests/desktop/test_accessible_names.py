"""Every widget and action a student uses has an objectName and an accessible name, so screen
readers and tests find it by name, not by its current text; objectNames are unique.

The walk covers every action of the menus (filled menus included) and toolbars, every input
widget in the docks (the inspector's pages, hidden or not, the panels) and toolbars, and the
status-bar fields. A widget added later without a name fails here: that is the point
(``desktop/naming.py`` has ``name(widget, object_name, accessible_name)`` and ``name_form``).

A ``QAction`` has no accessible name in Qt: a screen reader reads a menu entry's text and a
toolbar button's accessible name. So an action needs an objectName and a text, and the
button a toolbar shows for it is checked like every other input widget.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractSpinBox, QCheckBox, QComboBox, QDockWidget, QLabel, QLineEdit, QSlider, QToolBar,
    QWidget, QWidgetAction,
)

from desktop.naming import name, name_form, plain, slug

INPUTS = (QAbstractSpinBox, QComboBox, QCheckBox, QLineEdit, QSlider, QAbstractButton)


def qt_internal(obj: QObject) -> bool:
    """Qt's own parts (a spin box's line edit, a dock's close button, a toolbar's "more" button)."""
    return obj.objectName().startswith("qt_")


def all_actions(window) -> list[QAction]:
    """Every action of the menu bar (submenus filled as when a student opens them) and the toolbars."""
    found: list[QAction] = []

    def walk(actions) -> None:
        for action in actions:
            if action.isSeparator() or isinstance(action, QWidgetAction) or action in found:
                continue
            found.append(action)
            menu = action.menu()
            if menu is not None:
                menu.aboutToShow.emit()  # Open Recent and Examples fill themselves here
                walk(menu.actions())

    walk(window.menuBar().actions())
    for toolbar in window.findChildren(QToolBar):
        walk(toolbar.actions())
    walk(window.actions_by_name.values())
    return found


def input_widgets(window) -> list[QWidget]:
    containers = window.findChildren(QDockWidget) + window.findChildren(QToolBar)
    widgets = {w for c in containers for w in c.findChildren(QWidget) if isinstance(w, INPUTS)}
    return sorted((w for w in widgets if not qt_internal(w)), key=lambda w: (type(w).__name__, w.objectName()))


def describe(w) -> str:
    text = w.text() if hasattr(w, "text") else ""
    parent = w.parent()
    return f"{type(w).__name__} {w.objectName()!r} text={text!r} in {type(parent).__name__} {parent.objectName()!r}"


def test_every_action_has_an_object_name_and_a_text(main_window):
    actions = all_actions(main_window)
    assert len(actions) > 30
    unnamed = [describe(a) for a in actions if not a.objectName()]
    assert not unnamed, "actions without an objectName:\n" + "\n".join(unnamed)
    silent = [a.objectName() for a in actions if not plain(a.text())]
    assert not silent, f"actions without a text for a screen reader: {silent}"
    for key in ("undo", "redo", "open", "save", "reinit"):
        assert main_window.actions_by_name[key].objectName() == key


def test_every_input_widget_has_an_object_name_and_an_accessible_name(main_window):
    inspector = main_window.inspector
    # the inspector's pages (each made when first shown) are all walked, whichever is showing
    pages = (inspector.network_page, inspector.layer_page, inspector.edge_page, inspector.connection_page)
    widgets = input_widgets(main_window)
    for page in pages:
        assert any(page.isAncestorOf(w) for w in widgets), type(page).__name__
    missing = [describe(w) for w in widgets if not w.objectName() or not w.accessibleName().strip()]
    assert not missing, "input widgets without an objectName or accessible name:\n" + "\n".join(missing)


def test_status_bar_fields_are_named(main_window):
    fields = [w for w in main_window.statusBar().findChildren(QLabel) if not qt_internal(w)]
    assert fields
    missing = [describe(w) for w in fields if not w.objectName() or not w.accessibleName().strip()]
    assert not missing, "\n".join(missing)


def test_object_names_are_unique_in_the_window(main_window):
    objects = all_actions(main_window) + input_widgets(main_window)
    objects += main_window.findChildren(QDockWidget) + main_window.findChildren(QToolBar)
    objects += main_window.statusBar().findChildren(QLabel)
    counts = Counter(o.objectName() for o in set(objects) if o.objectName() and not qt_internal(o))
    duplicates = {n: c for n, c in counts.items() if c > 1}
    assert not duplicates, duplicates


def test_known_names_find_their_widgets(main_window):
    """Tests (and screen readers) find widgets by name: a few that other tests rely on."""
    find = main_window.findChild
    assert find(QWidget, "network_learning_rate") is main_window.inspector.network_page.learning_rate
    assert find(QWidget, "toolbar_learning_rate") is main_window.training.toolbar.learning_rate
    edge_page = main_window.inspector.edge_page  # (made when an edge is first selected)
    assert find(QWidget, "edge_weight") is edge_page.weight
    assert find(QAction, "play").text() in ("Play", "Pause")
    assert find(QWidget, "play_button").accessibleName() == "Play or pause"


def test_name_form_names_fields_from_their_labels(qtbot):
    from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QPushButton, QSpinBox

    page = QWidget()
    qtbot.addWidget(page)
    form = QFormLayout(page)
    rate, beta1, button, first, second = QSpinBox(), QSpinBox(), QPushButton("Choose CSV file…"), QSpinBox(), QSpinBox()
    pair = QHBoxLayout()
    pair.addWidget(name(first, "demo_kind", "Regularization kind"))
    pair.addWidget(second)
    form.addRow("Learning rate", rate)
    form.addRow("β1", beta1)
    form.addRow("", button)
    form.addRow("Regularization", pair)
    form.addRow(QLabel("a note"))
    name_form(form, "demo")
    assert (rate.objectName(), rate.accessibleName()) == ("demo_learning_rate", "Learning rate")
    assert (beta1.objectName(), beta1.accessibleName()) == ("demo_beta1", "β1")
    assert (button.objectName(), button.accessibleName()) == ("demo_choose_csv_file", "Choose CSV file")
    assert (first.objectName(), first.accessibleName()) == ("demo_kind", "Regularization kind")  # kept
    assert (second.objectName(), second.accessibleName()) == ("demo_regularization", "Regularization")
    assert slug("dL/dw") == "dl_dw" and slug("ε") == "epsilon"


def test_the_reinitialise_dialog_and_the_inline_editor_are_named(main_window, canvas, qtbot):
    from desktop.editor.reinit_dialog import ReinitDialog

    dialog = ReinitDialog(main_window)
    qtbot.addWidget(dialog)
    inputs = [w for w in dialog.findChildren(QWidget) if isinstance(w, INPUTS) and not qt_internal(w)]
    assert len(inputs) == 4  # initializer, seed, OK, Cancel
    missing = [describe(w) for w in inputs if not w.objectName() or not w.accessibleName().strip()]
    assert not missing, "\n".join(missing)
    assert dialog.findChild(QWidget, "reinitialise_seed") is dialog.seed
    assert dialog.findChild(QWidget, "reinitialise_ok").text().replace("&", "") == "OK"

    canvas.double_click(canvas.edge_label("x", "h", 0, 1))
    editor = canvas.view.editor
    assert editor is not None and editor.objectName() == "canvas_inline_editor"
    assert "x" in editor.accessibleName() and "h" in editor.accessibleName()
