"""The Output map's legend: what each mark of the plot is (``OutputMapPanel.legend``). No Qt.

An entry that draws the network's output (the line y(x₀) of a one-input network, the points of the
predicted-against-target scatter; the map's background, named only while it is left out) says when the
output is held back and why, in the words every panel
writes in place of a number not shown ("? (hidden: work it out first)", "? (appears when Forward
reaches y)"): the plot leaves it out then, and a legend naming a line that is not drawn sent a student
looking for it.
"""

from __future__ import annotations

from .plotting import CLASS_COLOURS

#: at most this many entries for the classes in the legend (the rest are counted in one)
MAX_LEGEND_CLASSES = 8
#: the samples' grey, the validation samples' outline, the mark for the map's background
SAMPLE_GREY, HOLLOW, BACKGROUND_GREY = (40, 40, 40), (90, 90, 90), (150, 150, 150)


def held(text: str, pending: str | None) -> str:
    """``text`` naming the output, and the words for it while it is held back ("…: ? (…)")."""
    return text if pending is None else f"{text}: {pending}"


def scatter_legend(pending: str | None = None) -> list:
    """Predicted against target: a point per sample (its target, the output), the line of a perfect fit."""
    return [(SAMPLE_GREY, "●", held("one sample: (its target, the network's output)", pending)),
            ((120, 120, 120), "╌╌", "output = target (a perfect fit)")]


def map_legend(mode: str, data, classification: bool, input_name: str, validation: bool, curve_colour,
               pending: str | None = None) -> list:
    """The entries (rgb, glyph, text) above the input plane ("map") or the output's line ("curve"): the
    classes (or the samples), the line y(``input_name``) in ``curve_colour`` (with ``pending`` while it
    is held back; the map's background only then), the validation samples when they are shown."""
    entries = []
    if classification:
        n = max(2, data.targets.shape[1])
        names = data.class_names or []
        # many classes: the first few and a count, so the legend never squeezes the plot
        shown = n if n <= MAX_LEGEND_CLASSES else MAX_LEGEND_CLASSES - 1
        for k in range(shown):
            label = f"class {k}" + (f": {names[k]}" if k < len(names) and names[k] else "")
            entries.append((CLASS_COLOURS[k % len(CLASS_COLOURS)], "●", label))
        if shown < n:
            entries.append(((128, 128, 128), "…", f"and {n - shown} more classes "
                                                 f"(the colours repeat every {len(CLASS_COLOURS)})"))
    elif mode == "curve":
        entries.append((SAMPLE_GREY, "●", f"sample ({input_name}, its target t)"))
    else:
        entries.append((SAMPLE_GREY, "●", "sample, coloured by its target"))
    if mode == "curve":
        entries.append((curve_colour, "━", held(f"the network's output y({input_name})", pending)))
    elif mode == "map" and pending is not None:  # the background is left white, the colour bar stays
        entries.append((BACKGROUND_GREY, "▒", held("background: the network's output", pending)))
    if validation:
        entries.append((HOLLOW, "▽", "validation sample (hollow)"))
    return entries
