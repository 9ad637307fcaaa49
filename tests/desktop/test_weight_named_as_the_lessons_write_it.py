"""A weight has one name everywhere, the one the lessons and the Inspector write: w[x→y][0,1].

Teacher review 17 (#7): the undo entry of a typed weight read "Set weight x[0] → y[0] to 0.9"; and at
guided_weight_decay steps 8–9, which say "watch w₁ in the weight trajectories", both weights were drawn
in one green under one key, "x → y (2 weights)", so only hovering told which curve was w₁. A network of
a few weights now draws each weight in its own colour under its own key.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from desktop.on_screen import on_screen
from test_lesson_error_hidden import lesson_at_step
from test_lesson_weight_decay_watch import look_at_the_trajectories
from test_texts_whole import drawn_text
from test_undo_history import click_tab, listed
from window_texts import widget_texts


def edit_menu_action(window, object_name: str):
    """The Edit menu's action named ``object_name``, as the menu bar holds it."""
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Edit")
    return next(a for a in menu.actions() if a.objectName() == object_name)


def test_the_undo_entry_of_a_typed_weight_names_it_as_the_inspector_does(main_window, canvas, qtbot):
    key = ("x", "h", 0, 1)  # from x1 to h0
    canvas.double_click(canvas.edge_label(*key))
    editor = canvas.view.editor
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, "0.9")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: canvas.view.editor is None, timeout=3000)
    assert main_window.document.network.weights["x", "h"][0, 1] == 0.9
    undo = edit_menu_action(main_window, "undo")
    assert undo.text().replace("&", "") == "Undo Set weight w[x→h][0,1] to 0.9"
    canvas.click(canvas.edge_label(*key))  # the Inspector names the weight it shows the same way
    qtbot.waitUntil(lambda: any("the weight w[x→h][0,1]," in text for text in widget_texts(main_window.inspector)))
    click_tab(qtbot, main_window, "Undo History")
    qtbot.waitUntil(lambda: "Set weight w[x→h][0,1] to 0.9" in listed(main_window.undo_view))


def pixels_of(image, colour: tuple[int, int, int], centre, radius: int = 3) -> int:
    """How many pixels within ``radius`` of ``centre`` (widget pixels) are exactly ``colour``."""
    hits = 0
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            x, y = int(centre.x()) + dx, int(centre.y()) + dy
            if 0 <= x < image.width() and 0 <= y < image.height():
                c = image.pixelColor(x, y)
                hits += (c.red(), c.green(), c.blue()) == colour
    return hits


def test_w1_has_its_own_colour_and_key_in_the_weight_trajectories_of_guided_weight_decay(qtbot, main_window, canvas):
    main_window.resize(1024, 700)
    main_window.apply_default_layout()
    student, net = lesson_at_step(qtbot, main_window, canvas, "guided_weight_decay", 9)  # "after 100 steps w₁ = …"
    look_at_the_trajectories(student)
    panel = main_window.training.ui.trajectories
    qtbot.waitUntil(lambda: on_screen(panel) and panel.curve_of("x", "y", 0, 1).getData()[0].size > 2)
    keys = dict((name, colour) for colour, name in panel.legend.keys())
    assert list(keys) == ["w[x→y][0,0]", "w[x→y][0,1]"], panel.legend.entries()
    assert keys["w[x→y][0,0]"] != keys["w[x→y][0,1]"]
    QApplication.processEvents()
    # on screen: halfway through training, w₁'s curve is drawn in its key's colour, not in w₀'s
    x, y = panel.curve_of("x", "y", 0, 1).getData()
    half = int(np.flatnonzero(x == 50)[0])
    view = panel.plot_widget
    where = view.mapFromScene(panel.plot.getViewBox().mapViewToScene(QPointF(x[half], y[half])))
    image = view.grab().toImage()
    assert pixels_of(image, keys["w[x→y][0,1]"], where) > 0
    assert pixels_of(image, keys["w[x→y][0,0]"], where) == 0
    # the legend is read whole at 1024×700: every key drawn inside the panel's legend, none cut
    shown, _ = drawn_text(panel.legend)
    for name in keys:
        assert name in shown.replace("\xa0", ""), (name, shown)
