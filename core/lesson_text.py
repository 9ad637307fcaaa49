"""The little Markdown of a lesson step's text, as HTML or as plain text.

Understood (everything else is plain text, shown as written):

* paragraphs, separated by a blank line; a single line break stays a line break;
* ``*emphasis*`` or ``_emphasis_``, ``**strong**``, ```code```;
* list items: lines starting with "- ", "* " or "1. " (a numbered item keeps its number);
* inline math is written as plain Unicode (σ'(z) · δ, w₁, ½(y − t)²): nothing to convert.

``to_html`` escapes the text first, so a step's text can never inject markup or a script.
"""

from __future__ import annotations

import html
import re

__all__ = ["to_html", "to_plain"]

_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_CODE = re.compile(r"`([^`]+)`")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d+)[.)]\s+(.*)$")


def _blocks(text: str) -> list[tuple[str, list[str]]]:
    """("p", lines) and ("ul"/"ol", items) blocks of ``text``."""
    blocks: list[tuple[str, list[str]]] = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        for line in chunk.split("\n"):
            bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
            kind = "ul" if bullet else "ol" if numbered else "p"
            item = bullet.group(1) if bullet else (f"{numbered.group(1)}. {numbered.group(2)}" if numbered else line)
            if blocks and blocks[-1][0] == kind:
                blocks[-1][1].append(item)
            else:
                blocks.append((kind, [item]))
        blocks.append(("break", []))
    return _merge(blocks)


def _merge(blocks):
    """Drop the paragraph separators, keeping consecutive paragraphs of one chunk as one paragraph."""
    out, previous_break = [], True
    for kind, items in blocks:
        if kind == "break":
            previous_break = True
            continue
        if out and not previous_break and out[-1][0] == kind == "p":
            out[-1][1].extend(items)
        else:
            out.append((kind, list(items)))
        previous_break = False
    return out


def _inline_html(escaped: str) -> str:
    escaped = _CODE.sub(r"<code>\1</code>", escaped)
    escaped = _STRONG.sub(r"<strong>\1</strong>", escaped)
    return _EM.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", escaped)


def _inline_plain(text: str) -> str:
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\1", text)
    return _EM.sub(lambda m: m.group(1) or m.group(2), text)


def to_html(text: str) -> str:
    """The text as HTML paragraphs and lists (escaped; see the module docstring)."""
    parts = []
    for kind, items in _blocks(text):
        if kind == "p":
            parts.append("<p>" + "<br>".join(_inline_html(html.escape(line)) for line in items) + "</p>")
        elif kind == "ul":
            parts.append("<ul>" + "".join(f"<li>{_inline_html(html.escape(i))}</li>" for i in items) + "</ul>")
        else:
            numbers = [i.split(". ", 1) for i in items]
            parts.append(f'<ol start="{numbers[0][0]}">' + "".join(
                f"<li>{_inline_html(html.escape(rest))}</li>" for _, rest in numbers) + "</ol>")
    return "\n".join(parts)


def to_plain(text: str, width_indent: str = "") -> str:
    """The text without Markdown marks: paragraphs separated by a blank line, bullets as "•"."""
    parts = []
    for kind, items in _blocks(text):
        if kind == "p":
            parts.append("\n".join(width_indent + _inline_plain(line) for line in items))
        elif kind == "ul":
            parts.append("\n".join(f"{width_indent}  • {_inline_plain(i)}" for i in items))
        else:
            parts.append("\n".join(f"{width_indent}  {_inline_plain(i)}" for i in items))
    return "\n\n".join(parts)
