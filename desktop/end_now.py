"""Ending a process at once, without the interpreter's teardown (no Qt here: the training process uses it)."""

from __future__ import annotations

import atexit
import os
import sys


def end_now(status: int = 0, exit_handlers: bool = False) -> None:
    """Flush the standard streams and end the process with ``status``, skipping the interpreter's
    finalization (tearing down NumPy and every module one by one, and a last garbage collection:
    0.06–0.4 s here), which the operating system does at once. ``exit_handlers``: run the ``atexit``
    handlers first, in their usual order (multiprocessing's joins, the resource tracker's stop).
    Only for a process whose work is done and whose resources are released."""
    if exit_handlers:
        atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a closed stream, or a pipe whose reader is gone
            pass
    os._exit(status)
