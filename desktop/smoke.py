"""``backprop-studio --smoke``: prove that a build (above all a frozen bundle) really works.

``run_smoke(window)`` runs six checks against the real main window and prints one line:

1. lesson   — lists the bundled lessons (``core.list_examples``, which finds them with
              ``importlib.resources``), loads every one with ``core.load_network`` (proves
              the data files, CSV included, are in the bundle) and opens the XOR lesson in
              the window's document;
2. train    — trains ``STEPS`` mini-batches through the window's training controller
              (``window.training.train_for_screenshot``), i.e. the real training process
              (proves that a spawned process starts from the bundle: ``freeze_support``,
              pipes, shared memory), and checks that it is a process of its own, that the
              weights came back into the document and that the loss went down;
3. heatmap  — renders the newest gradient of the first connection as a pyqtgraph
              ``ImageItem`` with the ``CET-D1`` colormap into an image and checks the pixel
              colours against the colormap (proves pyqtgraph's colormap data and Qt's
              painting made it in);
4. window   — shows the main window and grabs it into an image with real content, and
              draws the application icon from its SVG (proves the platform plugin, styles,
              fonts and the SVG icon engine work);
5. save     — writes the trained network with ``core.save_network`` to a temporary file;
6. reload   — reads it back with ``core.load_network`` and compares structure, every
              parameter and the forward output bit for bit.

Success prints ``backprop-studio smoke OK: …`` and returns 0; any failure prints
``backprop-studio smoke FAILED in <check>: <what>`` and returns 1 — never a traceback.
When the environment variable ``BACKPROP_STUDIO_SMOKE_REPORT`` names a file, the line is
also written there: a windowed Windows program has no stdout for a build script to read.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPORT_ENV = "BACKPROP_STUDIO_SMOKE_REPORT"
STEPS = 300
TRAIN_TIMEOUT_S = 120.0
PREFERRED_LESSON = "xor"
CELL_PX = 12           # rendered size of one heatmap cell
COLOUR_TOLERANCE = 8   # per channel, 0..255: antialiasing/rounding slack


class SmokeFailure(Exception):
    """A check found something wrong; the message says what."""


def run_smoke(window, steps: int = STEPS, out=None) -> int:
    """Run every check on ``window`` (needs ``window.document`` and ``window.training``); 0 if all pass."""
    out = out if out is not None else sys.stdout
    facts: dict = {}
    checks = [
        ("lesson", lambda: _open_lesson(window, facts)),
        ("train", lambda: _train(window, steps, facts)),
        ("heatmap", lambda: _render_heatmap(window, facts)),
        ("window", lambda: _grab_window(window, facts)),
        ("save", lambda: _save(window, facts)),
        ("reload", lambda: _reload(window, facts)),
    ]
    with tempfile.TemporaryDirectory(prefix="backprop-smoke-") as tmp:
        facts["tmp"] = Path(tmp)
        for name, check in checks:
            try:
                check()
            except Exception as exc:  # the smoke test reports, it never shows a traceback
                detail = str(exc) if isinstance(exc, SmokeFailure) else f"{type(exc).__name__}: {exc}"
                _print(out, f"backprop-studio smoke FAILED in {name}: {detail}")
                return 1
    _print(
        out,
        "backprop-studio smoke OK: lesson {lesson}, {steps} steps in {worker} "
        "({seconds:.2f} s), loss {loss_before:.4g} -> {loss_after:.4g}, CET-D1 heatmap {heatmap}, "
        "window {window}, "
        "save/load bit-exact ({n_params} parameters)".format(**facts),
    )
    return 0


def _print(out, line: str) -> None:
    if out is not None:  # a windowed Windows program has no stdout
        print(line, file=out, flush=True)
    report = os.environ.get(REPORT_ENV)
    if report:
        try:
            Path(report).write_text(line + "\n", encoding="utf-8")
        except OSError as exc:
            if out is not None:
                print(f"(could not write the smoke report {report}: {exc})", file=out, flush=True)


# ----------------------------------------------------------------------------- checks
def _open_lesson(window, facts: dict) -> None:
    """Load every bundled lesson (all must load), open the XOR lesson in the window."""
    import core

    lessons = core.list_examples()
    if not lessons:
        raise SmokeFailure("no .bpnet lesson found in the resources.examples package")
    loaded = {}
    for lesson in lessons:
        try:
            loaded[lesson.name] = core.load_network(lesson.path)
        except core.NetworkFileError as exc:
            raise SmokeFailure(f"bundled lesson {lesson.name} does not load: {exc}") from None
    name = PREFERRED_LESSON if PREFERRED_LESSON in loaded else lessons[0].name
    net = loaded[name]
    if net.dataset is None:
        raise SmokeFailure(f"lesson {name} carries no dataset")
    window.document.replace_network(net, next(l.path for l in lessons if l.name == name))
    if window.document.network is not net:
        raise SmokeFailure("the window's document did not take the lesson's network")
    facts["lesson"] = f"{name} (of {len(lessons)} loaded)"


def _train(window, steps: int, facts: dict) -> None:
    controller = window.training
    net = window.document.network
    X, T = net.dataset.inputs, net.dataset.targets
    before = net.parameters()
    facts["loss_before"] = float(net.data_loss(X, T))
    started = time.perf_counter()
    if not controller.train_for_screenshot(steps, timeout_s=TRAIN_TIMEOUT_S):
        raise SmokeFailure(f"the worker did not train {steps} steps within {TRAIN_TIMEOUT_S:.0f} s")
    _wait_until(lambda: not controller.running, TRAIN_TIMEOUT_S, f"training {steps} steps")
    facts["seconds"] = time.perf_counter() - started

    worker = controller.worker
    if worker.transport != "process" or worker.pid is None or worker.pid == os.getpid():
        raise SmokeFailure(f"training did not run in a separate process (it ran in a {worker.transport} "
                           "of the window)")
    if worker.process is None or not worker.process.is_alive():
        raise SmokeFailure("the training process is not running")
    snap = controller.latest
    if snap is None or snap.step < steps:
        done = "none" if snap is None else snap.step
        raise SmokeFailure(f"asked for {steps} steps, the worker reported {done}")
    if snap.state == "diverged":
        raise SmokeFailure(f"training diverged: {snap.message}")
    net = window.document.network
    after = net.parameters()
    if not np.all(np.isfinite(after)):
        raise SmokeFailure("the trained weights are not finite")
    if np.array_equal(before, after):
        raise SmokeFailure("the trained weights did not come back into the document")
    facts["loss_after"] = float(net.data_loss(X, T))
    if not facts["loss_after"] < facts["loss_before"]:
        raise SmokeFailure(f"the loss did not fall: {facts['loss_before']:.6g} -> {facts['loss_after']:.6g}")
    facts["steps"] = snap.step
    facts["worker"] = f"the training process (pid {worker.pid}, up in {worker.startup_seconds:.2f} s)"
    facts["gradient"] = snap.gradient


def _render_heatmap(window, facts: dict) -> None:
    """Render dL/dW of the first connection (rows: target neurons, columns: source neurons)."""
    import pyqtgraph as pg

    import core

    net = window.document.network
    edge = net.connections[0]
    grad = np.array(core.Gradients(net, facts["gradient"]).weights[edge], dtype=np.float64)
    grad = np.nan_to_num(grad, nan=0.0, posinf=0.0, neginf=0.0)
    bound = float(np.max(np.abs(grad))) or 1.0
    lut = pg.colormap.get("CET-D1").getLookupTable(nPts=256, alpha=False)
    image = render_heatmap(grad, bound, lut)
    problem = heatmap_mismatch(image, grad, bound, lut)
    if problem:
        raise SmokeFailure(f"{edge[0]}->{edge[1]}: {problem}")
    facts["heatmap"] = "{}x{}".format(*grad.shape)


def render_heatmap(values: np.ndarray, bound: float, lut: np.ndarray):
    """A (rows, cols) matrix drawn by a pyqtgraph ``ImageItem`` with levels ±bound and ``lut``.

    Returns a ``QImage`` of (cols·CELL_PX) × (rows·CELL_PX) pixels: cell (j, i) covers the
    pixels x ∈ [i·CELL_PX, (i+1)·CELL_PX), y ∈ [j·CELL_PX, (j+1)·CELL_PX).
    """
    import pyqtgraph as pg
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QGraphicsScene

    rows, cols = values.shape
    rect = QRectF(0, 0, cols * CELL_PX, rows * CELL_PX)
    item = pg.ImageItem(axisOrder="row-major", autoLevels=False)
    item.setImage(values, autoLevels=False, levels=(-bound, bound), lut=lut)
    item.setRect(rect)
    scene = QGraphicsScene()
    scene.addItem(item)
    image = QImage(cols * CELL_PX, rows * CELL_PX, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.black)
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), rect)
    painter.end()
    scene.removeItem(item)
    return image


def heatmap_mismatch(image, values: np.ndarray, bound: float, lut: np.ndarray) -> str:
    """"" if every cell's centre pixel has the colour ``lut`` gives its value, else what differs."""
    rows, cols = values.shape
    for j in range(rows):
        for i in range(cols):
            pixel = image.pixelColor(i * CELL_PX + CELL_PX // 2, j * CELL_PX + CELL_PX // 2)
            got = np.array([pixel.red(), pixel.green(), pixel.blue()])
            index = int(np.clip((values[j, i] + bound) / (2 * bound) * len(lut), 0, len(lut) - 1))
            nearby = lut[max(index - 2, 0): index + 3, :3].astype(int)
            if np.min(np.max(np.abs(nearby - got), axis=1)) > COLOUR_TOLERANCE:
                return (f"heatmap cell ({j}, {i}) is {tuple(int(c) for c in got)}, the colormap's colour "
                        f"for {values[j, i]:.3g} is {tuple(int(c) for c in lut[index, :3])}")
    return ""


def _grab_window(window, facts: dict) -> None:
    from PySide6.QtWidgets import QApplication

    if not window.isVisible():
        window.resize(1200, 800)
        window.show()
    QApplication.processEvents()
    image = window.grab().toImage()
    if image.isNull() or image.width() < 200 or image.height() < 200:
        raise SmokeFailure(f"grabbing the window gave a {image.width()}x{image.height()} image")
    step = max(1, min(image.width(), image.height()) // 60)
    colours = {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)}
    if len(colours) < 8:
        raise SmokeFailure(f"the window drew only {len(colours)} colours: nothing seems to be rendered")
    from PySide6.QtGui import QFontDatabase

    if not QFontDatabase.families():
        raise SmokeFailure("Qt finds no font: labels would be empty boxes "
                           "(Linux: install fontconfig-config and fonts-dejavu-core)")
    icon = QApplication.windowIcon().pixmap(64, 64).toImage()
    if icon.isNull() or icon.pixelColor(32, 32).alpha() < 255:
        raise SmokeFailure("the application icon did not render (SVG icon engine or icon file missing)")
    facts["window"] = f"{image.width()}x{image.height()} with icon"


def _save(window, facts: dict) -> None:
    import core

    path = facts["tmp"] / "smoke-trained.bpnet"
    core.save_network(window.document.network, path)
    if not path.is_file() or path.stat().st_size == 0:
        raise SmokeFailure(f"save_network wrote nothing to {path.name}")
    facts["saved"] = path


def _reload(window, facts: dict) -> None:
    import core

    net = window.document.network
    back = core.load_network(facts["saved"])
    if [(l.name, l.units) for l in back.layers] != [(l.name, l.units) for l in net.layers]:
        raise SmokeFailure("the reloaded network has other layers")
    if list(back.connections) != list(net.connections):
        raise SmokeFailure("the reloaded network has other connections")
    saved, loaded = net.parameters(), back.parameters()
    if saved.shape != loaded.shape or saved.tobytes() != loaded.tobytes():
        raise SmokeFailure("the reloaded parameters differ from the saved ones")
    X = net.dataset.inputs
    if net.forward(X).tobytes() != back.forward(X).tobytes():
        raise SmokeFailure("the reloaded network computes another output")
    facts["n_params"] = saved.size


# ----------------------------------------------------------------------------- waiting
def _wait_until(condition, timeout_s: float, what: str) -> None:
    """Run the Qt event loop until ``condition()`` is true; SmokeFailure after ``timeout_s``."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(10)
    poll.timeout.connect(lambda: condition() and loop.quit())
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    poll.start()
    deadline.start(int(timeout_s * 1000))
    loop.exec()
    poll.stop()
    deadline.stop()
    if not condition():
        raise SmokeFailure(f"{what} did not finish within {timeout_s:.0f} s")
