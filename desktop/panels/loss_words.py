"""The Loss panel's words (``loss.LossPanel``): its legend's labels and help, and the line of figures
under its plots, each figure named, at several lengths (most words first) for a ``FittingLabel``.

Before the first step the line tells the loss (and accuracy) on all the training data at step 0
(``start_texts``); after a run, the last batch's loss, the ring's loss on all the data now and the last
epoch's mean (``summary_texts``). Each figure asks ``pending`` (``ViewState.pending_figure``) and reads
its words in place of the number while a step-through or a lesson holds it back.
"""

from __future__ import annotations

import numpy as np

from core.notation import format_loss_parts
from desktop.reveal import after_steps
from desktop.view_numbers import unfit_reason

from .loss_after_step import full_batch
from .loss_now import RING, now_loss, now_words

BATCH_LABEL = "batch"
TRAIN_LABEL = "epoch mean"
VALIDATION_LABEL = "validation"
NOW_LABEL = "now, all data"  # the ring at a finished run's last step (``desktop.panels.loss_now``)
#: the legend's shorter names, in a narrow panel (``desktop.panels.loss_header``; its tooltip has the whole ones)
SHORT_LABELS = {TRAIN_LABEL: "epoch", NOW_LABEL: "now"}
LEGEND_HELP = ("grey: the loss of each step's mini-batch (before its update); black: the mean over each "
               "epoch's batches as trained (loss and accuracy); pink: the validation set at the end of each "
               "epoch. The black and pink curves begin at step 0 with all the training (validation) data "
               "before training; the black ring ○ at the end of a run is the loss on all the training data after "
               "its last update (the status bar's 'now'). With a regularization penalty on, grey and black are L = data loss + penalty (what "
               "training minimizes, as the step-through's Loss phase writes it); pink is the data loss alone. When "
               "each step's batch is all the training data (one step an epoch, as in a one-sample lesson), the "
               "axis counts the steps taken: each loss is drawn at the weights it was measured at, the loss after "
               "k steps at k")


def figure_writers(pending):
    """(loss text, accuracy text) writers: the figure (with a penalty, L and its parts:
    ``format_loss_parts``), or what ``pending`` says in its place. A loss measured at the weights after
    ``steps`` training steps asks ``pending`` about those (``reveal.after_steps``): a lesson's student who
    answered the loss there has it, although the trained network's losses are held."""
    pending = pending or (lambda quantity, index=None: None)

    def loss_text(loss, penalty=None, steps=None):
        held = pending("loss") if steps is None else pending("loss", after_steps(steps))
        return held or format_loss_parts(loss, penalty)

    def accuracy_text(accuracy, steps=None):
        held = pending("accuracy") if steps is None else pending("accuracy", after_steps(steps))
        return held or f"{100 * accuracy:.1f} %"

    return loss_text, accuracy_text


def start_text(snap, pending=None, waits="") -> str:
    """Before the first step: 'Step 0, before training, on all the training data: loss 0.6944,
    accuracy 53.1 %. Press Play or Step to train.' (``pending``: see ``LossPanel.pending``; ``waits``:
    a guided lesson's words in its last sentence's place while it holds training back.)"""
    return start_texts(snap, pending, waits)[0]


def start_texts(snap, pending=None, waits="", saved="") -> list[str]:
    """``start_text``, then shorter forms of the same figures for a narrow panel: without the
    'Press Play or Step to train.' and then 'before training' (step 0 says it). ``waits`` (the
    lesson's "Training waits until step 5 is answered.") is kept in every form: it explains a refusal.
    ``saved`` (``weights_words.restart_words``): the weights are a file's as saved, maybe trained before they
    were: 'Step 0, at the weights as saved, on all the training data: loss 0.6956. The file kept no training run
    with these weights: …', then 'Step 0, weights as saved, all the training data: …', never "before training"."""
    invitation = waits or "Press Play or Step to train."
    e = snap.start_evaluation or {}
    if e.get("train_loss") is None or not np.isfinite(e["train_loss"]):
        return [invitation]
    loss, accuracy = figure_writers(pending)
    figures = f"loss {loss(e['train_loss'], e.get('penalty'), steps=0)}"
    if e.get("train_accuracy") is not None:
        figures += f", accuracy {accuracy(e['train_accuracy'], steps=0)}"
    if saved:
        short = [f"Step 0, at the weights as saved, on all the training data: {figures}. "
                 f"{saved[0].upper()}{saved[1:]}.",
                 f"Step 0, weights as saved, all the training data: {figures}.",
                 f"Step 0, all the training data: {figures}."]
    else:
        short = [f"Step 0, before training, on all the training data: {figures}.",
                 f"Step 0, all the training data: {figures}."]
    return [f"{short[0]} {invitation}"] + ([f"{form} {waits}" for form in short] if waits else short)


#: over the Loss panel's plots while the data do not fit the network (no loss, no run: nothing to plot)
UNFIT_PLOT = "No loss curve: training cannot run on this data (the line below and the Dataset panel say why)."


def unfit_texts(network) -> list[str]:
    """[] when ``network``'s dataset fits it (or there is none to judge); else why no loss can be computed, at
    several lengths: 'No loss can be computed: the dataset does not fit the network (the input layer 'x' has 1
    unit but the dataset has 2 input columns).', …, 'No loss: the dataset does not fit the network.' (the
    Dataset panel says how to make it fit). Not "Press Play to train.": training refuses such data."""
    if network is None or network.dataset is None or network.problems():
        return []
    why = unfit_reason(network)
    if not why:
        return []
    return [f"No loss can be computed: the dataset does not fit the network ({why}).",
            f"No loss: the dataset does not fit the network ({why}).", "No loss: the dataset does not fit the network."]


def last_weights_of_epoch(snap) -> int | None:
    """The weights the last batch of ``snap``'s last finished epoch was measured at, as steps taken (the epoch
    ended at step k: after k − 1 steps); None when the run does not say at which step it ended. An epoch's
    mean of a mini-batch run is over the weights after k − n … k − 1 steps, all known before a step-through of
    step k + 1 or later (``reveal.before_walked_step``)."""
    ends, numbers = snap.epoch_steps, snap.epoch_numbers
    last = (snap.last_epoch or {}).get("epoch")
    if len(ends) == 0 or len(ends) != len(numbers) or last is None or int(numbers[-1]) != int(last):
        return None
    return max(int(ends[-1]) - 1, 0)


def summary_text(snap, pending=None) -> str:
    """What the plots end with, each figure named: 'last batch loss 0.0123 (step 120, before its
    update) · epoch 30 mean: loss 0.0150, accuracy 97.5 %'. With a penalty on, the loss says so and
    the epoch's mean is split: 'loss 0.005436 (data loss 0.0001181 + penalty 0.005318)'. (The
    validation figures and the loss on all the data now are in the status bar.) ``pending``: see
    ``LossPanel.pending``."""
    return summary_texts(snap, pending)[0]


def summary_texts(snap, pending=None) -> list[str]:
    """``summary_text``, then shorter forms of the same figures for a narrow panel (the Loss dock at
    1024×700 is about 250 pixels wide): the last batch's loss without 'with its penalty' (the epoch's
    loss beside it, written with its parts, says that "loss" is L here), then without '(step 120,
    before its update)' (the label's tooltip and the legend's say when a batch loss is measured). While
    the ring ○ is drawn, every form names its loss ("○ now, all data: 0.007846"): shorter forms leave
    out the last batch's loss, then the epoch's mean, then the ring's penalty parts, never the ring."""
    loss, accuracy = figure_writers(pending)
    e = snap.last_epoch or {}
    epoch = bare = ""  # (bare: without the "(before step k's update)" a batch figure beside it says already)
    if e.get("train_loss") is not None:
        number = e.get('epoch', snap.epoch)
        # a full-batch run's epoch is its one step: its mean is the loss at the weights before that step's
        # update (after step at), drawn there (``loss_after_step``); "(after step 499)" beside the status bar's
        # "Step 500" read as a step behind, so the words name the step whose update it comes before
        at = int(number) - 1 if full_batch(snap) else None  # (else a mean over weights that changed)
        where = "" if at is None else f" (before step {at + 1}'s update)"
        measured = at if at is not None else last_weights_of_epoch(snap)
        figures = f": loss {loss(e['train_loss'], e.get('penalty'), steps=measured)}"
        if e.get("train_accuracy") is not None:
            figures += f", accuracy {accuracy(e['train_accuracy'], steps=measured)}"
        epoch, bare = f"epoch {number} mean{where}{figures}", f"epoch {number} mean{figures}"
    batches = [""]
    if snap.last_loss is not None and np.isfinite(snap.last_loss):
        with_penalty = " with its penalty" if e.get("penalty") is not None else ""
        # measured at the weights before step k's update, after k − 1 steps (a full batch's: all the data's loss
        # there): a step-through of step k + 1 keeps it in Forward, full batch or mini-batch (leftover 23 #2)
        number = loss(snap.last_loss, steps=snap.step - 1 if snap.step else None)
        when = f" (step {snap.step}, before its update)"
        batches = [f"last batch loss{with_penalty} {number}{when}", f"last batch loss {number}{when}",
                   f"last batch loss {number}"]
    # the ring at the last step: the loss after its update (none while a lesson or a phase holds the loss)
    def epoch_beside(batch: str) -> str:
        """The epoch's figures beside ``batch``: a full batch's "(step 20, before its update)" names the step
        whose update both come before (they are the same loss)."""
        return bare if batch.endswith("before its update)") and full_batch(snap) else epoch

    held = pending is not None and pending("loss")
    if held or now_loss(snap) is None:
        forms = [" · ".join(part for part in (batch, epoch_beside(batch)) if part) for batch in batches]
        return list(dict.fromkeys(forms))  # each form once, the longest first
    # while the ring is drawn (and the legend names it) every form keeps its number: the batch's and the
    # epoch's figures give way first (at 1024×700 the shortest form wrote those two only, 0.007895 beside
    # the status bar's "now" 0.007846, and nothing for the ring)
    now = f"{RING} now, all data: {loss(now_loss(snap))}"  # (the epoch's figure beside it writes L's parts)
    forms = [" · ".join(part for part in (batch, ring, epoch_beside(batch)) if part)
             for ring in (now_words(snap, loss), now) for batch in batches]
    forms += [" · ".join(part for part in (now, epoch) if part), " · ".join(part for part in (batches[-1], now) if part),
              f"{RING} now, all data: {loss(now_loss(snap), snap.evaluation.get('penalty'))}", now]
    return list(dict.fromkeys(forms))  # each form once, the longest first
