"""Starting the application: ``run_app(args)`` for the command line, ``create_main_window`` for tests.

* no file: the window opens on a bundled lesson (XOR), so a new user sees a network at once;
* ``FILE``: that file (if it cannot be read, the error is shown and the lesson opens instead);
  a bundled lesson's name ("spiral") when no such file exists opens that lesson;
* ``--screenshot PNG``: (a name with an image extension Qt can write, else exit 2 listing
  them) resize to ``--size``, show, optionally train ``--train-steps`` steps
  in the real training process, save the window as PNG, exit 0 (works offscreen); without
  ``--train-steps`` the panels' step 0 is computed in the window (no process to wait for);
* ``--smoke``: ``desktop.smoke.run_smoke(window)``'s exit code.

Ctrl+C (SIGINT) or SIGTERM at any moment ends each of them (``desktop.lifecycle``): the
training process stopped and joined, nothing saved or written, exit status 130 or 143.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import sys

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QEvent, QIODevice, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImageWriter, QPixmap
from PySide6.QtWidgets import QApplication, QGraphicsView

import core
from core.fileio import atomic_write
from core.safefiles import not_regular
from desktop import errors, qt_messages
from desktop.display import no_display
from desktop.files import APPLICATION, ORGANIZATION, default_network, show_dataset_panel
from desktop.lifecycle import Interrupted, SignalExit, reap_resource_tracker_at_exit
from desktop.main_window import MainWindow
from desktop.png_writer import encode_rgb_png
from desktop.training.worker import TRANSPORT_ENV


#: pyqtgraph's ``GarbageCollector``, once the app is up (see ``collect_garbage_on_the_gui_thread``)
_collector = None


def collect_garbage_on_the_gui_thread() -> None:
    """Turn off Python's automatic cycle collection and collect on a GUI-thread timer instead.

    Automatic collection runs in whichever thread allocates past the threshold: the window's
    command thread or the thread that receives the training process's messages. A cycle holding
    a Qt object collected there destroys the object off its thread while that thread holds the
    GIL, and a window froze that way while closing (its command thread stuck in the middle of an
    allocation). Idempotent; call it on the GUI thread."""
    global _collector
    if _collector is None:
        from pyqtgraph.util.garbage_collector import GarbageCollector

        _collector = GarbageCollector(interval=0.25)


#: how long after the window shows its objects are frozen (step 0 drawn, the panels made)
FREEZE_AFTER_MS = 3000


def freeze_long_lived_objects() -> None:
    """Collect once, then freeze every object alive (``gc.freeze``): the window's widgets, items and
    plots live as long as the program, and the GUI timer's later collections never walk them again.

    A full collection walks the ~90,000 objects of an open window in ~40 ms, and a younger
    generation's ~10 ms while they age: a stall of the event loop in the middle of a run or a Step
    (tests/benchmarks/bench_gui.py: generation-1 pauses during a run 8-14 ms before, ~1 ms after).
    Garbage made afterwards is collected as before (``collect_garbage_on_the_gui_thread``)."""
    gc.collect()
    gc.freeze()


#: Qt's raster engine hands every fill of 96 or more spans (a neuron's thumbnail, a plate, a plot's
#: curve) to a thread pool of its own and waits for it. On a laptop's few cores, shared with the
#: training process, waking those threads costs more than the fill: a Step's canvas was painted
#: later for it (tests/benchmarks/bench_gui.py). Qt reads this variable when it first makes that pool.
SERIAL_PAINTING_ENV = "QT_NO_GUI_THREADPOOL"


def ensure_app() -> QApplication:
    os.environ.setdefault(SERIAL_PAINTING_ENV, "1")
    app = QApplication.instance()
    if app is None:
        qt_messages.install()
        app = QApplication(sys.argv[:1])
    collect_garbage_on_the_gui_thread()
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    from desktop.app_icon import application_icon

    app.setWindowIcon(application_icon())
    return app


def create_main_window(path: str | None = None, restore_layout: bool = True, as_copy: bool = False) -> MainWindow:
    """A main window showing ``path`` (or the default lesson when None or unreadable); ``as_copy``:
    an untitled copy (a bundled lesson), so Save asks where to put it."""
    ensure_app()
    if path is None:
        return MainWindow(restore_layout=restore_layout, network=default_network())
    window = MainWindow(restore_layout=restore_layout)
    if not window.files.load(str(path), as_copy=as_copy):
        window.document.replace_network(default_network(), None)
    return window


def screenshot_problem(path: str) -> str | None:
    """Why ``--screenshot PATH`` cannot be written (no known image extension, or a target that
    is not a regular file), or None. Checked before the window is built."""
    extension = os.path.splitext(path)[1].lower().lstrip(".")
    # PNG is always written (desktop.png_writer, or Qt's own PNG writer): asking Qt for its
    # formats loads every image plugin (JPEG, TIFF, WebP, ...), which a PNG does not need
    if extension != "png":
        formats = sorted({bytes(f).decode().lower() for f in QImageWriter.supportedImageFormats()})
        if extension not in formats:
            shown = ", ".join("." + f for f in formats)
            found = f"'.{extension}'" if extension else "none"
            return f"--screenshot {path}: the name needs an image extension (one of {shown}); found {found}"
    kind = not_regular(os.path.realpath(path))
    if kind is not None:
        return f"--screenshot {path}: this is {kind}, not a regular file; choose a file name"
    return None


def parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise ValueError(f"--size must look like 1400x900, not {text!r}") from None
    if not (200 <= w <= 10000 and 200 <= h <= 10000):
        raise ValueError(f"--size {text}: width and height must be between 200 and 10000")
    return w, h


def take_screenshot(window: MainWindow, png: str, size: tuple[int, int], train_steps: int = 0,
                    guard: SignalExit | None = None) -> bool:
    """Render ``window`` at ``size`` (after training ``train_steps``) into ``png``; True when
    written (``OSError`` with the reason when the file cannot be written, see ``write_image``).
    With a ``guard``, a signal (Ctrl+C, SIGTERM) at any moment raises ``Interrupted`` before
    anything is written."""
    app = QApplication.instance()
    check = guard.check if guard is not None else (lambda: None)
    # a window never shown whose default layout was made for this size (``--screenshot`` at the
    # default size) is laid out and painted once before its step 0, and the canvas fitted once
    # after it; any other gets the default layout for this size after showing, and a fit before
    laid_out = window.windowHandle() is None and window.default_layout_size == tuple(size)
    # The plots and the canvas are painted once, when the panels hold step 0 and have laid themselves
    # out for it: a plot's scene otherwise paints the window whenever it changes, most plots three
    # times. The plots are painted once before too (their axes take the widths their first labels
    # need, as in a window a student opens, whose step 0 comes a moment after its first paint); the
    # canvas is not. (The rest of the window is painted as it changes: a few labels.)
    views = window.findChildren(QGraphicsView)
    window.canvas.setUpdatesEnabled(False)
    try:
        window.resize(*size)
        window.show()
        app.processEvents()
        if not laid_out:
            window.apply_default_layout()  # the default layout for this size
            app.processEvents()
            window.canvas.fit()
            app.processEvents()
        check()
        for view in views:
            view.setUpdatesEnabled(False)
        if train_steps > 0:
            window.training.train_for_screenshot(train_steps)
        else:
            window.training.wait_for_step_0()  # the panels as a student sees them a moment after opening
        check()
        app.processEvents()
        window.canvas.fit()
        app.processEvents()
    finally:
        for view in views:
            view.setUpdatesEnabled(True)
    paint_until_settled(window)
    check()
    return write_image(window_picture(window), png)


class _RepaintCounter(QObject):
    """Counts a window's repaints: Qt paints every changed widget of a window in one ``UpdateRequest``."""

    def __init__(self, window):
        super().__init__(window)
        self.repaints = 0

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.UpdateRequest:
            self.repaints += 1
        return False


def paint_until_settled(window, turns: int = 12) -> None:
    """Turn the event loop until a turn paints nothing (at most ``turns`` turns): a plot painted with
    new numbers gives its axis the width the labels need, which lays the panel out again and paints
    it again, maybe more than once."""
    counter = _RepaintCounter(window)
    window.installEventFilter(counter)
    try:
        for _ in range(turns):
            before = counter.repaints
            QApplication.processEvents()
            if counter.repaints == before:
                break
    finally:
        window.removeEventFilter(counter)
        counter.deleteLater()


def window_picture(window: MainWindow) -> QPixmap:
    """What ``window`` shows now, as a pixmap (call it after the events that paint it were processed).

    Offscreen (``--screenshot`` without a display, the tests) the window's last paint is kept whole
    in memory and is read back as it is: ~7 ms for a 1400×900 window, where ``grab()`` paints every
    widget and plot once more (~45 ms) into the same pixels. On a real screen a grab of the screen
    would show whatever covers the window, so the window is painted again."""
    if QGuiApplication.platformName() == "offscreen" and window.isVisible() and window.windowHandle() is not None:
        picture = window.screen().grabWindow(window.winId())
        if picture.size() == window.size() * window.devicePixelRatio():
            return picture
    return window.grab()


def write_image(pixmap, path: str) -> bool:
    """Encode ``pixmap`` in the format ``path``'s extension names and write it atomically; True.

    A PNG of an opaque picture (a window's ``grab``) is encoded by ``desktop.png_writer`` (the
    same pixels, ~2.5× faster than Qt's writer); every other image and format by Qt.
    ``OSError`` (with the operating system's reason: "Permission denied", "No such file or
    directory") when the file cannot be written, or when Qt cannot encode the image.
    """
    extension = os.path.splitext(path)[1].lstrip(".")
    if extension.lower() == "png" and not pixmap.hasAlpha() and not pixmap.isNull():
        data = encode_rgb_png(pixmap.toImage())
    else:
        buffer_data = QByteArray()
        buffer = QBuffer(buffer_data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not pixmap.save(buffer, extension.upper() or None):
            raise OSError(errno.EINVAL, f"Qt could not encode the image as {extension or 'an image'}", path)
        buffer.close()
        data = bytes(buffer_data.data())
    atomic_write(os.path.realpath(path), data)
    return True


def _headless_load(path: str | None):
    """For --screenshot/--smoke: load without a dialog; (network, error message, note on a missing CSV)."""
    if path is None:
        return default_network(), None, None
    try:
        network, missing_data = core.load_network_without_missing_csv(path)
    except (core.NetworkFileError, OSError, ValueError) as exc:
        return None, str(exc), None
    return network, None, missing_data


def run_app(args) -> int:
    """Run the window (or render ``--screenshot``, or ``--smoke``); the exit status. Ctrl+C or SIGTERM
    at any moment ends it with 130 or 143 after stopping the training process, writing nothing."""
    guard = SignalExit()
    try:
        headless = bool(args.screenshot or args.smoke)
        if headless and no_display():
            os.environ["QT_QPA_PLATFORM"] = "offscreen"  # rendering to a file needs no screen
        app = ensure_app()
        guard.watch()
        app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, False)
        errors.install(interactive=not headless)
        reap_resource_tracker_at_exit()
        guard.check()
        return _run_headless(args, guard) if headless else _run_window(app, args, guard)
    except Interrupted as exc:
        print(f"backprop-studio: error: {exc}; nothing was written", file=sys.stderr)
        return exc.status
    finally:
        guard.uninstall()


def _run_window(app: QApplication, args, guard: SignalExit) -> int:
    lesson = core.find_lesson(args.file) if args.file else None  # "backprop-studio spiral"
    window = create_main_window(lesson or args.file, as_copy=lesson is not None)
    try:
        guard.check()
        window.show()
        window.canvas.fit()
        QTimer.singleShot(FREEZE_AFTER_MS, freeze_long_lived_objects)
        status = app.exec()
        guard.check()
        return status
    except Interrupted:
        # the student's work stays where it was (nothing saved, no question asked)
        dispose(window)
        raise


def _run_headless(args, guard: SignalExit) -> int:
    lesson = core.find_lesson(args.file) if args.file else None
    network, problem, missing_data = _headless_load(lesson or args.file)
    if network is None:
        print(f"backprop-studio: error: {' '.join(problem.split())}", file=sys.stderr)
        return 2
    if args.screenshot:
        problem = screenshot_problem(args.screenshot)
        if problem:
            print(f"backprop-studio: error: {problem}", file=sys.stderr)
            return 2
    train_steps = max(0, int(args.train_steps or 0))
    # A picture of the network as opened needs its step 0, an evaluation, not training: the
    # window's own thread computes it at once instead of waiting for a training process to start.
    in_window = bool(args.screenshot) and train_steps == 0
    with _environment(TRANSPORT_ENV, "thread" if in_window else None):
        window = MainWindow(restore_layout=False, network=network, path=None if lesson else args.file)
        if missing_data:  # the Dataset panel says which CSV to load again
            window.document.replace_network(network, args.file, missing_data)
            show_dataset_panel(window)
    try:
        guard.check()
        if args.smoke:
            from desktop.smoke import run_smoke

            return int(run_smoke(window))
        try:
            size = parse_size(args.size)
        except ValueError as exc:
            print(f"backprop-studio: error: {exc}", file=sys.stderr)
            return 2
        try:
            take_screenshot(window, args.screenshot, size, train_steps, guard)
        except OSError as exc:
            print(f"backprop-studio: error: could not write {args.screenshot}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"wrote {args.screenshot}")
        return 0
    finally:
        dispose(window)


@contextlib.contextmanager
def _environment(name: str, value: str | None):
    """``os.environ[name] = value`` inside the block (nothing changes for None)."""
    if value is None:
        yield
        return
    previous = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            del os.environ[name]
        else:
            os.environ[name] = previous


def dispose(window: MainWindow) -> None:
    """End ``window``'s training process (joined, its shared memory released) and delete the window
    now, without asking about unsaved changes and without saving its layout."""
    window.training.shutdown()
    window.hide()
    # Delete the window now: left to PySide's exit-time cleanup, its pyqtgraph items are
    # destroyed after their parents and the process ends with a segfault (seen with --smoke).
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
