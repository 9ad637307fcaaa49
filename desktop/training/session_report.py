"""What a training session answers to a ``Report`` command (no Qt here): a dict of what it holds now,
for tests and benchmarks."""

from __future__ import annotations

import gc
import os
import sys

from .memory import peak_memory_mb


def session_report(session, asker: str, run=None) -> dict:
    """The session's id, document version and whether it runs; its trainer's step, learning rate, batch
    size, parameters and sample count (None without a network); the process id, whether Qt is loaded in
    it, how many objects it froze (``gc.freeze``) and its peak memory (MB); the steps the session trained
    in all and its thread's CPU time inside them (s); ``run``: the kept end of the run a ``Report`` asked
    about (``messages.Report.run``), or None."""
    t = session.trainer
    return {
        "asker": asker, "version": session.version, "session": session.session_id, "running": session.running,
        "pid": os.getpid(), "qt_loaded": "PySide6" in sys.modules, "frozen_objects": gc.get_freeze_count(),
        "step": None if t is None else t.step_count,
        "steps_done": session.steps_done, "step_cpu_seconds": session.step_cpu_seconds,
        "learning_rate": None if t is None else t.learning_rate,
        "batch_size": None if t is None else t.batch_size,
        "parameters": None if t is None else t.net.parameters(),
        "samples": None if t is None else len(t.X),
        "peak_memory_mb": peak_memory_mb(),
        "run": run,
    }
