"""Ctrl+C (SIGINT) and SIGTERM end a command at any moment: one line, status 130 (143 for
SIGTERM), never a traceback, nothing half-written.

``install()`` puts one handler on both signals as early as the command starts (before NumPy
loads) and ``uninstall()`` restores the previous handlers. It acts in one of three modes:

* **loading** (``install()`` until ``running()``): the modules are being imported, nothing has
  been done yet, so the program leaves at once (``os._exit``; a KeyboardInterrupt raised
  inside NumPy's import would become a long ImportError);
* **running**: the signal is recorded and ``Interrupted`` (a ``KeyboardInterrupt``) is raised
  where the program is, so ``finally`` blocks run and an atomic write removes its temporary
  file;
* **deferred** (inside ``with deferred():``): the signal is only recorded; the block (a save)
  finishes, and ``check()`` afterwards raises.

A raised ``Interrupted`` can be swallowed where Python cannot pass it on (a ctypes callback, as
in threadpoolctl's library scan when the trainer starts; a ``__del__``). Because the signal is
recorded, the next ``check()`` raises it again: the command calls ``check()`` after each step
and before it writes anything, so no Ctrl+C is lost. Python reports such a swallowed exception
through ``sys.unraisablehook`` ("Exception ignored in: …" and a traceback, on a SIGTERM that came
while importlib ran a module lock's callback); while the handler is installed, that hook stays
silent about ``Interrupted`` and passes everything else on.

A signal the program was started with ignored (a background job of a non-interactive shell,
``nohup``) stays ignored: that is how Unix keeps Ctrl+C at a terminal from killing background
jobs, and Python itself does the same.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys

SIGNALS = (signal.SIGINT, signal.SIGTERM)
WHAT = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"}


class Interrupted(KeyboardInterrupt):
    """Ctrl+C or SIGTERM arrived; ``status`` is 128 + the signal's number (130, 143)."""

    def __init__(self, signum: int = signal.SIGINT):
        super().__init__(WHAT.get(signum, "interrupted"))
        self.signum = signum
        self.status = 128 + int(signum)


def status_and_word(exc: BaseException) -> tuple[int, str]:
    """(exit status, "interrupted"/"terminated") for a KeyboardInterrupt (plain ones: Ctrl+C)."""
    signum = getattr(exc, "signum", signal.SIGINT)
    return 128 + int(signum), WHAT.get(signum, "interrupted")


class _State:
    mode = "off"  # off, loading, running
    deferring = 0
    received: int | None = None
    previous: dict = {}
    unraisable_hook = None


_state = _State()


def _unraisable(unraisable) -> None:
    """``sys.unraisablehook`` while installed: an ``Interrupted`` swallowed where Python cannot raise it
    is recorded already (``check()`` raises it again); anything else is reported as before."""
    if isinstance(unraisable.exc_value, Interrupted):
        return
    (_state.unraisable_hook or sys.__unraisablehook__)(unraisable)


def _handle(signum, frame) -> None:
    if _state.received is None:
        _state.received = signum
    if _state.mode == "loading":
        os.write(2, f"backprop-studio: error: {WHAT.get(signum, 'interrupted')}; nothing was written\n".encode())
        os._exit(128 + signum)
    if not _state.deferring:
        raise Interrupted(signum)


def install() -> bool:
    """Handle SIGINT and SIGTERM from now on, in loading mode; False (and nothing done) when
    not called from the main thread (an embedding program keeps its own handlers)."""
    try:
        previous = {s: signal.getsignal(s) for s in SIGNALS}
        for s in SIGNALS:
            if previous[s] is not signal.SIG_IGN:
                signal.signal(s, _handle)
    except ValueError:
        return False
    _state.previous, _state.mode, _state.received, _state.deferring = previous, "loading", None, 0
    if sys.unraisablehook is not _unraisable:
        _state.unraisable_hook, sys.unraisablehook = sys.unraisablehook, _unraisable
    return True


def running() -> None:
    """The modules are loaded: from now on a signal raises ``Interrupted``."""
    if _state.mode == "loading":
        _state.mode = "running"
    if _state.received is not None and not _state.deferring:  # arrived just as the mode changed
        raise Interrupted(_state.received)


def uninstall() -> None:
    """Restore the handlers ``install`` replaced."""
    if _state.mode == "off":
        return
    for s, handler in _state.previous.items():
        if handler is not None and handler is not signal.SIG_IGN:
            signal.signal(s, handler)
    if sys.unraisablehook is _unraisable:
        sys.unraisablehook = _state.unraisable_hook or sys.__unraisablehook__
    _state.mode = "off"


def check() -> None:
    """Raise ``Interrupted`` if a signal arrived (also one whose exception was swallowed)."""
    if _state.received is not None and not _state.deferring:
        raise Interrupted(_state.received)


def received() -> int | None:
    """The first signal received since ``install()``, or None."""
    return _state.received


@contextlib.contextmanager
def deferred():
    """Within the block a signal is only recorded (the block finishes); ``check()`` after it raises."""
    _state.deferring += 1
    try:
        yield
    finally:
        _state.deferring -= 1


def message(exc: BaseException, what_happened: str) -> tuple[str, int]:
    """("interrupted; <what_happened>", status) for the one-line error of an interrupted command."""
    status, word = status_and_word(exc)
    sys.stderr.flush()
    return f"{word}; {what_happened}", status
