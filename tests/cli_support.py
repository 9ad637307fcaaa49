"""What the command-line tests share: run a subcommand in-process, check its one-line error."""

from __future__ import annotations


def run_command(command, capsys, *argv):
    """(exit status, stdout, stderr) of ``command([str(arg), ...])`` (a subcommand's ``main``)."""
    status = command([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def one_line_error(err: str, *fragments: str) -> str:
    """Assert ``err`` is one "backprop-studio: error: …" line holding every fragment, no traceback; return it."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("backprop-studio: error: ") and "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]
