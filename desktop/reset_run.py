"""Reset as one undo step: the weights the session started from, and no run behind them.

A file that kept its training run (``Network.progress``) opens at that run's end; Reset starts a new run at step 0
there. The document must say so too, or Save would write the old run again (``core.keeps_run`` still holds at
the same weights): ``ResetRun`` sets the weights and drops ``network.progress`` and the kept run's key
(``Document.resume_state``) together; Undo brings all three back.
"""

from __future__ import annotations

from .commands import SetParameters


class ResetRun(SetParameters):
    """Replace every weight and bias with ``start`` (P,) and forget the run that left the weights (the file's)."""

    def __init__(self, doc, start):
        super().__init__(doc, "Reset weights", start)
        self.old_progress = None

    def remember(self, net) -> None:
        super().remember(net)
        self.old_progress = net.progress

    def edit(self, net) -> None:
        super().edit(net)
        net.progress = None

    def revert(self, net) -> None:
        super().revert(net)
        net.progress = self.old_progress

    def mergeWith(self, other) -> bool:
        return False
