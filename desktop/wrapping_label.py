"""A label that wraps a long sentence onto the lines it needs, and keeps one height while its text
changes among sentences it was told to expect."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QTextLayout, QTextOption
from PySide6.QtWidgets import QSizePolicy

from desktop.eliding_label import ElidingLabel


def wrapped_lines(text: str, font, width: int) -> list[str]:
    """``text`` broken at word boundaries into lines no wider than ``width`` pixels in ``font``
    (a word wider than a line is broken inside)."""
    return [text[start:end].rstrip() for start, end in _line_spans(text, font, width)]


#: at most this many (text, font, width) → line spans kept (all dropped at once when full)
SPANS_KEPT = 512
_SPANS: dict[tuple[str, str, int], tuple[tuple[int, int], ...]] = {}


def _line_spans(text: str, font, width: int) -> list[tuple[int, int]]:
    """(start, end) in ``text`` of each line ``wrapped_lines`` makes; kept by (text, font, width): a panel's
    caption is asked how many lines it takes several times a frame (each of its forms, at each redraw of a run),
    and Qt's line breaking is a function of those three alone."""
    if not text:
        return []
    key = (text, font.key(), int(width))
    spans = _SPANS.get(key)
    if spans is None:
        if len(_SPANS) >= SPANS_KEPT:
            _SPANS.clear()
        spans = _SPANS[key] = tuple(_break_lines(text, font, width))
    return list(spans)


def _break_lines(text: str, font, width: int) -> list[tuple[int, int]]:
    """Qt's line breaking of ``text`` in ``font`` at ``width`` pixels (``_line_spans``, not kept)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1, width))
        lines.append((line.textStart(), line.textStart() + line.textLength()))
    layout.endLayout()
    return lines


class WrappingLabel(ElidingLabel):
    """A ``QLabel`` whose text takes as many lines as its width needs, up to ``max_lines``; a text
    that needs more ends its last line in "…" and is held whole in the tooltip (as ``ElidingLabel``'s).

    Its height is that of the longest of the current text and the texts given to ``reserve``:
    a label that shows one sentence after another (the step-through's phases) keeps its height,
    and what is around it stays in place. ``text()`` is always the whole text."""

    def __init__(self, text: str = "", max_lines: int = 4, parent=None):
        super().__init__(text, parent)
        self.max_lines = max_lines
        self._reserved: list[str] = []
        self._counted: tuple = (None, 1)  # (texts, width, font), the lines they take: layouts ask often
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def reserve(self, texts) -> None:
        """Keep room for the longest of ``texts`` (an empty list: for the current text only)."""
        texts = [t for t in texts if t]
        if texts != self._reserved:
            self._reserved = texts
            self.updateGeometry()

    def setText(self, text: str) -> None:
        super().setText(text)  # (and the tooltip: ``ElidingLabel``)
        self.updateGeometry()

    def lines(self, text: str | None = None) -> list[str]:
        """The lines ``text`` (default: the label's) takes at the label's width, before any cut."""
        return wrapped_lines(self.text() if text is None else text, self.font(), self.contentsRect().width())

    def shown_lines(self) -> list[str]:
        """What the label draws: at most ``max_lines`` lines, the last ending in "…" when the text needs more."""
        text, width = self.text(), self.contentsRect().width()
        spans = _line_spans(text, self.font(), width)
        if len(spans) <= self.max_lines:
            return [text[start:end].rstrip() for start, end in spans]
        kept = [text[start:end].rstrip() for start, end in spans[:self.max_lines - 1]]
        rest = text[spans[self.max_lines - 1][0]:].strip()
        last = self.fontMetrics().elidedText(rest, Qt.TextElideMode.ElideRight, width)
        return kept + [last if last.endswith("…") else rest[:-1].rstrip() + "…"]

    def line_count(self) -> int:
        """How many lines the label takes now: its longest text's (current or reserved), at most ``max_lines``."""
        key = (self.text(), tuple(self._reserved), self.contentsRect().width(), self.font().key())
        if self._counted[0] != key:
            needed = max((len(self.lines(t)) for t in [self.text(), *self._reserved]), default=1)
            self._counted = (key, max(1, min(self.max_lines, needed)))
        return self._counted[1]

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        height = self.line_count() * self.fontMetrics().lineSpacing() + margins.top() + margins.bottom() + 2
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), self.sizeHint().height())

    def hasHeightForWidth(self) -> bool:
        return False  # the height follows the width through resizeEvent; layouts ask for sizeHint

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)  # (and the tooltip: ``ElidingLabel``)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # another width may take another number of lines

    def is_cut(self) -> bool:
        """Whether the text needs more than ``max_lines`` lines (its last shown line ends in "…")."""
        return len(self.lines()) > self.max_lines

    def paintEvent(self, event) -> None:
        lines = self.shown_lines()
        if not lines:
            return
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        rect = self.contentsRect()
        spacing = self.fontMetrics().lineSpacing()
        top = rect.top() + max(0, (rect.height() - len(lines) * spacing) // 2)  # centred in the room kept
        for k, line in enumerate(lines):
            painter.drawText(rect.left(), top + k * spacing, rect.width(), spacing,
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line)
