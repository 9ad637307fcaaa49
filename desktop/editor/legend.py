"""The canvas legend: what the number in a neuron is and for which input, which colour is
which sign, what thickness means, what a dashed edge is, what a glowing edge is during the
step-through, and what "≈" before a number means while the canvas writes one. Compact (two keys per
row) so the network keeps most of the canvas; on a small canvas (a laptop's window) it is folded to one
line and opens while the pointer is over it. When some edges have no room for their number, it lists
them, folded or not: one table per connection, a row per target neuron j and a column per source neuron
i, each cell the number its edge w_ji would write (``number_tables``), so that a student checks any of
them by hand without hunting for its edge."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QWidget

from . import legend_approximate, legend_table, style
from .legend_words import TABLE_TIP, hover_words, listed_words, maps_words, table_noun, table_rows

#: a key: (what is drawn: "neuron", "text", "thickness", "glow" or a QPen for a line, its words)
Key = tuple[object, str]


#: a table row's height and the gap between its columns (pixels)
TABLE_ROW = 14
TABLE_GAP = legend_table.GAP
#: the least point size a table is written in to fit the canvas's width (7 pt: digits about 7 px tall)
TABLE_LEAST_POINTS = 7.0
#: what the legend says when the neurons' numbers have no room at the canvas's zoom (the scene's ``values_hidden``)
HOVER_NEURON = "Hover a neuron for its numbers (no room here)"
#: … on one line with the folded legend's prompt, longest first
HOVER_BOTH = ("Hover a neuron or edge for its numbers · legend: point here", "Hover a neuron or edge for numbers · legend ▸",
              "Hover a neuron or edge for numbers")


class Legend(QWidget):
    ROW = 19
    TABLE_LINE = 16  # the folded legend's line above its table
    MARK = 40  # room for the drawn key before its words
    WIDEST = 560  # the legend's widest (a longer row is cut)

    FOLDED_TEXT = "Legend (point here to read it)"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.folded = False  # folded: one line; the pointer over it opens it
        self._open = False
        self.mode = "weight"
        self.neuron_text = "in a neuron: its output a"
        self.traced_text = ""
        self.glow_text = ""  # the step-through's highlighted edges, when it highlights some
        self.glow_colour = style.FORWARD_STEP
        self.maps_text = ""  # what a neuron's map's colours mean, when neurons show maps
        self.hover_text = ""  # when some edges have no room for their number: hover them
        self.weights_text = ""  # when some edges write their weight among dL/dw's (a lesson's formula takes it)
        self.tables: list[list[list[str]]] = []  # the numbers of the connections with no room on their edges
        self.values_hidden = False  # the neurons write no numbers (no room at this zoom): hover one
        self.room = self.WIDEST  # the pixels across the canvas leaves the legend (``set_room``)
        #: what "≈" means, while the canvas writes one: each kind's words, longest first
        self.approximate_lines: tuple[tuple[str, ...], ...] = ()
        #: () → those words for what the canvas writes now (``approximate_numbers.approximate_words``);
        #: not asked while the legend is folded shut (reading every number the canvas writes takes 1–2 ms)
        self.approximate_source: Callable[[], list[tuple[str, ...]]] | None = None
        #: the box's size (without the "≈" words) when Fit to Window last left it room (``reserve``)
        self.reserved = QSize(0, 0)
        self.free_above = 0.0  # pixels the canvas has empty above the box without its added lines (``set_free_above``)
        self._sizes: dict[tuple, QSize] = {}  # ``_size_for``'s answers, by what they follow
        self.setFixedSize(self.sizeHint())

    def show_state(self, view_state, hidden_numbers: int = 0, unplaced: list | None = None) -> None:
        """Say what the canvas numbers are now (the view state decides it), how many edges have
        no room for their number (``hidden_numbers``), list the numbers of their connections
        (``unplaced``: (source, target, cells, how many of them have no room) each,
        ``SceneEdgeNumbers.unplaced_numbers``; None: the last ones, while their connections exist), and
        what the "≈" the canvas writes means (``approximate_source``); repainted only when that changed
        (it lies over the canvas: a repaint of it repaints the canvas beneath)."""
        before = self._words()
        view = self.parentWidget()
        self.values_hidden = bool(getattr(view.scene() if hasattr(view, "scene") else None, "values_hidden", False))
        self.approximate_lines = self._approximate_now()
        self.mode = view_state.edge_noun()
        self.hover_text = hover_words(hidden_numbers, self.mode)
        if unplaced is not None:  # (None: the tables as they are, while the canvas is being fitted)
            self._unplaced = unplaced
        weights = view_state.network().weights  # (another network's kept tables go)
        unplaced = self._unplaced = [table for table in getattr(self, "_unplaced", []) if (table[0], table[1]) in weights
                                     and weights[table[0], table[1]].shape == (len(table[2]), len(table[2][0]))]
        self.tables = [table_rows(source, target, cells, table_noun(view_state, self.mode))
                       for source, target, cells, _ in unplaced]
        listed = sum(n for *_, n in unplaced)
        if self.tables and listed >= hidden_numbers:  # (listed in the table: nothing to hunt for)
            self.hover_text = listed_words(hidden_numbers)
        elif self.tables:
            self.hover_text += f"; {unplaced[0][0]} → {unplaced[0][1]}'s listed below"
        self._set_tip()
        named = sorted(edge for edge in view_state.formula_weights if view_state.edge_writes_weight(*edge))
        self.weights_text = (f"w … on {', '.join(f'{s} → {t}' for s, t in named)}: the weight (and its colour), "
                             f"for the question's formula; dL/dw: heatmap") if named else ""
        step = view_state.stepping
        if step is not None and step.phase == "backward":
            self.neuron_text = "in a neuron: a, or δ = dL/dz (ringed) once backprop reached it"
            reached = (view_state.computable_order() or [])[step.layer:]
            if any(view_state.held("delta", layer) for layer in reached):  # a guided lesson holds a δ: a stays
                self.neuron_text = "in a neuron: a, or δ = dL/dz (ringed) once reached and not asked"
        elif step is not None and step.phase == "forward":
            self.neuron_text = "in a neuron: its output a (? = not computed yet)"
        elif view_state.shows_thumbnails() and view_state.network().raw_input_units == 1:
            self.neuron_text = "neuron: its curve of a (↑) over x (→); beside it: a"
        elif view_state.shows_thumbnails():
            self.neuron_text = "neuron: its map of a over the input plane; beside it: a"
        else:
            self.neuron_text = "in a neuron: its output a = f(z); inputs: x"
        if self.values_hidden:
            self.neuron_text = HOVER_NEURON
        if view_state.answered_delta_shown():  # a lesson's answered δ, under its neuron
            self.neuron_text += "; δ under it: dL/dz you answered"
        self.traced_text = view_state.traced_words()
        maps = view_state.shows_thumbnails()
        curves = maps and view_state.network().raw_input_units == 1
        traced = view_state.traced_data()
        if maps and traced is not None and len(traced[0]) == 1 and not view_state.data_unfit():  # the traced sample is a dot on each thumbnail
            self.traced_text += f", the dot on each {'curve' if curves else 'map'}"
        self.maps_text = self._maps_rows(*maps_words(view_state.network())) if maps else ""
        if curves:
            data = view_state.network().dataset
            span = "around the one sample" if data is not None and len(data) == 1 else "across the data's range"
            self.maps_text = f"curves: x {span}; grey line: the middle of a's range"
        layer = view_state.active_layer()
        if layer is None:
            self.glow_text = ""
        elif step.phase == "forward":
            self.glow_text, self.glow_colour = f"glow: weights into {layer}, z = Σ w·a + b", style.FORWARD_STEP
        else:
            product = "a · δ" if view_state.traced_data() is not None and len(view_state.traced_data()[0]) == 1 \
                else "Σ over the samples of a · δ"
            # "=": the rule is exact; "≈" means one thing in the legend, a number written before it that by
            # hand may differ in its last digit (an edge whose a · δ as written does not give it writes "≈0.9885")
            self.glow_text, self.glow_colour = f"glow: dL/dw = {product} now known (into {layer})", style.DELTA_RING
            if view_state.held("dL/dw", layer):  # a guided lesson holds them: the glowing edges write "?"
                self.glow_text = f"glow: the edges into {layer}, whose dL/dw = {product} a question holds ('?')"
        if self._words() != before:
            self.setFixedSize(self.sizeHint())
            self._set_tip()
            self.repaint_over_canvas()

    def _set_tip(self) -> None:
        """The tooltip: how to read the table, while one shows, and what "≈" means, while the canvas writes one."""
        approximate = "\n".join(forms[0] for forms in self.approximate_lines)
        self.setToolTip("\n".join(text for text in (TABLE_TIP if self.tables else "", approximate) if text))

    def _maps_rows(self, grey: str, outputs: str) -> str:
        """The maps' words on one row when it fits the legend's widest, else on two ("\n" between)."""
        one = f"{grey}; {outputs}" if outputs else grey
        room = self.WIDEST - 14 - self.MARK - 10
        return one if QFontMetricsF(style.font(8.5)).horizontalAdvance(one) <= room else f"{grey}\n{outputs}"

    def repaint_over_canvas(self) -> None:
        """Paint the legend again, marking the canvas beneath it too: the canvas's own changes (a Step's
        weights) and the legend's then reach the screen in one painting of the canvas (issue 20), where a
        legend alone marked dirty made Qt paint the canvas a second time, under the legend."""
        view = self.parentWidget()
        viewport = view.viewport() if hasattr(view, "viewport") else None
        if viewport is not None:
            viewport.update(self.geometry().translated(viewport.mapFrom(view, self.pos()) - self.pos()))
        self.update()

    def listed(self) -> list:
        """The connections whose numbers the tables list: (source, target, cells, how many have no room) each."""
        return list(getattr(self, "_unplaced", []))

    def _words(self) -> tuple:
        return (self.mode, self.neuron_text, self.traced_text, self.maps_text, self.glow_text, self.glow_colour,
                self.hover_text, self.weights_text, self.tables, self.approximate_lines, self.values_hidden)

    def set_folded(self, folded: bool) -> None:
        """Fold the legend to one line (a small canvas) or show it whole."""
        if folded != self.folded:
            self.folded = folded
            self.approximate_lines = self._approximate_now()
            self._set_tip()
            self.setFixedSize(self.sizeHint())
            self.update()

    def reserve(self, size: QSize) -> None:
        """Fit to Window left the legend's box ``size`` (its size without the "≈" words): those words may take
        a row of their own while the box stays inside it (``legend_approximate``)."""
        if size != self.reserved:
            self.reserved = QSize(size)
            self.setFixedSize(self.sizeHint())
            self.update()

    def is_folded_now(self) -> bool:
        return self.folded and not self._open

    def _approximate_now(self) -> tuple[tuple[str, ...], ...]:
        """The words on "≈" (each kind's forms) unless the legend is folded shut. A folded legend, pointed at,
        gives each kind a row of its own; one shown whole (a larger canvas) writes them only where they take
        no room from the network (``legend_approximate``)."""
        source = self.approximate_source
        return () if source is None or self.is_folded_now() else tuple(source())

    def enterEvent(self, event) -> None:
        if self.folded:
            self._open = True
            self.approximate_lines = self._approximate_now()
            bottom = self.geometry().bottom()
            self.setFixedSize(self.sizeHint())
            self.move(self.x(), bottom - self.height() + 1)  # it opens upward, from where it sits
            self.raise_()
            self.update()
        super().enterEvent(event)

    def leaveEvent(self, event) -> None:
        if self._open:
            self._open = False
            bottom = self.geometry().bottom()
            self.setFixedSize(self.sizeHint())
            self.move(self.x(), bottom - self.height() + 1)
            self.update()
        super().leaveEvent(event)

    def rows(self) -> list[list[Key]]:
        """The legend's rows; a row holds one or two keys (folded: one line that says how to open it), and the
        words on "≈" (a folded legend pointed at: a row each; shown whole: where they take no room)."""
        rows = self._key_rows()
        if not self.approximate_lines or self.is_folded_now():
            return rows
        if self.folded:
            return rows + [[("text", forms[0])] for forms in self.approximate_lines]
        return self._placed_approximate(rows)[0]

    def _placed_approximate(self, rows: list[list[Key]]) -> tuple[list[list[Key]], list[str]]:
        """(``rows`` with the words on "≈" where a legend shown whole has room for them, the words left out)."""
        fm = QFontMetricsF(style.font(8.5))
        column = self._column_width(fm, rows)
        bare = self._size_for(rows)
        reserved = max(self.reserved.height() - bare.height(), 0) // self.ROW  # in the box Fit left it
        free = int(self.free_above // self.ROW)  # over what the network left empty above it
        spare, width = (free, bare.width()) if free >= reserved else (reserved, min(bare.width(), self.reserved.width()))
        return legend_approximate.placed(rows, self.approximate_lines, lambda row: self._row_end(fm, column, row),
                                         bare.width(), spare, width)

    def _row_end(self, fm: QFontMetricsF, column: float, row: list[Key]) -> float:
        """Where ``row``'s last words end, in pixels from the box's left edge."""
        if len(row) == 2:
            return column + self.MARK + 10 + fm.horizontalAdvance(row[1][1])
        return self.MARK + 10 + fm.horizontalAdvance(row[0][1])

    def _key_rows(self, prompt_row: bool | None = None) -> list[list[Key]]:
        """The legend's keys, without the words on "≈" (``prompt_row``: whether a folded legend over a table
        writes its "Legend (point here …)" line above it; None: where the canvas has it free, ``free_above``)."""
        hover = [[("text", self.hover_text)]] if self.hover_text else []
        if self.is_folded_now():  # folded to one line, it still says where the missing numbers are
            if self.tables and self.values_hidden:  # a line over the tables says it, room kept for it (``bare_size``)
                return [[("neuron", HOVER_NEURON)]]
            if self.values_hidden:  # the longest of these words the canvas has the width for
                fm = QFontMetricsF(style.font(8.5))
                return [[("neuron", next((words for words in HOVER_BOTH if self.MARK + 24 + fm.horizontalAdvance(words)
                                          <= self.room), HOVER_BOTH[-1]))]]
            if self.tables:  # the table, its header ending in "legend ▸" where the canvas has the width, else the
                # line above it where that is free (no room is taken for it: ``NetworkView._prompt_row_free``)
                prompt_row = self.free_above >= self.TABLE_LINE if prompt_row is None else prompt_row
                return [[("neuron", self.FOLDED_TEXT)]] if prompt_row and not self.table_prompt()[0] else []
            if self.hover_text:
                return [[("neuron", f"Hover an edge for its {self.mode} · legend: point here")]]
            return [[("neuron", self.FOLDED_TEXT)]]
        noun = self.mode
        symbol = {"weight": "w", "gradient": "g", "dL/dw": "dL/dw"}.get(noun, "w")
        rows = [
            [("neuron", self.neuron_text)],
            [("text", self.traced_text)],
            *([[("text", line)] for line in self.maps_text.split("\n")] if self.maps_text else []),
            [(style.value_pen(1, 1.5), f"positive {noun}"), (style.value_pen(-1, 1.5), f"negative {noun}")],
            [("thickness", f"thicker = larger |{symbol}|"), (style.removed_pen(), "removed edge")],
            *hover,
        ]
        if self.glow_text:
            rows.append([("glow", self.glow_text)])
        if self.weights_text:
            rows.append([("text", self.weights_text)])
        return self._wrapped(rows)

    def _wrapped(self, rows: list[list[Key]]) -> list[list[Key]]:
        """``rows`` with each one-key row wider than the box can be cut into rows that fit: at its last "; " whose
        words fit, else word by word, the rest as plain text under the words (review 24 #10b: at 1400×900 "δ under
        it: dL/dz you answ" was cut at the box's right edge)."""
        fm = QFontMetricsF(style.font(8.5))
        room = min(self.WIDEST, self.room) - 14 - self.MARK - 10  # the words' pixels in the box at its widest
        wrapped = []
        for row in rows:
            if len(row) != 1 or fm.horizontalAdvance(row[0][1]) <= room:
                wrapped.append(row)
                continue
            mark, text = row[0]
            parts = text.split("; ")
            cut = next((n for n in range(len(parts) - 1, 0, -1)
                        if fm.horizontalAdvance("; ".join(parts[:n]) + ";") <= room), None)
            if cut is not None:
                wrapped.append([(mark, "; ".join(parts[:cut]) + ";")])
                wrapped += self._wrapped([[("text", "; ".join(parts[cut:]))]])
                continue
            line = ""
            for word in text.split(" "):
                if line and fm.horizontalAdvance(f"{line} {word}") > room:
                    wrapped.append([(mark, line)])
                    mark, line = "text", word
                else:
                    line = f"{line} {word}" if line else word
            wrapped.append([(mark, line)])
        return wrapped

    def _column_width(self, fm: QFontMetricsF, rows: list[list[Key]] | None = None) -> float:
        """Width of the first of two keys in a row (the widest such key; the words on "≈" are never one)."""
        rows = self._key_rows() if rows is None else rows
        return max((self.MARK + 10 + fm.horizontalAdvance(row[0][1]) for row in rows if len(row) == 2), default=0)

    def set_room(self, width: int) -> None:
        """The canvas leaves the legend ``width`` pixels across: a table that is wider is written smaller."""
        width = max(190, min(int(width), self.WIDEST))
        if width != self.room:
            self.room = width
            self.setFixedSize(self.sizeHint())
            self.update()

    def table_font(self):
        """The tables' font: the legend's 8.5 pt, down to ``TABLE_LEAST_POINTS`` while the widest table is
        wider than the room (three_classes_softmax's dL/dw at 1024×700: "≈−0.05946" six times in a row), or,
        folded with no line free above it, while its first table's header has no room for the shortest
        prompt (``legend_table.PROMPTS``: Backward at y left neither, and nothing said "point here")."""
        points = 8.5
        while points > TABLE_LEAST_POINTS and (any(
                self._table_columns(t, QFontMetricsF(style.font(points)))[-1] + 10 > self.room for t in self.tables)
                or self._prompt_short(QFontMetricsF(style.font(points)))):
            points -= 0.5
        return style.font(points)

    def _prompt_short(self, fm: QFontMetricsF) -> bool:
        """Whether a folded legend over its tables, with no line free above them for ``FOLDED_TEXT``, has no
        room for any prompt in its first table's header in the font of ``fm``."""
        if not (self.tables and self.is_folded_now()) or self.free_above >= self.TABLE_LINE:
            return False
        return not legend_table.prompt(self.tables[0], fm, self.room)[0]

    def _table_columns(self, table: list[list[str]], fm: QFontMetricsF, head: str = "") -> list[float]:
        """The x of each column's right edge in ``table`` (its first column's left edge is 10)."""
        return legend_table.columns(table, fm, head)

    def table_prompt(self) -> tuple[str, bool]:
        """(the words in the first table's header row saying that pointing at it opens the legend, whether
        they follow its first cell rather than its last name), while a folded legend shows only its tables
        (("", False) when the canvas leaves them no room in that row, or no table shows)."""
        if not (self.tables and self.is_folded_now()):
            return "", False
        return legend_table.prompt(self.tables[0], QFontMetricsF(self.table_font()), self.room)

    def _tables_size(self) -> tuple[float, float]:
        """(width, height) in pixels the number tables take below the keys (with the folded legend's prompt)."""
        fm = QFontMetricsF(self.table_font())
        width = max((self._table_columns(t, fm)[-1] + 10 for t in self.tables), default=0.0)
        words, after_first = self.table_prompt()
        if words:
            ends = self._table_columns(self.tables[0], fm, words if after_first else "")
            width = max(width, ends[-1] + 10 + (0.0 if after_first else legend_table.PROMPT_GAP
                                                + fm.horizontalAdvance(words)))
        return width, sum(TABLE_ROW * len(t) + 4 for t in self.tables)

    def sizeHint(self) -> QSize:
        rows = self.rows()
        if self.folded or not self.approximate_lines:
            return self._size_for(rows)
        bare = self.bare_size()  # shown whole, the words on "≈" never widen the box (``legend_approximate``)
        return QSize(bare.width(), self._size_for(rows).height())

    def bare_size(self) -> QSize:
        """The box's size without the words on "≈" and the line above a folded table (what Fit to Window
        leaves room for)."""
        return self._size_for(self._key_rows(prompt_row=False))

    def _over_table(self) -> bool:
        """Whether the legend is folded over a table (its one line, if any, as close as the table's rows)."""
        return bool(self.tables) and self.is_folded_now()

    def set_free_above(self, pixels: float) -> None:
        """The canvas has ``pixels`` empty above the box as Fit leaves room for it (``bare_size``;
        ``legend_room.free_above``): the folded legend's line over a table, and the words on "≈", may take them."""
        if pixels != self.free_above:
            self.free_above = pixels
            self.setFixedSize(self.sizeHint())
            self.update()

    def _size_for(self, rows: list[list[Key]]) -> QSize:
        """The box's size with ``rows`` above the tables, kept by what it follows (its words, tables, room, folding
        and the room free above it: ``table_font``): Fit asks for it at every zoom it tries, a press a dozen times."""
        key = (tuple(tuple(text for _, text in row) for row in rows), tuple(tuple(map(tuple, t)) for t in self.tables),
               self.room, self.folded, self._open, self.free_above)
        if key not in self._sizes:
            if len(self._sizes) >= 64:
                self._sizes.clear()
            self._sizes[key] = self._measure(rows)
        return QSize(self._sizes[key])

    def _measure(self, rows: list[list[Key]]) -> QSize:
        fm = QFontMetricsF(style.font(8.5))
        column = self._column_width(fm, rows)
        tables_wide, tables_high = self._tables_size()
        widest = max([tables_wide - 14] + [self._row_end(fm, column, row) for row in rows])
        if self._over_table():  # the folded legend's line above its table: a line as close as the table's
            keys = 4 + self.TABLE_LINE * len(rows) + 2
        else:
            keys = 16 + self.ROW * len(rows) + 4 if rows else 6
        return QSize(int(min(max(widest + 14, 190), self.WIDEST, self.room)), int(keys + tables_high))

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(QColor(0, 0, 0, 60), 1))
        p.setBrush(QColor(255, 255, 255, 230))
        p.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        p.setFont(style.font(8.5))
        column = self._column_width(QFontMetricsF(p.font()))  # (the key rows': the words on "≈" add none)
        over_table = self._over_table()
        line = self.TABLE_LINE if over_table else self.ROW
        y = 10.0 if self.rows() and not over_table else 4.0
        for row in self.rows():
            for k, (mark, text) in enumerate(row):
                x = 10.0 + (column if k else 0.0)
                self._paint_mark(p, mark, x, y)
                p.setPen(style.TEXT)
                p.drawText(QRectF(x + self.MARK, y, self.width() - x - self.MARK - 4, line - 2),
                           Qt.AlignmentFlag.AlignVCenter, text)
            y += line
        for n, table in enumerate(self.tables):
            self._paint_table(p, table, y, self.table_prompt() if n == 0 else ("", False))
            y += TABLE_ROW * len(table) + 4

    def _paint_table(self, p: QPainter, table: list[list[str]], y: float, prompt: tuple[str, bool]) -> None:
        """One connection's numbers: its header row ("dL/dw x→h", reaching into the room left of the first
        column's name, and the folded legend's prompt, ``table_prompt``), then a row per target neuron, each
        number right-aligned in its source neuron's column (a column of numbers reads down like W[j, i])."""
        p.setFont(self.table_font())
        fm = QFontMetricsF(p.font())
        words, after_first = prompt
        ends = self._table_columns(table, fm, words if after_first else "")
        p.setPen(style.TEXT)
        middle = Qt.AlignmentFlag.AlignVCenter
        for n, row in enumerate(table):
            top = y + n * TABLE_ROW
            for k, text in enumerate(row):
                left = 10.0 if k == 0 else ends[k - 1] + TABLE_GAP
                right = legend_table.head_end(table, fm, ends) if n == 0 and k == 0 else ends[k]
                align = Qt.AlignmentFlag.AlignLeft if k == 0 else Qt.AlignmentFlag.AlignRight
                p.drawText(QRectF(left, top, right - left, TABLE_ROW), align | middle, text)
        if words:
            p.setPen(style.MUTED_TEXT)
            left = (10.0 + fm.horizontalAdvance(table[0][0]) if after_first else ends[-1]) + legend_table.PROMPT_GAP
            p.drawText(QRectF(left, y, fm.horizontalAdvance(words) + 2, TABLE_ROW), Qt.AlignmentFlag.AlignLeft | middle,
                       words)

    def _paint_mark(self, p: QPainter, mark, x: float, y: float) -> None:
        if mark == "neuron":
            p.setPen(QPen(style.CARD_BORDER, 1.2))
            p.setBrush(style.NEURON_FILL)
            p.drawEllipse(QPointF(x + 15, y + 8), 7, 7)
        elif mark == "thickness":
            for width, dy in ((0.2, 4), (1.0, 11)):
                pen = style.value_pen(width, 1)
                pen.setColor(style.ZERO)
                p.setPen(pen)
                p.drawLine(QPointF(x, y + dy), QPointF(x + 30, y + dy))
        elif mark == "glow":
            glow = QPen(style.glow(self.glow_colour), 9)
            glow.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(glow)
            p.drawLine(QPointF(x + 4, y + 8), QPointF(x + 26, y + 8))
        elif isinstance(mark, QPen):
            p.setPen(mark)
            p.drawLine(QPointF(x, y + 8), QPointF(x + 30, y + 8))
