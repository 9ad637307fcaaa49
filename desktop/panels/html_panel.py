"""A dock's widget that shows one HTML page computed from the view state (the Matrix form, the
Sum over paths), rewritten when the view state or the selection changes, and only while shown."""

from __future__ import annotations

import re

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from desktop.on_screen import dock_of, on_screen

from .matrix_html import note

#: every digit as a 0, in the text between an HTML page's tags (``written_width``'s key)
ALL_DIGITS_ZERO = str.maketrans("123456789", "000000000")
TEXT_BETWEEN_TAGS = re.compile(r">[^<]+<")


class ViewStateHtmlPanel(QWidget):
    """Subclasses set ``object_name``, ``empty`` (the page before a view state is set), ``failure``
    (the sentence before a refusal's reason) and ``render(view_state) -> html``."""

    object_name = ""
    empty = ""
    failure = "This view cannot be shown now"
    open_links = True

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName(self.object_name)
        self.view_state = None
        self._widths: dict[str, float] = {}  # html → written_width
        self.text = QTextBrowser()
        self.text.setOpenLinks(self.open_links)
        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        box.addWidget(self.text)
        self.text.setHtml(note(self.empty))

    def render(self, view_state) -> str:
        raise NotImplementedError

    #: rewrite the page when the panel's width changes (a page laid out to its width: ``page_width``)
    rewrite_on_width = False

    def page_width(self) -> float:
        """The width (px) the page's lines may take without a horizontal scroll bar: the browser's, less
        its frame, the vertical scroll bar's room (kept whether it shows or not, so that its coming
        does not narrow the page) and the document's margins."""
        text = self.text
        bar = text.verticalScrollBar().sizeHint().width()
        return text.width() - 2 * text.frameWidth() - bar - 2 * text.document().documentMargin()

    def written_width(self, html: str) -> float:
        """How wide ``html`` is written in the browser's font (its ideal width, without margins). Kept by
        its text with every digit a 0 (not those of its tags' styles): the digits of a font are equally wide (and a matrix's cells are
        monospace), so while training changes the numbers, not their lengths, nothing is laid out again."""
        key = TEXT_BETWEEN_TAGS.sub(lambda text: text.group(0).translate(ALL_DIGITS_ZERO), html)
        found = self._widths.get(key)
        if found is None:
            if len(self._widths) > 256:
                self._widths.clear()
            document = QTextDocument()
            document.setDefaultFont(self.text.font())
            document.setDocumentMargin(0)
            document.setHtml(key)
            found = self._widths[key] = document.idealWidth()
        return found

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        if self.rewrite_on_width and event.oldSize().width() != event.size().width():
            self.refresh()

    def set_view_state(self, view_state) -> None:
        self.view_state = view_state
        view_state.changed.connect(self.refresh)
        view_state.selection_changed.connect(self.refresh)
        dock = dock_of(self)
        if dock is not None:  # a tab raised: shown again (no showEvent: Qt never hid it)
            dock.visibilityChanged.connect(self._dock_visibility)
        self.refresh()

    def _dock_visibility(self, visible: bool) -> None:
        if visible:
            self._rewrite()

    def refresh(self, *_) -> None:
        """Rewrite the page, only while it is on the screen (not a dock tab behind another)."""
        if on_screen(self):
            self._rewrite()

    def _rewrite(self) -> None:
        """The page anew, scrolled where the student had it (``setHtml`` scrolls to the top: the page
        jumped back to its first line at every change of the view state, while training too)."""
        if self.view_state is None:
            return
        bars = (self.text.verticalScrollBar(), self.text.horizontalScrollBar())
        kept = [bar.value() for bar in bars]
        try:
            self.text.setHtml(self.render(self.view_state))
        except (ValueError, KeyError, IndexError) as exc:  # an edit between two signals: say so, keep going
            self.text.setHtml(note(f"{self.failure}: {exc}"))
        for bar, value in zip(bars, kept):
            bar.setValue(value)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        self.refresh()
