"""Command line.

    backprop-studio [FILE] [--screenshot PNG [--train-steps N] [--size WxH]] [--smoke]
    backprop-studio train FILE (--steps N | --epochs N) --out OUT.bpnet
    backprop-studio trace FILE [--sample K] [--format text|json|html] [--out PATH]
    backprop-studio export FILE --to numpy|pytorch|onnx --out PATH

``train``, ``trace`` and ``export`` run headless and import no Qt (``desktop.cli_train``,
``desktop.cli_trace``, ``desktop.cli_export``); everything else starts the Qt application
(``desktop.app``).
"""

from __future__ import annotations

import argparse
import os
import sys

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
    parser.add_argument("file", nargs="?", help="a .bpnet network file to open (default: a bundled lesson)")
    parser.add_argument("--screenshot", metavar="PNG", help="render the window to PNG and exit")
    parser.add_argument("--train-steps", type=int, default=0, metavar="N",
                        help="with --screenshot: train N steps through the real worker first")
    parser.add_argument("--size", default="1400x900", metavar="WxH", help="window size for --screenshot")
    parser.add_argument("--smoke", action="store_true",
                        help="self-test: open a lesson, train in the worker thread, render, save, reload; exit 0 if all works")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "train":
        from desktop.cli_train import main as train_main

        return train_main(argv[1:])
    if argv and argv[0] == "trace":
        from desktop.cli_trace import main as trace_main

        return trace_main(argv[1:])
    if argv and argv[0] == "export":
        from desktop.cli_export import main as export_main

        return export_main(argv[1:])
    args = build_parser().parse_args(argv)
    from desktop.app import run_app

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())
