"""The student's way through the open file's lesson: ``LessonGuide`` joins the Lesson panel, what
the app observes, the answers, the hidden numbers and the kept progress.

* The lesson is ``document.network.lesson`` (None: the panel says there is none).
* Answers are about the lesson's start, the network its text is written for (``core.lesson_start``: the
  file's network as opened, or the start a file saved after training keeps): a question's ``step`` counts
  training steps from it, as the worksheet has it; the student's own edits and runs, and saving them, do not
  move the answers (``lesson_save``: the file keeps the start). A weight typed on the
  canvas at a question about the weights as saved is said in the panel, and a value right for the
  canvas's weights is told so (``edited_weights``); while a question about the weights after the lesson's
  training is open, those weights are not edited: the edit is refused and the panel says why (``edit_gate``).
* A step can be left with Next once its action was seen done and its question answered
  right or revealed. Back is always allowed. Progress is saved at each change (``save_place``), and Save puts it
  in the file; until then it is an unsaved change (``unsaved_place``), with what the answer box holds unchecked.
* A wrong answer gets a hint (what to check, never the right value); Reveal gives the value
  with its worked computation, which shows again whenever the student comes back to that step (Back then
  Next, the lesson opened again). From the second wrong try on, the hint says so (``REVEAL_OFFER``).
* A step whose action is "Train N steps" trains exactly N: while it is open, Play (F5), the panel's
  Train button, Step (F6) and Step epoch stop where the N steps since it opened end
  (``desktop.lesson.train_step``), so the network trained is the one the next question is about.
  The count follows the weights (``LessonObserver``): once the N steps are ticked done, Undo back to
  fewer steps takes the tick back ("0 of N" at the saved weights), Redo to the N steps' weights ticks it again.
  Whatever step is open, an Undo past a done "Train N steps"'s place in the undo history un-ticks it too
  (``TrainedSteps``): training and the trained weights' edits then wait with "train at step 6 first (go Back to
  it: …)", a question about the weights after it is not checked ("Not checked: an Undo took the training of step 6
  back …"), and Back there counts on from the steps the Undo left; a Redo to its place ticks it again.
* While a question about the weights as saved is open (or still ahead), training waits: Play, Step,
  Step epoch and F7/F8 after Update are refused, the status bar and the panel say why
  (``desktop.lesson.train_gate``); a "Train N steps" step, and every step after the lesson had the
  student train, trains as ever. Those words are about the step open and the question waited for when
  the student tried: once another step opens or that question is settled (answered, revealed) they go,
  and a new try says again what holds then.
* When the student selects what a step asks to select and the step asks no question, the
  Inspector comes forward (``selection_to_inspect``); the Lesson tab brings the step back. A
  selection on a step with a question leaves the Lesson in front: the question stays in sight.
* While the lesson is in progress the view state hides the numbers that would give away its
  open question or a later one not answered yet (``desktop.lesson.hiding.lesson_hidden``);
  each shows once its question is answered or revealed. Finishing the lesson, closing the
  Lesson panel (``set_panel_open``) or opening a file without a lesson shows everything again;
  Reset Progress starts the lesson again at step 1, hiding what it hides as opened.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from core.lesson import LessonError, Verdict, action_label

from .answer_text import parse_answer
from .answered_words import record_answer, settled_words, with_settled_steps
from .checking import AnswerService
from .data_missing import DataMissing
from .edit_gate import EditGate
from .edited_weights import EditedWeights
from .file_progress import kept_progress
from .hiding import Hold, formula_weights, has_trained, lesson_hidden, trains
from .lesson_rate import LessonRate
from .observer import LessonObserver
from .panel import LessonPanel, number_text
from .progress import Progress, forget_progress, save_progress
from .renamed_start import renamed_lesson_start
from .summary import complete_words
from .train_gate import TrainingGate
from .train_step import TrainStepLimit
from .trained_steps import TrainedSteps
from .training_begun import TrainingBegun
from .training_start import TrainingStart
from .uncomputable import Uncomputable

#: actions done by selecting something on the canvas: what the Inspector then shows is what the step is about
SELECTION_ACTIONS = ("select_edge", "select_layer")
#: said under the hint from the second wrong try of a question on
REVEAL_OFFER = "Still stuck? Reveal shows the right value and how it is worked out."
NO_LESSON = "This network has no guided lesson. File → New Lesson starts one from it."


class LessonGuide(QObject):
    #: the open file has a lesson (True) or not (False)
    lesson_present = Signal(bool)
    #: one line for the status bar
    status = Signal(str)
    #: a step's own status-bar message (its action seen done) no longer applies: the next step opened
    status_over = Signal(str)
    #: the place changed (a step opened, an answer checked or typed, …) and was kept in the settings: what Save
    #: writes into the file changed (``unsaved_place``)
    place_kept = Signal()
    #: the student just selected what the step asked to select, and the step asks nothing more: what the
    #: Inspector shows of it (its weight, chain rule, L(w)) is the point of the step, so it comes forward
    selection_to_inspect = Signal()

    def __init__(self, document, view_state, controller, settings_factory, parent=None):
        super().__init__(parent)
        self.document, self.view_state = document, view_state
        self.settings = settings_factory
        self.panel = LessonPanel()
        self.service = AnswerService(self)
        self.observer = LessonObserver(document, view_state, controller, self)
        self.trained = TrainedSteps(document.undo_stack, self._training_followed)
        self.hold = Hold(view_state)
        self.progress: Progress | None = None
        self.key: str | None = None
        self._requests: dict[int, tuple[str, int]] = {}  # request number -> ("check" | "reveal", step index)
        self._wrong_tries: dict[int, int] = {}  # step index -> wrong answers typed since the lesson (re)opened
        self._done_said: str | None = None  # the status bar's words about the open step (``_say``)
        #: a refused or paused run's words (the status bar's) and what they were about: (open step, what training
        #: waited for, ``TrainingGate.waiting_for``); they go once either changes (``_drop_refusal``)
        self._refusal: tuple[tuple[int, tuple[int, int] | None], str] | None = None
        #: the open step's "Train N steps" was seen done by its count since it opened (an Undo below N un-ticks it)
        self._trained_done_here = False
        self.finished = False
        self.panel_open = True  # the Lesson panel is open (closed: the student left the lesson)
        for asked, answer in (("check", self.check), ("reveal", self.reveal), ("back", self.back), ("next", self.next)):
            getattr(self.panel, f"{asked}_requested").connect(answer)
        self.controller = controller
        self.train_limit = None if controller is None else TrainStepLimit(self, controller)
        self.gate = None if controller is None else TrainingGate(self, controller)
        self.rate = LessonRate(self, controller)
        self.edits = EditedWeights(self)
        self.edit_gate = EditGate(self, document)
        self.start = TrainingStart(self)
        self.begun = TrainingBegun(self, controller)
        self.computable = Uncomputable(self)
        self.data = DataMissing(self)
        if controller is not None:
            controller.refused.connect(self._training_refused)
            controller.status.connect(self._training_said)
            self.panel.train_requested.connect(self.train_limit.train)
            controller.running_changed.connect(self._running_changed)
        self.service.ready.connect(self._result)
        self.observer.changed.connect(self._observe)
        document.network_replaced.connect(self.open_lesson)
        document.lesson_changed.connect(self._lesson_edited)
        document.settings_changed.connect(self._refresh)  # the toolbar's learning rate against the lesson's
        self.open_lesson()

    # ------------------------------------------------------------ the lesson
    @property
    def lesson(self):
        return self.document.network.lesson

    def step(self):
        return self.lesson.steps[self.progress.current]

    def open_lesson(self) -> None:
        """The document shows another network: its lesson, with the progress kept for its file; the
        answers are about this network as it is now (as opened)."""
        self.service.set_network(self.document.network)
        self._start()

    def _start(self) -> None:
        """The open lesson from its kept progress (the answers' network as it was)."""
        self._requests.clear()
        self._wrong_tries.clear()
        self._drop_refusal()
        self.start.forget()
        self.trained.forget()
        self.finished = False
        self.panel.show_complete("")
        self.panel.forget_shown()
        lesson = self.lesson
        if lesson is None or not lesson.steps:
            self.progress, self.key = None, None
            self.hold.set(())
            self.view_state.set_formula_weights(())
            self.view_state.set_training_waits("")
            self.panel.show_empty(NO_LESSON)
            self.lesson_present.emit(False)
            return
        self.key, self.progress = kept_progress(self)  # the file's place, or this computer's (``file_progress``)
        self.trained.restore_undone(self.progress.undone)
        self._trained_done_here = False
        self.begun.forget()
        self.observer.restart_count()
        self.lesson_present.emit(True)
        self._observe()
        self._show_reveal_again()

    def _lesson_edited(self) -> None:
        """The teacher changed the lesson (the editor, undo): keep the place when it still exists. A layer
        renamed changes no number: the start, the place and the answers stay (``renamed_start``)."""
        lesson = self.lesson
        if lesson is None or not lesson.steps or self.progress is None:
            self.open_lesson()
            return
        renamed = renamed_lesson_start(self.service.network, self.document.network)
        if renamed is not None:
            self.service.set_network(renamed)
            self.start.follow_rename(self.document.network)
        else:  # the editor's Apply (or its Undo): the network as it is now is the lesson's start
            self.progress = Progress(len(lesson.steps), min(self.progress.current, len(lesson.steps) - 1))
            self._trained_done_here = False
            self.begun.forget()
            self.service.set_network(self.document.network)
            self.start.forget()
            self.trained.forget()
        self.lesson_present.emit(True)
        self.panel.forget_shown()  # the step's text may have changed: show it again
        self.save_place()
        self._observe()

    def reset_progress(self) -> None:
        """Lesson → Reset progress: back to step 1, nothing answered, revealed or done."""
        if self.key is not None:
            forget_progress(self.settings(), self.key)
        self._start()  # the answers stay about the file as saved, not the weights trained since
        self._say("Lesson progress reset: back to step 1.")

    # ------------------------------------------------------------ the student
    def check(self, text: str) -> None:
        q = self.step().question if self.progress is not None else None
        if q is None or self.progress.question_settled(self.progress.current):
            return
        if self._not_now(q, "Not checked"):
            return
        try:
            value = parse_answer(text)
        except ValueError as exc:
            self.panel.show_message(str(exc))
            return
        self.panel.verdict.setText("Checking…")
        self._requests[self.service.check(q, value, self.edits.network_now(), self.start.saved_answer_words(
            q, value))] = ("check", self.progress.current, text, value)

    def _not_now(self, q, verdict: str) -> bool:
        """Whether ``q`` waits for its training again (``TrainedSteps``) or for its data (``DataMissing``): said."""
        said = self.trained.undone_words(self.progress.current, q, verdict) or self.data.refusal(verdict)
        if said:
            self.panel.show_message(said)
        return bool(said)

    def reveal(self) -> None:
        q = self.step().question if self.progress is not None else None
        if q is None or self.progress.question_settled(self.progress.current) or self._not_now(q, "Not revealed"):
            return
        self._requests[self.service.reveal(q)] = ("reveal", self.progress.current)

    def back(self) -> None:
        if self.progress is not None and self.progress.current > 0:
            self._go(self.progress.current - 1)

    def next(self) -> None:
        if self.progress is None or not self.step_complete(self.progress.current):
            return
        if self.progress.current + 1 < len(self.lesson.steps):
            self._go(self.progress.current + 1)
            return
        self.finished = True
        self.panel.show_complete(complete_words(self.lesson, self.progress))
        self.status.emit("Lesson complete.")
        self._refresh()  # finished: nothing is hidden any more

    def set_panel_open(self, shown: bool) -> None:
        """The student closed the Lesson panel (False: they left the lesson, every number shows) or
        opened it again (True: the lesson hides again what its open and later questions ask)."""
        if shown != self.panel_open:
            self.panel_open = shown
            self._refresh()

    def step_complete(self, k: int) -> bool:
        step = self.lesson.steps[k]
        return ((step.action is None or k in self.progress.actions_done)
                and (step.question is None or self.progress.question_settled(k)))

    def open_step(self, k: int) -> None:
        """Show step ``k`` whatever came before (a teacher's preview, the gallery); students use Back/Next."""
        if self.progress is not None and 0 <= k < len(self.lesson.steps):
            self._go(k)

    def in_progress(self) -> bool:
        """The lesson is open at a step, its panel open and not finished: what it asks is held to."""
        return self._current() and self.panel_open and not self.finished

    def busy(self) -> bool:
        """A check or a reveal is being computed."""
        return bool(self._requests)

    def _training_refused(self, _reason: str) -> None:
        """A training action was refused while the lesson holds training back: the panel says why."""
        if self.gate is not None:
            self._note_refusal(self.controller.refused_message(_reason))

    def _training_said(self, text: str) -> None:
        """F8, F5 on a network that cannot compute, at a step that needs it: the lesson's words with the way back
        follow the training's list of problems (cut off in the status bar; the window shows these at the pointer)."""
        refusal = (self.computable.refusal() or self.data.refusal("Not done")) if text.startswith("Cannot train:") else ""
        if refusal:
            self.status.emit(refusal)

    def _note_refusal(self, said: str) -> None:
        """Training was refused or paused while the lesson holds it back: the panel says why, and the
        status bar's ``said`` is remembered with the step open and the step waited for."""
        said_under_verdict = self.gate.waits_back() and self.panel.verdict.aside()  # (said once: review 23b #5)
        self.panel.show_notice("" if said_under_verdict else self.gate.notice())
        self._refusal = ((self.progress.current, self.gate.waiting_for()), said)

    def _drop_refusal(self) -> None:
        """The refusal's words no longer hold (another step opened, the question waited for was settled):
        the panel's notice goes, and the status bar's words unless another message replaced them."""
        self.panel.show_notice("")
        if self._refusal is not None:
            self.status_over.emit(self._refusal[1])
            self._refusal = None

    def _say(self, text: str) -> None:
        """The status bar's words about the open step (its action seen done, progress reset); they go
        when another step opens."""
        self._done_said = text
        self.status.emit(text)

    def _go(self, k: int) -> None:
        for said in (self._done_said, self.edit_gate.said):  # about the step left: not the one opening
            if said:
                self.status_over.emit(said)
        self._done_said = self.edit_gate.said = None
        self.progress.current = k
        self.finished = False
        self.panel.show_complete("")
        self._drop_refusal()  # about the step left
        self._trained_done_here = False
        self.progress.unchecked = ""  # (the box is cleared for the step opening)
        self.begun.forget()
        self.observer.restart_count(run_going_on=self.controller is not None and self.controller.running,
                                    kept=self.trained.kept_count(k))
        self.save_place()
        self._observe()
        paused = self.train_limit.step_opened() if self.train_limit is not None else ""
        if paused:
            self.status.emit(paused)
        rate_set = self.rate.step_opened()
        if rate_set:
            self._say(rate_set)
        self._show_reveal_again()

    def _show_reveal_again(self) -> None:
        """Back at a step whose answer was revealed (Back then Next, the lesson opened again): computed, shown again."""
        if self._current() and self.step().question is not None and self.progress.current in self.progress.revealed:
            self._requests[self.service.reveal(self.step().question)] = ("reveal", self.progress.current)

    # ------------------------------------------------------------ results
    def _result(self, number: int, result) -> None:
        request = self._requests.pop(number, None)
        if request is None or self.progress is None:
            return  # a request about a lesson no longer open
        what, k, *typed = request
        if isinstance(result, LessonError):
            if k == self.progress.current:
                self.panel.show_message(f"This question cannot be answered for this network: {result}")
            return
        verdict: Verdict = result
        record_answer(self.progress, k, typed, verdict)  # kept with the place (``answered_words``)
        if what == "reveal":
            self.progress.revealed.add(k)
        elif verdict.right:
            self.progress.answered.add(k)
        else:
            self._wrong_tries[k] = self._wrong_tries.get(k, 0) + 1
        self.save_place()  # (a wrong answer too: Save writes it)
        self._refresh()
        if k == self.progress.current:
            if what == "reveal":
                self.panel.show_revealed(verdict.answer, verdict.worked[1:])
            elif verdict.right:
                self.panel.show_verdict(True, [], f"Right: {number_text(verdict.answer)}.")
            else:
                offer = [REVEAL_OFFER] if self._wrong_tries[k] >= 2 else []
                self.panel.show_verdict(False, [*verdict.hint, *offer], "Not yet.")

    # ------------------------------------------------------------ observing
    def _current(self) -> bool:
        """The progress belongs to the lesson shown (a new network may be announced to the observer first)."""
        lesson = self.lesson
        return self.progress is not None and lesson is not None and len(lesson.steps) == self.progress.steps

    def _observe(self) -> None:
        if not self._current():
            return
        k = self.progress.current
        action = self.step().action
        if self._trained_done_here and action is not None and not action.is_done(self.observer.observed()):
            self._untick_training(k)
        elif action is not None and k not in self.progress.actions_done and action.is_done(self.observer.observed()):
            self.progress.actions_done.add(k)
            self._trained_done_here = action.kind == "train"
            if self._trained_done_here:
                self.trained.record(k, self.observer.kept_count())
            self.save_place()
            if action.kind in SELECTION_ACTIONS and self.step().question is None:
                self._say(f"Done: {action_label(action)}. The Inspector shows it; "
                          "the Lesson tab brings the step back.")
                self.selection_to_inspect.emit()
            elif action.kind == "train" and self.train_limit is not None:
                self._say(self.train_limit.done_text(action))
            else:  # a question stays in sight: the Lesson stays in front
                self._say(f"Done: {action_label(action)}.")
        self._refresh()

    def _untick_training(self, k: int) -> None:
        """The open step's N steps, seen trained since it opened, are no longer what the document holds (an
        Undo back towards the saved weights: the count follows the weights, ``LessonObserver``): the step is
        not done any more, and its words in the status bar go. A Redo back to the trained weights ticks it
        again."""
        self._trained_done_here = False
        self.progress.actions_done.discard(k)
        self.save_place()
        if self._done_said:
            self.status_over.emit(self._done_said)
            self._done_said = None

    def _training_followed(self, k: int, held: bool) -> None:
        """The undo history took step ``k``'s done "Train N steps" back (``held`` False: the step is to train
        again, whatever step is open) or brought it back (True: ticked again), ``TrainedSteps``."""
        if not self._current() or not trains(self.lesson.steps[k]):
            return
        if held:
            self.progress.actions_done.add(k)
        elif k == self.progress.current:
            self._untick_training(k)
        else:
            self.progress.actions_done.discard(k)
        self.save_place()
        self._refresh()
        if not held and k != self.progress.current and self.gate is not None and self.gate.wait() is not None:
            self._note_refusal("")  # the panel says at once where to train again (not only once F5 is refused)

    def has_trained(self) -> bool:
        """Whether the lesson has had the student train by the open step (``hiding.has_trained``; its own "Train N
        steps" once begun, ``TrainingBegun``): the one rule the hold, the gates, the notes and a save follow."""
        p = self.progress
        return has_trained(self.lesson, p.current, p.actions_done, self.begun.begun())

    def _running_changed(self, running: bool) -> None:
        """A run starts or ends. A run that starts the open step's training (not begun yet), before any of its
        weights reach the document: the network it starts from is taken (``TrainingStart``), then its start is
        recorded: the training has begun from here on. Then the hold and the panel follow (the Train button
        waits while a run goes on)."""
        if running and self._current() and not self.begun.begun(running=False):
            self.start.run_starts()
            self.begun.run_starts()
        self._refresh()

    def _refresh(self, *_args) -> None:
        if not self._current():
            return
        k = self.progress.current
        step = with_settled_steps(self.step(), self.progress)  # "(step 3)": "(step 3: revealed)"
        settled = settled_words(self, k)  # "Right: 1.2." with the value found, "Revealed."
        in_progress = self.panel_open and not self.finished
        done, begun = self.progress.answered | self.progress.revealed, self.begun.begun()
        shown = (self.lesson, k, done, self.document.network, self.progress.actions_done, begun, self.trained.undone)
        self.hold.set(lesson_hidden(*shown, self.start.trained_away()) if in_progress else ())  # (not an Undo's run)
        # the answered numbers are the saved network's: not the canvas's once trained or a weight is typed
        held = has_trained(self.lesson, k, *shown[4:])
        self.view_state.set_answers_current(not (in_progress and (held or self.edits.canvas_edited())))
        # the weights the step's formula takes stay named on the edges all through the step, answered or not
        self.view_state.set_formula_weights(formula_weights(step.question, self.document.network) if in_progress else ())
        self._hold_training(in_progress)
        self.panel.show_rate_note(self.rate.note())
        refused = self.edit_gate.note()  # (asked each time: its words, here and in the status bar, go with their reason)
        note = self.data.note() or self.computable.note() or self.edits.note() or refused or self.start.note()
        self.panel.show_edit_note(note, good=self.edits.confirms() and note == self.edits.note())
        self.panel.show_step(self.lesson.title, k, len(self.lesson.steps), step,
                             action_done=k in self.progress.actions_done, settled=settled,
                             can_next=self.step_complete(k), steps_trained=self.observer.steps_trained,
                             train_left=None if self.train_limit is None else self.train_limit.steps_left(),
                             can_train=not (self.controller is not None and self.controller.running),
                             network=self.document.network, typed=self.progress.unchecked)
        self.panel.show_verdict_aside(self.trained.undone_aside(
            k, step.question, bool(settled), self.gate is not None and self.gate.waits_back()))

    def _hold_training(self, in_progress: bool) -> None:
        """A refusal's words go once training is free or waits for another step than when the student
        tried (they are not said again for a step the student has not tried training at); a run going
        on when the lesson starts holding training back (Back, Reset Progress, the panel opened again) is
        paused, and the panel and the status bar say why. A run that is ending is not: the fifth of five
        F6 presses says "Lesson: stopped at 5 steps." whether or not an Undo and Redo came between."""
        gate = self.gate
        if gate is None:
            return
        reason = gate.reason() if in_progress else None
        self.view_state.set_training_waits(gate.caption() if reason is not None else "")
        if self._refusal is not None and (reason is None
                                          or self._refusal[0] != (self.progress.current, gate.waiting_for())):
            self._drop_refusal()
        # a run drawing its end (its weights already in the document, as when a Step brings back weights an
        # Undo took away) stops by itself: it is not paused, and the lesson's words on it stay
        if reason is not None and self.controller.running and not self.controller.drawing_finished:
            self.controller.pause()
            paused = f"Paused: {reason}."
            self.status.emit(paused)
            self._note_refusal(paused)

    def save_place(self) -> None:
        """The place changed: kept in the settings (and told: what Save writes changed)."""
        if self.key is not None and self.progress is not None:
            self.progress.undone = set(self.trained.undone)  # to train again, also when the lesson opens again
            save_progress(self.settings(), self.key, self.progress)
            self.place_kept.emit()

    def shutdown(self) -> None:
        self.service.shutdown()
