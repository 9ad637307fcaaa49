"""Matrices as Qt rich text (HTML tables): numbers written by one rule (``core.format_number``),
big matrices elided in the middle (⋮ ⋯) with their shape written under them. No Qt imports.

Every matrix is a table whose rows are the matrix's rows (rows = samples for Z, A, Δ;
rows = target neurons j for W and dL/dW) with a header naming its columns.
"""

from __future__ import annotations

import html

import numpy as np

import core
from core.matrix_form import elide

MAX_ROWS = 6
MAX_COLS = 6
CELL = "padding:1px 5px; text-align:right; font-family:monospace; white-space:nowrap;"


def number(x: float, digits: int) -> str:
    return core.format_number(x, digits)


def matrix(name: str, M: np.ndarray, digits: int, row_names=None, col_names=None,
           max_rows: int = MAX_ROWS, max_cols: int = MAX_COLS) -> str:
    """A titled matrix: "name (r×c)" above, the elided numbers in a bracketed table."""
    M = np.atleast_2d(np.asarray(M, dtype=float))
    rows, cols = elide(M, max_rows, max_cols)
    head = f"<div style='text-align:center'><b>{html.escape(name)}</b> <span style='color:#666'>" \
           f"({M.shape[0]}×{M.shape[1]})</span></div>"
    out = [head, "<table cellspacing='0' bgcolor='#eef1f5'>"]
    if col_names is not None:
        corner = "<td></td>" if row_names is not None else ""  # over the row names (b has none: its header sat a column right)
        out.append("<tr>" + corner + "".join(
            f"<td style='{CELL} color:#666'>{'⋯' if c is None else html.escape(str(col_names[c]))}</td>" for c in cols)
            + "</tr>")
    for r in rows:
        label = "" if row_names is None else ("⋮" if r is None else html.escape(str(row_names[r])))
        cells = [f"<td style='{CELL} color:#666'>{label}</td>"] if row_names is not None else []
        for c in cols:
            text = "⋮" if r is None else ("⋯" if c is None else number(M[r, c], digits))
            cells.append(f"<td style='{CELL}'>{text}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "".join(out)


def equation(*parts: str) -> str:
    """Matrices and operators side by side, vertically centred: parts are HTML (a matrix) or
    short operator text ("=", "+", "⊙", "·")."""
    cells = []
    for part in parts:
        if part.startswith("<"):
            cells.append(f"<td style='vertical-align:middle; padding:2px'>{part}</td>")
        else:
            cells.append(f"<td style='vertical-align:middle; padding:2px 6px; font-size:large'>"
                         f"{html.escape(part)}</td>")
    return "<table cellspacing='0'><tr>" + "".join(cells) + "</tr></table>"


def equation_units(parts) -> list[list[str]]:
    """``parts`` of an ``equation`` cut before each matrix, every unit a matrix and the operators
    before it ("+", b), the ones after the last matrix with it: a row may start at any unit."""
    units: list[list[str]] = []
    pending: list[str] = []
    for part in parts:
        pending.append(part)
        if part.startswith("<"):
            units.append(pending)
            pending = []
    if pending and units:
        units[-1] += pending
    elif pending:
        units.append(pending)
    return units


def wrapped_equation(parts, width: float, measure) -> str:
    """``equation`` of ``parts`` in rows, each no wider than ``width`` (px; ``measure(html)`` says how wide
    an equation is written; a row is as wide as its units side by side): a row ends before the unit
    (``equation_units``) that would pass ``width``, so the next row starts with its operator ("+ b (1×2)",
    "= Z"); a matrix wider than ``width`` alone keeps a row of its own (the panel scrolls sideways for it)."""
    rows: list[list[str]] = []
    row: list[str] = []
    used = 0.0
    for unit in equation_units(parts):
        wide = measure(equation(*unit))
        if row and used + wide > width:
            rows.append(row)
            row, used = [], 0.0
        row, used = row + unit, used + wide
    rows.append(row)
    return "".join(equation(*r) for r in rows)


def heading(text: str) -> str:
    return f"<h3 style='margin:6px 0 2px 0'>{html.escape(text)}</h3>"


def note(text: str) -> str:
    return f"<p style='margin:2px 0 6px 0; color:#333'>{html.escape(text)}</p>"
