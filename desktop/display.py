"""Can a window open here? Checked before Qt starts, because Qt's own answer is an abort.

Without a display, Qt's X11 plugin aborts the process (SIGABRT, exit status 134) and
blames ``xcb-cursor0`` even when that library is installed. ``display_problem()`` finds
the situations this program can see beforehand and says what to do instead, in one line:

* Linux (or a BSD) with neither ``DISPLAY`` nor ``WAYLAND_DISPLAY`` set and no platform
  chosen with ``QT_QPA_PLATFORM``: no window can open;
* an X display only (no Wayland), no platform chosen, and one of the X11 helper libraries
  Qt's xcb plugin loads cannot be found (``missing_x11_libraries``); choosing
  ``QT_QPA_PLATFORM=xcb`` skips this check.

Imports no Qt.
"""

from __future__ import annotations

import ctypes
import os
import sys

#: Debian/Ubuntu packages a real window needs beyond those Qt needs offscreen, and the library
#: each one provides that Qt's xcb platform plugin loads
X11_PACKAGES = {
    "libxkbcommon-x11-0": "libxkbcommon-x11.so.0",
    "libxcb-cursor0": "libxcb-cursor.so.0",
    "libxcb-icccm4": "libxcb-icccm.so.4",
    "libxcb-image0": "libxcb-image.so.0",
    "libxcb-keysyms1": "libxcb-keysyms.so.1",
    "libxcb-randr0": "libxcb-randr.so.0",
    "libxcb-render-util0": "libxcb-render-util.so.0",
    "libxcb-shape0": "libxcb-shape.so.0",
    "libxcb-xkb1": "libxcb-xkb.so.1",
}

WITHOUT_A_WINDOW = ("use 'backprop-studio --screenshot out.png [FILE]' to render the window to a picture or "
                    "'backprop-studio train FILE --steps N --out OUT.bpnet' to train, or set "
                    "QT_QPA_PLATFORM=offscreen")


def _unix_desktop(platform: str) -> bool:
    return platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))


def no_display(environ=None, platform: str | None = None) -> bool:
    """True on Linux/BSD without an X or Wayland display and with no Qt platform chosen."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    return (_unix_desktop(platform) and not environ.get("QT_QPA_PLATFORM")
            and not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"))


def display_problem(environ=None, platform: str | None = None, loadable=None) -> str | None:
    """Why no window can open here (one line saying what to do instead), or None if it may."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not _unix_desktop(platform):
        return None
    if no_display(environ, platform):
        return ("no display to open a window on (DISPLAY and WAYLAND_DISPLAY are not set): "
                f"{WITHOUT_A_WINDOW}. A real window on Debian/Ubuntu also needs the packages "
                f"{' '.join(X11_PACKAGES)}")
    if not environ.get("QT_QPA_PLATFORM") and environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        missing = missing_x11_libraries(loadable)
        if missing:
            packages = " ".join(p for p, lib in X11_PACKAGES.items() if lib in missing)
            return (f"Qt's X11 platform needs {', '.join(missing)}, which cannot be found: install them "
                    f"(Debian/Ubuntu: apt-get install {packages}), or {WITHOUT_A_WINDOW} "
                    "(QT_QPA_PLATFORM=xcb starts Qt without this check)")
    return None


def missing_x11_libraries(loadable=None) -> list[str]:
    """The X11 helper libraries of ``X11_PACKAGES`` that cannot be loaded (in a bundle: from the
    bundle first). ``loadable(name) -> bool`` replaces the check in tests."""
    check = loadable or _loadable
    return [lib for lib in X11_PACKAGES.values() if not check(lib)]


def _loadable(name: str) -> bool:
    places = [name]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:  # a PyInstaller bundle carries its own copies
        places.insert(0, os.path.join(bundle, name))
    for place in places:
        try:
            ctypes.CDLL(place)
            return True
        except OSError:
            continue
    return False
