"""Qt's own warnings that say nothing to a student are kept off the terminal.

The offscreen platform (``--screenshot``, ``--smoke``, the tests) cannot pass a window's size
hints on to a window system, and Qt says so on stderr ("This plugin does not support
propagateSizeHints()") whenever a window's minimum size changes: harmless, and only noise.
``install()`` adds a message handler that drops exactly the messages in ``DROPPED`` and
hands every other message to the handler that was there before (Qt's default prints it).
"""

from __future__ import annotations

from PySide6.QtCore import qInstallMessageHandler

DROPPED = ("This plugin does not support propagateSizeHints()",)

_previous = None
_installed = False


def _handler(mode, context, message: str) -> None:
    if message in DROPPED:
        return
    if _previous is not None:
        _previous(mode, context, message)
    else:
        import sys

        sys.stderr.write(message + "\n")


def install() -> None:
    """Filter Qt's messages (once per process)."""
    global _previous, _installed
    if _installed:
        return
    _installed = True
    _previous = qInstallMessageHandler(_handler)
