"""The last line of defence: an unexpected error becomes a short dialog, never a traceback.

``install(interactive=True)`` replaces ``sys.excepthook`` (which PySide6 calls for an
exception escaping a slot or a virtual method). The student sees what went wrong in
one sentence; the traceback goes to stderr for a bug report. Without a display
(``interactive=False``: ``--screenshot``, ``--smoke``) the message is printed instead.
The document is not touched: edits are commands that either complete or are undone.
"""

from __future__ import annotations

import sys
import time
import traceback

#: the same error again within this many seconds is logged but not shown again (e.g. from paint)
REPEAT_QUIET_S = 10.0
_reporting = False
_last_shown: tuple[str, float] = ("", 0.0)


def describe(exc: BaseException) -> str:
    """One readable line for an exception (no traceback)."""
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) < 600 else text[:600] + "…"


def _hook(interactive: bool):
    def excepthook(exc_type, exc, tb):
        global _reporting
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        print("Backprop Studio: unexpected error\n" + "".join(traceback.format_exception(exc_type, exc, tb)),
              file=sys.stderr)
        global _last_shown
        text = describe(exc)
        if not interactive or _reporting:
            return
        if _last_shown[0] == text and time.monotonic() - _last_shown[1] < REPEAT_QUIET_S:
            return
        _reporting = True
        try:
            from PySide6.QtWidgets import QApplication, QMessageBox

            if QApplication.instance() is None:
                return
            QMessageBox.warning(
                QApplication.activeWindow(), "Something went wrong",
                "Backprop Studio hit an unexpected problem and stopped that action:\n\n"
                f"{text}\n\nYour network is unchanged. You can keep working, and save it.")
        finally:
            _last_shown = (text, time.monotonic())
            _reporting = False

    return excepthook


def install(interactive: bool = True) -> None:
    """Route uncaught exceptions to a dialog (or to stderr only, when not interactive)."""
    sys.excepthook = _hook(interactive)
