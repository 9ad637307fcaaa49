"""The numbers of the step being computed are on the canvas, no hover needed (issue 21).

A student on a laptop (1024×700) or a 1400×900 window opens a small lesson (≤ 16 neurons) and walks
one training step with F7. In every phase, every edge of the connection into the output layer prints
its number on the canvas: in Backward after the output layer and in Update those numbers ARE the
lesson (dL/dw = a·δ of the connection Backward just reached, then w − η·dL/dw). The lessons are opened one after another in one window (``lesson_window``), as a
student opens them, one size after the other.

Every number of an edge into the output belongs to one edge alone, on a laptop's canvas too: at
1024×700 the gap between two cards is 60–80 px on screen, and the edges into one or two output
neurons converge (or cross) there. In the lessons where they do (``CROWDED``), in every phase of the
same walk, each number is painted on its own edge and no other edge of the connection runs under it
(a number at a crossing could belong to either line). At 1400×900 as well.
"""

from __future__ import annotations

import core
import pytest

from output_numbers import CROWDED, output_numbers_unread, unnumbered_output_edges
from test_canvas_texts_apart import phases_walked
from test_editor_readable import SIZES, open_at
from test_every_edge_number_shown import CASES as EVERY_EDGE_CASES


#: (lesson, size) whose edges into the output have no room for every number: three_classes_softmax's
#: 6 → 3 (18 weights) at 1024×700, where a column of 18 numbers would be taller than the canvas
NO_ROOM = {("three_classes_softmax", SIZES[0])}
#: (lesson, size) that test_every_edge_number_shown opens the same way (``open_at``, untrained) and walks
#: the same way (F7 to Update), checking at each phase, as it comes, what this module checks
#: (``output_numbers_unread``) before its own checks: not walked twice
WALKED_THERE = {(lesson, size) for lesson, steps, size in EVERY_EDGE_CASES if steps == 0}


def small_lessons() -> list[str]:
    """Every bundled lesson of at most 16 neurons."""
    names = []
    for example in core.list_examples():
        net = core.load_network(core.example_path(example.name))
        if sum(layer.units for layer in net.layers) <= 16:
            names.append(example.name)
    return names


def cases():
    """Size after size (the window is resized, and its canvas fitted again, once per size)."""
    small = set(small_lessons())
    assert set(CROWDED) <= small  # every crowded lesson is walked (here or there)
    assert all(lesson in small for lesson, _ in WALKED_THERE)
    for size in SIZES:
        for lesson in sorted(small):
            if (lesson, size) not in NO_ROOM | WALKED_THERE:
                yield pytest.param(lesson, size, id=f"{lesson}-{size[0]}x{size[1]}")


@pytest.mark.parametrize(("lesson", "size"), list(cases()))
def test_every_edge_into_the_output_shows_its_number_in_every_phase(qtbot, lesson_window, lesson, size):
    """Each edge into the output prints its number; in a ``CROWDED`` lesson each number also sits on
    its own edge alone (both checked in each phase of one walk)."""
    open_at(lesson_window, lesson, size)
    found = {}
    for phase in phases_walked(qtbot, lesson_window):
        wrong = output_numbers_unread(lesson_window, lesson)
        if wrong:
            found[phase] = wrong
    assert not found, f"{lesson} at {size}: {found}"


def test_a_connection_without_room_for_its_numbers_says_hover(qtbot, lesson_window):
    """The one small lesson left out above at 1024×700: some of its 18 output weights are not printed on
    their edges, and the legend lists them (test_every_edge_number_shown reads its table as painted; a
    change that prints them on the edges should move it into the test above)."""
    from test_editor_readable import says_hover_iff_numbers_hidden

    for lesson, size in NO_ROOM:
        open_at(lesson_window, lesson, size)
        assert unnumbered_output_edges(lesson_window) and says_hover_iff_numbers_hidden(lesson_window)
