"""Answers and checks of lesson questions, computed off the GUI thread.

A question at ``step`` k trains k steps before it can be answered (``core.lesson.Answers``),
so the window never computes one itself: ``AnswerService`` runs ``core.lesson.check`` and
``Answers.answer`` (``reveal``: the answer checked against itself, for its worked computation) in
one background thread (one at a time, in order) and brings each result
back as a signal with the request's number (``ready(request, result)``); a result is a
``core.lesson.Verdict``, a float, or a ``core.lesson.LessonError`` (a question this network
cannot answer: the panel says why).

Answers about one network are shared (the trained networks and traces are computed once):
``set_network`` starts a fresh ``Answers`` for a new network.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QObject, Signal

from core.lesson import Answers, LessonError, Question, check
from core.lesson_edits import fits_the_canvas
from core.lesson_start import start_network


class AnswerService(QObject):
    #: (request number, Verdict | float | LessonError)
    ready = Signal(int, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._pool = None  # the thread that answers, made with the first question (most windows ask none at start)
        self._answers: Answers | None = None
        self._trained: Answers | None = None  # the network the lesson's training starts from, when not the saved one
        self._numbers = itertools.count(1)
        self._closed = False

    def set_network(self, network) -> None:
        """Answer from now on about the network ``network``'s lesson starts from (a copy: its ``start``, the
        network the lesson's text is written for, when the file keeps one: ``core.lesson_start``); the lesson's
        training starts from it."""
        self._answers = Answers(start_network(network))
        self._trained = None

    def set_training_start(self, network) -> None:
        """Answer the questions about the weights after training (``step`` > 0) from (a copy of) ``network``,
        the one the lesson's training starts from (``training_start``); None: from ``set_network``'s."""
        self._trained = None if network is None else Answers(network)

    def _for(self, question: Question) -> Answers:
        """The answers ``question`` is checked with: after training, from where the lesson's training started."""
        return self._trained if question.step > 0 and self._trained is not None else self._answers

    @property
    def network(self):
        """The network the answers are about (the lesson's, as the file has it), or None before any."""
        return None if self._answers is None else self._answers.network

    def check(self, question: Question, value: float, now=None, saved_words: str = "") -> int:
        """Check a typed ``value``; the Verdict arrives with ``ready``. Returns the request's number.
        ``now``: a copy of the network on the canvas when its weights differ from the answers' (the student
        typed one): a wrong value that is right for it gets that said in place of the factor hint
        (``core.lesson_edits.fits_the_canvas``), after the line "you typed …". ``saved_words``: said after that
        line when the question is checked from where the lesson's training started (``set_training_start``) and
        ``value`` is the saved network's answer ("0.347847 is the answer from the saved weights; …")."""
        answers, saved = self._for(question), self._answers

        def job():
            verdict = check(question, value, answers.network, answers)
            fits = None if verdict.right or now is None else fits_the_canvas(question, value, answers.network, now)
            if fits is not None:
                verdict.hint, verdict.differing = [*verdict.hint[:1], fits], None
            elif saved_words and not verdict.right and answers is not saved and \
                    check(question, value, saved.network, saved).right:
                verdict.hint = [*verdict.hint[:1], saved_words, *verdict.hint[1:]]
            return verdict

        return self._submit(job)

    def answer(self, question: Question) -> int:
        """Compute ``question``'s answer (a float arrives with ``ready``)."""
        answers = self._for(question)
        return self._submit(lambda: answers.answer(question))

    def reveal(self, question: Question) -> int:
        """The answer with its worked computation: a Verdict (``answer``, ``worked``) arrives with ``ready``."""
        answers = self._for(question)
        return self._submit(lambda: check(question, answers.answer(question), answers.network, answers))

    def _submit(self, job) -> int:
        number = next(self._numbers)
        if self._closed:  # the window or the editor is closing: nothing more is computed
            return number

        def run():
            try:
                result = job()
            except LessonError as exc:
                result = exc
            except (ValueError, ArithmeticError) as exc:  # a network the engine refuses: said, not raised
                result = LessonError(str(exc))
            except Exception as exc:  # noqa: BLE001 - a bug must not leave the panel "Checking…" forever
                result = LessonError(f"the app could not compute it ({type(exc).__name__}: {exc})")
            self.ready.emit(number, result)  # queued to the GUI thread (this object lives there)

        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor  # (its modules load with the first question)

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lesson-answers")
        self._pool.submit(run)
        return number

    def shutdown(self) -> None:
        self._closed = True
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
