"""Render the application icon (an SVG in ``resources/icons``) to the files each OS wants.

    python packaging/make_icons.py [OUT_DIR]          (default: build/icons)

Writes, from ``resources/icons/backprop-studio.svg``:

- ``backprop-studio-<N>.png`` for N in 16, 24, 32, 48, 64, 128, 256, 512 (Linux
  ``.desktop`` icon themes and the window icon),
- ``backprop-studio.ico`` (Windows: 16…256 px, each entry a PNG, the format Windows
  Vista and later read),
- ``backprop-studio.icns`` (macOS: 16…1024 px as PNG entries).

The pictures are drawn by QtSvg's ``QSvgRenderer`` through a ``QPainter`` on a
transparent ``QImage``, so no image tool beyond PySide6-Essentials is needed. The ICO
and ICNS containers are written here with ``struct``: both are a small header plus a
table of PNG blobs. Generated files are build outputs; only the SVG is committed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SVG = REPO / "resources" / "icons" / "backprop-studio.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS entry types holding PNG data, by pixel size (Apple's "icns" type codes).
ICNS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
    (b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256), (b"ic14", 512),
)


def render_png(renderer, size: int) -> bytes:
    """Draw the SVG at ``size`` × ``size`` pixels, antialiased on transparency; PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"could not encode the {size}px icon as PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO container: ICONDIR (6 bytes), one 16-byte ICONDIRENTRY per image, the PNGs."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        blob = pngs[size]
        dim = 0 if size >= 256 else size          # 0 means 256 in an ICONDIRENTRY
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return header + b"".join(entries) + b"".join(blobs)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS container: b"icns" + total length, then (type, 8 + length, PNG) per entry."""
    body = b"".join(
        code + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for code, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def _write(path: Path, data: bytes) -> None:
    """Write atomically (temporary file + rename) so a failed run leaves no half file."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def make_icons(out_dir: str | Path) -> dict[str, Path]:
    """Render every icon file into ``out_dir``; returns {"png": 256 px PNG, "ico": …, "icns": …}."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # QImage text/paint needs one
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise RuntimeError(f"{SVG} is not a valid SVG")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | {s for _, s in ICNS_TYPES})
    pngs = {size: render_png(renderer, size) for size in sizes}
    for size in PNG_SIZES:
        _write(out / f"backprop-studio-{size}.png", pngs[size])
    _write(out / "backprop-studio.ico", ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    _write(out / "backprop-studio.icns", icns_bytes(pngs))
    del app
    return {
        "png": out / "backprop-studio-256.png",
        "ico": out / "backprop-studio.ico",
        "icns": out / "backprop-studio.icns",
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else REPO / "build" / "icons"
    files = make_icons(out)
    for kind, path in files.items():
        print(f"{kind:5s} {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
