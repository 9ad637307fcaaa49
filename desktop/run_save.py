"""What Save writes besides the network: the training run that left its weights (the file's ``progress``).

The document's weights are a run's result in two ways:

* they are a file's that kept its run (``Network.progress`` still fits them: opened, not edited or trained):
  ``core.save_network`` writes that run again;
* a run in the training process ended at them (``Document.resume_state``, the key under which the process
  keeps the run's end: ``desktop.training.kept_runs``). The run's optimizer state and histories live in that
  process only (they never travel with the snapshots), so Save asks for them with a ``Report`` and waits
  for the answer, at most ``RUN_END_WAIT_S`` (an idle process answers in milliseconds; the wait lets no
  mouse or key events through). No answer in time, or a run the process no longer keeps (older than its
  64 MB of runs, or from before it restarted): the file is saved without the run, and says so when it opens.

Weights edited since the run (a typed weight, a layer added) are no run's: nothing is asked, nothing kept.
"""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QTimer

import core
from core.bpnet_progress import keeps_run
from desktop.training.messages import Report

#: the longest Save waits for the training process to send the run's end
RUN_END_WAIT_S = 5.0
#: the ``asker`` of Save's Report
SAVE_ASKER = "save"


def network_to_save(document, training) -> tuple[core.Network, bool]:
    """(the document's network, with the run that left its weights when there is one (a copy then); whether a
    run left them that the training process could not give: no longer kept, or no answer in time)."""
    net = document.network
    if net.progress is not None and net.progress.fits(net):
        return net, False
    key = document.resume_state
    if key is None or training is None:
        return net, False
    end = ask_run_end(training.worker, key)
    if end is None:
        return net, True
    state, progress = end
    saved = net.copy()
    saved.progress = core.SavedRun(state, progress, net.training.copy())
    return (saved, False) if saved.progress.fits(saved) else (net, True)


def ask_run_end(worker, key: bytes, timeout_s: float = RUN_END_WAIT_S):
    """(``core.ResumeState``, ``core.RunProgress``) of the run the training process keeps under ``key``, or None
    (not kept, no process, or no answer within ``timeout_s``)."""
    if not worker.is_ready:
        return None
    answers: list = []
    loop = QEventLoop()

    def reported(report) -> None:
        if isinstance(report, dict) and report.get("asker") == SAVE_ASKER:
            answers.append(report.get("run"))
            loop.quit()

    worker.reported.connect(reported)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    try:
        worker.send(Report(asker=SAVE_ASKER, run=key))
        if not answers:
            timer.start(int(timeout_s * 1000))
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    finally:
        timer.stop()
        worker.reported.disconnect(reported)
    return answers[0] if answers else None


def saved_run_words(network, was_running: bool, run_lost: bool = False) -> str:
    """What the status bar adds to "Saved PATH": ' with its training run (step 2000, epoch 50): opening it goes on
    from there'; a run that was still going on: its weights were saved, not the run (no run ended at them); a run
    the training process no longer keeps (``run_lost``): saved without it."""
    if keeps_run(network):
        run = network.progress.progress
        return f" with its training run (step {run.step_count}, epoch {run.epoch}): opening it goes on from there"
    if was_running:
        return (" (the run was still training: its newest weights were saved without the run, so opening the file "
                "starts from step 0; pause before saving to keep the run)")
    if run_lost:
        return (" without the training run that left these weights (the training process no longer keeps it): "
                "opening the file starts from step 0")
    return ""
