"""What the headless subcommands (``train``, ``trace``, ``export``) share: argument errors as one
line, no traceback; reading the network file (or a bundled lesson by name); refusing an output
path that is not a file, that is a file the command reads, or that would replace a network or
a CSV file with another kind of file.

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
    """``name``, or the bundled lesson it names ("xor", "Spiral", "spiral.bpnet"; any case) when no
    such file exists.

    ``UsageError`` when there is neither: the message names the closest lesson and lists them all.
    """
    if os.path.lexists(name) or os.path.dirname(name):
        return name
    from core.examples import find_lesson, list_examples

    found = find_lesson(name)
    if found:
        return found
    stem = name[: -len(".bpnet")] if name.lower().endswith(".bpnet") else name
    lessons = {example.name: example.path for example in list_examples()}
    for lesson, path in lessons.items():
        if lesson.lower() == stem.lower():
            return path
    if not stem:
        return name
    import difflib  # only a name that finds nothing needs a suggestion

    close = difflib.get_close_matches(stem.lower(), [n.lower() for n in lessons], n=1, cutoff=0.6)
    suggestion = f"did you mean {close[0]!r}? " if close else ""
    raise UsageError(f"{name}: the file does not exist, and no bundled lesson has that name; {suggestion}"
                     f"the lessons are {', '.join(lessons)}")


#: what a file name ending says a file holds; an output never replaces these with another kind
PROTECTED_KINDS = {".bpnet": "a network file", ".csv": "a CSV data file"}


def kind_of_existing(path: str) -> str | None:
    """"a network file" or "a CSV data file" when ``path`` is an existing regular file of that
    kind (by its name's ending, or a network file by its first bytes), else None."""
    if not os.path.isfile(path):
        return None
    kind = PROTECTED_KINDS.get(os.path.splitext(path)[1].lower())
    if kind is not None:
        return kind
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return None
    return PROTECTED_KINDS[".bpnet"] if head.lstrip().startswith(b"{") and b'"backprop-studio.network"' in head else None


def same_file(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are one file (same device and inode: links and symbolic links
    count, however the paths are written)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def files_read(file: str, net) -> list[tuple[str, str]]:
    """(path, what it is) of every file a command reads for the network ``file`` (a path or a
    lesson's name): the network file and its dataset's CSV file."""
    read = [(network_file(file), "the network file this command reads")]
    source = getattr(net.dataset, "source", None) if net is not None else None
    if isinstance(source, dict) and isinstance(source.get("csv"), str):
        read.append((source["csv"], "the dataset (CSV) file the network reads"))
    return read


def clobber_problem(out: str, read: list[tuple[str, str]], writes: str, force: bool) -> str | None:
    """Why writing ``writes`` ("a network file", "a Python script", ...) to ``out`` would destroy
    the user's work, or None.

    Always refused: ``out`` is one of the files ``read`` (compared by file identity). Refused
    unless ``force``: ``out`` is an existing network or CSV file and ``writes`` is another kind.
    """
    for path, what in read:
        if same_file(out, path):
            return (f"--out {out} is {what} ({path}); choose another file name for the output "
                    "(nothing was written)")
    kind = kind_of_existing(out)
    if kind is not None and kind != writes and not force:
        return (f"--out {out} is {kind}; writing {writes} would replace it. Choose another file name, "
                "or pass --force to replace it (nothing was written)")
    return None


def add_force(parser: argparse.ArgumentParser, writes: str) -> None:
    """The ``--force`` option of a command that writes ``writes`` to ``--out``."""
    parser.add_argument("--force", action="store_true",
                        help=f"replace an existing network (.bpnet) or CSV file at --out with {writes}")


def parse_and_load(parser: argparse.ArgumentParser, argv: list[str] | None, prog: str, *,
                   writes, check_out: bool = True):
    """Parse ``argv`` (default: ``sys.argv[1:]``) and read the network file ``args.file`` (a
    bundled lesson's name, in any case, opens that lesson when no such file exists).

    Returns (arguments, network, None), or (None, None, exit status 2) after a usage error or
    --help, a network file that cannot be read (its ``NetworkFileError`` as one line), or an
    ``--out`` (checked when ``check_out``) that exists and is not a regular file (a folder, a
    device), that is a file the command reads (the network, its CSV), or that is a network or
    CSV file the command would replace with ``writes`` (a text such as "a network file", or a
    function of the arguments giving it), another kind of file, without ``--force``.
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
        net = core.load_network(network_file(args.file))
    except UsageError as exc:
        return None, None, error(exc, 2)
    except core.NetworkFileError as exc:
        return None, None, error(exc, 2)
    if out is not None:
        what = writes(args) if callable(writes) else writes
        problem = clobber_problem(out, files_read(args.file, net), what, getattr(args, "force", False))
        if problem is not None:
            return None, None, error(problem, 2)
    return args, net, None


def print_utf8(text: str) -> None:
    """Write ``text`` to stdout as UTF-8 whatever the console's encoding (traces and worksheets have δ, →, ×)."""
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(text)
        return
    out.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def print_or_write(text: str, out: str | None) -> int:
    """Print ``text`` (``out`` None) or write it to ``out`` atomically (nothing half-written); the exit status."""
    from core.fileio import atomic_write

    if out is None:
        print_utf8(text)
        return 0
    try:
        atomic_write(os.path.realpath(out), text.encode("utf-8"))
    except OSError as exc:
        return error(f"{out}: cannot write here ({exc.strerror or exc})", 1)
    return 0
