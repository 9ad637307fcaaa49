"""The installed Qt binding survives a long training session's worth of signal emits.

PySide6-Essentials 6.12.0 on CPython 3.11 drops a reference to ``True`` on every
``SignalInstance.emit()``; after a few thousand emits CPython frees ``True`` and
aborts ("bool_dealloc: deallocating True or False"). pyproject.toml therefore asks
for PySide6-Essentials < 6.12; this test catches an install that ignores that.
"""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

EMIT_MANY = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Source(QObject):
    changed = Signal(object)

app = QCoreApplication([])
source = Source()
source.changed.connect(lambda value: None)
before = sys.getrefcount(True)
for k in range(50_000):
    source.changed.emit(None)
    source.changed.emit(k)
print("survived", abs(sys.getrefcount(True) - before) < 100)
"""


def test_fifty_thousand_emits_leave_true_and_none_alone():
    done = subprocess.run([sys.executable, "-c", EMIT_MANY], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "survived True"
