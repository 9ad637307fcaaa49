"""What a live panel is: two methods the training UI calls, nothing else.

``clear(network)`` when the network's structure, file or settings change (``None``
when the network cannot be trained: nothing to draw); ``show_snapshot(snap)`` with
each throttled ``Snapshot`` from training (at most ~30 a second, in the GUI thread).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class Panel(Protocol):
    def clear(self, network=None) -> None: ...

    def show_snapshot(self, snap) -> None: ...
