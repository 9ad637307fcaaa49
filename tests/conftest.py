"""Test-wide setup: Qt runs offscreen so a plain `pytest` works on any machine, no test
leaves a child process (a window's training process) running, and child interpreters share
a bytecode cache where this one writes none."""

import atexit
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: what the children import: the training and k-fold processes, the app (``python -m desktop``), the
#: command line, multiprocessing's side of a spawned child, and the tools some tests run in a child
#: (pytest with its plugins, import-linter): with the cache's folder set, a child reads no other
#: bytecode, not even the installed packages' own
WARM_UP = """
import compileall, sys
import multiprocessing.spawn, multiprocessing.resource_tracker, multiprocessing.synchronize
import multiprocessing.shared_memory, multiprocessing.connection, multiprocessing.queues
import desktop.__main__, desktop.app, desktop.training.process, desktop.kfold.process
try:
    import pytest, pytestqt.plugin, hypothesis, importlinter.cli
except ImportError:
    pass
for folder in sys.argv[1:]:
    compileall.compile_dir(folder, quiet=1)
"""


def share_bytecode_with_children() -> None:
    """Where ``PYTHONDONTWRITEBYTECODE`` is set (as on the CI machine), every child interpreter (each
    window's training process, each ``python -m desktop`` a test runs) would compile the project,
    NumPy and Qt's Python parts from source again: about 0.15 s per training process, 0.4 s per
    app. Instead the children share a bytecode cache in a private temporary folder
    (``PYTHONPYCACHEPREFIX``; deleted at exit; the source tree gets no ``__pycache__``), filled by
    one warm-up child at the start: multiprocessing's spawned children inherit ``-B`` from this
    interpreter's flags, so they read the cache but never write it."""
    if not sys.flags.dont_write_bytecode or os.environ.get("PYTHONPYCACHEPREFIX"):
        return
    folder = tempfile.mkdtemp(prefix="backprop-studio-pycache-")
    os.environ["PYTHONPYCACHEPREFIX"] = folder
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    root = Path(__file__).resolve().parent.parent  # the current folder comes first on a "-c" child's path
    warm_up = subprocess.Popen([sys.executable, "-c", WARM_UP, str(root / "core"), str(root / "desktop")],
                               cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def remove() -> None:
        try:
            warm_up.wait(60)
        except subprocess.TimeoutExpired:
            warm_up.kill()
        shutil.rmtree(folder, ignore_errors=True)

    atexit.register(remove)


share_bytecode_with_children()


def kept_running(request) -> list:
    """The child processes a test may leave running: those of a window that the tests of its module
    share (``tests/desktop/conftest.py``'s ``shared_window``, which checks at the module's end that
    its window leaves nothing behind)."""
    module = request.node.getparent(pytest.Module)
    return [process for process in (keep() for keep in getattr(module, "keeps_running", ())) if process is not None]


@pytest.fixture(autouse=True)
def no_process_left(request):
    """After every test: no child process of this one still runs (waits up to 5 s for them to end)."""
    yield
    kept = kept_running(request)

    def left_running() -> list:
        return [child for child in multiprocessing.active_children() if child not in kept]

    deadline = time.monotonic() + 5.0
    while left_running() and time.monotonic() < deadline:
        time.sleep(0.02)
    left = left_running()
    for child in left:  # one test's leak must not spoil the tests after it
        child.kill()
        child.join(2.0)
    assert not left, f"child processes left running: {left}"
