"""desktop.refcount_guard: signals can be emitted without limit on CPython 3.11 (PySide6 6.12 bug)."""

import subprocess
import sys
from pathlib import Path

import pytest

import desktop  # noqa: F401  (importing the package applies the guard)
from desktop import refcount_guard

REPO = Path(__file__).resolve().parents[2]

EMIT_MANY = """
import sys
import desktop
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Source(QObject):
    changed = Signal(object)

app = QCoreApplication([])
source = Source()
source.changed.connect(lambda value: None)
for k in range(50_000):      # each emit costs True one reference on PySide6 6.12 + CPython 3.11
    source.changed.emit(None)
    source.changed.emit(k)
print("survived", sys.getrefcount(True) > 1000)
"""


def test_fifty_thousand_emits_do_not_free_true_or_none():
    done = subprocess.run([sys.executable, "-c", EMIT_MANY], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "survived True"


@pytest.mark.skipif(not refcount_guard.needs_protection(), reason="singletons are immortal on CPython >= 3.12")
def test_guard_raised_the_singletons_reference_counts_once():
    for obj in (None, True, False):
        assert sys.getrefcount(obj) > refcount_guard.BOOST
        assert sys.getrefcount(obj) < 2 * refcount_guard.BOOST
    assert refcount_guard.protect_singletons() is True  # a second call changes nothing
    assert sys.getrefcount(True) < 2 * refcount_guard.BOOST
