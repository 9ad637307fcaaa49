"""The ``.bpnet`` network file: read, validate, write atomically.

A ``.bpnet`` file is UTF-8 JSON (format "backprop-studio.network", version 1; see
the README's "File format" section). Never pickle, never eval.

* ``load_network(path)`` reads at most ``MAX_FILE_BYTES`` of a regular file (a folder,
  device, FIFO or socket is refused, never waited on), parses with NaN/Infinity
  (and overflowing numbers) turned into errors, checks every field, shape and the
  graph, and only then builds the ``Network``. Any problem — unreadable file, bad
  JSON, a wrong field, a CSV dataset that cannot be read — raises
  ``NetworkFileError`` naming the file, the place and what was expected.
* ``save_network(net, path)`` checks everything first (no NaN, a valid structure),
  refuses a target that exists and is not a regular file (a folder, ``/dev/null``, a
  FIFO, a socket), writes a temporary file beside the target, flushes and fsyncs it and
  renames it over the target with ``os.replace``. If anything fails, the old file is left
  byte-identical and the temporary file is removed. The training run that left the weights
  (``net.progress``, the ``progress`` section: ``bpnet_progress``) is written while it still fits
  them, and left out when it would make the file larger than ``MAX_FILE_BYTES`` / ``MAX_FILE_VALUES``
  (so that every saved file opens again).
"""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
import time

from .bpnet_read import (FORMAT, MAX_DATASET_VALUES, MAX_DESCRIPTION_LENGTH, MAX_PARAMETERS, VERSION, read_dataset,
                         read_network)
from .bpnet_write import dumps, network_to_dict
from .datasets import Dataset
from .jsonchecks import Checker, NetworkFileError, NonFinite, describe, first_bad_number
from .network import Network
from .safefiles import FileTooLargeError, NotRegularFileError, not_regular, read_regular

#: The longest text one float64 takes in a file (``repr`` of -2.2250738585072014e-308) with its ", ".
NUMBER_BYTES = 26
#: Room for all that is not a weight, bias or row of data: names, settings, masks' 0/1, the lesson text.
OTHER_BYTES = 64 * 1024 * 1024
#: Files larger than this are refused before parsing. Derived from the limits on what a file may
#: hold, so that every network within them opens again: ``MAX_PARAMETERS`` weights and biases and
#: ``MAX_DATASET_VALUES`` numbers of data at their longest (about 520 MB) plus ``OTHER_BYTES``
#: (about 587 MB in all). A 784-2048-1024-10 network (3.7 M parameters) takes 82 MB, 22 bytes
#: per parameter (tests/benchmarks/bench_fileio.py). ``save_network`` refuses to write a larger
#: file (only an unusual shape, e.g. millions of one-unit rows, can get there), so every saved
#: file opens.
MAX_FILE_BYTES = NUMBER_BYTES * (MAX_PARAMETERS + MAX_DATASET_VALUES) + OTHER_BYTES
#: At most this many JSON values (counted by their commas before parsing): every weight and bias,
#: a mask entry per weight, every number of data, and a million more for everything else. Bounds
#: what a hostile file (short values: "0,0,0,…") makes the parser allocate to what the largest
#: network a file can hold needs anyway.
MAX_FILE_VALUES = 2 * MAX_PARAMETERS + MAX_DATASET_VALUES + 1_000_000

__all__ = ["FORMAT", "VERSION", "MAX_FILE_BYTES", "MAX_DESCRIPTION_LENGTH", "NetworkFileError", "load_network", "save_network",
           "network_from_json", "network_to_json", "dataset_from_spec"]


# ------------------------------------------------------------------- loading
def load_network(path) -> Network:
    """The ``Network`` stored in the ``.bpnet`` file ``path`` (with its training settings and dataset).

    Raises ``NetworkFileError`` (a ``ValueError``) for any file that cannot be read or is not valid.
    """
    file = os.fspath(path)
    text = _read_text(file)
    return network_from_json(text, file, os.path.dirname(os.path.abspath(file)))


def network_from_json(text: str, file: str = "<text>", base_dir: str | None = None) -> Network:
    """The ``Network`` a ``.bpnet`` JSON text describes; ``file`` names it in error messages.

    A CSV dataset's relative path is resolved against ``base_dir`` (default: the current folder);
    a CSV outside that folder (and the folders below it) is refused.
    """
    return read_network(_parse(text, file), file, base_dir)


def dataset_from_spec(spec: dict, base_dir: str | None = None, file: str = "") -> Dataset:
    """The ``Dataset`` a file's ``dataset`` entry describes (inline rows, a generator or a CSV spec).

    The same checks and messages as loading a file (``NetworkFileError``, a ``ValueError``);
    a CSV path is relative to ``base_dir`` (default: the current folder) and must stay inside it.
    """
    return read_dataset(Checker(file), spec, "dataset", base_dir)


def _read_text(file: str) -> str:
    try:
        data = read_regular(file, MAX_FILE_BYTES, refuse_larger=True)
    except FileNotFoundError:
        raise NetworkFileError(file, "", "the file does not exist") from None
    except NotRegularFileError as exc:
        raise NetworkFileError(file, "", f"this is {exc.kind}, not a network file") from None
    except IsADirectoryError:
        raise NetworkFileError(file, "", "this is a folder, not a network file") from None
    except FileTooLargeError:
        data = None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise NetworkFileError(file, "", f"cannot read the file ({reason})") from None
    if data is None or len(data) > MAX_FILE_BYTES:
        raise NetworkFileError(file, "", f"the file is larger than {_size(MAX_FILE_BYTES)}, more than the largest "
                                         "network and data a file can hold; this is not a network Backprop Studio "
                                         "can open")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise NetworkFileError(file, f"line {line}", "the file is not UTF-8 text (is it a network file?)") from None


def _size(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n:,} bytes"


def _parse(text: str, file: str):
    """JSON → Python values; a NaN or Infinity token anywhere is reported with its place.

    (Too-large literals are caught where each number is read; see ``jsonchecks``.)
    """
    if not text.strip():
        raise NetworkFileError(file, "", "the file is empty")
    values = text.count(",")
    if values > MAX_FILE_VALUES:
        raise NetworkFileError(file, "", f"the file holds more than {MAX_FILE_VALUES:,} values, more than the largest "
                                         "network and data a file can hold; this is not a network Backprop Studio "
                                         "can open")
    seen: list[NonFinite] = []

    def non_finite(token: str) -> NonFinite:
        seen.append(NonFinite(token))
        return seen[-1]

    try:
        doc = json.loads(text, parse_constant=non_finite)
    except json.JSONDecodeError as exc:
        hint = " (the file seems cut off)" if exc.pos >= len(text.rstrip()) else ""
        raise NetworkFileError(file, f"line {exc.lineno}, column {exc.colno}",
                               f"not valid JSON: {exc.msg}{hint}") from None
    except RecursionError:
        raise NetworkFileError(file, "", "not a network file: the JSON is nested too deeply") from None
    except ValueError as exc:  # e.g. an integer literal of thousands of digits
        raise NetworkFileError(file, "", f"not valid JSON: {exc}") from None
    if seen:
        place, token = first_bad_number(doc)
        raise NetworkFileError(file, place or "the top level", f"expected a finite number, found {describe(token)}")
    if _SURROGATE_ESCAPE.search(text) and not _encodable(doc):
        raise NetworkFileError(file, "", f"the file contains {_NOT_UNICODE}")
    return doc


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_NOT_UNICODE = "text that is not valid Unicode (an unpaired surrogate such as \\ud800)"


def _encodable(doc) -> bool:
    """True unless some string in ``doc`` holds a lone surrogate (which UTF-8 cannot write)."""
    try:
        json.dumps(doc, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# -------------------------------------------------------------------- saving
def network_to_json(net: Network, file: str = "<text>", base_dir: str | None = None) -> str:
    """The ``.bpnet`` JSON text for ``net``; ``NetworkFileError`` naming ``file`` if it cannot be saved.

    A CSV dataset's path is written relative to ``base_dir`` (default: the current folder) when
    the CSV is in that folder or below it; otherwise the dataset's rows are written.
    """
    return _json_and_run(net, file, base_dir)[0]


def _json_and_run(net: Network, file: str, base_dir: str | None) -> tuple[str, bool]:
    """(the ``.bpnet`` text for ``net``, whether it holds the ``progress`` section: left out when the network
    keeps no run, or when the run would make the file too large to open)."""
    doc = network_to_dict(net, file, base_dir)
    try:
        text = dumps(doc)
    except (ValueError, TypeError, RecursionError) as exc:  # only extra (unknown) keys can get here
        raise NetworkFileError(file, "", f"cannot write the extra fields of this network: {exc}") from None
    if "progress" in doc and (len(text) > MAX_FILE_BYTES or text.count(",") > MAX_FILE_VALUES):
        # the run's optimizer state would make a file Backprop Studio cannot open: the weights go without it
        return network_to_json(_without_progress(net), file, base_dir), False
    return text, "progress" in doc


def _without_progress(net: Network) -> Network:
    bare = net.copy()
    bare.progress = None
    return bare


def save_network(net: Network, path) -> bool:
    """Write ``net`` to ``path`` atomically (temporary file + fsync + ``os.replace``); True when the file holds
    the network's training run (``net.progress``), False when it has none or it was left out (too large).

    Raises ``NetworkFileError`` when the network cannot be saved (NaN, invalid
    structure) or the file cannot be written; the previous file is then unchanged.
    """
    file = os.fspath(path)
    if not file:
        raise NetworkFileError("", "", "no file name was given; choose a file to save to")
    target = os.path.realpath(file)
    kind = not_regular(target)
    if kind is not None:
        raise NetworkFileError(file, "", f"this is {kind}, not a regular file; nothing was written "
                                         "(choose a file name to save to)")
    text, run_written = _json_and_run(net, file, os.path.dirname(target))
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise NetworkFileError(file, "", f"cannot save {_NOT_UNICODE} in a name or text field") from None
    if len(data) > MAX_FILE_BYTES:
        raise NetworkFileError(file, "", f"the file would be {_size(len(data))}, more than the {_size(MAX_FILE_BYTES)} "
                                         "Backprop Studio opens, so nothing was written (make the network or "
                                         "its data smaller)")
    try:
        atomic_write(target, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise NetworkFileError(file, "", f"cannot save here ({reason}); the previous file is unchanged") from None
    return run_written


def atomic_write(target: str, data: bytes, *, retries: int = 10) -> None:
    """Replace ``target`` by ``data`` so that, at every moment, it holds either the old or the new bytes.

    The temporary file is created beside the target (same file system, so the
    rename is atomic), gets the target's permissions, is fsynced, then renamed
    over it; a rename refused with ``PermissionError`` (Windows: the file is open
    elsewhere) is retried ``retries`` times, 50 ms apart. On any failure the
    temporary file is removed and the exception propagates. A ``target`` that exists
    and is not a regular file (a folder, a device such as ``/dev/null``, a FIFO, a
    socket) is refused with ``NotRegularFileError`` before anything is written.
    """
    kind = not_regular(target)
    if kind is not None:
        raise NotRegularFileError(target, kind)
    directory = os.path.dirname(target) or "."
    tmp, fd = _create_temporary(directory, os.path.basename(target))
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        _copy_mode(target, tmp)
        for attempt in range(retries + 1):
            try:
                os.replace(tmp, target)
                break
            except PermissionError:
                if attempt == retries or os.name != "nt":
                    raise
                time.sleep(0.05)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _sync_directory(directory)


def _create_temporary(directory: str, name: str) -> tuple[str, int]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = os.path.join(directory, f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            return tmp, os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
    raise OSError(errno.EEXIST, "could not create a temporary file", directory)


def _copy_mode(target: str, tmp: str) -> None:
    try:
        os.chmod(tmp, os.stat(target).st_mode & 0o7777)
    except OSError:
        pass  # a new file keeps the default permissions


def _sync_directory(directory: str) -> None:
    """Make the rename itself durable (POSIX); best effort."""
    if os.name == "nt":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
