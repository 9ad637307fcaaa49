"""The window paints on the GUI thread alone.

Qt's raster engine hands every larger fill and image (a neuron's thumbnail, a plate under a
neuron, a plot's curve) to a thread pool of its own and waits for it. On a laptop's two cores,
shared with the training process, that wait was over a third of the time a Step's canvas took
to paint. ``ensure_app`` turns the pool off (``QT_NO_GUI_THREADPOOL``) before anything is painted.
A fresh interpreter runs the window as a student would (the lesson, F6, the window painted
whole) and lists its threads: Qt names the pool's threads "Thread (pooled)".
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import glob, time
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
import core
from desktop.app import create_main_window

window = create_main_window(str(core.example_path("xor")), restore_layout=False)
window.resize(1400, 900)
window.show()
deadline = time.monotonic() + 60
while not window.training.worker.is_ready and time.monotonic() < deadline:
    QApplication.processEvents()
    time.sleep(0.01)
window.training.wait_for_step_0()
before = window.document.network.flat.copy()
window.canvas.setFocus()
QTest.keyClick(window.canvas, Qt.Key.Key_F6)
deadline = time.monotonic() + 30
while np.array_equal(window.document.network.flat, before) and time.monotonic() < deadline:
    QApplication.processEvents()
    time.sleep(0.01)
for _ in range(20):
    QApplication.processEvents()
window.grab()
print("stepped", not np.array_equal(window.document.network.flat, before))
for path in glob.glob("/proc/self/task/*/comm"):
    print("thread", open(path).read().strip())
window.document.undo_stack.setClean()
window.close()
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="lists threads through /proc (Linux)")
def test_a_step_and_the_whole_window_are_painted_without_qt_s_thread_pool():
    env = {k: v for k, v in os.environ.items() if k != "QT_NO_GUI_THREADPOOL"}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120)
    lines = result.stdout.splitlines()
    assert "stepped True" in lines, result.stdout + result.stderr
    threads = [line.removeprefix("thread ") for line in lines if line.startswith("thread ")]
    assert threads, result.stdout
    assert "Thread (pooled)" not in threads, f"Qt painted with its thread pool: threads {threads}"
