"""The status bar's words after a Save: the file's name and what it holds, short and first; the whole path and what
opening the file will do in the message's tooltip (``saved_where``, teacher review 23b #3)."""

from __future__ import annotations

import os

from core.bpnet_lesson_progress import LessonProgress

from .lesson.lesson_save import start_kept_words
from .run_save import saved_run_words
from .saved_where import aside, file_name


def saved_words(network, path: str, run_written: bool, was_running: bool, left_out: str | None,
                kept: str = "") -> tuple[str, str]:
    """(the message, its detail) for ``network`` (as written) saved to ``path``: "Saved anna.bpnet (with your
    place in the lesson, the run at step 105 and the lesson's start)", and "Written to /tmp/out/anna.bpnet with
    its training run (step 105, epoch 105): opening it goes on from there; the lesson's start … is kept in the
    file". ``run_written``, ``was_running``, ``left_out``: as ``run_save.saved_run_words``; ``kept``: what Save
    kept of a file opened without its missing CSV (``LeftOut.kept_words``)."""
    run_words = saved_run_words(network, run_written, was_running, left_out)
    with_, without = [], []
    if isinstance(getattr(network, "lesson_progress", None), LessonProgress):
        with_.append("your place in the lesson")
    if run_written and network.progress is not None:
        with_.append(f"the run at step {network.progress.progress.step_count}")
    elif run_words:
        without.append("the training run")
    start = start_kept_words(network)
    if start:
        with_.append("the lesson's start")
    message = f"Saved {file_name(path)}" + aside(with_, without)
    return message, f"Written to {os.path.abspath(path)}" + run_words + kept + start
