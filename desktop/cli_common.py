"""What the headless subcommands (``train``, ``trace``) share: argument errors as one line, no traceback.

Imports no Qt.
"""

from __future__ import annotations

import argparse
import sys


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
