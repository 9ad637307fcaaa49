"""A network built from scratch has no data: Play, Step and F8 refuse ("Cannot train: the network has no dataset…"),
so the status bar and the Loss panel must not invite the student to train ("Ready to train.", "Press Play to
train."), and the empty Loss plot has no invented loss scale (it showed ticks 0.68 … 0.71): teacher review 24 #5."""
from PySide6.QtCore import Qt

NO_DATA = "No data yet: choose a dataset in the Dataset panel"


def build_from_scratch(qtbot, window, canvas):
    """File → New, the palette's three buttons, two port drags: a network that computes, with no dataset."""
    window.actions_by_name["new"].trigger()
    for kind in ("input", "hidden", "output"):
        qtbot.mouseClick(window.palette_buttons[kind], Qt.MouseButton.LeftButton)
    canvas.connect("x", "h1")
    canvas.connect("h1", "y")
    qtbot.waitUntil(lambda: not window.document.network.problems(), timeout=5000)


def test_a_network_without_data_says_so_where_it_said_ready(main_window, canvas, qtbot):
    w = main_window
    w.resize(1024, 700)
    w.apply_default_layout()
    build_from_scratch(qtbot, w, canvas)
    status = w.training.ui.status_label
    loss = w.training.ui.loss
    qtbot.waitUntil(lambda: status.toolTip() == NO_DATA, timeout=5000)
    assert "Ready" not in status.text()
    assert loss.summary.toolTip() == NO_DATA + "." or NO_DATA in loss.summary.text(), loss.summary.text()
    assert "Press Play" not in loss.summary.text()
    # the empty plot: no numbers on its loss axis nor on its step axis
    assert not loss.loss_plot.getAxis("left").style["showValues"]
    assert not loss.loss_plot.getAxis("bottom").style["showValues"]
    canvas.key(Qt.Key.Key_F5)  # Play still refuses, and says why
    qtbot.waitUntil(lambda: w.statusBar().currentMessage().startswith("Cannot train"), timeout=5000)
    assert "no dataset" in w.statusBar().currentMessage()


def test_choosing_data_makes_it_ready(main_window, canvas, qtbot):
    """The Dataset panel's Apply gives the network data: the invitation to train is back, with a loss scale."""
    from desktop.panels.dataset_panel import DatasetPanel

    w = main_window
    build_from_scratch(qtbot, w, canvas)
    w.training.ui.dataset  # the Dataset panel (made when its dock first shows)
    panel = w.findChild(DatasetPanel)
    panel.generator.setCurrentText("circles")
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    status, loss = w.training.ui.status_label, w.training.ui.loss
    qtbot.waitUntil(lambda: w.training.latest is not None, timeout=10000)
    qtbot.waitUntil(lambda: NO_DATA not in status.text() and NO_DATA not in loss.summary.text(), timeout=5000)
    qtbot.waitUntil(lambda: loss.loss_plot.getAxis("left").style["showValues"], timeout=5000)
    lowest = loss.accuracy_plot if loss.accuracy_plot.isVisible() else loss.loss_plot  # (circles: classes)
    assert lowest.getAxis("bottom").style["showValues"]
