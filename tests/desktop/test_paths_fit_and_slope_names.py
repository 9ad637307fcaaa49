"""At guided_chain_rule step 8 (1024×700) the Inspector names the slope σ'(z_h0) as the lesson does, and Sum
over paths shows its whole table (teacher review 16 #6).

* The Inspector's chain rule wrote "dL/dw[x→h][0,0] = a_x0 · f'(z_h0) · dL/da_h0", while the lesson, the
  hints and Sum over paths write σ'(z_h0). It now writes the activation's own slope name and says what
  σ' is.
* Sum over paths showed one table row, cut mid-factor ("? (shows once you answer) × w[h→y][0,0"); path 2
  and the sum were out of view. The table and its sum now come first, each held factor reads "?" with its
  words once under the table, and each row breaks between factors only.
"""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from desktop.panels.paths_view import PathsPanel
from test_lesson_error_hidden import lesson_at_step


def open_at_1024(qtbot, window, canvas, lesson: str, step: int):
    window.resize(1024, 700)
    window.apply_default_layout()
    qtbot.wait(50)
    student, net = lesson_at_step(qtbot, window, canvas, lesson, step)
    canvas.click(canvas.edge_label("x", "h", 0, 0))
    qtbot.waitUntil(lambda: window.view_state.selection is not None
                    and window.view_state.selection.kind == "edge", timeout=5000)
    return student, net


def test_the_inspector_names_the_slope_as_the_lesson_does(qtbot, main_window, canvas):
    window = main_window
    student, net = open_at_1024(qtbot, window, canvas, "guided_chain_rule", 8)
    assert "σ'(z_h0)" in net.lesson.steps[7].text
    student.click_tab("Inspector")
    qtbot.wait(100)
    chain_rule = window.inspector.edge_page.explanation.toPlainText()
    assert "dL/dw[x→h][0,0] = a_x0 · σ'(z_h0) · dL/da_h0" in chain_rule, chain_rule  # was f'(z_h0)
    assert "f'" not in chain_rule, chain_rule
    assert "σ'(z) = σ(z)(1 − σ(z)) = a(1 − a)" in chain_rule, chain_rule  # what σ' is, where the student needs it


def visible_bottom(browser, text: str) -> int:
    """The bottom of ``text`` (its first match, case-sensitive) in the browser's viewport, in px."""
    found = browser.document().find(text, 0, QTextDocument.FindFlag.FindCaseSensitively)
    assert not found.isNull(), (text, browser.toPlainText())
    return browser.cursorRect(found).bottom()


def test_sum_over_paths_shows_its_whole_table_at_1024x700(qtbot, main_window, canvas):
    window = main_window
    student, _ = open_at_1024(qtbot, window, canvas, "guided_chain_rule", 8)
    student.click_tab("Sum over paths")
    qtbot.wait(150)
    browser = window.findChild(PathsPanel).text
    assert browser.verticalScrollBar().value() == 0
    room = browser.viewport().height()
    for last in ("δ_y1 = ", "Sum"):  # the second path's last factor, and the sum under the table
        assert visible_bottom(browser, last) <= room, (last, room, browser.toPlainText())
    document = browser.document()
    block = document.begin()
    while block.isValid():  # every line starts a factor: none is cut ("w[h→y]" / "[0,0] = 0.5")
        layout = block.layout()
        for k in range(layout.lineCount()):
            line = layout.lineAt(k)
            assert not block.text()[line.textStart():].startswith("["), block.text()
        block = block.next()
