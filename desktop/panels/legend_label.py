"""A plot's legend in a row of its own (``LegendLabel``), never on the data: coloured line samples and
names that wrap to the panel's width, each entry kept whole on a line while it fits on one.

An entry may have a shorter name for a narrow panel ("epoch" for "epoch mean"): ``set_short`` writes
those, and the tooltip then begins with every entry's whole name.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QSizePolicy

#: what separates two entries: three unbreakable spaces, then one a line may break at
SEPARATOR = "&nbsp;&nbsp;&nbsp; "
#: texts whose sizes a legend keeps (then it forgets them all: widths and entries seldom change)
MEASURED_KEPT = 256


class LegendLabel(QLabel):
    """A legend in a row of its own, above or below a plot (never on the data): coloured line
    samples and names that wrap to the width of the panel and never widen it.

    ``set_entries([(rgb, glyph, text), …])`` or ``(rgb, glyph, text, short)`` with a shorter name;
    ``glyph`` is drawn in the colour, e.g. "━━", "━●━" (line with dots), "▼", "●": the marker the plot
    draws (pyqtgraph's symbol "t" is ▼).
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._entries: list[tuple[tuple[int, int, int], str, str, str]] = []
        self.short = False  # the entries' shorter names are written
        self._help: str | None = None  # the tooltip's words after the names (None: the names alone)
        self._scratch = QTextDocument()  # lays out a text as the label would, to measure it
        #: (font, rich text, width) → (ideal width, height) in pixels: the label's layout asks for the same
        #: texts at each of its requests (every frame of a run, when the line under the plots changes)
        self._measured: dict[tuple[str, str, float], tuple[float, float]] = {}

    def set_entries(self, entries) -> bool:
        """Write these entries; True when they differ from those written."""
        entries = [(tuple(e[0]), e[1], e[2], e[3] if len(e) > 3 else e[2]) for e in entries]
        if entries == self._entries:
            return False
        self._entries = entries
        self._write()
        self._tip()
        return True

    def set_help(self, words: str) -> None:
        """The tooltip: ``words`` (after the entries' whole names while shorter ones are written)."""
        self._help = words
        self._tip()

    def set_short(self, on: bool) -> None:
        """Write the entries' shorter names (``on``) or their whole names."""
        if on != self.short:
            self.short = on
            self._write()
            self._tip()

    def _tip(self) -> None:
        names = [f"{glyph} {text}" for _, glyph, text, _ in self._entries]
        if self._help is None:
            self.setToolTip("\n".join(text for _, _, text, _ in self._entries))
        elif self.short and any(short != text for _, _, text, short in self._entries):
            self.setToolTip("Legend: " + ",  ".join(names) + ".\n\n" + self._help)
        else:
            self.setToolTip(self._help)

    def _cell(self, entry, short: bool, whole: bool) -> str:
        c, glyph, text, shorter = entry
        words = html.escape(shorter if short else text)
        return (f"<span style='color:#{c[0]:02x}{c[1]:02x}{c[2]:02x}; font-weight:bold'>{html.escape(glyph)}</span>"
                f"&nbsp;{words.replace(' ', '&nbsp;') if whole else words}")

    def _measure(self, text: str, width: float = -1) -> tuple[float, float]:
        """(ideal width, height) in pixels of rich ``text`` laid out ``width`` wide (-1: on one line), in the
        label's font; each text, font and width measured once."""
        font = self.font()
        key = (font.key(), text, width)
        size = self._measured.get(key)
        if size is None:
            doc = self._scratch
            doc.setDefaultFont(font)
            doc.setDocumentMargin(0)
            doc.setHtml(text)
            doc.setTextWidth(width)
            size = (doc.idealWidth(), doc.size().height())
            if len(self._measured) >= MEASURED_KEPT:
                self._measured.clear()
            self._measured[key] = size
        return size

    def entry_width(self, entry, short: bool) -> float:
        """Pixels the entry takes on one line (its glyph drawn bold, as written)."""
        return self._measure(self._cell(entry, short, True))[0]

    def widest(self, short: bool = False) -> float:
        """Pixels the widest entry takes on one line (0 without entries)."""
        return max((self.entry_width(e, short) for e in self._entries), default=0.0)

    def text_at(self, width: float, short: bool) -> str:
        """The entries as rich text for a label ``width`` px wide: each kept whole on a line (its spaces
        unbreakable) while it fits on one, else wrapping inside (a label cut an entry wider than the
        panel: "(its target, the netwo")."""
        return SEPARATOR.join(self._cell(e, short, self.entry_width(e, short) <= width) for e in self._entries)

    def height_at(self, width: float, short: bool) -> int:
        """Pixels the legend is tall at ``width`` (0 without entries)."""
        if not self._entries or width <= 0:
            return 0
        return int(self._measure(self.text_at(width, short), width)[1] + 0.999)

    def _write(self) -> None:
        text = self.text_at(self.contentsRect().width(), self.short)
        if text != self.text():
            self.setText(text)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._write()  # another width: another entry may have to wrap inside, or no longer

    def entries(self) -> list[str]:
        """The names in the legend, in order (whole, whichever are written)."""
        return [text for _, _, text, _ in self._entries]

    def keys(self) -> list[tuple[tuple[int, int, int], str]]:
        """(the (r, g, b) its glyph is drawn in, the name) of every entry, in order."""
        return [(c, text) for c, _, text, _ in self._entries]
