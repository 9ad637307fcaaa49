"""The Lesson panel: one step of a guided lesson at a time (a view; ``LessonGuide`` decides).

From top to bottom: the lesson's title and "Step k of n"; the step's text (its little
Markdown as HTML, ``core.lesson_text``); the action to do, ticked when the app has seen it
done (for "Train N steps", how many are trained so far and a button that trains the rest and stops);
the question (what to compute, from which numbers, how close), a box to type the
answer, Check and Reveal; the verdict and, after a wrong answer, the hint (the chain rule
with the right factors and the typed value beside the right one); Back and Next.

The panel emits what the student asks for (``check_requested(text)``, ``reveal_requested``,
``back_requested``, ``next_requested``, ``train_requested``) and shows what it is told (``show_step``,
``show_verdict``, ``show_message``, ``show_notice``: why training waits, ``show_rate_note``: that the
toolbar's learning rate differs from the lesson's, ``show_edit_note``: that the canvas's weights differ from
the saved ones the question is about).
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTextBrowser, QVBoxLayout,
                               QWidget)

from core import format_number
from core.lesson import LessonStep, action_label, question_context, question_label
from core.lesson_text import to_html
from desktop.naming import name

#: the step's text keeps at least this height (pixels, about five lines; or its own, if less) in a short panel
TEXT_MIN_HEIGHT = 100
#: the room kept under the question's answer row for the verdict and the hint (which scroll beyond it)
VERDICT_ROOM = 80
RIGHT_COLOUR, WRONG_COLOUR, MUTED_COLOUR = "#1b7a1b", "#b00020", "#555555"


def number_text(x: float) -> str:
    """An answer as the panel writes it: 6 significant digits (more than any tolerance asks)."""
    return format_number(x, 6)


class VerdictBox(QTextBrowser):
    """The verdict and the hint: rich text that scrolls; ``text()``/``setText``/``clear`` like a label; under them
    an aside (``set_aside``) that outlives a new verdict until it is set again."""

    def __init__(self):
        super().__init__()
        self.setMinimumHeight(40)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setAutoFillBackground(False)
        self._html = self._aside = ""

    def setText(self, text: str) -> None:
        self._html = text
        self.setHtml(text + (f"<br>{self._aside}" if self._aside else ""))

    def set_aside(self, text: str) -> None:
        """Rich ``text`` under the verdict ("": none)."""
        if text != self._aside:
            self._aside = text
            self.setText(self._html)

    def text(self) -> str:
        return self._html

    def aside(self) -> str:
        """The aside under the verdict, as set ("": none)."""
        return self._aside

    def clear(self) -> None:
        self.setText("")


class LessonPanel(QWidget):
    check_requested = Signal(str)
    reveal_requested = Signal()
    back_requested = Signal()
    next_requested = Signal()
    #: the Train button: train what is left of the step's "Train N steps", then stop
    train_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = name(QLabel(""), "lesson_title", "Lesson title")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.progress = name(QLabel(""), "lesson_progress", "Lesson progress")
        self.text = name(QTextBrowser(), "lesson_text", "Lesson step text")
        self.text.setOpenExternalLinks(False)
        self.action = name(QLabel(""), "lesson_action", "What to do")
        self.action.setWordWrap(True)
        self.train_button = name(QPushButton(""), "lesson_train", "Train the steps this step asks")
        self.train_button.clicked.connect(self.train_requested)
        self.train_button.hide()
        #: why the app does not train now (a question about the weights as saved is open), after a refusal
        self.notice = name(QLabel(""), "lesson_notice", "Why training waits")
        self.notice.setWordWrap(True)
        self.notice.hide()
        #: the toolbar's learning rate differs from the lesson's while the open step uses it
        self.rate_note = name(QLabel(""), "lesson_rate_note", "The learning rate differs from the lesson's")
        self.rate_note.setWordWrap(True)
        self.rate_note.hide()
        #: the student changed weights on the canvas that the open question takes as saved
        self.edit_note = name(QLabel(""), "lesson_edit_note", "The weights on the canvas differ from the lesson's starting weights")
        self.edit_note.setWordWrap(True)
        self.edit_note.hide()
        self.question = name(QLabel(""), "lesson_question", "The question")
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.RichText)
        self.answer = name(QLineEdit(), "lesson_answer", "Your answer")
        # an example of how to write a number, whole in the narrowest dock: no lesson has it as an answer
        self.answer.setPlaceholderText("e.g. −1.25")
        self.answer.returnPressed.connect(self._check)
        self.check_button = name(QPushButton("Check"), "lesson_check", "Check")
        self.check_button.clicked.connect(self._check)
        self.reveal_button = name(QPushButton("Reveal"), "lesson_reveal", "Reveal")
        self.reveal_button.setToolTip("Show the answer (the lesson records that it was revealed)")
        self.reveal_button.clicked.connect(self.reveal_requested)
        # the hint can be long (the chain rule line by line): a box that scrolls rather than a label that is cut
        self.verdict = name(VerdictBox(), "lesson_verdict", "Verdict")
        self.verdict.setMinimumHeight(VERDICT_ROOM)
        self.back_button = name(QPushButton("◀ Back"), "lesson_back", "Back")
        self.back_button.clicked.connect(self.back_requested)
        self.complete = name(QLabel(""), "lesson_complete", "Lesson complete")
        self.complete.setWordWrap(True)
        self.complete.hide()
        self.next_button = name(QPushButton("Next ▶"), "lesson_next", "Next")
        self.next_button.clicked.connect(self.next_requested)

        self.question_box = QFrame()
        box = QVBoxLayout(self.question_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.question)
        self.answer_row = row = QHBoxLayout()
        row.addWidget(self.answer, 1)
        row.addWidget(self.check_button)
        row.addWidget(self.reveal_button)
        box.addLayout(row)
        box.addWidget(self.verdict, 1)

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.progress)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        self.head = head
        self.nav = nav
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.text)
        layout.addWidget(self.action)
        self.train_row = train_row = QHBoxLayout()
        train_row.addWidget(self.train_button)
        train_row.addStretch(1)
        layout.addLayout(train_row)
        layout.addWidget(self.notice)
        layout.addWidget(self.rate_note)
        layout.addWidget(self.edit_note)
        layout.addWidget(self.question_box, 3)
        layout.addWidget(self.complete)
        layout.addStretch(1)  # a step that asks nothing packs at the top, not spread over the panel
        self._spacer_index = layout.count() - 1
        layout.addLayout(nav)

    # ------------------------------------------------------------ showing
    def forget_shown(self) -> None:
        """The next ``show_step`` shows its step afresh (another lesson, or this one edited)."""
        self.progress.setProperty("index", None)

    def show_empty(self, text: str) -> None:
        """No lesson: one line saying how to get one."""
        self.title.setText("No lesson")
        self.progress.setText("")
        self.text.setHtml(f"<p>{html.escape(text)}</p>")
        self.action.hide()
        self.question_box.hide()
        self.layout().setStretch(self._spacer_index, 1)
        self.back_button.setEnabled(False)
        self.next_button.setEnabled(False)
        self._fit_text()

    def show_step(self, title: str, index: int, count: int, step: LessonStep, *, action_done: bool,
                  settled: str, can_next: bool, steps_trained: int = 0, train_left: int | None = None,
                  can_train: bool = True, network=None, typed: str = "") -> None:
        """Show step ``index`` (0-based) of ``count``; a new step clears the verdict, and the answer box but for
        ``typed`` (what the student typed there and did not check before the file was saved, or the lesson left).
        ``settled``: "" while the question is open, else how it was settled ("Answered right.", "Revealed.").
        A ``train`` action: ``steps_trained`` since the step opened; ``train_left``, the steps Play and the
        Train button will train (None: no button); ``can_train``: no run is going on; ``network``: the lesson's,
        whose one sample or one output the question's words name as such."""
        first_show = self.progress.property("index") != index
        self.progress.setProperty("index", index)
        self.title.setText(title or "Lesson")
        self.progress.setText(f"Step {index + 1} of {count}")
        if first_show:
            self.text.setHtml(to_html(step.text) if step.text.strip() else "")
        if step.action is not None:
            mark = "✓ done" if action_done else "not done yet"
            if step.action.kind == "train":
                if not action_done and steps_trained > 0:
                    mark += f": {steps_trained} of {step.action.steps} trained"
                elif action_done and steps_trained == step.action.steps:
                    mark += f": stopped at exactly {steps_trained}, as the lesson asks"
            colour = RIGHT_COLOUR if action_done else MUTED_COLOUR
            self.action.setText(f"<b>Do:</b> {html.escape(action_label(step.action))} "
                                f"<span style='color:{colour}'>({mark})</span>")
            self.action.show()
        else:
            self.action.hide()
        self._show_train_button(step, train_left, can_train)
        q = step.question
        if q is not None:
            self.question.setText(f"<b>Compute</b> {html.escape(question_label(q, network))} "
                                  f"<span style='color:{MUTED_COLOUR}'>({html.escape(question_context(q, network))}; "
                                  f"right {html.escape(q.tolerance.describe())})</span>")
            self.question_box.show()
            self.layout().setStretch(self._spacer_index, 0)  # the verdict and the hint take the room
            if first_show:
                self.answer.setText("" if settled else typed)
                self.verdict.clear()
                if settled:  # back at a step already settled (Back, or the lesson opened again)
                    self.show_verdict(True, [], settled)
            self.answer.setEnabled(not settled)
            self.check_button.setEnabled(not settled)
            self.reveal_button.setEnabled(not settled)
        else:
            self.question_box.hide()
            self.layout().setStretch(self._spacer_index, 1)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(can_next)
        self.next_button.setText("Finish" if index == count - 1 else "Next ▶")
        self._fit_text()  # the action and the question take their room; the text the rest

    def _show_train_button(self, step: LessonStep, left: int | None, enabled: bool) -> None:
        """"Train 50 steps" ("Train 47 more steps" once some are trained) while the step's train action is open."""
        if left is None or step.action is None or step.action.kind != "train":
            self.train_button.hide()
            return
        what = f"{left} step{'s' if left != 1 else ''}" if left == step.action.steps else \
            f"{left} more step{'s' if left != 1 else ''}"
        self.train_button.setText(f"Train {what}")
        self.train_button.setToolTip(f"Train exactly {what}, then stop, as this step asks (Play, F5, does the same)")
        self.train_button.setEnabled(enabled)
        self.train_button.show()

    def _fit_text(self) -> None:
        """The step's text box as high as its text, as long as the panel has that room beside the
        rest (title, action, question, answer row, VERDICT_ROOM, Back/Next); else as high as the room
        allows (at least TEXT_MIN_HEIGHT) and it scrolls. The rest of the panel is the question's and
        the hint's. Computed from the panel's own width, so it holds whenever the layout lays it out."""
        layout = self.layout()
        margins = layout.contentsMargins()
        width = max(self.width() - margins.left() - margins.right(), 100)
        frame = 2 * self.text.frameWidth()
        doc = self.text.document().clone(self)
        doc.setTextWidth(width - frame)
        wanted = math.ceil(doc.size().height()) + frame + 2 if self.text.toPlainText().strip() else 0
        doc.deleteLater()
        room = self.height() - margins.top() - margins.bottom() - self._height_of_the_rest(width)
        height = min(wanted, max(room, TEXT_MIN_HEIGHT))
        # a scroll bar shown while the box was short would narrow the text and keep itself: none when it all fits
        self.text.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff if height >= wanted
                                             else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.text.setFixedHeight(height)
        self.text.setVisible(height > 0)

    def _height_of_the_rest(self, width: int) -> int:
        """The height everything but the step's text takes at ``width``, with VERDICT_ROOM for the verdict."""
        spacing = self.layout().spacing()
        parts = [self.head.sizeHint().height(), self.nav.sizeHint().height()]
        if not self.action.isHidden():
            parts.append(self.action.heightForWidth(width))
        if not self.train_button.isHidden():
            parts.append(self.train_row.sizeHint().height())
        if not self.notice.isHidden():
            parts.append(self.notice.heightForWidth(width))
        for note in (self.rate_note, self.edit_note):
            if not note.isHidden():
                parts.append(note.heightForWidth(width))
        if not self.question_box.isHidden():
            box = self.question_box.layout()
            parts.append(self.question.heightForWidth(width) + self.answer_row.sizeHint().height()
                         + VERDICT_ROOM + 2 * box.spacing())
        if not self.complete.isHidden():
            parts.append(self.complete.heightForWidth(width))
        return sum(parts) + spacing * (len(parts) + 1)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_text()

    def show_verdict(self, right: bool, lines: list[str], headline: str) -> None:
        """The verdict in colour, then the hint's lines."""
        colour = RIGHT_COLOUR if right else WRONG_COLOUR
        body = "".join(f"<br>{html.escape(line)}" for line in lines)
        self.verdict.setText(f"<span style='color:{colour}'><b>{html.escape(headline)}</b></span>{body}")

    def show_verdict_aside(self, text: str) -> None:
        """Under the verdict, in red, why a settled answer is not about the weights on the canvas now (an Undo took
        the lesson's training back) ("": none)."""
        self.verdict.set_aside(f"<span style='color:{WRONG_COLOUR}'>{html.escape(text)}</span>" if text else "")

    def show_revealed(self, answer: float, lines: list[str]) -> None:
        """The answer revealed: in the (locked) answer box in place of whatever was typed, and in the
        verdict with its worked computation ``lines``."""
        self.answer.setText(number_text(answer))
        self.show_verdict(True, lines, f"The answer is {number_text(answer)} (revealed).")

    def show_complete(self, text: str) -> None:
        """The lesson's end, in green under the step (an empty text: hidden)."""
        self.complete.setText(f"<span style='color:{RIGHT_COLOUR}'><b>{html.escape(text)}</b></span>" if text else "")
        self.complete.setVisible(bool(text))
        self._fit_text()

    def show_notice(self, text: str) -> None:
        """Why training waits, in red under the step's action ("": hidden)."""
        if text == self.notice_text():
            return
        self.notice.setText(f"<span style='color:{WRONG_COLOUR}'>{html.escape(text)}</span>" if text else "")
        self.notice.setProperty("plain", text)
        self.notice.setVisible(bool(text))
        self._fit_text()

    def show_rate_note(self, text: str) -> None:
        """That the toolbar's learning rate differs from the lesson's, in red under the step's action ("": hidden)."""
        self._show_note(self.rate_note, text)

    def show_edit_note(self, text: str, good: bool = False) -> None:
        """That the weights on the canvas differ from the saved ones the question is about, in red above the
        question ("": hidden); ``good``: in green, a confirmation (the step the question asked about, applied)."""
        self._show_note(self.edit_note, text, RIGHT_COLOUR if good else WRONG_COLOUR)

    def _show_note(self, label: QLabel, text: str, colour: str = WRONG_COLOUR) -> None:
        if text == (label.property("plain") or "") and colour == label.property("colour"):
            return
        label.setText(f"<span style='color:{colour}'>{html.escape(text)}</span>" if text else "")
        label.setProperty("plain", text)
        label.setProperty("colour", colour)
        label.setVisible(bool(text))
        self._fit_text()

    def notice_text(self) -> str:
        """The notice as plain text ("" when none shows)."""
        return self.notice.property("plain") or ""

    def show_message(self, text: str) -> None:
        self.verdict.setText(f"<span style='color:{WRONG_COLOUR}'>{html.escape(text)}</span>")

    def verdict_text(self) -> str:
        """The verdict as plain text (what a screen reader reads; tests read it too)."""
        return self.verdict.toPlainText()

    # ------------------------------------------------------------ input
    def _check(self) -> None:
        if self.check_button.isEnabled():
            self.check_requested.emit(self.answer.text())
