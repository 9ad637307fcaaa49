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
never a traceback.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys

from desktop import __version__
from desktop.cli.common import whole_number

# One BLAS thread (set before NumPy loads): the GUI thread and the training thread already
# share a laptop's few cores; extra OpenBLAS threads on top of them make training in the
# window several times slower (tests/benchmarks/bench_gui.py).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backprop-studio",
        description="Build a neural network by hand and watch backpropagation move every number. "
        "Use 'backprop-studio train --help' for headless training, 'backprop-studio export --help' "
        "to export a network as NumPy, PyTorch or ONNX.",
    )
    parser.add_argument("file", nargs="?",
                        help="a .bpnet network file, or a bundled lesson's name such as xor (default: the XOR lesson)")
    parser.add_argument("--screenshot", metavar="PNG", help="render the window to PNG (or .jpg, .bmp, ...) and exit")
    parser.add_argument("--train-steps", type=whole_number(0, MAX_TRAIN_STEPS), default=0, metavar="N",
                        help="with --screenshot: train N steps through the real worker first")
    parser.add_argument("--size", default="1400x900", metavar="WxH", help="window size for --screenshot")
    parser.add_argument("--smoke", action="store_true",
                        help="self-test: open a lesson, train in the worker thread, render, save, reload; exit 0 if all works")
    parser.add_argument("--version", action="version", version=f"backprop-studio {__version__}")
    return parser


MAX_TRAIN_STEPS = 10**9


INTERRUPTED = "backprop-studio: error: interrupted; nothing was written"


def _quit_at_once(signum, frame) -> None:
    """SIGINT while the modules load: nothing has been done yet, so leave at once (a
    KeyboardInterrupt raised inside NumPy's import would become a long ImportError)."""
    sys.stderr.write(INTERRUPTED + "\n")
    sys.stderr.flush()
    os._exit(130)


def _load(module: str):
    """``module``'s ``main`` or ``run_app``, imported with Ctrl+C ending the program at once."""
    try:
        previous = signal.signal(signal.SIGINT, _quit_at_once)
    except ValueError:  # not the main thread (an embedding program): leave signals alone
        previous = None
    try:
        if module == "train":
            from desktop.cli.train import main as run
        elif module == "trace":
            from desktop.cli.trace import main as run
        elif module == "export":
            from desktop.cli.export import main as run
        elif module == "lesson":
            from desktop.cli.lesson import main as run
        else:
            from desktop.app import run_app as run
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    return run


def main(argv: list[str] | None = None) -> int:
    # Ctrl+C at any moment gives one line and status 130, never a traceback: while the
    # modules load (NumPy, Qt: the first fraction of a second) the program leaves at once;
    # afterwards the commands catch KeyboardInterrupt and clean up (nothing half-written).
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130


def _main(argv: list[str]) -> int:
    if argv and argv[0] in ("train", "trace", "export", "lesson"):
        return _load(argv[0])(argv[1:])
    args = build_parser().parse_args(argv)
    if not (args.screenshot or args.smoke):
        from desktop.display import display_problem

        problem = display_problem()
        if problem:  # Qt would abort (SIGABRT) with a misleading message
            print(f"backprop-studio: error: {problem}", file=sys.stderr)
            return 2
    return _load("app")(args)


if __name__ == "__main__":
    # A frozen bundle starts its training process by running this executable again with
    # --multiprocessing-fork: freeze_support() turns that run into the process and exits.
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
