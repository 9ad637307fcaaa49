"""Command line.

    backprop-studio [FILE] [--screenshot PNG [--train-steps N] [--size WxH]] [--smoke] [--version]
    backprop-studio train FILE (--steps N | --epochs N) --out OUT.bpnet [--allow-worse]
    backprop-studio trace FILE [--sample K] [--format text|json|html] [--out PATH]
    backprop-studio export FILE --to numpy|pytorch|onnx --out PATH
    backprop-studio lesson FILE (--check | [--format text|json|html] [--answers] [--out PATH])

``train``, ``trace``, ``export`` and ``lesson`` run headless and import no Qt (the package ``desktop.cli``:
``desktop.cli.train``, ``desktop.cli.trace``, ``desktop.cli.export``, ``desktop.cli.lesson``); everything else starts the Qt application
(``desktop.app``). FILE may be a bundled lesson's name ("xor", "spiral") when no file of
that name exists. Ctrl+C at any moment ends the program with status 130 and one line,
never a traceback; a reader that closes stdout early (``| head -1``) ends it quietly with status 1.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import signal
import sys

from desktop import __version__
from desktop.cli import interrupts
from desktop.cli.common import Parser, UsageError, error, network_file, whole_number

# One BLAS thread (set before NumPy loads; the training process inherits it): the window and
# the training process already share a laptop's few cores; extra OpenBLAS threads on top of
# them make training several times slower (tests/benchmarks/bench_gui.py).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


COMMANDS = ("train", "trace", "export", "lesson")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="backprop-studio",
        description="Build a neural network by hand and watch backpropagation move every number.",
        epilog="commands (each runs without a window; see 'backprop-studio COMMAND --help'):\n"
        "  train    train a network file with its own settings and data, and save the result\n"
        "  trace    print every number of one training step (text, JSON or an HTML worksheet)\n"
        "  export   write a network as a NumPy script, a PyTorch script or an ONNX model\n"
        "  lesson   check a guided lesson, or print it as a worksheet",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?",
                        help="a .bpnet network file, or a bundled lesson's name such as xor (default: the XOR lesson)")
    parser.add_argument("--screenshot", metavar="PNG", help="render the window to PNG (or .jpg, .bmp, ...) and exit")
    parser.add_argument("--train-steps", type=whole_number(0, MAX_TRAIN_STEPS), default=0, metavar="N",
                        help="with --screenshot: train N steps through the real training process first")
    parser.add_argument("--size", type=window_size, default="1400x900", metavar="WxH",
                        help="window size for --screenshot (200x200 to 10000x10000)")
    parser.add_argument("--smoke", action="store_true",
                        help="self-test: open a lesson, train in the training process, render, save, reload; "
                        "exit 0 if all works")
    parser.add_argument("--version", action="version", version=f"backprop-studio {__version__}")
    return parser


def window_size(text: str) -> str:
    """argparse type of ``--size``: "WxH" with both from 200 to 10000 (kept as text for the window)."""
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1400x900, found {text!r}") from None
    if not (200 <= w <= 10000 and 200 <= h <= 10000):
        raise argparse.ArgumentTypeError(f"width and height must be from 200 to 10000, found {text!r}")
    return text


def unknown_word(argv: list[str]) -> str | None:
    """The one-line complaint when the first word is neither a command, an existing file nor a
    bundled lesson ("fly xor"); None when it is one of those (or not a bare word)."""
    words = [a for a in argv if not a.startswith("-")]
    if not words or words[0] != argv[0]:
        return None
    word = words[0]
    if os.path.lexists(word) or os.path.dirname(word) or word.lower().endswith(".bpnet"):
        return None
    try:
        network_file(word)
    except UsageError:
        import difflib  # only a word that names nothing needs a suggestion

        close = difflib.get_close_matches(word.lower(), COMMANDS, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return (f"unknown command {word!r}; {hint}commands: {', '.join(COMMANDS)}; or give a .bpnet file "
                "or a lesson's name to open it (see 'backprop-studio --help')")
    return None


MAX_TRAIN_STEPS = 10**9


INTERRUPTED = "backprop-studio: error: interrupted; nothing was written"


def _quit_at_once(signum, frame) -> None:
    """SIGINT (or, for the window, SIGTERM) while the modules load: nothing has been done yet, so
    leave at once (a KeyboardInterrupt raised inside NumPy's import would become a long ImportError)."""
    sys.stderr.write(INTERRUPTED + "\n")
    sys.stderr.flush()
    os._exit(128 + signum)


@contextlib.contextmanager
def _quits_at_once(signals=(signal.SIGINT,)):
    """While modules load, Ctrl+C (and the given signals) end the program at once (one line,
    status 128 + the signal's number)."""
    try:
        previous = {s: signal.signal(s, _quit_at_once) for s in signals}
    except ValueError:  # not the main thread (an embedding program): leave signals alone
        previous = {}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _run_command(name: str, argv: list[str]) -> int:
    """Run the headless command ``name`` with Ctrl+C and SIGTERM handled from its first moment
    (``desktop.cli.interrupts``: leave at once while loading, then end cleanly; 130 or 143)."""
    installed = interrupts.install()
    try:
        if name == "train":
            from desktop.cli.train import main as run
        elif name == "trace":
            from desktop.cli.trace import main as run
        elif name == "lesson":
            from desktop.cli.lesson import main as run
        else:
            from desktop.cli.export import main as run
        interrupts.running()
        return run(argv)
    finally:
        if installed:
            interrupts.uninstall()


#: True once ``run`` turned Python's cycle collector off for the loading of the window's modules
_collection_paused = False


def _pause_collection() -> None:
    """Python's cycle collector off while the window's modules load (``_load`` freezes what they made).

    With it on, loading NumPy, Qt, pyqtgraph and the application collects ~150 times, walking every
    object made so far each time, and finds almost nothing to free: ~60 ms of a 1.2 s ``--screenshot``."""
    global _collection_paused
    gc.disable()
    _collection_paused = True


def _load(module: str):
    """The window's ``run_app`` (``module`` "app"), imported with Ctrl+C and SIGTERM ending the
    program at once (``run_app`` handles both itself once it runs: 130 or 143).

    After ``_pause_collection`` the modules' objects, which live as long as the program, are frozen
    (``gc.freeze``: no collection walks them again); collecting what the window makes from then on
    is the window's own timer's job (``desktop.app.collect_garbage_on_the_gui_thread``)."""
    with _quits_at_once((signal.SIGINT, signal.SIGTERM)):
        from desktop.pyside_source_check import install

        install()  # PySide6 first, then the cheaper check of the ~360 modules loaded after it
        from desktop.app import run_app as run
    if _collection_paused:
        gc.freeze()
    return run


#: exit status when stdout was closed before the output was written (``... | head -1``)
CLOSED_STDOUT = 1


def main(argv: list[str] | None = None) -> int:
    """Run the program with ``argv`` (default: ``sys.argv[1:]``); returns the exit status.

    Ctrl+C at any moment gives one line and status 130, never a traceback: while the
    modules load (NumPy, Qt: the first fraction of a second) the program leaves at once;
    afterwards the commands catch KeyboardInterrupt and clean up (nothing half-written).

    A reader that closes stdout early (``backprop-studio trace xor | head -1``) ends the
    program quietly with status 1 (``CLOSED_STDOUT``), as the Python documentation recommends
    (the ``signal`` module's "Note on SIGPIPE": Python exits with status 1 on EPIPE): stdout is
    flushed inside the ``try`` so that the error is met here, then pointed at the null device so
    that Python's own flush at exit raises no second error. Files given with ``--out`` are
    written atomically before anything is printed, so they are whole (or untouched) either way.
    """
    try:
        status = _main(list(sys.argv[1:] if argv is None else argv))
        if sys.stdout is not None:
            sys.stdout.flush()  # meet a closed stdout here, not in the interpreter's exit
        return status
    except KeyboardInterrupt as exc:
        status, word = interrupts.status_and_word(exc)
        print(f"backprop-studio: error: {word}; nothing was written", file=sys.stderr)
        return status
    except BrokenPipeError:
        _silence_stdout()
        return CLOSED_STDOUT


def run() -> None:
    """The program's entry point (``backprop-studio``, ``python -m desktop``, the bundle): exit with
    ``main()``'s status. A run that renders without a window (``--screenshot``, ``--smoke``) leaves
    as soon as it is done (``_leave_now``)."""
    argv = sys.argv[1:]
    if not (argv and argv[0] in COMMANDS):
        _pause_collection()  # the window's start (a command's run is left as it was)
    status = main(argv)
    if _renders_without_window(argv):
        _leave_now(status)
    sys.exit(status)


def _renders_without_window(argv: list[str]) -> bool:
    """``--screenshot`` or ``--smoke`` (not a headless command such as ``train``)."""
    if argv and argv[0] in COMMANDS:
        return False
    return any(a in ("--screenshot", "--smoke") or a.startswith("--screenshot=") for a in argv)


def _leave_now(status: int) -> None:
    """End the process with ``status`` after the exit handlers, without the interpreter's teardown.

    Everything is done by then: the picture is written (atomically), the window deleted and its
    training process joined (``desktop.app.dispose``). The exit handlers still run, in their
    order: ``multiprocessing`` joins any child and releases its semaphores, and the resource
    tracker is stopped and waited for (``desktop.lifecycle``), so nothing is left behind. What is
    skipped is freeing the window's tens of thousands of Python objects one by one and a last
    garbage collection (0.2–0.4 s here, measured), which the operating system does at once."""
    from desktop.end_now import end_now

    end_now(status, exit_handlers=True)


def _silence_stdout() -> None:
    """Point stdout (file descriptor and Python object) at the null device: what is still
    buffered for a closed pipe is dropped instead of raising BrokenPipeError at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ is not None else 1)
    except (OSError, ValueError):
        pass
    finally:
        os.close(devnull)


def _main(argv: list[str]) -> int:
    if argv and argv[0] in COMMANDS:
        return _run_command(argv[0], argv[1:])
    with _quits_at_once():  # finding a lesson by name loads core (and NumPy)
        problem = unknown_word(argv)
    if problem:
        return error(problem, 2)
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        return error(f"{exc} (see 'backprop-studio --help')", 2)
    if args.file:
        try:  # a lesson's name in any case: "Spiral" opens the spiral lesson
            with _quits_at_once():
                found = network_file(args.file)
        except UsageError as exc:
            return error(exc, 2)
        if found != args.file:
            args.file = os.path.splitext(os.path.basename(found))[0]
    if not (args.screenshot or args.smoke):
        from desktop.display import display_problem

        problem = display_problem()
        if problem:  # Qt would abort (SIGABRT) with a misleading message
            return error(problem, 2)
    return _load("app")(args)


if __name__ == "__main__":
    # A frozen bundle starts its training process by running this executable again with
    # --multiprocessing-fork: freeze_support() turns that run into the process and exits.
    import multiprocessing

    multiprocessing.freeze_support()
    run()
