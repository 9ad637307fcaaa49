"""How the status bar names a file just written: its name first, what it holds in a short aside, and the rest (the
whole path, what opening it will do) in the message's tooltip (``ElidingStatusBar.show_detailed``).

At 1024 px the status bar showed "Saved /tmp/review23b/out/anna.bpn…" and, for both PDFs of a lesson, "Saved the
lesson as written, from its…" (teacher review 23b #3): neither the file's name nor which paper was written. Now
"Saved anna.bpnet (with your place in the lesson, the run at step 105 and the lesson's start)", "Answer key
saved: key6b.pdf (the lesson as written)", "Exported net.onnx (ONNX, 1,234 bytes)".
"""

from __future__ import annotations

import os

from core.notation import listed


def saved_where(path: str) -> str:
    """"anna.bpnet (in /tmp/out)" for ``path`` "/tmp/out/anna.bpnet"; the name alone for a bare name."""
    folder, name = os.path.split(os.path.abspath(path))
    return f"{name} (in {folder})" if folder else name


def file_name(path: str) -> str:
    """"anna.bpnet" for "/tmp/out/anna.bpnet"."""
    return os.path.basename(os.path.abspath(path))


def aside(with_: list[str], without: list[str] = ()) -> str:
    """" (with a and b; without c)", " (with a)", "" when both are empty."""
    said = ([f"with {listed(with_)}"] if with_ else []) + ([f"without {listed(list(without))}"] if without else [])
    return f" ({'; '.join(said)})" if said else ""


def written_to(path: str) -> str:
    """The tooltip's first words: "Written to /tmp/out/anna.bpnet." (the whole path)."""
    return f"Written to {os.path.abspath(path)}."
