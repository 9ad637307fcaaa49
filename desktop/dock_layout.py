"""The window's dock layout: the default one for the window's size, and what happens to the docks
when the window changes size.

The default layout (``apply_default_layout``) gives the canvas most of the room: the left docks
(the inspector's forms) a width of 0.28·W clamped to 300–350 px, the right docks 0.25·W clamped to
250–350 px (for a file with a guided lesson in a window narrower than ``NARROW_WIDTH``: 0.2·W, at
least 200 px), the bottom docks 0.3·H (W × H: the window's size). Below about 1000 px the side columns
narrow together, in proportion, so that the canvas keeps ``DEFAULT_CANVAS_SHARE`` of the width (each
column no narrower than its docks need, ``SIDE_LEAST``). Below ``COMPACT_HEIGHT`` the Weight
trajectories wait behind the Loss panel (a tab); at or above it they sit below it, the Loss panel
0.4·H high and the trajectories 0.3·H. In a window smaller than ``SMALL_WINDOW`` the Output map (with the
Dataset behind it) waits behind the Gradient heatmaps (tabs): beside them its plot shrank to about 50 px
at 900×650; tabbed, each has the bottom's whole width (``tab_output_map``).

``DockLayoutFollower`` keeps that layout matching the window: a window shrunk from 1400×900 to
1024×700 kept its 350-px side docks, so the canvas had about 310 px (its network drawn at the
smallest zoom, cards cut, edge numbers gone) beside a Loss plot 25 px high. While the docks are as
the default left them, each change of the window's size applies the default layout of the new size.
Once the student arranged the docks (dragged a separator between them, moved or floated one), their
arrangement stays; the canvas then keeps at least ``CANVAS_SHARE`` of the window's width and height,
the docks beside it (below it) giving up room in proportion to their size. View → Default Layout
puts the default back, and the docks follow the window's size again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

from desktop.on_screen import on_screen

#: below this window width a window whose file has a guided lesson narrows the right
#: column to ``LESSON_RIGHT_SHARE``·W, at least ``LESSON_RIGHT_LEAST`` px: the canvas, where the lesson's
#: numbers are read, gets ~50 px more (guided_chain_rule's 2-2-2 at 1024×700 had 454 px, its digits 7 px:
#: the panels' 12 px texts need ~500 px in every phase)
NARROW_WIDTH = 1100
LESSON_RIGHT_SHARE, LESSON_RIGHT_LEAST = 0.2, 200
#: below this window height the default layout puts the Weight trajectories behind the Loss panel (a tab)
COMPACT_HEIGHT = 800
#: below this window width or height (px) the default layout tabs the Output map with the Gradient heatmaps:
#: beside them, 0.3·H high and about 230 px wide, its plot was a 50-px stamp at 900×650 (1024×700 keeps them apart)
SMALL_WINDOW = (1000, 680)
#: the least fraction of the window's width (height) the canvas keeps when the window shrinks with
#: docks the student arranged (the default layout gives it about 0.45 at 1024×700, 0.5 at 1400×900)
CANVAS_SHARE = 0.4
#: the least fraction of the window's width the default layout leaves the canvas (``leave_canvas_share``):
#: the side columns' widths leave it 0.45 at 1024 px and more above; at 900×650 they left it 0.38, at 800×600 0.3
DEFAULT_CANVAS_SHARE = 0.45

LEFT, RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea
HORIZONTAL, VERTICAL = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
#: the least width the default layout narrows a side column to for the canvas (beyond its docks' minimum
#: size hints: the Inspector's forms need 280 px): the Loss panel's words and plot stay readable at 180
SIDE_LEAST = {LEFT: 0, RIGHT: 180}


def docked_by_area(window) -> dict:
    """``{area: [dock, ...]}``: the window's docks that are not floating, in the order Qt lists them."""
    by_area: dict = {}
    for dock in window.findChildren(QDockWidget):
        if not dock.isFloating():
            by_area.setdefault(window.dockWidgetArea(dock), []).append(dock)
    return by_area


def apply_default_layout(window) -> None:
    """The default layout (see the module) for the window's size now."""
    by_area = docked_by_area(window)
    widths = {LEFT: min(350, max(300, window.width() * 0.28)), RIGHT: min(350, max(250, window.width() * 0.25))}
    if window.width() < NARROW_WIDTH and has_lesson(window):
        widths[RIGHT] = max(LESSON_RIGHT_LEAST, window.width() * LESSON_RIGHT_SHARE)
    least = {area: max(SIDE_LEAST[area], max((d.minimumSizeHint().width() for d in by_area.get(area, [])), default=0))
             for area in widths}
    widths = leave_canvas_share(widths, window.width(), least)
    for area, width in widths.items():
        if by_area.get(area):
            window.resizeDocks(by_area[area][:1], [int(width)], HORIZONTAL)
    named = {d.objectName(): d for d in by_area.get(RIGHT, [])}
    loss, trajectories = named.get("loss_panel"), named.get("trajectories_panel")
    if loss is not None and trajectories is not None:
        tabbed = trajectories in window.tabifiedDockWidgets(loss)
        if window.height() < COMPACT_HEIGHT:  # too short for both: the trajectories wait behind the loss
            if not tabbed:
                window.tabifyDockWidget(loss, trajectories)
            QTimer.singleShot(0, loss.raise_)
        else:
            if tabbed and trajectories.toggleViewAction().isChecked():  # tall enough again: below the loss
                window.removeDockWidget(trajectories)  # (splitDockWidget from a tab only adds another tab)
                window.addDockWidget(RIGHT, trajectories, VERTICAL)
                trajectories.show()
            if trajectories not in window.tabifiedDockWidgets(loss):  # the loss panel gets more of the column
                window.resizeDocks([loss, trajectories], [int(window.height() * 0.4), int(window.height() * 0.3)],
                                   VERTICAL)
    tab_output_map(window, window.width() < SMALL_WINDOW[0] or window.height() < SMALL_WINDOW[1])
    bottom = docked_by_area(window).get(BOTTOM)
    if bottom:  # (a dock that shows: a tab behind another was not resized, and the bottom kept its minimum)
        shown = [dock for dock in bottom if not dock.visibleRegion().isEmpty()] or bottom
        window.resizeDocks(shown[:1], [int(window.height() * 0.3)], VERTICAL)


def tab_output_map(window, tabbed: bool) -> None:
    """The Output map dock (and the Dataset dock behind it) as tabs behind the Gradient heatmaps
    (``tabbed``), or beside them, right of them in the bottom area; the heatmaps' tab shows. A dock the
    student hid stays hidden; a floating or moved one is left where it is."""
    named = {d.objectName(): d for d in window.findChildren(QDockWidget)}
    heat, out, data = (named.get(n) for n in ("heatmaps_panel", "output_map_panel", "dataset_panel"))
    if heat is None or out is None or any(d is not None and (d.isFloating() or window.dockWidgetArea(d) != BOTTOM)
                                           for d in (heat, out, data)):
        return
    together = out in window.tabifiedDockWidgets(heat)
    size = window.size()
    if tabbed and not together:
        for dock in (data, out):  # the Dataset first: left alone beside the heatmaps it widened the window
            if dock is not None:
                blocked = dock.blockSignals(True)  # (raised a moment, the Dataset's panel was made: its form's
                window.tabifyDockWidget(heat, dock)  # height became the bottom's least, 17 px of the canvas's)
                heat.raise_()
                dock.blockSignals(blocked)
        QTimer.singleShot(0, heat.raise_)
    elif not tabbed and together:
        shown = {d: d.toggleViewAction().isChecked() for d in (out, data) if d is not None}
        for dock in shown:  # (splitDockWidget from a tab only adds another tab)
            window.removeDockWidget(dock)
        window.addDockWidget(BOTTOM, out, HORIZONTAL)
        if data is not None:
            window.tabifyDockWidget(out, data)
        for dock, visible in shown.items():
            dock.setVisible(visible)
        QTimer.singleShot(0, out.raise_)
        QTimer.singleShot(0, heat.raise_)
    if window.size() != size:  # a moment's arrangement may have needed more room than the window had
        window.resize(size)


def leave_canvas_share(widths: dict, window_width: float, least: dict) -> dict:
    """``widths`` ({area: px}) of the side columns, narrowed in proportion where together they leave the
    canvas less than ``DEFAULT_CANVAS_SHARE`` of ``window_width`` W: with the columns s px too wide in
    all, a column of width d among columns of total width D gives s·d/D (at 900 px, 300 + 250 → 270 + 225),
    but none below its ``least`` ({area: px}); what one cannot give, the others give (the Inspector's least
    of 280 px makes that 280 + 215)."""
    widths = dict(widths)
    giving = [area for area in widths if widths[area] > least.get(area, 0)]
    while giving:
        short = sum(widths.values()) - (1 - DEFAULT_CANVAS_SHARE) * window_width
        total = sum(widths[area] for area in giving)
        if short <= 0.5 or total <= 0:
            break
        for area in giving:
            widths[area] = max(widths[area] - short * widths[area] / total, least.get(area, 0))
        giving = [area for area in giving if widths[area] > least.get(area, 0)]
    return widths


def has_lesson(window) -> bool:
    """Whether the open file has a guided lesson (its Lesson panel open or closed: a student who left the
    lesson to see every number reads them on the same canvas)."""
    guide = getattr(window, "lesson_guide", None)
    return guide is not None and guide.lesson is not None


def keep_canvas_share(window, canvas) -> None:
    """Narrow (lower) the docks on screen beside (below) ``canvas``, one of each tab group, in proportion
    to their size until it has ``CANVAS_SHARE`` of the window's width (height): with the canvas short by
    s px, a dock of size d among docks of total size D gives s·d/D, keeping its minimum size."""
    by_area = docked_by_area(window)
    for areas, orientation, size, room in (((LEFT, RIGHT), HORIZONTAL, lambda w: w.width(), canvas.width()),
                                           ((BOTTOM,), VERTICAL, lambda w: w.height(), canvas.height())):
        short = CANVAS_SHARE * size(window) - room
        if short <= 1:
            continue
        docks = [next(d for d in by_area[a] if on_screen(d)) for a in areas if any(map(on_screen, by_area.get(a, [])))]
        total = sum(size(d) for d in docks)
        if not docks or total <= 0:
            continue
        least = [size(d.minimumSizeHint()) for d in docks]
        window.resizeDocks(docks, [max(int(size(d) - short * size(d) / total), lo) for d, lo in zip(docks, least)],
                           orientation)


class DockLayoutFollower(QObject):
    """Applies the default layout of the window's new size after each change of its size (once per
    burst of resizes), or, once the student arranged the docks (``arranged``), only keeps the canvas
    its share (``keep_canvas_share``). The student arranges the docks by dragging a separator (the
    docks' sizes differ between the press and the release of the mouse on the window itself), by
    moving a dock elsewhere or by floating it (Qt's signals, but while ``apply_default`` moves them).
    Hiding or showing a dock is not arranging: the default layout keeps a hidden dock hidden."""

    def __init__(self, window, canvas, arranged: bool = False):
        super().__init__(window)
        self.window, self.canvas, self.arranged = window, canvas, arranged
        self._applying = False
        self._pressed_sizes = None
        self._follow = QTimer(self)
        self._follow.setSingleShot(True)
        self._follow.setInterval(0)
        self._follow.timeout.connect(self.follow)
        for dock in window.findChildren(QDockWidget):
            dock.dockLocationChanged.connect(self._dock_moved)
            dock.topLevelChanged.connect(self._dock_moved)
        window.installEventFilter(self)

    def apply_default(self) -> None:
        """The default layout for the window's size; the docks count as the default's again."""
        self._applying = True
        try:
            apply_default_layout(self.window)
        finally:
            self._applying = False
        self.arranged = False

    def follow(self) -> None:
        """What a change of the window's size does to the docks (see the class)."""
        if self.arranged:
            keep_canvas_share(self.window, self.canvas)
        else:
            self.window.apply_default_layout()

    def _dock_sizes(self) -> list:
        return [(d.objectName(), d.geometry().getRect()) for d in self.window.findChildren(QDockWidget) if d.isVisible()]

    def _dock_moved(self, *_args) -> None:
        if not self._applying:
            self.arranged = True

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt)
        if watched is self.window:
            kind = event.type()
            if kind == QEvent.Type.Resize:
                self._follow.start()
            elif kind == QEvent.Type.MouseButtonPress:  # on the window itself: a separator between docks
                self._pressed_sizes = self._dock_sizes()
            elif kind == QEvent.Type.MouseButtonRelease and self._pressed_sizes is not None:
                if self._dock_sizes() != self._pressed_sizes:
                    self.arranged = True
                self._pressed_sizes = None
        return False
