"""``backprop-studio trace``: every number of one training step of a ``.bpnet`` file. Imports no Qt.

    backprop-studio trace FILE [--sample K] [--format text|json|html] [--out PATH]

Without --sample: the first mini-batch step ``backprop-studio train FILE --steps 1``
takes; with --sample K: dataset row K (0-based, before the validation split) as a
batch of one (``core.trace_step``). The trace (forward z and a, loss, δ, gradients
with their chain-rule products, update) is printed as plain text (default), JSON
(exact numbers, the structure of ``StepTrace.to_json_dict``) or a printable HTML
worksheet, to stdout or, with --out, written atomically to PATH.

Exit status: 0 traced; 2 bad arguments, a file that cannot be traced, a sample out
of range, or an --out that exists and is not a regular file (one line
"backprop-studio: error: …", no traceback); 1 the step diverges or PATH could not
be written.
"""

from __future__ import annotations

import argparse

import core
from desktop.cli.common import Parser, add_force, error, out_path, parse_and_load, print_or_write

PROG = "backprop-studio trace"
FORMATS = ("text", "json", "html")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROG,
        description="Print every number of one training step of a .bpnet network: the forward pass, "
        "the loss, the backward pass (δ), each gradient with its chain-rule product, and the update.",
    )
    parser.add_argument("file", metavar="FILE", help="the .bpnet network to trace (or a bundled lesson's name, e.g. xor)")
    parser.add_argument("--sample", type=_sample, metavar="K",
                        help="trace dataset row K (0-based) alone instead of the first mini-batch")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text (default), json (exact numbers) or html (a printable A4 worksheet)")
    parser.add_argument("--out", type=out_path, metavar="PATH", help="write the trace to PATH instead of printing it")
    add_force(parser, "the trace")
    return parser


def writes(args) -> str:
    """What ``--out`` receives, in words."""
    return {"text": "a text trace", "json": "a JSON trace", "html": "an HTML worksheet"}[args.format]


def _sample(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number (a dataset row, from 0), found {text!r}") from None


def render(trace: core.StepTrace, fmt: str) -> str:
    """The trace in format ``fmt`` (text, json or html)."""
    if fmt == "json":
        return trace.to_json()
    if fmt == "html":
        return trace.to_html()
    return trace.to_text()


def main(argv: list[str] | None = None) -> int:
    """Run ``trace`` with ``argv`` (the arguments after "trace"); returns the exit status."""
    args, net, status = parse_and_load(build_parser(), argv, PROG, writes=writes)
    if args is None:
        return status
    try:
        trace = core.trace_step(net, args.sample)
    except core.DivergenceError as exc:
        return error(f"{args.file}: {exc}", 1)
    except (ValueError, core.GraphError) as exc:
        return error(f"{args.file}: {exc}", 2)
    try:
        text = render(trace, args.format)
    except ValueError as exc:
        return error(f"{args.file}: {exc}", 1)
    return print_or_write(text, args.out)

