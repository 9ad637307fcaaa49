"""What the headless subcommands (``train``, ``trace``, ``export``) share: argument errors as one
line, no traceback; reading the network file; refusing an output path that is not a file.

Imports no Qt.
"""

from __future__ import annotations

import argparse
import os
import sys


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as an exception instead of exiting."""

    def error(self, message):  # noqa: D102 (argparse API)
        raise UsageError(message)


def whole_number(low: int, high: int):
    """An argparse type: a whole number from ``low`` to ``high``, or a one-line reason."""

    def convert(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected a whole number from {low} to {high}, found {value}")
        return value

    return convert


def error(message, status: int) -> int:
    """Print "backprop-studio: error: …" on one line to stderr and return ``status``."""
    print(f"backprop-studio: error: {' '.join(str(message).split())}", file=sys.stderr)
    return status


def parse(parser: argparse.ArgumentParser, argv: list[str], prog: str):
    """(arguments, None), or (None, exit status) after a usage error or --help."""
    try:
        return parser.parse_args(argv), None
    except UsageError as exc:
        return None, error(f"{exc} (see '{prog} --help')", 2)
    except SystemExit as exc:  # --help printed its text
        return None, int(exc.code or 0)


def out_path(text: str) -> str:
    """argparse type of ``--out``: a non-empty file name (whether it can be written is checked later)."""
    if not text.strip():
        raise argparse.ArgumentTypeError(f"expected a file name to write to, found {text!r}")
    return text


def out_problem(path: str) -> str | None:
    """Why ``--out PATH`` cannot be written before any work is done: it exists and is not a
    regular file (a folder, a device such as /dev/null, a FIFO, a socket); None if it can be."""
    from core.safefiles import not_regular

    kind = not_regular(os.path.realpath(path))
    if kind is None:
        return None
    return f"{path}: this is {kind}, not a regular file; choose a file name for --out (nothing was written)"


def network_file(name: str) -> str:
    """``name``, or the bundled lesson it names ("xor", "spiral.bpnet") when no such file exists."""
    from core.examples import find_lesson

    return find_lesson(name) or name


def parse_and_load(parser: argparse.ArgumentParser, argv: list[str] | None, prog: str, *, check_out: bool = True):
    """Parse ``argv`` (default: ``sys.argv[1:]``) and read the network file ``args.file`` (a
    bundled lesson's name opens that lesson when no such file exists).

    Returns (arguments, network, None), or (None, None, exit status) after a usage error or
    --help, an ``--out`` that exists and is not a regular file (a folder, a device; checked
    when ``check_out``), or a network file that cannot be read (its ``NetworkFileError`` as
    one line, status 2).
    """
    import core

    args, status = parse(parser, list(sys.argv[1:] if argv is None else argv), prog)
    if args is None:
        return None, None, status
    out = getattr(args, "out", None) if check_out else None
    problem = out_problem(out) if out is not None else None
    if problem is not None:
        return None, None, error(problem, 2)
    try:
        return args, core.load_network(network_file(args.file)), None
    except core.NetworkFileError as exc:
        return None, None, error(exc, 2)
