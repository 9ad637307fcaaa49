"""Keep ``None``, ``True`` and ``False`` alive on CPython 3.11 despite a PySide6 reference-count bug.

Measured with PySide6-Essentials 6.12.0 on CPython 3.11: every Python call of
``SignalInstance.emit()`` (and of ``SignalInstance.disconnect()``) lowers
``sys.getrefcount(True)`` by one — the binding hands back a reference to ``True`` it
never took — and other calls do the same to ``None``. CPython 3.11 starts with a few
thousand references to each; once they run out it frees the singleton and aborts
with "Fatal Python error: bool_dealloc: deallocating True or False" (or
"none_dealloc"). A student would lose the program after a few minutes of training; a
test run dies halfway.

CPython 3.12 made these singletons immortal (PEP 683), so there the bug is
harmless. ``protect_singletons()`` gives 3.11 the same protection: it adds 2**40 to
their reference counts once, more than any session can lose. It imports no Qt, so
``desktop`` stays importable for the headless ``train`` command.
"""

from __future__ import annotations

import ctypes
import sys

BOOST = 1 << 40
_done = False


def needs_protection() -> bool:
    """True on CPython before 3.12 (mortal singletons) in a normal, non-trace-refs build."""
    return (
        sys.implementation.name == "cpython"
        and sys.version_info < (3, 12)
        and not hasattr(sys, "getobjects")  # Py_TRACE_REFS builds put two pointers before ob_refcnt
        and ctypes.sizeof(ctypes.c_ssize_t) == ctypes.sizeof(ctypes.c_void_p)
    )


def protect_singletons() -> bool:
    """Raise the reference counts of None, True and False by ``BOOST`` (once). True if it did."""
    global _done
    if _done or not needs_protection():
        return _done
    for obj in (None, True, False):
        before = sys.getrefcount(obj)
        refcount = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt: the first field of PyObject
        if abs(refcount.value - before) > 64:  # None's count moves a little with every call
            return False                        # not the layout we expect: touch nothing
        refcount.value += BOOST
    _done = True
    return True
