"""The gradient heatmaps' words (``heatmaps.HeatmapPanel``).

* The caption above the plots says what they show (``caption_forms``): written at several lengths,
  most words first, for a ``FittingLabel`` that shows the longest that fits (one line in a low
  panel: at 1024×700 the whole sentence was cut to "dL/dw for sample 0 (x = [1], t = [0.6]), at
  the current wei…"); every form is whole, and the tooltip has the longest.
* The line under the plots says about their cells: how to read a cell, that some cells are rounded
  to fewer digits than the canvas's, or why some cells have no number (too many weights, cells too
  small on screen), with the reasons in its tooltip.
"""

from __future__ import annotations

import re

from core.notation import format_number
from desktop.reveal import NOT_YET

#: connections with at most this many weights show each value in its cell (when the cells fit them: else in
#: the small font, or in units, ``heatmap_writing``); three_classes_softmax's h → y has 3 × 6 = 18 (at 16 its
#: cells were blank, the one plot of a bundled lesson but the 56- and 64-weight ones)
MAX_TEXT_CELLS = 24
HOVER_HINT = "Row j: target neuron; column i: source neuron."
HOVER_TIP = ("Rows are the target neurons j, columns the source neurons i: the cell (j, i) is dL/dw_ji. "
             "Hover a cell for its value in full.")
#: why some cells have no number, in one short line, by (too many weights, cells too small)
NO_NUMBERS = {(True, False): f"Over {MAX_TEXT_CELLS} weights: no numbers in cells; hover a cell.",
              (False, True): "{edges}: cells too {how} for their numbers; hover a cell.",
              (True, True): "Too many or too small cells for numbers: hover a cell."}
#: the line when some cells are rounded (their digits, the canvas's), and its tooltip
ROUNDED = "Cells rounded to {} (canvas: {}); hover a cell for all."
ROUNDED_TIP = ("The cells are too narrow at this size for the canvas's digits (View → Digits on Canvas): their "
               "numbers are rounded to fewer. Hover a cell for its value in full.")
LARGER = {"narrow": "a wider panel", "low": "a taller panel", "small": "a larger panel"}


def rounded_words(rounded: list[int], digits: int) -> str | None:
    """'Cells rounded to 2 digits (canvas: 4); hover a cell for all.' for cells rounded to the digits
    ``rounded`` below the canvas's ``digits``; None when none are."""
    kinds = sorted(set(rounded))
    if not kinds:
        return None
    return ROUNDED.format(" or ".join(map(str, kinds)) + (" digit" if kinds == [1] else " digits"), digits)


def cells_line(many: list, small: list, how: dict, rounded: list[int], digits: int,
               units: dict[str, str] | None = None, example: tuple[str, str, str] | None = None,
               plain: list[str] | None = None, unit_digits: list[int] | None = None) -> tuple[list[str], str]:
    """``units_line``; when two plots' cells are in different units, or ``plain`` names plots written out
    beside those in units, the line begins "Units differ:" and names each (a student comparing "−11" in one
    plot with "71" in another reads them the wrong way round), in every form but the last resorts."""
    forms, tip = units_line(many, small, how, rounded, digits, units, example, unit_digits)
    if not units or (len(set(units.values())) < 2 and not plain):
        return forms, tip
    named = ", ".join([f"{edge} {unit}" for edge, unit in units.items()] + [f"{edge} written out" for edge in plain or ()])
    edge, count, value = example if example is not None else (None, None, None)
    differ = [f"Units differ: {named}; in {edge}, {count} means {value}." if edge else "", f"Units differ: {named}.",
              f"Units differ ({named})."]
    differ = [f for f in differ if f] + ["Units differ: see the plots' titles."]
    blank = bool(many or small)  # (why some cells are blank first: nothing there to read)
    return list(dict.fromkeys((forms[:1] + differ + forms if blank else differ + forms) + ["Units differ (titles)."])), \
        f"The plots' cells are not in one unit ({named}): compare them by their titles. " + tip


def units_line(many: list, small: list, how: dict, rounded: list[int], digits: int,
               units: dict[str, str] | None = None, example: tuple[str, str, str] | None = None,
               unit_digits: list[int] | None = None) -> tuple[list[str], str]:
    """``numbers_line``, led by what ``units`` ({"x → h": "×0.0001"}: connections whose cells are
    written in units, ``heatmap_writing``) says when there are any, with ``example`` (a cell read out:
    ("h → y", "−51", "−0.0051")): "Cells in units (see titles): in h → y, −51 means −0.0051." (a cell's
    "−51" under a title's "(×10⁻⁴)" could be read as the gradient itself: the line reads one out in the
    notation of the other cells). The units come before the rounded digits' words (a misread unit is off
    a hundredfold, a rounded digit by half a digit); the tooltip says how to read one. ``unit_digits``, the
    digits of the largest count of each connection in units with fewer than the canvas's ``digits``, leads
    the read-out with them ("In units (titles), 3 digits (canvas: 4): in x → h, −670 means −0.67."): the
    student reads how a cell's number stands to the canvas's."""
    forms, tip = numbers_line(many, small, how, rounded, digits)
    if not units:
        return forms, tip
    named = ", ".join(f"{edge} {unit}" for edge, unit in units.items())
    if example is None:
        unit = next(iter(units.values()))[1:]
        example = (next(iter(units)), "51", format_number(unit_value(unit) * 51, 2))
    edge, count, value = example
    means = f"in {edge}, {count} means {value}"
    others = [] if forms == [HOVER_HINT] else forms  # (rounded or blank cells beside them: said after)
    combined = [f"{lead} {other}" for lead in (f"Cells in units: {named}; {means}.", f"Cells in units (see titles): {means}.")
                for other in others]
    read_out = [f"Cells in units: {named}; {means}; hover a cell for its value.", f"Cells in units: {named}; {means}.",
                f"Cells in units (see titles): {means}.", f"Cells in units of their titles: {count} in {edge} is {value}.",
                f"In units (titles): {edge} {count} is {value}."]
    fewer = f"{digits_words(unit_digits)} (canvas: {digits})" if unit_digits else ""
    if unit_digits:  # a whole number of units is rounded too: "625" (×0.001) for the canvas's 0.6254
        read_out = [f"Cells in units (see titles), rounded to {fewer}: {means}.",
                    f"In units (titles), {fewer}: {means}.", f"Units, {fewer}: {means}."] + read_out
    # some cells blank beside cells in units: what a count means, and which plots have no numbers, in one
    # line (spiral at 1024×700 said only "Over 24 weights: no numbers in cells", of h1 → h2, under x → h1's
    # "55" in ×10⁻³); the how-to-read comes before the why-blank when only one of them fits
    combined = list(dict.fromkeys(combined + blank_and_units(many, small, how, means, fewer) + read_out + others +
                                  ["Cells in units (see titles): hover one."]))
    tip = (f"The cells of {', '.join(units)} are too small for their numbers written out: each is written as a "
           f"whole number of the unit in its title ({named}): {means}, as hovering that cell shows. "
           f"Hover a cell for its value in full." + ("" if not others else " " + tip))
    return combined, tip


def blank_and_units(many: list, small: list, how: dict, means: str, fewer: str = "") -> list[str]:
    """The line's forms, most words first, when some cells are in units (``means``: "in x → h1, 55 means
    0.055"; ``fewer``: "2 digits (canvas: 4)" when their counts are rounded) and the connections ``many``
    (too many weights) and ``small`` (cells too small, ``how``: "narrow", "low", "small") have no numbers:
    "In x → h1, 55 means 0.055; h1 → h2: 64 weights, no numbers." down to "In x→h1, 55 means 0.055; h1→h2
    blank."; [] when every plot has its numbers."""
    if not many and not small:
        return []
    named = [f"{b.source} → {b.target}" for b in many + small]
    why = "; ".join([f"{b.source} → {b.target}: {b.size} weights, no numbers" for b in many] +
                    [f"{b.source} → {b.target}: too {how.get(b.edge, 'small')} for numbers" for b in small])
    names, compact = ", ".join(named), ", ".join(n.replace(" → ", "→") for n in named)
    said = means[0].upper() + means[1:]
    short = said.replace(" → ", "→")
    rounded = [f"Units, {fewer}: {means}; {names} blank."] if fewer else []
    return ([f"Cells in units (see titles), rounded to {fewer}: {means}; {why}."] if fewer else []) + [
        f"Cells in units (see titles): {means}; {why}.", f"{said}; {why}."] + rounded + [
        f"{said}; no numbers in {names}.", f"{said}; {names} blank.", f"{short}; {compact} blank."]


def pending_and_units(blank: list, example: tuple[str, str, str] | None) -> list[str]:
    """The line's first forms while the connections ``blank`` are blank, Backward not having reached them,
    beside cells in units (``example``: ("h2 → y", "−43", "−0.043"); None: none): "In h2 → y, −43 means
    −0.043; h1 → h2: ?, not reached by Backward yet." down to "In h2→y, −43 means −0.043; h1→h2 not yet."."""
    if example is None or not blank:
        return []
    edge, count, value = example
    names = ", ".join(f"{b.source} → {b.target}" for b in blank)
    said = f"In {edge}, {count} means {value}"
    short = said.replace(" → ", "→")
    return [f"{said}; {names}: {NOT_YET}, not reached by Backward yet.", f"{said}; {names}: not reached yet.",
            f"{short}; {names.replace(' → ', '→')} not yet."]


def unit_value(words: str) -> float:
    """The number a unit's words write: "0.01" → 0.01, "10⁻⁴" → 0.0001."""
    if words.startswith("10") and len(words) > 2:
        exponent = words[2:].translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789"))
        return 10.0 ** int(exponent)
    return float(words.replace("−", "-"))


def numbers_line(many: list, small: list, how: dict, rounded: list[int], digits: int) -> tuple[list[str], str]:
    """(the line's forms, most words first, each whole; its tooltip): ``many``, the connections
    (``ParameterLayout`` blocks) with too many weights for numbers; ``small``, those whose cells are
    too small for them, ``how`` small by their edge ("narrow", "low", "small"); ``rounded``, the digits
    of cells rounded below the canvas's ``digits`` (a cell's −0.359 beside the canvas's −0.3595 says
    so: the numbers shown come first; blank cells beside them are named too: saturation's "Cells
    rounded to 1 digit" said nothing of x → h's blank cells)."""
    said = rounded_words(rounded, digits)
    if not many and not small:
        return ([HOVER_HINT] if said is None else
                [said, said.split(";")[0] + ".", f"Cells rounded to {digits_words(rounded)}: hover a cell."]), \
            (HOVER_TIP if said is None else ROUNDED_TIP)
    why = [f"{b.source} → {b.target} has {b.size} weights (numbers are printed for at most {MAX_TEXT_CELLS})"
           for b in many]
    why += [f"{b.source} → {b.target}'s cells are too {how[b.edge]} at this size for their numbers "
            f"({LARGER[how[b.edge]]} shows them)" for b in small]
    small_how = how[small[0].edge] if small and len(set(how.values())) == 1 else "small"
    names = ", ".join(f"{b.source} → {b.target}" for b in small)
    if said is not None:
        rounded_part = said.split(";")[0]
        blank = f"{names}: cells too {small_how} for numbers" if small else "some: too many weights for numbers"
        short = f"{names} too {small_how}" if small else "some blank"
        return [f"{rounded_part}; {blank}; hover a cell for all.", f"{rounded_part}; {short}: hover a cell.",
                f"{rounded_part}; {short}.", f"Cells rounded to {digits_words(rounded)}; {short}."], \
            ROUNDED_TIP + " " + "; ".join(why) + "."
    line = NO_NUMBERS[bool(many), bool(small)].format(
        edges=f"{small[0].source} → {small[0].target}" if len(small) == 1 else "Some connections", how=small_how)
    forms = [line]
    if small and not many:
        forms += [f"{names}: cells too {small_how} for numbers; hover a cell.",
                  f"{names}: too {small_how} for numbers.", "Cells too small for numbers: hover one."]
    elif many:
        forms += ["Too many or too small cells: hover one." if small else "Too many weights for numbers: hover a cell."]
    return list(dict.fromkeys(forms)), "; ".join(why) + ". Hover a cell for its value."


def digits_words(rounded: list[int]) -> str:
    """'2 digits', '1 digit', '1 or 2 digits'."""
    kinds = sorted(set(rounded))
    return " or ".join(map(str, kinds)) + (" digit" if kinds == [1] else " digits")


def without_asides(text: str) -> str:
    """``text`` without its parenthesised asides: 'for sample 0 (x = [1], t = [0.6]), at the current
    weights' → 'for sample 0, at the current weights'."""
    while True:
        shorter = re.sub(r" ?\([^()]*\)", "", text)
        if shorter == text:
            return re.sub(r"\s+([,;.:])", r"\1", text).strip()
        text = shorter


def first_clause(text: str) -> str:
    """``text`` up to its first ", " or "; " outside parentheses: 'for sample 0 (x = [1, 0.5], t = [1]),
    at the current weights' → 'for sample 0 (x = [1, 0.5], t = [1])'."""
    depth = 0
    for k, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if depth == 0 and text.startswith((", ", "; "), k):
            return text[:k]
    return text


def caption_forms(body: str, tiny: str = "", aside: str = "", scale: str = "", note: str = "",
                  weights: str = "", terse: str = "") -> list[str]:
    """The caption at several lengths, most words first (a ``FittingLabel``'s forms): ``body`` (what is
    shown: "dL/dw for sample 0 (x = [1], t = [0.6]), at the current weights"), led by ``tiny`` (the
    tiny-scale warning), then ``aside`` (" (as the canvas and the chain rule)"), "; " ``scale`` (the
    colour scale in words) and ``note`` (" Blank: ?, …"). Shorter forms leave out, in turn, the aside,
    the note (the cells' "?" and the line under the plots say it), the scale (the colour bar shows it),
    all but the body's first clause ("dL/dw for sample 0 (x = [1], t = [0.6])": the sample's numbers,
    as the canvas writes them) with ``weights`` (the weights in a few words, "weights after step 1": a lesson's
    student answered these cells at the weights as saved; "" when they say nothing to keep), the asides
    in parentheses, the weights, and last the body: a tiny scale's warning is the one thing the shortest
    form still says. With ``terse`` (the warning in a few words, ``heatmap_plot.tiny_terse``) and ``weights``,
    the warning and the weights are both kept to the end: the forms that drop the weights go, and
    "Tiny gradients (±5e−5), weights after step 500." ends the list (a trained xor at 1024×700 said only
    "Tiny gradients: full colour at only ±5e−5.", not at which weights)."""
    scaled = f"; {scale}" if scale else ""
    lead = first_clause(body)  # "dL/dw for sample 0 (x = [1], t = [0.6])": the sample's numbers stay long
    short = without_asides(body)
    first = first_clause(short)
    brief = f"{without_asides(tiny)} " if tiny else ""
    at = f", {weights}" if weights else ""
    forms = [f"{tiny}{body}{aside}{scaled}.{note}", f"{tiny}{body}{scaled}.{note}", f"{tiny}{body}{scaled}.",
             f"{tiny}{body}.", f"{tiny}{lead}{at}{scaled}.", f"{brief}{lead}{at}{scaled}.", f"{brief}{lead}{at}.",
             f"{brief}{short}{scaled}.", f"{brief}{short}.", f"{brief}{first}{at}{scaled}.", f"{brief}{first}{at}.",
             f"{brief}{lead}{scaled}.", f"{brief}{lead}.", f"{brief}{first}{scaled}.", f"{brief}{first}.",
             brief.strip() or f"{first}."]
    if terse and weights:
        forms = [form for form in forms if weights in form] + [
            f"{terse}: {first}{at}.", f"{terse}{at}."]
    return list(dict.fromkeys(forms))
