"""The Lesson editor (Lesson → Edit Lesson…): a teacher writes the open file's lesson.

On the left the steps ("1. Welcome…"), with Add, Remove, Up and Down; on the right the chosen
step: its text (the little Markdown), its action (a kind and the fields it uses) and its
question (a kind, its place, the sample, the step, the significant digits), with the answer
the app computes from the network shown live (``core.lesson``, off the GUI thread).

The answers are about the network as it is: Apply makes it the lesson's start (``core.lesson_start``; a start a
file saved after training kept goes). The editor works on a draft; Apply puts the draft into the document as one
undoable edit (``SetLesson`` through ``Document.perform``): a draft the file's rules refuse is not applied and the
reason, naming the place, is shown. Save the file to keep the lesson.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QVBoxLayout)

from core.lesson import (ACTION_KINDS, EDGE_KINDS, QUESTION_KINDS, Action, Lesson, LessonError, LessonStep, Question,
                         Tolerance, question_label)
from desktop.naming import name

from .checking import AnswerService
from .commands import SetLesson
from .panel import number_text

#: the fields each action kind uses (``core.lesson.Action.fields``)
ACTION_KEYS = {"step_through": ("phase", "layer"), "set_weight": ("source", "target", "j", "i", "value"),
               "set_bias": ("layer", "unit", "value"), "train": ("steps",),
               "select_edge": ("source", "target", "j", "i"), "select_layer": ("layer",)}
INTEGER_KEYS = ("unit", "j", "i", "steps", "sample", "step")
NONE = "(none)"


def as_applied(network):
    """A copy of ``network`` without its lesson: the answers Apply gives the lesson, about the network as it is
    (Apply makes it the lesson's start: a start the file kept goes, ``core.lesson_start``)."""
    out = network.copy()
    out.lesson = None
    return out


def question_keys(kind: str) -> tuple:
    """The place fields of a question kind, then sample and step."""
    if kind in EDGE_KINDS:
        place = ("source", "target", "j", "i")
    elif kind == "output":
        place = ("unit",)
    elif kind == "loss":
        place = ()
    else:
        place = ("layer", "unit")
    return place + ("sample", "step") if kind != "weight_after_steps" else place + ("step",)


def _value(key: str, text: str, where: str):
    text = text.strip()
    if not text:
        return None
    try:
        if key in INTEGER_KEYS:
            return int(text)
        if key == "value":
            return float(text.replace("−", "-"))
    except ValueError:
        raise ValueError(f"{where} {key}: {text!r} is not {'a whole number' if key in INTEGER_KEYS else 'a number'}") \
            from None
    return text


class FieldsBox(QGroupBox):
    """A kind chooser and one line per field; only the kind's fields are enabled."""

    def __init__(self, title: str, kinds, keys_of, prefix: str):
        super().__init__(title)
        self.keys_of, self.prefix = keys_of, prefix
        self.kind = name(QComboBox(), f"{prefix}_kind", f"{title} kind")
        self.kind.addItems([NONE, *kinds])
        self.form = QFormLayout(self)
        self.form.addRow("Kind", self.kind)
        self.fields: dict[str, QLineEdit] = {}
        every = sorted({k for kind in kinds for k in keys_of(kind)}, key=FIELD_ORDER.index)
        for key in every:
            box = name(QLineEdit(), f"{prefix}_{key}", f"{title} {key}")
            self.fields[key] = box
            self.form.addRow(FIELD_LABELS.get(key, key), box)
        self.kind.currentTextChanged.connect(self._enable)
        self._enable()

    def _enable(self, *_args) -> None:
        used = set(self.keys_of(self.kind.currentText())) if self.kind.currentText() != NONE else set()
        for key, box in self.fields.items():
            box.setEnabled(key in used)
            self.form.setRowVisible(box, key in used)

    def set_values(self, kind: str | None, values: dict) -> None:
        self.kind.setCurrentText(kind or NONE)
        for key, box in self.fields.items():
            value = values.get(key)
            box.setText("" if value is None else (f"{value:g}" if isinstance(value, float) else str(value)))

    def values(self, where: str) -> tuple[str | None, dict]:
        kind = self.kind.currentText()
        if kind == NONE:
            return None, {}
        return kind, {key: _value(key, self.fields[key].text(), where) for key in self.keys_of(kind)}


FIELD_ORDER = ["phase", "layer", "unit", "source", "target", "j", "i", "value", "steps", "sample", "step", "digits"]
FIELD_LABELS = {"j": "j (target neuron)", "i": "i (source neuron)", "sample": "sample (blank: next batch)",
                "step": "after steps", "steps": "steps", "value": "value", "digits": "significant digits"}


class LessonEditor(QDialog):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Lesson editor")
        self.setObjectName("lesson_editor")
        self.document = document
        lesson = document.network.lesson or Lesson(title=document.network.name)
        self.draft: list[LessonStep] = list(lesson.steps) or [LessonStep("")]
        self.current = -1
        self.service = AnswerService(self)
        self.service.set_network(as_applied(document.network))
        self.service.ready.connect(self._answer_ready)
        self._answer_request = 0
        self._answer_timer = QTimer(self, singleShot=True, interval=150)
        self._answer_timer.timeout.connect(self._compute_answer)

        self.title = name(QLineEdit(lesson.title), "lesson_editor_title", "Lesson title")
        self.steps = name(QListWidget(), "lesson_editor_steps", "Steps")
        self.steps.currentRowChanged.connect(self._choose)
        buttons = QHBoxLayout()
        for text, slot in (("Add", self.add_step), ("Remove", self.remove_step), ("Up", lambda: self.move_step(-1)),
                           ("Down", lambda: self.move_step(1))):
            button = name(QPushButton(text), f"lesson_editor_{text.lower()}", f"{text} step")
            button.clicked.connect(slot)
            button.setAutoDefault(False)  # Enter in a field must not add or remove a step
            buttons.addWidget(button)
        left = QVBoxLayout()
        left.addWidget(self.steps, 1)
        left.addLayout(buttons)

        self.text = name(QPlainTextEdit(), "lesson_editor_text", "Step text")
        self.text.setPlaceholderText("What the student reads: *emphasis*, **strong**, lists with - …")
        self.action = FieldsBox("Action", ACTION_KINDS, lambda k: ACTION_KEYS.get(k, ()), "action")
        self.question = FieldsBox("Question", QUESTION_KINDS, question_keys, "question")
        self.digits = name(QLineEdit("3"), "question_digits", "Significant digits")
        self.question.form.addRow("significant digits", self.digits)
        self.answer = name(QLabel(""), "lesson_editor_answer", "Computed answer")
        self.answer.setWordWrap(True)
        self.question.form.addRow("Answer", self.answer)
        self.message = name(QLabel(""), "lesson_editor_message", "Editor message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        right = QVBoxLayout()
        right.addWidget(QLabel("Text"))
        right.addWidget(self.text, 1)
        right.addWidget(self.action)
        right.addWidget(self.question)

        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 2)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Close)
        self.apply_button = name(box.button(QDialogButtonBox.StandardButton.Apply), "lesson_editor_apply", "Apply")
        self.apply_button.clicked.connect(self.apply)
        box.rejected.connect(self.reject)
        for button in box.buttons():
            button.setAutoDefault(False)
            button.setDefault(False)
        layout = QVBoxLayout(self)
        head = QFormLayout()
        head.addRow("Title", self.title)
        layout.addLayout(head)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        layout.addWidget(box)
        for widget in (*self.question.fields.values(), self.digits):
            widget.textChanged.connect(self._answer_timer.start)
        self.question.kind.currentTextChanged.connect(self._answer_timer.start)
        self.text.textChanged.connect(self._text_changed)
        self._applying = False
        document.lesson_changed.connect(self._document_lesson_changed)
        document.network_replaced.connect(self.close)  # another file: this draft is not its lesson
        self._fill_list()
        self.steps.setCurrentRow(0)
        self.resize(820, 640)

    def _document_lesson_changed(self) -> None:
        """Undo or redo changed the lesson while the editor is open: show the document's lesson."""
        if self._applying:
            return
        lesson = self.document.network.lesson or Lesson(title=self.document.network.name)
        self.title.setText(lesson.title)
        self.draft = list(lesson.steps) or [LessonStep("")]
        self.current = -1
        self._fill_list()
        self._choose(self.steps.currentRow())
        self.message.setText("The lesson changed (undo or redo): the editor shows it as it is now.")

    # ------------------------------------------------------------ steps
    def _fill_list(self) -> None:
        row = self.steps.currentRow()
        self.steps.blockSignals(True)
        self.steps.clear()
        for k, step in enumerate(self.draft):
            first = step.text.strip().splitlines()[0] if step.text.strip() else "(no text)"
            self.steps.addItem(f"{k + 1}. {first[:40]}")
        self.steps.blockSignals(False)
        self.steps.setCurrentRow(min(max(row, 0), len(self.draft) - 1))

    def _choose(self, row: int) -> None:
        if row < 0 or row == self.current:
            return
        if 0 <= self.current < len(self.draft) and not self._store():
            self.steps.blockSignals(True)
            self.steps.setCurrentRow(self.current)
            self.steps.blockSignals(False)
            return
        self.current = row
        step = self.draft[row]
        self.text.blockSignals(True)
        self.text.setPlainText(step.text)
        self.text.blockSignals(False)
        a, q = step.action, step.question
        self.action.set_values(a.kind if a else None, a.fields() if a else {})
        values = {}
        if q is not None:
            values = {**q.place_fields(), "sample": q.sample, "step": q.step}
            self.digits.setText(str(q.tolerance.significant_digits))
        self.question.set_values(q.kind if q else None, values)
        self._compute_answer()

    def step_from_fields(self) -> LessonStep:
        """The step the right-hand side describes; ``ValueError`` naming a field that is not a number."""
        where = f"step {self.current + 1}:"
        kind, fields = self.action.values(where + " action")
        action = Action(kind, **{k: v for k, v in fields.items() if v is not None}) if kind else None
        kind, fields = self.question.values(where + " question")
        question = None
        if kind:
            fields = {k: v for k, v in fields.items() if v is not None}
            fields.setdefault("step", 0)
            digits = _value("step", self.digits.text(), where + " significant digits") or 3
            question = Question(kind, tolerance=Tolerance(significant_digits=digits), **fields)
        return LessonStep(self.text.toPlainText(), action, question)

    def _store(self) -> bool:
        try:
            self.draft[self.current] = self.step_from_fields()
        except ValueError as exc:
            self.message.setText(str(exc))
            return False
        self.message.clear()
        return True

    def _text_changed(self) -> None:
        if 0 <= self.current < len(self.draft):
            step = self.draft[self.current]
            self.draft[self.current] = LessonStep(self.text.toPlainText(), step.action, step.question)
            first = self.text.toPlainText().strip().splitlines()
            self.steps.item(self.current).setText(f"{self.current + 1}. {(first[0] if first else '(no text)')[:40]}")

    def add_step(self) -> None:
        if not self._store():
            return
        self.draft.insert(self.current + 1, LessonStep(""))
        self.current = -1
        row = self.steps.currentRow() + 1
        self._fill_list()
        self.steps.setCurrentRow(row)

    def remove_step(self) -> None:
        if len(self.draft) <= 1:
            self.message.setText("A lesson has at least one step.")
            return
        del self.draft[self.current]
        self.current = -1
        self._fill_list()
        self._choose(self.steps.currentRow())

    def move_step(self, by: int) -> None:
        k = self.current
        if not self._store() or not 0 <= k + by < len(self.draft):
            return
        self.draft[k], self.draft[k + by] = self.draft[k + by], self.draft[k]
        self.current = -1
        self._fill_list()
        self.steps.setCurrentRow(k + by)

    # ------------------------------------------------------------ the answer, live
    def _compute_answer(self) -> None:
        try:
            step = self.step_from_fields()
        except ValueError as exc:
            self.answer.setText(str(exc))
            return
        if step.question is None:
            self.answer.setText("")
            return
        self.answer.setText("computing…")
        self._answer_request = self.service.answer(step.question)
        self._asked = step.question

    def _answer_ready(self, number: int, result) -> None:
        if number != self._answer_request:
            return
        if isinstance(result, LessonError):
            self.answer.setText(f"no answer: {result}")
        else:
            self.answer.setText(f"{question_label(self._asked)} = {number_text(result)}")

    # ------------------------------------------------------------ apply
    def lesson(self) -> Lesson:
        return Lesson(self.title.text().strip(), tuple(self.draft))

    def apply(self) -> bool:
        """Put the draft into the document (one undoable edit); False with the reason shown when refused."""
        if not self._store():
            return False
        self._applying = True
        try:
            reason = self.document.perform(SetLesson(self.document, "Edit lesson", self.lesson()))
        finally:
            self._applying = False
        self.message.setText(f"Not applied: {reason}" if reason else "")
        if reason is None:
            self.service.set_network(as_applied(self.document.network))
        return reason is None

    def done(self, result: int) -> None:
        self._answer_timer.stop()
        self.service.shutdown()
        super().done(result)
