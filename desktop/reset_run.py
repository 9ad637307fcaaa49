"""Reset as one undo step: the weights the session started from, and no run behind them.

A file that kept its training run (``Network.progress``) opens at that run's end; Reset starts a new run at step 0
there. The document must say so too, or Save would write the old run again (``core.keeps_run`` still holds at
the same weights): ``ResetRun`` sets the weights and drops ``network.progress`` and the kept run's key
(``Document.resume_state``) together; Undo brings all three back.

A Reset that would change nothing (the weights are those the session started from, and no file's run still
describes them: ``core.keeps_run``; say the file's run was ended by another seed) puts no step on the undo
history, which would undo nothing; the status bar says so (``UNCHANGED``: short, to fit beside the figures at 1024 px).
"""

from __future__ import annotations

import numpy as np

import core

from .commands import SetParameters

#: the status bar's words for a Reset that changed nothing
UNCHANGED = "Reset changed nothing"  # (the weights are those the run starts from: no undo step)


def reset_for(doc, start, structure) -> tuple["ResetRun | None", str]:
    """(the ``ResetRun`` that puts back ``start`` (P,), the weights the session loaded with the network ``structure``
    (``Network.structure_signature``), or None; the status bar's words, "" or ``UNCHANGED``). None when there is
    nothing to go back to (no session yet, another structure) or nothing would change."""
    net = doc.network
    if start is None or structure != net.structure_signature():
        return None, ""
    if np.array_equal(start, net.flat) and not core.keeps_run(net):
        return None, UNCHANGED
    return ResetRun(doc, start), ""


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
