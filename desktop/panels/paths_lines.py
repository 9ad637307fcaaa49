"""A path's rate factors in lines that fit the Sum over paths table, broken between factors only.

A row of the table reads "h0→y0 | a_x0 = 1 × σ'(z_h0) = 0.2445 × w[h→y][0,0] = 0.5 × δ_y0 = −0.4855 | product".
Left to itself, Qt breaks a line wherever the text allows one, and "w[h→y][0,0]" allows one between "]" and
"[" even inside a no-wrap span: at 1024×700 a row read "… × w[h→y]" / "[0,0] = 0.5 × …". ``RowFit`` breaks
the factors itself, before the first factor that would pass the room the factors' column has: the page's
width (``ViewStateHtmlPanel.page_width``) less the path and product columns (monospace, ``PATH_CELL``) and the
cells' padding, each text measured in the browser's font (``ViewStateHtmlPanel.written_width``). No Qt here.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Callable

#: a cell's padding, left and right together (the table's cells: ``paths_view.PATH_CELL``, ``FACTORS``)
PADDING = 2 * 3
#: what a measured line may lack of the cell, for rounding between the measure and the layout
SLACK = 2
TIMES = " × "


def monospace(text: str) -> str:
    """``text`` as the numbers' cells write it (monospace), for measuring."""
    return f"<span style='font-family:monospace'>{html.escape(text)}</span>"


@dataclass
class RowFit:
    """``measure(html) -> px`` in the panel's font and ``width``, the px the page's lines may take."""

    measure: Callable[[str], float]
    width: float

    def columns(self, routes: list[str], products: list[str]) -> tuple[float, float, float]:
        """(path column, product column, room of the factors' lines) in px: the path and product columns as
        wide as their widest text (the product's header word included) with their padding, the factors'
        column the rest of the page, less its padding."""
        route = max((self.measure(monospace(t)) for t in routes), default=0.0) + PADDING
        product = max(self.measure(f"<b>{monospace(t)}</b>") for t in [*products, "product"]) + PADDING
        return route, product, self.width - route - product - PADDING - SLACK

    def lines(self, factors: list[str], room: float) -> str:
        """The factors (plain text, "a_x0 = 1") joined by " × " as HTML, a line break before each factor
        that would make its line wider than ``room`` px (a factor wider than the room gets a line of its own).
        The "×" between two lines ends the first where it fits there, else it begins the second: a factor
        as wide as the room left "×" alone on a line of its own."""
        lines: list[str] = []
        for k, factor in enumerate(factors):
            more = " ×" if k < len(factors) - 1 else ""  # (a line that goes on ends in "×")
            if lines and self.measure(html.escape(lines[-1] + TIMES + factor + more)) <= room:
                lines[-1] += TIMES + factor
            elif lines and self.measure(html.escape(lines[-1] + " ×")) <= room:
                lines[-1] += " ×"
                lines.append(factor)
            elif lines:
                lines.append("× " + factor)
            else:
                lines.append(factor)
        return "<br>".join(html.escape(line) for line in lines)


def joined(factors: list[str]) -> str:
    """The factors in one run of text (where no width is known: Qt wraps it)."""
    return html.escape(TIMES.join(factors))
