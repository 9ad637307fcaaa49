"""What Save writes besides the network: the training run that left its weights (the file's ``progress``).

The document's weights are a run's result in two ways:

* they are a file's that kept its run (``Network.progress`` still fits them: opened, not edited or trained):
  ``core.save_network`` writes that run again;
* a run in the training process ended at them (``Document.resume_state``, the key under which the process
  keeps the run's end: ``desktop.training.kept_runs``). The run's optimizer state and histories live in that
  process only (they never travel with the snapshots), so Save asks for them with a ``Report`` and waits
  for the answer, at most ``RUN_END_WAIT_S`` (an idle process answers in milliseconds; the wait lets no
  mouse or key events through). No answer in time, or a run the process no longer keeps (older than its
  64 MB of runs, or from before it restarted): the file is saved without the run, and the status bar says which.

Whether a run still describes the network is ``core.run_key``'s one rule (weights, structure, run settings,
dataset): after a weight typed, an activation chosen, another penalty, seed or dataset, nothing is asked or kept.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEventLoop, QTimer

import core
from desktop.training.messages import Report

#: the longest Save waits for the training process to send the run's end
RUN_END_WAIT_S = 5.0
#: the ``asker`` of Save's Reports begins so; each ask adds its own number (a late answer is not the next Save's)
SAVE_ASKER = "save"
_asks = itertools.count(1)

#: why a run that left the document's weights is not in the file (``network_to_save``'s second answer)
NOT_KEPT, NO_ANSWER = "not kept", "no answer"


def network_to_save(document, training) -> tuple[core.Network, str | None]:
    """(the document's network, with the run that left its weights when there is one (a copy then); None, or why
    a run that left them is not with it: ``NOT_KEPT`` (the training process no longer keeps it) or ``NO_ANSWER``
    (the process did not answer in time)). A run is one that ended at the document's network exactly
    (``core.run_key``: weights, structure, run settings, dataset): after another activation, penalty, seed or
    dataset the key differs and nothing is asked."""
    net = document.network
    if core.keeps_run(net):
        return net, None
    key = document.resume_state
    if key is None or training is None or key != core.run_key(net):
        return net, None
    answered, end = ask_run_end(training.worker, key, RUN_END_WAIT_S)
    if end is None:
        return net, NOT_KEPT if answered else NO_ANSWER
    state, progress = end
    saved = net.copy()
    saved.progress = core.SavedRun(state, progress, key)
    return (saved, None) if core.keeps_run(saved) else (net, NOT_KEPT)


def wait_for(signal, arrived, start, timeout_s: float) -> bool:
    """``start()``, then a local event loop that lets no mouse or key event through, until ``signal`` brings what
    ``arrived(*args)`` says is awaited, at most ``timeout_s``. True when it arrived."""
    got: list = []
    loop = QEventLoop()

    def heard(*args) -> None:
        if arrived(*args):
            got.append(True)
            loop.quit()

    signal.connect(heard)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    try:
        start()
        if not got:
            timer.start(int(timeout_s * 1000))
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    finally:
        timer.stop()
        signal.disconnect(heard)
    return bool(got)


def pause_to_save(training, timeout_s: float = RUN_END_WAIT_S) -> bool:
    """Pause a running session as F5 does, its run kept to be saved with the file (an edit's pause would drop the
    run: the file would start again at step 0, the run's curve and momentum gone); wait for its answer at most
    ``timeout_s``. True when it was playing (Play, not Step N), to go on after."""
    if training is None or not training.running:
        return False
    playing = training.played
    wait_for(training.running_changed, lambda running: not running, training.pause, timeout_s)
    return playing and not training.running


def ask_run_end(worker, key: bytes, timeout_s: float = RUN_END_WAIT_S) -> tuple[bool, object]:
    """(whether the training process answered, (``core.ResumeState``, ``core.RunProgress``) of the run it keeps
    under ``key`` or None): (True, None) the run is not kept, or no process runs (a process restarting keeps no
    runs); (False, None) no answer within ``timeout_s``. Only the answer to this very ask counts (its own asker)."""
    if not worker.is_ready:
        return True, None
    asker = f"{SAVE_ASKER} {next(_asks)}"
    answers: list = []

    def arrived(report) -> bool:
        if isinstance(report, dict) and report.get("asker") == asker:
            answers.append(report.get("run"))
            return True
        return False

    wait_for(worker.reported, arrived, lambda: worker.send(Report(asker=asker, run=key)), timeout_s)
    return (True, answers[0]) if answers else (False, None)


def saved_run_words(network, run_written: bool, was_running: bool, left_out: str | None = None) -> str:
    """What the status bar adds to "Saved PATH": ' with its training run (step 2000, epoch 50): opening it goes on
    from there' (``run_written``: the file holds it); a run that was still going on: its weights were saved, not
    the run (no run ended at them); a run the training process no longer keeps (``NOT_KEPT``), did not send in time
    (``NO_ANSWER``), or that would have made the file too large to open: saved without it, and why."""
    if run_written and network.progress is None:
        return ""  # the run of a file opened without its missing CSV, written back: ``LeftOut.kept_words`` says so
    if run_written:
        run = network.progress.progress
        return f" with its training run (step {run.step_count}, epoch {run.epoch}): opening it goes on from there"
    if was_running:
        return (" (the run was still training: its newest weights were saved without the run, so opening the file "
                "starts from step 0; pause before saving to keep the run)")
    reason = {NOT_KEPT: "the training process no longer keeps it",
              NO_ANSWER: "the training process did not send it in time; save again to keep it"}.get(left_out)
    if reason is None and core.keeps_run(network):
        reason = "it would make the file too large to open"
    if reason is None:
        return ""
    return f" without the training run that left these weights ({reason}): opening the file starts from step 0"
