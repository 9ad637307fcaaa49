"""Undo and Redo told apart from a new edit, by the undo history's moves (``QUndoStack.indexChanged``).

Words said about the document at one place of its history ("Step-through ended: training started (Play)") are
about what the history held then: once an Undo or Redo moves the document along its history, they may speak of a
run or an edit that is not in the document any more. A new edit pushed (a run's commit, a weight typed) or merged
into the newest entry is not such a move: the history's place moves on from where it was, and what was said
stays true of what came before it.

A move is an Undo when the place goes back (index lower), a Redo when it goes forward onto the very commands a Redo
would do (the command at the old place is the same object); a push replaces the command at the old place (or
adds one past the newest), a merge leaves the place where it is. A cleared history (another file opened) counts as
a move back.
"""

from __future__ import annotations

from shiboken6 import isValid


class HistoryMoves:
    """Calls ``moved()`` after each Undo or Redo of ``stack`` (a ``QUndoStack``), never after a push or merge."""

    def __init__(self, stack, moved):
        self.stack, self.moved = stack, moved
        self._place = self._here()
        stack.indexChanged.connect(self._index_changed)

    def _here(self) -> tuple[int, object]:
        """(the history's index, the command a Redo would do from there, None at the newest)."""
        index = self.stack.index()
        return index, (self.stack.command(index) if index < self.stack.count() else None)

    def _index_changed(self, index: int) -> None:
        if not isValid(self.stack):
            return
        before, redo = self._place
        self._place = self._here()
        back = index < before
        forth = index > before and redo is not None and self.stack.command(before) is redo
        if back or forth:
            self.moved()
