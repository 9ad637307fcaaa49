"""Sentences a student must read are shown whole at 1024×700, or end in "…" with the whole text
in their tooltip: never cut mid-word with no sign that more follows (the gallery's review).

* the step-through's phase sentence (the lesson of the step-through) wraps onto the lines the
  step toolbar's row needs, the same number for every phase of a walk; its last message
  ("Step-through cancelled: nothing changed.") stays there, whole, until a run starts;
* the status bar's message ends in "…" when the permanent labels leave it too little room.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

import core
from desktop.eliding_status_bar import shorter_forms
from test_status_bar_readable import drawn_lines


def open_lesson(qtbot, window, name: str, size=(1024, 700)):
    window.resize(*size)
    assert window.files.open_example(str(core.example_path(name)))  # the Lessons menu's action
    qtbot.waitUntil(lambda: window.training.latest is not None, timeout=15000)


def drawn_text(widget) -> tuple[str, int]:
    """(every character the widget draws, spaces left out; how many lines it draws them on). A line
    arrives in runs (a change of script, "μ·" then "v", is a run of its own)."""
    lines = drawn_lines(widget)
    for text, box in lines:  # every run inside the widget
        assert box.top() >= -0.5 and box.bottom() <= widget.height() + 0.5, (text, box, widget.height())
        assert box.left() >= -0.5 and box.right() <= widget.width() + 0.5, (text, box, widget.width())
    return "".join(text for text, _ in lines).replace(" ", ""), len({round(box.top()) for _, box in lines})


def test_every_phase_sentence_of_the_step_through_is_shown_whole_at_1024(qtbot, main_window):
    window = main_window
    open_lesson(qtbot, window, "xor")
    toolbar = window.training.step_toolbar
    label = toolbar.phase_text
    heights, phases = set(), []
    while not phases or phases[-1] != "update":
        before = window.view_state.stepping
        qtbot.keyClick(window, Qt.Key.Key_F7)  # Next layer: every phase, layer by layer
        qtbot.waitUntil(lambda: window.view_state.stepping not in (None, before), timeout=10000)
        QApplication.processEvents()  # the toolbar lays itself out for the label's lines
        whole = window.stepper.describe(window.view_state.stepping)
        assert label.text().strip() == whole
        shown, lines = drawn_text(label)
        assert shown == whole.replace(" ", ""), (shown, whole)  # whole: no "…", no word lost
        assert label.geometry().bottom() < toolbar.height()
        heights.add(toolbar.height())
        phases.append(window.view_state.stepping.phase)
    assert phases == ["forward", "forward", "loss", "backward", "backward", "update"], phases
    assert lines > 1  # the Update's sentence (the optimizer's rule) takes more than the rest of the row
    assert len(heights) == 1, heights  # the toolbar does not jump from phase to phase
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # Cancel step
    qtbot.waitUntil(lambda: window.view_state.stepping is None, timeout=5000)
    QApplication.processEvents()
    assert label.text() == "Step-through cancelled: nothing changed."  # in the phase's place, whole:
    assert drawn_text(label) == ("Step-throughcancelled:nothingchanged.", 1)
    assert toolbar.height() < min(heights)  # back to one row


def test_the_step_throughs_messages_are_not_repeated_cut_in_the_status_bar(qtbot, main_window):
    """At 1024 px the status bar cut "Step-through cancelled: nothing cha…" (the gallery's trained
    pictures): the step toolbar says it whole, where the phases were, until a run starts."""
    window = main_window
    open_lesson(qtbot, window, "xor")
    bar = window.statusBar()
    label = window.training.step_toolbar.phase_text
    qtbot.keyClick(window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    assert "Forward" not in bar.currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # Cancel step
    QApplication.processEvents()
    assert "cancelled" not in bar.currentMessage()
    assert drawn_text(label)[0] == "Step-throughcancelled:nothingchanged."
    window.training.step_toolbar.sample.setValue(1)  # the Trace box: another sample; the message stays
    QApplication.processEvents()
    assert label.text() == "Step-through cancelled: nothing changed."
    qtbot.keyClick(window, Qt.Key.Key_F6)  # Step: a run starts, the message was about before it
    qtbot.waitUntil(lambda: not window.training.running and window.training.latest.step == 1, timeout=10000)
    assert label.text() == ""


def test_a_long_status_message_ends_in_an_ellipsis_with_the_whole_text_in_its_tooltip(qtbot, main_window):
    window = main_window
    open_lesson(qtbot, window, "circles")
    bar = window.statusBar()
    long = ("Training stopped: early stopping: epoch 212 had the lowest validation loss (0.3123) and the "
            "20 epochs since did not lower it; the weights of epoch 212 are restored")
    window.show_message(long)
    QApplication.processEvents()
    lines = drawn_lines(bar)
    message = [(text, box) for text, box in lines if text.startswith("Training stopped")]
    assert len(message) == 1, lines
    text, box = message[0]
    shortest = shorter_forms(long)[-1]  # (its aside "(0.3123)" left out first: the figures gave it room, not enough)
    assert text.endswith("…") and shortest.startswith(text[:-1]) and len(text) < len(shortest)
    status = window.training.ui.status_label
    assert box.right() <= status.geometry().left(), (box, status.geometry())  # not under the figures
    assert bar.currentMessage() == long and bar.toolTip() == long
    point = QPoint(int(box.center().x()), int(box.center().y()))  # the pointer rests on the message
    QApplication.sendEvent(bar, QHelpEvent(QHelpEvent.Type.ToolTip, point, bar.mapToGlobal(point)))
    assert QToolTip.text() == long
    QToolTip.hideText()

    window.show_message("Saved.")  # a short one: whole, no tooltip left over
    QApplication.processEvents()
    assert [text for text, _ in drawn_lines(bar) if text.startswith("Saved")] == ["Saved."]
    assert bar.toolTip() == ""


def default_layout(qtbot, window, name: str, size: tuple[int, int]):
    """``name`` opened at ``size`` with the default layout for that size, step 0 drawn."""
    open_lesson(qtbot, window, name, size)
    window.apply_default_layout()
    window.training.wait_for_step_0()
    for _ in range(5):  # the layout settles (some panels lay out again on the next turn of the event loop)
        QApplication.processEvents()


def test_the_gradient_heatmaps_caption_on_one_line_is_whole(qtbot, main_window):
    """At 1024×700 the panel is low: its caption takes one line. It read "dL/dw for sample 0
    (x = [0, 0], t = [0]), at the weights befo", cut with nothing to say more follows; then it ended
    in "…". Now it is the longest of its forms that fits the line, whole, the sentence in its tooltip."""
    default_layout(qtbot, main_window, "circles", (1024, 700))
    panel = main_window.training.ui.heatmaps
    assert panel.height() < panel.COMPACT_BELOW
    shown = panel.what.text()
    assert shown.startswith("dL/dw for sample 0") and shown in panel.what.forms()
    lines = drawn_lines(panel.what)
    assert len(lines) == 1, lines
    text, box = lines[0]
    assert box.right() <= panel.what.width() + 0.5
    assert text.strip() == shown and not text.rstrip().endswith("…")
    assert panel.what.toolTip() == panel.what.forms()[0] and panel.what.toolTip().startswith("dL/dw for sample 0 (x = ")


def test_the_output_map_legend_of_a_regression_lesson_is_read_whole_at_1024(qtbot, main_window):
    """sine_regression's legend entry "● one sample: (its target, the network's output)" was one
    unbreakable line wider than the panel: cut at "(its target, the netwo". Its entries now name the
    samples (x₀, t) and the output's line y(x₀): every one read whole."""
    default_layout(qtbot, main_window, "sine_regression", (1024, 700))
    legend = main_window.training.ui.output_map.legend
    entries = legend.entries()
    assert "the network's output y(x₀)" in entries and "sample (x₀, its target t)" in entries
    shown, _ = drawn_text(legend)  # every run inside the label
    for entry in entries:
        assert entry.replace(" ", "") in shown.replace("\xa0", ""), (entry, shown)


def test_the_inspectors_loss_box_shows_the_whole_loss_name_at_1024(qtbot, main_window):
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    default_layout(qtbot, main_window, "xor", (1024, 700))
    main_window.view_state.select(None)  # nothing selected: the inspector shows the network's settings
    inspector = main_window.inspector
    inspector.show_network()
    QApplication.processEvents()
    box = inspector.network_page.loss
    assert box.currentText() == "binary_cross_entropy" and box.isVisible()
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    field = box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                       QStyle.SubControl.SC_ComboBoxEditField, box)
    assert box.fontMetrics().horizontalAdvance(box.currentText()) <= field.width(), field
    assert box.geometry().right() <= box.parentWidget().contentsRect().right() + 1  # in the panel, not past it


def test_a_sentence_longer_than_the_lines_allowed_ends_in_an_ellipsis_and_room_is_kept_for_the_longest(qtbot):
    """In a window too narrow even for the step toolbar's lines, the last line ends in "…" and the
    tooltip has the sentence; a short sentence keeps the height reserved for the walk's longest."""
    from desktop.wrapping_label import WrappingLabel

    long = ("Update (SGD with momentum, lr = 1, μ = 0.9: v = μ·v + g, new = old − lr·v (v remembers earlier "
            "steps)): edges show the new weights; hover one for old → new. F7/F8 applies one training step.")
    label = WrappingLabel("", max_lines=2)
    qtbot.addWidget(label)
    label.resize(220, 60)
    label.show()
    label.setText(long)
    shown = label.shown_lines()
    assert len(shown) == 2 and shown[-1].endswith("…") and long.startswith(shown[0])
    assert label.toolTip() == long
    label.setText("Forward: h computed.")
    assert label.shown_lines() == ["Forward: h computed."] and label.toolTip() == ""
    one_line = label.sizeHint().height()
    label.reserve([long, "Forward: h computed."])
    assert label.sizeHint().height() > one_line  # the walk's longest sentence has its room already
