"""Only regular files are read or replaced.

A path that names a folder, a device (``/dev/null``), a named pipe (FIFO) or a socket
is never read as a network or a CSV file and never replaced by a saved file: reading a
FIFO would wait forever, and replacing a device as root would destroy it.

* ``not_regular(path)`` — None when ``path`` does not exist or is a regular file
  (symbolic links are followed), else what it is: "a folder", "a device", ...
* ``read_regular(path, limit)`` — at most ``limit + 1`` bytes of a regular file. The
  file is opened without blocking and checked on the open descriptor (``fstat``), so a
  FIFO never blocks and nothing can be swapped in between the check and the read;
  anything else raises ``NotRegularFileError`` (an ``OSError``).
"""

from __future__ import annotations

import errno
import os
import stat

__all__ = ["FileTooLargeError", "NotRegularFileError", "describe_mode", "not_regular", "read_regular"]


class NotRegularFileError(OSError):
    """``path`` exists but is not a regular file; ``kind`` says what it is ("a device", ...)."""

    def __init__(self, path: str, kind: str):
        super().__init__(errno.EINVAL, f"this is {kind}, not a regular file", path)
        self.kind = kind


class FileTooLargeError(OSError):
    """``path`` is larger than the ``limit`` its reader accepts."""

    def __init__(self, path: str, limit: int):
        super().__init__(errno.EFBIG, f"the file is larger than {limit:,} bytes", path)
        self.limit = limit


def describe_mode(mode: int) -> str | None:
    """What a ``st_mode`` is when it is not a regular file ("a folder", "a device", ...), else None."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def not_regular(path) -> str | None:
    """What ``path`` is if it exists and is not a regular file; None if it is one or does not exist.

    (A path that cannot be inspected, e.g. in a folder without permission, gives None: the
    read or write that follows reports it.)
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    return describe_mode(mode)


def read_regular(path, limit: int, *, refuse_larger: bool = False) -> bytes:
    """At most ``limit + 1`` bytes of the regular file ``path`` (the caller refuses a longer one).

    With ``refuse_larger``, a file whose size (``fstat``) is already over ``limit`` is not read at
    all: ``FileTooLargeError`` (a huge file costs neither reading time nor memory).

    ``FileNotFoundError``, ``NotRegularFileError`` or another ``OSError`` otherwise.
    """
    path = os.fspath(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        kind = describe_mode(os.fstat(fd).st_mode)
        if kind is not None:
            raise NotRegularFileError(path, kind)
        if refuse_larger and os.fstat(fd).st_size > limit:
            raise FileTooLargeError(path, limit)
        with os.fdopen(fd, "rb") as f:
            fd = -1  # the file object closes it
            return f.read(limit + 1)
    finally:
        if fd >= 0:
            os.close(fd)
