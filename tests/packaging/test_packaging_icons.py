"""The icon renderer: every size is drawn from the SVG, and Qt reads the ICO and ICNS back."""

import struct
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))
import make_icons  # noqa: E402


@pytest.fixture(scope="module")
def icons(tmp_path_factory, qapp):
    out = tmp_path_factory.mktemp("icons")
    make_icons.make_icons(out)
    return out


def _image(path):
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull(), f"{path.name} is not a readable image"
    return image


def test_every_png_size_is_rendered_with_transparent_corners_and_a_drawn_middle(icons):
    for size in make_icons.PNG_SIZES:
        image = _image(icons / f"backprop-studio-{size}.png")
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(0, 0).alpha() == 0            # outside the rounded square
        assert image.pixelColor(size // 2, size // 2).alpha() == 255


def test_ico_holds_each_windows_size_and_qt_reads_them(icons):
    from PySide6.QtGui import QImageReader

    data = (icons / "backprop-studio.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    widths = [data[6 + 16 * k] or 256 for k in range(count)]
    assert widths == sorted(make_icons.ICO_SIZES)
    reader = QImageReader(str(icons / "backprop-studio.ico"))
    sizes = []
    for _ in range(reader.imageCount()):
        sizes.append(reader.read().width())
        reader.jumpToNextImage()
    assert sorted(sizes) == sorted(make_icons.ICO_SIZES)


def test_icns_length_fields_add_up_and_qt_reads_it(icons):
    data = (icons / "backprop-studio.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    offset, codes = 8, []
    while offset < len(data):
        code, length = data[offset:offset + 4], struct.unpack(">I", data[offset + 4:offset + 8])[0]
        assert data[offset + 8:offset + 16] == b"\x89PNG\r\n\x1a\n"
        codes.append(code)
        offset += length
    assert offset == len(data)
    assert codes == [code for code, _ in make_icons.ICNS_TYPES]
    assert _image(icons / "backprop-studio.icns").width() > 0


def test_running_application_uses_the_svg_as_its_window_icon(qapp):
    from desktop.app import ensure_app

    app = ensure_app()
    image = app.windowIcon().pixmap(48, 48).toImage()
    assert not image.isNull()
    assert image.pixelColor(0, 0).alpha() == 0 and image.pixelColor(24, 24).alpha() == 255
