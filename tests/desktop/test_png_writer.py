"""``--screenshot``'s PNG encoder (desktop/png_writer.py): a PNG reader gets back exactly the
pixels of the picture, at any width (scan lines padded in memory) and for any colours."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QImage, QPixmap

from desktop.app import write_image
from desktop.png_writer import encode_rgb_png


def _random_image(width: int, height: int, seed: int) -> QImage:
    """An opaque RGB32 image of random colours (nothing for zlib to pack)."""
    rng = np.random.default_rng(seed)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    for y in range(height):
        for x in range(width):
            r, g, b = (int(v) for v in rng.integers(0, 256, 3))
            image.setPixelColor(x, y, QColor(r, g, b))
    return image


def test_a_png_reader_gets_the_same_pixels_back(qapp):
    for width, height in ((1, 1), (37, 23), (64, 5)):  # 37 * 3 bytes: a padded scan line
        image = _random_image(width, height, seed=width)
        back = QImage.fromData(encode_rgb_png(image), "PNG")
        assert not back.isNull()
        assert back.convertToFormat(QImage.Format.Format_RGB32) == image


def test_write_image_keeps_the_pixels_of_opaque_and_transparent_pictures(qapp, tmp_path):
    opaque = QPixmap.fromImage(_random_image(29, 17, seed=3))
    assert not opaque.hasAlpha()
    write_image(opaque, str(tmp_path / "opaque.png"))
    back = QImage(str(tmp_path / "opaque.png"))
    assert back.convertToFormat(QImage.Format.Format_RGB32) == opaque.toImage().convertToFormat(QImage.Format.Format_RGB32)
    # a picture with transparency keeps it (Qt's writer)
    clear = QPixmap(8, 6)
    clear.fill(QColor(10, 200, 30, 100))
    assert clear.hasAlpha()
    write_image(clear, str(tmp_path / "clear.png"))
    assert QImage(str(tmp_path / "clear.png")).pixelColor(3, 2).alpha() == 100
