"""The main window: the canvas in the centre, the inspector and undo history as docks,
menus, toolbars and the status bar. Wiring only: editing lives in ``editor/`` and
``commands.py``, files in ``files.py``.

Contract for other parts of the application (the training UI relies on it):

* ``window.document`` — the ``Document`` (network, undo stack, change signals).
* ``window.canvas`` — the ``NetworkView``; ``window.canvas.scene()`` is the
  ``NetworkScene``; it shows what the view state says and reports the student's selection to it.
* ``window.inspector`` — the ``Inspector`` (its edge page explains the traced gradient).
* ``window.menus`` — ``{"File", "Edit", "View", "Training", "Help": QMenu}``;
  "Training" starts empty. (Also "Examples", "Open Recent" and "Export", File's submenus.)
* ``window.add_panel(dock, area)`` — adds a ``QDockWidget`` and a toggle in View;
  the dock layout is saved and restored with ``QSettings`` (give docks an objectName).
* ``window.panels`` — the panels made with the window, by name (``desktop.docks.PANEL_DOCKS``:
  loss, trajectories, heatmaps, output_map), docked in ``window.panel_docks`` (by object name)
  with the lazy ones (dataset: a ``LazyDock``, its panel made when first shown or asked for,
  ``window.training.ui.dataset``).
* At the end of ``__init__`` ``desktop.training.ui.install_training_ui(window, ...)`` runs with
  those panels; it sets ``window.training``, whose ``shutdown()`` is called on close after the
  unsaved-changes prompt was accepted, and ``window.stepper`` (the step-through).
* ``window.view_state`` — the ``ViewState``: what every number on the canvas means and
  what is selected (``select(Selection...)``, ``selection_changed``).
* ``desktop.lesson.ui.install_lesson_ui(window)`` runs after the training UI: it sets
  ``window.lesson_guide`` (the Lesson panel's guide), ``window.lesson_dock``,
  ``window.predict_mode`` and the Lesson menu, File → New Lesson and the worksheet entries.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCursor, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QToolBar, QToolTip, QUndoView

import core
from desktop import commands, connect_to, naming
from desktop.dock_style import dock_style
from desktop.dock_layout import DockLayoutFollower
from desktop.docks import build_panels, dock_panels, live_panels
from desktop.document import Document
from desktop.eliding_status_bar import ElidingStatusBar
from desktop.editor.palette import LAYER_KINDS, PaletteButton
from desktop.editor.scene import NetworkScene
from desktop.editor.view import NetworkView
from desktop.export_menu import ExportController
from desktop.files import FileController, app_settings
from desktop.lesson.ui import install_lesson_ui
from desktop.note_more import install_note_more
from desktop.panels.chapter_docks import install_chapter_docks
from desktop.panels.inspector import Inspector
from desktop.training.ui import install_training_ui
from desktop.view_state import ViewState

LAYOUT_VERSION = 1


def redo_shortcuts() -> list[QKeySequence]:
    """The platform's Redo keys plus Ctrl+Y and Ctrl+Shift+Z, each once: a key given twice is
    an "ambiguous shortcut" to Qt, and then neither works."""
    keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) + [QKeySequence("Ctrl+Y"),
                                                                      QKeySequence("Ctrl+Shift+Z")]
    unique: dict[str, QKeySequence] = {}
    for key in keys:
        unique.setdefault(key.toString(), key)
    return list(unique.values())


def nearest_on_the_right(net: core.Network, name: str) -> str | None:
    """The layer nearest to ``name``'s right on the canvas (centre x larger; nearest by distance between
    centres) that ``name`` does not feed yet; None when there is none. Ctrl+L with one layer selected
    connects the two (Ctrl+Shift+L offers them all: ``connect_to.layers_on_the_right``)."""
    right = connect_to.layers_on_the_right(net, name)
    return right[0] if right else None


class MainWindow(QMainWindow):
    def __init__(self, restore_layout: bool = True, network: core.Network | None = None, path=None):
        """``network`` (from ``path``, None: an untitled one): the network to open with; given here
        rather than by ``document.replace_network`` afterwards, the panels are built once for it."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.document = Document(network, path)
        self.view_state = ViewState(self.document, self)  # before the views: it answers them
        self.scene = NetworkScene(self)
        self.canvas = NetworkView(self.scene)
        self.setCentralWidget(self.canvas)
        self.scene.set_document(self.document, self.view_state)
        self.files = FileController(self, self.document)
        self.menus: dict = {}
        self.actions_by_name: dict[str, QAction] = {}
        self._dock_style = dock_style(self)  # the docks' title bar icons made once (None: the application's)

        self.inspector = Inspector()
        self.inspector.set_document(self.document, self.view_state)
        self.inspector_dock = self._dock("Inspector", "inspectorDock", self.inspector)
        self.undo_view = QUndoView()  # given the document's undo stack while it shows (_show_history)
        self.undo_view.setEmptyLabel("Start")
        self.history_dock = self._dock("Undo History", "undoHistoryDock", self.undo_view)
        self.history_dock.visibilityChanged.connect(self._show_history)

        self._build_menus()
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.add_panel(self.inspector_dock, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.add_panel(self.history_dock, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.tabifyDockWidget(self.inspector_dock, self.history_dock)
        self.inspector_dock.raise_()
        self._build_toolbars()

        self.scene.message.connect(self.show_message)
        self.inspector.status_message.connect(self.show_message)
        self._said_while_undoing: list[str] | None = None  # the status bar's words since an Undo began
        self.document.undo_starting.connect(lambda: setattr(self, "_said_while_undoing", []))
        self.document.undo_told.connect(self._tell_undo)  # "Undid 5 training steps"
        self.document.file_state_changed.connect(self._update_title)
        self.document.network_replaced.connect(self.canvas.fit)
        self._update_title()
        self.resize(1400, 900)
        self.setStatusBar(ElidingStatusBar(self))  # a long message ends in "…", whole in its tooltip
        self.statusBar().showMessage("Ready")

        self.panels = build_panels(self.document)  # the loss, trajectories, heatmaps, output map, dataset
        self.panel_docks = dock_panels(self, self.panels, self.document)
        install_training_ui(self, self.panels, live_panels(self.panels), self.panel_docks)
        install_chapter_docks(self)
        install_lesson_ui(self)
        install_note_more(self)  # "more…" under the canvas's note when the description says more
        self.dock_layout = DockLayoutFollower(self, self.canvas)
        self.apply_default_layout()
        if restore_layout:
            self.restore_layout()

    # ------------------------------------------------------------- docks
    def _dock(self, title: str, name: str, widget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        return dock

    def add_panel(self, dock: QDockWidget, area=Qt.DockWidgetArea.RightDockWidgetArea,
                  behind: QDockWidget | None = None) -> None:
        """Add a dock panel with a show/hide toggle in the View menu (its layout is remembered);
        ``behind``: a tab behind that dock instead of a place of its own."""
        if not dock.objectName():
            dock.setObjectName((dock.windowTitle() or "panel").replace(" ", "") + "Dock")
        if self._dock_style is not None:
            dock.setStyle(self._dock_style)
        if behind is not None:
            self.tabifyDockWidget(behind, dock)  # only: adding it first leaves a ghost tab bar (Qt)
        else:
            self.addDockWidget(area, dock)
        dock.toggleViewAction().setObjectName(f"{dock.objectName()}_toggle")
        self.menus["View"].addAction(dock.toggleViewAction())

    def apply_default_layout(self) -> None:
        """The default dock layout for the window's size (``desktop.dock_layout``: the canvas gets most
        of the room). Applied at start, when the window changes size while the docks are the default's
        (``dock_layout.DockLayoutFollower``) and when a screenshot sets the window's size
        (``default_layout_size``: the window's (width, height) when it was last applied; None after
        ``restore_layout`` put back a saved one)."""
        self.dock_layout.apply_default()
        QTimer.singleShot(0, self.hide_ghost_tab_bars)
        self.default_layout_size = (self.width(), self.height())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.hide_ghost_tab_bars)

    def hide_ghost_tab_bars(self) -> None:
        """Hide the tab bars Qt leaves behind: with two groups of tabbed docks, tabifying the second
        makes two bars for it, and the unused one stays where it was drawn first, doubling the
        Output map | Dataset tabs. The real bar sits under the dock of its current tab."""
        for bar in self.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if not bar.isVisible() or bar.count() == 0:
                continue
            title = bar.tabText(bar.currentIndex())
            docks = [d for d in self.findChildren(QDockWidget) if d.windowTitle() == title and d.isVisible()]
            if docks and not any(abs(bar.geometry().left() - d.geometry().left()) <= 2 for d in docks):
                bar.hide()

    @property
    def matrix_form_panel(self):
        """The Matrix form dock's panel, made now if its tab has not shown yet (``install_chapter_docks``)."""
        return self.matrix_form_dock.panel()

    @property
    def paths_panel(self):
        """The Sum over paths dock's panel, made now if its tab has not shown yet."""
        return self.paths_dock.panel()

    def restore_layout(self) -> None:
        """The window's size and docks as saved on closing. Docks the student had arranged stay
        arranged (a layout saved before that was recorded counts as arranged); the default's follow
        the window's size again."""
        settings = app_settings()
        geometry, state = settings.value("window/geometry"), settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
            self.default_layout_size = None
        if isinstance(state, QByteArray):
            self.restoreState(state, LAYOUT_VERSION)
            self.default_layout_size = None
            self.dock_layout.arranged = settings.value("window/arranged", "true") not in ("false", False)

    def save_layout(self) -> None:
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        settings.setValue("window/arranged", self.dock_layout.arranged)

    # ------------------------------------------------------------- menus
    def _action(self, name: str, text: str, slot, shortcut=None, tip: str = "", canvas_only=False) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)  # tests and shortcuts find it by name, whatever its text
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        if canvas_only:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.canvas.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        for title in ("File", "Edit", "View", "Training", "Help"):
            self.menus[title] = naming.name(bar.addMenu(f"&{title}"), f"{title.lower()}_menu", title)
        f, e, v, h = (self.menus[k] for k in ("File", "Edit", "View", "Help"))
        files, std = self.files, QKeySequence.StandardKey

        f.addAction(self._action("new", "&New", files.new, std.New, "Start an empty network"))
        f.addAction(self._action("open", "&Open…", files.open, std.Open, "Open a .bpnet network file"))
        recent = naming.name(f.addMenu("Open &Recent"), "recent_menu", "Open Recent")
        recent.aboutToShow.connect(lambda: files.fill_recent_menu(recent))
        examples = naming.name(f.addMenu("&Examples"), "examples_menu", "Examples")
        examples.aboutToShow.connect(lambda: files.fill_examples_menu(examples))  # filled when opened: it
        # reads every lesson file for its title and description, which the window's start does not need
        self.menus["Examples"], self.menus["Open Recent"] = examples, recent
        f.addSeparator()
        f.addAction(self._action("save", "&Save", files.save, std.Save, "Save the network"))
        f.addAction(self._action("save_as", "Save &As…", files.save_as, std.SaveAs, "Save under a new name"))
        f.addAction(self._action("revert", "Re&vert", files.revert, None, "Reload the last saved version"))
        f.addSeparator()
        self.menus["Export"] = naming.name(f.addMenu("E&xport"), "export_menu", "Export")
        self.exports = ExportController(self, self.document)
        self.actions_by_name.update({f"export_{k}": a for k, a in self.exports.build_menu(self.menus["Export"]).items()})
        f.addSeparator()
        f.addAction(self._action("quit", "&Quit", self.close, std.Quit, "Close Backprop Studio"))

        stack = self.document.undo_stack
        undo = naming.name(stack.createUndoAction(self, "&Undo"), "undo")
        undo.setShortcut(QKeySequence(std.Undo))
        redo = naming.name(stack.createRedoAction(self, "&Redo"), "redo")
        redo.setShortcuts(redo_shortcuts())
        self.actions_by_name.update(undo=undo, redo=redo)
        e.addAction(undo)
        e.addAction(redo)
        e.addSeparator()
        for k, (kind, spec) in enumerate(LAYER_KINDS.items(), 1):
            e.addAction(self._action(f"add_{kind}", f"Add {spec.title}", lambda k=kind: self.scene.add_layer(k),
                                     f"Ctrl+{k}", spec.help))
        e.addAction(self._action("connect", "&Connect Selected Layers", self.connect_selected, "Ctrl+L",
                                 "Connect two selected layers, left one to right one; one selected: "
                                 "to the nearest layer on its right (Ctrl+Shift+L: to another)"))
        e.addAction(self._action("connect_to", "Connect Selected Layer &To…", lambda: connect_to.choose_target(self),
                                 "Ctrl+Shift+L", "Connect the selected layer to a layer of your choice on its right "
                                 "(a skip connection past the nearest)"))
        e.addAction(self._action("rename", "Re&name Layer", self.canvas.rename_selected, "F2",
                                 "Type a new name for the selected layer", canvas_only=True))
        e.addAction(self._action("delete", "&Delete", self.scene.delete_selection, QKeySequence.StandardKey.Delete,
                                 "Delete the selected layers, or remove the selected edge", canvas_only=True))
        e.addAction(self._action("delete_connection", "Delete C&onnection", self.scene.delete_selected_connection,
                                 "Shift+Del", "Delete the whole connection of the selected edge", canvas_only=True))
        move = naming.name(e.addMenu("&Move Selection"), "move_menu", "Move Selection")
        for name, key, dx, dy in (("left", "Left", -1, 0), ("right", "Right", 1, 0),
                                  ("up", "Up", 0, -1), ("down", "Down", 0, 1)):
            move.addAction(self._action(f"move_{name}", f"Move {name}", lambda dx=dx, dy=dy: self.canvas.move_selection(dx, dy),
                                        key, "Move the selected layers (Shift: further), or select the neighbouring edge",
                                        canvas_only=True))
        e.addSeparator()
        e.addAction(self._action("reinit", "Re-&initialise Weights…", self.reinitialize, "Ctrl+Shift+I",
                                 "Draw every weight again with a chosen initializer and seed"))

        v.addAction(self._action("zoom_in", "Zoom &In", self.canvas.zoom_in, std.ZoomIn))
        v.addAction(self._action("zoom_out", "Zoom &Out", self.canvas.zoom_out, std.ZoomOut))
        v.addAction(self._action("fit", "&Fit to Window", self.canvas.fit, "Ctrl+0", "Show the whole network"))
        self._build_digits_menu(v)
        legend = self._action("canvas_legend", "Canvas &Legend", lambda: None, None,
                              "Show what the canvas's numbers, colours and lines mean (bottom left of the canvas)")
        legend.setCheckable(True)
        legend.setChecked(True)
        legend.toggled.connect(self._show_legend)
        v.addAction(legend)
        thumbnails = self._action("thumbnails", "Neuron &Thumbnails", lambda: None, None,
                                  "Show each neuron's output over the input plane (one input: a curve over x) inside it")
        thumbnails.setCheckable(True)
        thumbnails.toggled.connect(self.view_state.set_thumbnails)
        self.view_state.thumbnails_changed.connect(thumbnails.setChecked)
        thumbnails.setChecked(self.view_state.thumbnails)
        v.addAction(thumbnails)
        numbers = self._action("canvas_numbers", "&z and b on Canvas", lambda: None, None,
                               "Write each neuron's z = b + Σ w·a and its bias b beside it, for the traced input")
        numbers.setCheckable(True)
        numbers.toggled.connect(self.view_state.set_canvas_numbers)
        self.view_state.canvas_numbers_changed.connect(numbers.setChecked)
        numbers.setChecked(self.view_state.canvas_numbers)
        v.addAction(numbers)
        v.addSeparator()
        v.addAction(self._action("default_layout", "Default &Layout", self.apply_default_layout, None,
                                 "Put the panels back where they start for this window's size; they follow its size again"))

        h.addAction(self._action("shortcuts", "&Keyboard Shortcuts", self.show_shortcuts))

    def _build_digits_menu(self, view_menu) -> None:
        """View → Digits on Canvas: 2 … 6 significant digits for every number on the canvas."""
        menu = naming.name(view_menu.addMenu("&Digits on Canvas"), "digits_menu", "Digits on Canvas")
        group = QActionGroup(self)
        for digits in range(2, 7):
            action = self._action(f"digits_{digits}", f"{digits} significant digits",
                                  lambda checked=False, d=digits: self.view_state.set_digits(d), None,
                                  f"Numbers on the canvas with {digits} significant digits "
                                  f"(0.4996716 shows as {core.format_number(0.4996716, digits)})")
            action.setCheckable(True)
            group.addAction(action)
            menu.addAction(action)

        def show_digits(*_digits) -> None:
            self.actions_by_name[f"digits_{self.view_state.digits}"].setChecked(True)

        self.view_state.digits_changed.connect(show_digits)
        show_digits()

    def _show_legend(self, on: bool) -> None:
        self.canvas.legend.setVisible(on)
        self.canvas.fit()

    def _show_history(self, visible: bool) -> None:
        """The Undo History lists the document's edits while it shows (its tab is raised, its dock
        open). Hidden, it holds no stack: its list was rebuilt with every edit and every training
        Step (~0.3 ms of a Step before the canvas paints) for no one to see."""
        stack = self.document.undo_stack if visible else None
        if self.undo_view.stack() is not stack:
            self.undo_view.setStack(stack)

    def _build_toolbars(self) -> None:
        main = QToolBar("File and Edit", self)
        main.setObjectName("fileToolBar")
        for name in ("new", "open", "save"):
            main.addAction(self.actions_by_name[name])
        stack = self.document.undo_stack
        self.toolbar_undo = naming.name(main.addAction("Undo", stack.undo), "toolbar_undo")  # fixed text: the menu entry names the step
        self.toolbar_redo = naming.name(main.addAction("Redo", stack.redo), "toolbar_redo")
        stack.indexChanged.connect(self._update_undo_buttons)
        self._update_undo_buttons()
        main.addAction(self.actions_by_name["fit"])
        self.addToolBar(main)
        palette = QToolBar("Layers", self)
        palette.setObjectName("paletteToolBar")
        self.palette_buttons = {}
        for kind in LAYER_KINDS:
            button = PaletteButton(kind)
            button.add_requested.connect(self.scene.add_layer)
            palette.addWidget(naming.name(button, f"palette_{kind}", f"Add {LAYER_KINDS[kind].title}"))
            self.palette_buttons[kind] = button
        palette.addAction(self.actions_by_name["reinit"])
        self.addToolBar(palette)
        for toolbar in (main, palette):
            naming.name_toolbar_buttons(toolbar)
            toolbar.toggleViewAction().setObjectName(f"{toolbar.objectName()}_toggle")
            self.menus["View"].addAction(toolbar.toggleViewAction())

    # ----------------------------------------------------------- actions
    def connect_selected(self) -> None:
        """Ctrl+L: connect the two selected layers, left to right; one selected (Tab selects one, no mouse
        needed), connect it to the nearest layer on its right that it does not feed yet (Ctrl+Shift+L,
        ``connect_to``: to one of the student's choice), and say so when a farther one is left."""
        names = self.scene.selected_layers()
        net = self.document.network
        if len(names) == 1:
            target = nearest_on_the_right(net, names[0])
            if target is None:
                self.show_message(f"Nothing right of {names[0]} to connect it to (or it feeds them all already)")
                return
            if self.scene.request_connect(names[0], target) and \
                    connect_to.layers_on_the_right(self.document.network, names[0]):
                # (the way to a farther layer, told where there is one: a skip connection past the nearest)
                self.show_message(f"Connected {names[0]} → {target}; Ctrl+Shift+L connects {names[0]} to a layer "
                                  "of your choice")
            return
        if len(names) != 2:
            self.show_message("Select a layer (Tab: it joins the nearest on its right) or two (Ctrl+click), "
                              "then Ctrl+L")
            return
        a, b = sorted(names, key=lambda n: net.layer(n).position[0])
        self.scene.request_connect(a, b)

    def reinitialize(self) -> None:
        if not self.document.network.connections:
            self.show_message("There are no weights to initialise yet: connect two layers first")
            return
        from desktop.editor.reinit_dialog import ReinitDialog  # loaded when the action is first used

        choice = ReinitDialog.ask(self, "xavier", self.document.network.training.seed)
        if choice is not None:
            method, seed = choice
            reason = self.document.perform(commands.initialize(self.document, method, seed))
            self.show_message(f"Not done: {reason}" if reason else f"Weights drawn again ({method}, seed {seed})")

    def _tell_undo(self, text: str) -> None:
        """What an Undo or Redo did, then as an aside what was said while it ran ("Redid 50 training steps (Lesson:
        stopped at 50 steps)"; a narrow status bar leaves the aside to its tooltip, ``eliding_status_bar``)."""
        said, self._said_while_undoing = self._said_while_undoing or [], None
        self.show_message(f"{text} ({said[-1].rstrip('.')})" if said else text)

    def show_message(self, text: str, detail: str = "") -> None:
        """``text`` in the status bar for 8 s; ``detail`` after it in its tooltip (``ElidingStatusBar``)."""
        if getattr(self, "_said_while_undoing", None) is not None:
            self._said_while_undoing.append(text)
        self.statusBar().show_detailed(text, detail, 8000)
        if text.startswith(("Cannot", "Not")) and self.isVisible():
            QToolTip.showText(QCursor.pos(), text, self.canvas)

    def show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        lines = [f"{a.text().replace('&', '')}: {a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}"
                 for a in self.actions_by_name.values() if not a.shortcut().isEmpty()]
        lines += ["Tab / Shift+Tab on the canvas: select the next / previous layer or connection",
                  "Arrows with an edge selected: the neighbouring edge (up/down: target neuron, left/right: source neuron)",
                  "Enter with an edge selected: type its weight",
                  "Ctrl+Tab: leave the canvas",
                  "Mouse wheel: zoom", "Drag the background: pan", "Double-click an edge or neuron: type a value"]
        QMessageBox.information(self, "Keyboard shortcuts", "\n".join(lines))

    def _update_undo_buttons(self, _index=None) -> None:
        try:
            stack = self.document.undo_stack
            self.toolbar_undo.setEnabled(stack.canUndo())
            self.toolbar_redo.setEnabled(stack.canRedo())
            self.toolbar_undo.setToolTip(f"Undo {stack.undoText()}".strip())
            self.toolbar_redo.setToolTip(f"Redo {stack.redoText()}".strip())
        except RuntimeError:  # the stack is being destroyed with the window
            pass

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.document.display_name}[*] — Backprop Studio")
        self.setWindowModified(self.document.unsaved)

    # ------------------------------------------------------------- close
    def closeEvent(self, event) -> None:
        if not self.files.going_on_if_cancelled(self.files.maybe_save):
            event.ignore()
            return
        self.training.shutdown()
        self.lesson_guide.shutdown()
        self.save_layout()
        event.accept()
