"""What the headless subcommands (``train``, ``trace``, ``export``) share: argument errors as one
line, no traceback; reading the network file; refusing an output path that is not a file.

Imports no Qt.
"""

from __future__ import annotations

import argparse
import os
import sys

import core


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as an exception instead of exiting."""

    def error(self, message):  # noqa: D102 (argparse API)
        raise UsageError(message)


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


def parse_and_load(parser: argparse.ArgumentParser, argv: list[str] | None, prog: str, *, check_out: bool = True):
    """Parse ``argv`` (default: ``sys.argv[1:]``) and read the network file ``args.file``.

    Returns (arguments, network, None), or (None, None, exit status) after a usage error or
    --help, an ``--out`` that exists and is not a regular file (a folder, a device; checked
    when ``check_out``), or a network file that cannot be read (its ``NetworkFileError`` as
    one line, status 2).
    """
    args, status = parse(parser, list(sys.argv[1:] if argv is None else argv), prog)
    if args is None:
        return None, None, status
    out = getattr(args, "out", None) if check_out else None
    if out is not None and os.path.exists(out) and not os.path.isfile(out):
        return None, None, error(f"{out}: exists and is not a regular file; choose a file name for --out", 2)
    try:
        return args, core.load_network(args.file), None
    except core.NetworkFileError as exc:
        return None, None, error(exc, 2)
