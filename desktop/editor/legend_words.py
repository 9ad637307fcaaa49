"""The canvas legend's words (``legend.Legend``): what it says when edges have no room for their numbers or the
neurons none for theirs, the rows of its number tables and their first cell, and what the neurons' map colours
mean."""

from __future__ import annotations

from core.task import is_classifier
from desktop import canvas_numbers, colours

def hover_words(hidden: int, noun: str) -> str:
    """What the legend says when ``hidden`` edges show no number (no room at this size): hover one."""
    if hidden <= 0:
        return ""
    numbers = "1 edge has" if hidden == 1 else f"{hidden} edges have"
    return f"Hover an edge for its {noun} ({numbers} no room for the number)"


def listed_words(hidden: int) -> str:
    """What the legend says when the table under it lists every number with no room on its edge."""
    numbers = "1 edge has" if hidden == 1 else f"{hidden} edges have"
    return f"Listed below: row and column name the edge's neurons ({numbers} no room for the number)"


def table_rows(source: str, target: str, cells: list[list[str]], noun: str) -> list[list[str]]:
    """The rows of a connection's number table, the layer of more neurons across (a laptop's canvas has the
    width, not the height: skip_connection's 6 × 2 x → h takes three rows, not seven): a header (what the
    numbers are, ``noun``: "w", "dL/dw", and of which connection, "dL/dw x→h"; then one layer's neurons
    "h₀", "h₁", …) and a row per neuron of
    the other ("y₀", then its numbers, ``cells[j][i]`` of the edge source i → target j): the cell in row y₀,
    column h₃ is the edge h₃ → y₀'s number, in row x₀, column h₃ the edge x₀ → h₃'s."""
    if len(cells) <= len(cells[0]):  # rows: the targets j
        across, down, grid = source, target, cells
    else:  # rows: the sources i
        across, down, grid = target, source, [list(column) for column in zip(*cells)]
    header = [f"{noun} {source}→{target}"] + [f"{across}{subscript(k)}" for k in range(len(grid[0]))]
    return [header] + [[f"{down}{subscript(k)}"] + row for k, row in enumerate(grid)]


#: the legend's tooltip while it lists a connection's numbers
TABLE_TIP = ("The numbers of the edges that have no room on the canvas at this size: the cell in row y₀, column h₃ "
             "is the edge h₃ → y₀'s, in row x₀, column h₃ the edge x₀ → h₃'s (another connection's: click one of its "
             "edges). Point here for the whole legend.")


def table_noun(view_state, mode: str) -> str:
    """What a table's numbers are, as its header's first cell says: "w", "dL/dw", in Update "new w" or "Δw"
    (``canvas_numbers.update_writing``: the edges write the new weights or the steps)."""
    step = view_state.stepping
    if step is not None and step.phase == "update":
        return "Δw" if canvas_numbers.update_writing(view_state) == "change" else "new w"
    return {"weight": "w", "gradient": "dL/dw"}.get(mode, mode)


def subscript(k: int) -> str:
    return str(k).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def maps_words(network) -> tuple[str, str]:
    """What the neurons' map colours mean, as ``SceneThumbnails.thumbnail_colouring`` paints them:
    (grey: white = low a, grey = high a, for every neuron; a classifier's outputs, in class colours:
    one output orange (0, class 0) → blue (1, class 1), output k of several white → class k's colour;
    "" for a regression, whose outputs are grey too)."""
    grey = "maps: white = low a, grey = high a"
    if not is_classifier(network):
        return grey, ""
    units = network.layer(network.output_layer).units
    if units == 1:
        return grey, f"output: {colours.class_name(0)} = 0 (class 0) → {colours.class_name(1)} = 1 (class 1)"
    named = ", ".join(f"{colours.class_name(k)} {k}" for k in range(units))
    return grey, f"output k: class k's colour ({named})"
