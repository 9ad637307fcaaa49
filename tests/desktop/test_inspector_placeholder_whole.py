"""The Inspector's layer page says, while nothing can be explained, why: "The chosen neuron's z, a and δ appear
here when the network has a dataset that fits it." Both of its lines are drawn whole (teacher review 21: at
1024×700 the second line, the one that names the dataset, was specks a few pixels high)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from test_editor import build_xor_by_mouse


def ink_bands(image: QImage) -> list[int]:
    """Heights (px) of the runs of rows holding ink darker than the background, top to bottom."""
    background = image.pixelColor(image.width() - 3, image.height() - 3).lightness()
    bands, run = [], 0
    for y in range(image.height()):
        inked = any(image.pixelColor(x, y).lightness() < background - 40 for x in range(4, image.width() - 4))
        if inked:
            run += 1
        elif run:
            bands.append(run)
            run = 0
    return bands + ([run] if run else [])


def test_the_layer_pages_placeholder_is_drawn_line_by_line(main_window, canvas, qtbot):
    window = main_window
    window.resize(1024, 700)
    window.apply_default_layout()
    build_xor_by_mouse(window, canvas, qtbot)  # no dataset: nothing to explain
    canvas.click(canvas.centre("h1"))
    page = window.inspector.layer_page
    assert window.inspector.current_page() is page and page.explanation.toPlainText() == ""
    qtbot.wait(100)
    viewport = page.explanation.viewport()
    image = viewport.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    line = page.explanation.fontMetrics().height()
    lines = [height for height in ink_bands(image) if height >= line // 2]  # letters, not specks
    needed = page.explanation.fontMetrics().boundingRect(
        viewport.rect().adjusted(4, 4, -4, -4), int(Qt.TextFlag.TextWordWrap), page.explanation.placeholderText())
    assert needed.height() >= 2 * line  # (the placeholder takes two lines or more at this width)
    assert len(lines) >= 2, ink_bands(image)
