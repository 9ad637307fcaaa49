"""A dock's widget that shows one HTML page computed from the view state (the Matrix form, the
Sum over paths), rewritten when the view state or the selection changes, and only while shown."""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from desktop.on_screen import dock_of, on_screen

from .matrix_html import note


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
        self.text = QTextBrowser()
        self.text.setOpenLinks(self.open_links)
        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        box.addWidget(self.text)
        self.text.setHtml(note(self.empty))

    def render(self, view_state) -> str:
        raise NotImplementedError

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
        if self.view_state is None:
            return
        try:
            self.text.setHtml(self.render(self.view_state))
        except (ValueError, KeyError, IndexError) as exc:  # an edit between two signals: say so, keep going
            self.text.setHtml(note(f"{self.failure}: {exc}"))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        self.refresh()
