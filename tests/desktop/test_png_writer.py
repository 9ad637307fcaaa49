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


def test_a_window_sized_picture_deflated_in_two_halves_reads_back_whole(qapp):
    """A picture past ``PARALLEL_BYTES`` is deflated in two halves on two threads, joined into one
    zlib stream: zlib itself (which checks the Adler-32 of all the bytes) and a PNG reader both get
    back exactly the rows and the pixels."""
    import struct
    import zlib

    from desktop.png_writer import PARALLEL_BYTES

    width, height = 801, 500  # 801 * 3 bytes: a padded scan line; ~1.2 MB of rows
    rng = np.random.default_rng(7)
    pixels = np.full((height, width, 3), 240, np.uint8)  # flat colour, as a window is mostly
    pixels[100:400, 50:700] = rng.integers(0, 256, (300, 650, 3), dtype=np.uint8)  # and some noise
    pixels[height // 2 - 1: height // 2 + 1] = (200, 20, 90)  # a line across the cut between the halves
    image = QImage(pixels.tobytes(), width, height, 3 * width, QImage.Format.Format_RGB888).copy()
    assert height * (1 + 3 * width) >= PARALLEL_BYTES
    data = encode_rgb_png(image)
    # the IDAT chunk, after the signature (8 bytes) and IHDR (25 bytes)
    length = struct.unpack(">I", data[33:37])[0]
    assert data[37:41] == b"IDAT"
    rows = np.frombuffer(zlib.decompress(data[41:41 + length]), np.uint8).reshape(height, 1 + 3 * width)
    assert not rows[:, 0].any()  # every row unfiltered
    assert np.array_equal(rows[:, 1:].reshape(height, width, 3), pixels)
    back = QImage.fromData(data, "PNG")
    assert back.convertToFormat(QImage.Format.Format_RGB32) == image.convertToFormat(QImage.Format.Format_RGB32)
