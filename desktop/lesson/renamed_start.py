"""A layer renamed keeps the lesson's start: only the Lesson editor's Apply makes the network as it is the start.

The answers are about the lesson's start (``core.lesson_start``; ``LessonGuide.service.network``). Renaming a
layer (F2 on the canvas, the Inspector's Name box, the Undo or Redo of either) renames it in the network and in
the lesson (``Network.rename_layer``), and changes no number: the start is the same weights W (target units,
source units) and biases b under the new names. ``renamed_start`` is that start under the network's names now;
``renamed_lesson_start`` tells a rename (the start carried) from the editor's Apply (the network as it is).

A rename keeps the layers in their order (``Network.rename_layer``), so the names are matched by place.
"""

from __future__ import annotations

from dataclasses import replace

from core.lesson_start import LessonStart

__all__ = ["layer_renames", "renamed_start", "renamed_lesson_start"]


def layer_renames(before, after) -> list[tuple[str, str]] | None:
    """(old, new) for each layer of ``before`` called otherwise in ``after`` at the same place; None when the
    two have a different number of layers (not a rename)."""
    old = [layer.name for layer in before.layers]
    new = [layer.name for layer in after.layers]
    if len(old) != len(new):
        return None
    return [(o, n) for o, n in zip(old, new) if o != n]


def _all_renamed(item, renames, rename):
    """``item`` with every rename of ``renames`` done at once (``rename(item, old, new)`` one at a time, through
    names no layer has, so a→b with b→c does not make both c)."""
    for k, (old, _) in enumerate(renames):
        item = rename(item, old, f"\0{k}")
    for k, (_, new) in enumerate(renames):
        item = rename(item, f"\0{k}", new)
    return item


def renamed_start(start, net):
    """The lesson's ``start`` network with its layers called as ``net``'s (a copy of ``net`` with the start's
    weights, biases and training settings, its lesson keeping no start of its own); ``start`` itself when the
    names are the same; None when the layers differ by more than names (``LessonStart.fits``)."""
    renames = layer_renames(start, net)
    if renames is None:
        return None
    if not renames:
        return start
    kept = _all_renamed(LessonStart.of(start), renames, LessonStart.renamed)
    if not kept.fits(net):
        return None
    out = kept.applied(net)
    if out.lesson is not None:
        out.lesson = replace(out.lesson, start=None)
    return out


def renamed_lesson_start(start, net):
    """The network the answers are about once ``net``'s lesson changed (``Document.lesson_changed``), ``start``
    the one they were about (None: none yet), when the change was a layer renamed (the lesson is ``start``'s
    with the same names changed, nothing else): ``start`` renamed (``renamed_start``); None otherwise (the
    editor's Apply: the network as it is then becomes the start)."""
    if start is None or start.lesson is None or net.lesson is None:
        return None
    renames = layer_renames(start, net)
    if not renames:
        return None
    before = _all_renamed(start.lesson, renames, lambda lesson, old, new: lesson.with_layer_renamed(old, new))
    if replace(before, start=None) != replace(net.lesson, start=None):
        return None
    return renamed_start(start, net)
