"""What a Save keeps of a guided lesson: its start, the network its text is written for.

The lesson's questions, hints, worksheet and key are about its start (``core.lesson_start``), which the
Lesson panel's answers hold (``LessonGuide.service.network``: the file's network as opened). A student who
trains or types a weight and saves changes the file's network, not the start: the file then keeps the start in
its lesson section (``core.bpnet_lesson_start``), so the lesson opened again the next day asks about the same
numbers (teacher review 23 #2: guided_weight_decay saved after its "Train 100 steps" and reopened marked
0.6 · 0.99¹⁰⁰ = 0.2196 wrong, counting the 100 steps from the trained weights).
"""

from __future__ import annotations

from core.lesson_start import with_start

from .renamed_start import renamed_start

#: added to the status bar's "Saved …" when the file keeps the lesson's start apart from its network
START_KEPT = "; the lesson's starting weights (those its text is written for) are kept in the file"


def with_lesson_start(window, network):
    """``network`` (the document's, about to be written) with its lesson's start when it differs from it (a copy
    then); ``network`` itself otherwise (no lesson, or the network is the start)."""
    guide = getattr(window, "lesson_guide", None)
    if guide is None or network.lesson is None or guide.lesson is not network.lesson:
        return network
    start = guide.service.network
    if start is not None:  # a layer renamed since (one the lesson does not name: its lesson did not change)
        start = renamed_start(start, network)
    return with_start(network, start)


def start_kept_words(network) -> str:
    """``START_KEPT`` when the ``network`` written keeps its lesson's start apart; else ""."""
    return START_KEPT if network.lesson is not None and network.lesson.start is not None else ""
