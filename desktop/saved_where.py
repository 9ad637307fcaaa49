"""How the status bar names a file just written: its name first, its folder after in an aside.

At 1024 px the status bar leaves a message about 60 characters beside the training figures; it drops asides
before it cuts (``eliding_status_bar.shorter_forms``). "Saved /tmp/review23b/out/anna.bpn…" showed neither the
file's name nor what was kept (teacher review 23b #3): "Saved anna.bpnet (in /tmp/review23b/out) with its
training run …" shows "Saved anna.bpnet with its training run…" there, and the whole message in its tooltip.
"""

from __future__ import annotations

import os


def saved_where(path: str) -> str:
    """"anna.bpnet (in /tmp/out)" for ``path`` "/tmp/out/anna.bpnet"; the name alone for a bare name."""
    folder, name = os.path.split(os.path.abspath(path))
    return f"{name} (in {folder})" if folder else name
