"""The Inspector's chain rule keeps a gap between its lines: an underscore never touches the line below.

The teacher's review at 1024×700: in the monospace chain-rule pane, "dL/dw[h→y][0,0] = a_h0 · δ_y0"
drew its underscores on the tops of the next line's letters ("= dL/dz)"), and "δ_y0 = dL/dz_y0 = …"
ran into "(0.002345 − 0)/1": the lines sat ascent + descent apart, one pixel row between them. Each
line now has room under it; this looks at the pixels the pane draws.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor

import core
from lesson_support import Student

#: blank pixel rows between an underscore and the line below that read as a gap (one read as touching)
GAP = 3


def open_xor_at_1024(qtbot, window) -> None:
    window.resize(1024, 700)
    assert window.files.open_example(str(core.example_path("xor")))  # the Lessons menu's action
    window.apply_default_layout()
    qtbot.waitUntil(lambda: window.training.latest is not None, timeout=15000)


def visual_lines(pane) -> list[tuple[int, int, str]]:
    """(top, bottom, text) of each line the pane shows (a wrapped paragraph: several), in viewport pixels."""
    lines = []
    block = pane.document().begin()
    while block.isValid():
        layout = block.layout()
        for k in range(layout.lineCount()):
            line = layout.lineAt(k)
            cursor = QTextCursor(block)
            cursor.setPosition(block.position() + line.textStart())
            rect = pane.cursorRect(cursor)
            text = block.text()[line.textStart():line.textStart() + line.textLength()]
            lines.append((rect.top(), rect.bottom(), text))
        block = block.next()
    return lines


def ink_rows(pane) -> set[int]:
    """The viewport's pixel rows that have text on them (darker than mid grey)."""
    image = pane.viewport().grab().toImage()
    rows = set()
    for y in range(image.height()):
        if any(QColor(image.pixel(x, y)).lightness() < 140 for x in range(2, image.width() - 2)):
            rows.add(y)
    return rows


def test_an_underscore_in_the_chain_rule_never_touches_the_line_below(qtbot, main_window, canvas):
    window = main_window
    open_xor_at_1024(qtbot, window)
    canvas.click(canvas.edge_point("h", "y", 0, 0, fraction=0.4))  # the student clicks an edge into the output
    qtbot.waitUntil(lambda: window.view_state.selection is not None
                    and window.view_state.selection.kind == "edge", timeout=5000)
    Student(qtbot, window).click_tab("Inspector")
    pane = window.inspector.edge_page.explanation
    qtbot.waitUntil(lambda: "a_h0" in pane.toPlainText(), timeout=5000)
    qtbot.wait(50)

    lines = visual_lines(pane)
    ink = ink_rows(pane)
    height = pane.viewport().height()
    checked = 0
    for (top, bottom, text), (next_top, next_bottom, next_text) in zip(lines, lines[1:]):
        if "_" not in text or not next_text.strip() or next_bottom >= height:
            continue
        middle, next_middle = (top + bottom) // 2, (next_top + next_bottom) // 2
        blank = [y for y in range(middle, next_middle) if y not in ink]
        assert len(blank) >= GAP, \
            f"{text!r} touches the line below, {next_text!r}: {len(blank)} blank pixel rows between them"
        checked += 1
    assert checked >= 2, [text for _, _, text in lines]
    assert pane.font().fixedPitch() or pane.fontInfo().fixedPitch()  # still the monospace pane
    assert pane.isReadOnly() and pane.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
