"""``backprop-studio train``: train a ``.bpnet`` file headless and save the result. Imports no Qt.

    backprop-studio train FILE (--steps N | --epochs N) --out OUT.bpnet [--patience P [--restore-best |
                          --no-restore-best]] [--allow-worse] [--quiet]
    backprop-studio train FILE --k-fold K --epochs E [--format text|json]

Trains with the file's own training settings and dataset (``core.Trainer``), then
writes the trained network to OUT atomically. FILE may also name a bundled lesson
("xor", "spiral") when no file of that name exists. On a terminal a progress bar runs on
stderr; a summary (steps, epochs, initial and final loss, validation loss and
accuracy when there are any, why training stopped) goes to stdout unless --quiet.

Exit status: 0 trained and saved; 2 bad arguments or a file that cannot be
trained, or an OUT that exists and is not a regular file (one line
"backprop-studio: error: …", no traceback); 1 training diverged, or made the
training loss worse than before the run (``core.loss_watch.worse_run``; saved anyway
with --allow-worse) — nothing is written, so an existing OUT keeps its last good
network — or OUT could not be written; 130 interrupted with Ctrl+C, 143 ended by SIGTERM
(nothing written, or, when the signal came during the save, the complete OUT).

``--patience P`` sets the file's early stopping for this run (and the saved file): stop
P epochs after the epoch of the lowest validation loss; ``--restore-best`` (the
default) puts that epoch's weights back, ``--no-restore-best`` keeps the last epoch's.

``--k-fold K --epochs E`` cross-validates instead (``core.kfold``): k trainings of E
epochs, each on all rows but one fold, scored on that fold; it prints a table (or
``--format json``) and writes nothing. Exit status 1 when a fold diverged.
"""

from __future__ import annotations

import argparse
import re
import sys
import time

import core
from core.history import DecimatingBuffer
from core.lesson_start import start_network, with_start
from core.loss_watch import worse_run, worse_run_message
from desktop.cli import interrupts
from desktop.cli.common import Parser, add_force, error, out_path, parse_and_load, whole_number

PROG = "backprop-studio train"
MAX_COUNT = 10**9
WRITES = "a network file"


def stopped_words(message: str) -> str:
    """The trainer's divergence message as the command line means it: the trainer keeps the last finite weights
    in its network ("The weights after step 2 were kept, …"), but the command line writes nothing, so it says
    where the run stopped instead ("The run stopped after step 2, the last whose loss is finite.")."""
    message = re.sub(r"The weights (after step \d+) were kept, the last whose loss is finite\.",
                     r"The run stopped \1, the last whose loss is finite.", message)
    return message.replace(" The last finite weights were kept.", "")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROG,
        description="Train a .bpnet network file with its own settings and data, without a window, "
        "and save the trained network.",
    )
    parser.add_argument("file", metavar="FILE", help="the .bpnet network to train (or a bundled lesson's name, e.g. xor)")
    length = parser.add_mutually_exclusive_group(required=True)
    length.add_argument("--steps", type=whole_number(1, MAX_COUNT), metavar="N", help="train N mini-batch steps")
    length.add_argument("--epochs", type=whole_number(1, MAX_COUNT), metavar="N", help="train N full passes over the training data")
    parser.add_argument("--out", type=out_path, metavar="OUT.bpnet",
                        help="where to write the trained network (needed unless --k-fold)")
    parser.add_argument("--patience", type=whole_number(1, 1_000_000), metavar="P",
                        help="early stopping: stop P epochs after the epoch of the lowest validation loss "
                             "(needs a validation fraction in the file)")
    parser.add_argument("--restore-best", action=argparse.BooleanOptionalAction, default=None,
                        help="when early stopping ends the run, put back the best epoch's weights "
                             "(the default; --no-restore-best keeps the last epoch's)")
    parser.add_argument("--k-fold", type=whole_number(2, MAX_COUNT), metavar="K",
                        help="k-fold cross-validation: train K times, each time holding out one fold of the rows, "
                             "and print each fold's losses (writes nothing; needs --epochs)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="how --k-fold prints its table (default text)")
    parser.add_argument("--allow-worse", action="store_true",
                        help="save even when the training loss ends higher than it started")
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")
    add_force(parser, "the trained network")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``train`` with ``argv`` (the arguments after "train"); returns the exit status.

    Ctrl+C or SIGTERM at any moment (``desktop.cli.interrupts``) returns 130 or 143 with one
    line saying what was written: nothing, unless the signal came while OUT was being saved
    (the save is finished first, so OUT is the complete trained network).
    """
    steps = []  # the trainer's step count, once it runs
    try:
        args, net, status = parse_and_load(build_parser(), argv, PROG, writes=WRITES)
        if args is None:
            return status
        problem = _option_problem(args)
        if problem:
            return error(f"{problem} (see '{PROG} --help')", 2)
        if args.patience is not None:
            net.training.early_stopping_patience = args.patience
        if args.restore_best is not None:
            net.training.early_stopping_restore_best = args.restore_best
        if args.k_fold is not None:
            return _k_fold(args, net)
        interrupts.check()
        return _train(args, net, steps)
    except KeyboardInterrupt as exc:
        after = f" after {steps[0].step_count - steps[1]} steps" if steps else ""
        text, status = interrupts.message(exc, "nothing was written")
        word, rest = text.split(";", 1)
        return error(f"{word}{after};{rest}", status)


def _option_problem(args) -> str | None:
    if args.k_fold is not None:
        if args.epochs is None:
            return "--k-fold needs --epochs E (each fold trains E epochs), not --steps"
        if args.out is not None:
            return "--k-fold writes nothing; leave out --out"
        if args.patience is not None:
            return "--k-fold trains each fold without early stopping; leave out --patience"
        return None
    if args.out is None:
        return "the following arguments are required: --out"
    if args.format != "text":
        return "--format applies to --k-fold only"
    return None


def _k_fold(args, net) -> int:
    if net.dataset is None:
        return error(f"{args.file}: the network has no dataset to cross-validate on", 2)
    n = len(net.dataset)
    if args.k_fold > n:
        return error(f"{args.file}: --k-fold {args.k_fold} is more folds than the dataset has rows ({n})", 2)
    try:
        result = core.k_fold(net, args.k_fold, args.epochs)
    except (ValueError, core.GraphError) as exc:
        return error(f"{args.file}: {exc}", 2)
    if result.diverged:
        fold = result.diverged[0]
        return error(f"{args.file}: fold {fold.fold} of {result.k} diverged: {fold.message}", 1)
    print(result.to_json() if args.format == "json" else result.to_text(), end="" if args.format == "json" else "\n")
    return 0


def _train(args, net, steps: list) -> int:
    if net.dataset is None:
        return error(f"{args.file}: the network has no dataset to train on", 2)
    lesson_start = start_network(net)  # what a lesson's questions are about: the trained file keeps it
    try:
        trainer = core.Trainer(net)
    except (ValueError, core.GraphError) as exc:
        return error(f"{args.file}: {exc}", 2)
    continued = core.resume_saved(trainer)  # the file kept the run that left its weights: go on with it
    steps.extend([trainer, trainer.step_count])
    interrupts.check()  # a Ctrl+C swallowed while the trainer started (threadpoolctl's ctypes scan)

    before = trainer.evaluate()
    if continued:  # the file's records beside its run (the loss before its first step: unknown when not kept)
        epoch_steps, start = net.progress.extra_or_default(trainer)
    else:
        epoch_steps, start = DecimatingBuffer(trainer.history.epochs.capacity, 1), dict(vars(before))
    progress = _Progress(trainer, args.steps, args.epochs) if sys.stderr.isatty() and not args.quiet else None
    epoch = [trainer.epoch]

    def after_step(trainer) -> None:
        interrupts.check()
        if trainer.epoch != epoch[0]:  # the step at each epoch's end, as the window records it
            epoch[0] = trainer.epoch
            epoch_steps.append(trainer.epoch, trainer.step_count)
        if progress:
            progress(trainer)

    try:
        result = trainer.run(steps=args.steps, epochs=args.epochs, callback=after_step)
    finally:
        if progress:
            progress.clear()
    interrupts.check()
    if result.reason == "diverged":
        return error(f"{args.file}: {stopped_words(result.message)} Nothing was written to {args.out}.", 1)
    after = trainer.evaluate()
    if worse_run(before.train_loss, after.train_loss) and not args.allow_worse:
        message = worse_run_message(before.train_loss, after.train_loss, trainer.learning_rate)
        return error(f"{args.file}: {message}, or pass --allow-worse to save it anyway. "
                     f"Nothing was written to {args.out}.", 1)
    interrupts.check()
    net.progress = core.SavedRun.of(trainer, (epoch_steps, start))  # the next train or window goes on from here
    try:
        with interrupts.deferred():  # a signal now lets the save finish: OUT is whole, old or new
            core.save_network(with_start(net, lesson_start), args.out)
    except core.NetworkFileError as exc:
        return error(exc, 1)
    if interrupts.received() is not None:
        text, status = interrupts.message(interrupts.Interrupted(interrupts.received()),
                                          f"the trained network had been saved to {args.out} (complete)")
        return error(text, status)
    if not args.quiet:
        print(summary(args.file, args.out, trainer, result, before, after, continued=steps[1] if continued else None))
    return 0



def summary(file: str, out: str, trainer, result, before, after, continued: int | None = None) -> str:
    """A few plain lines: how long it trained, the losses before and after, why it stopped, where it saved;
    ``continued``: the step of the file's run this run went on from (None: a new run)."""
    why = {
        "completed": "completed",
        "early_stopped": f"early stopping: {result.message}",
        "loss_threshold": "reached the loss threshold",
    }.get(result.reason, result.reason)
    lines = [
        f"trained {file}: {result.steps} steps, {result.epochs} epochs ({why})"
        + ("" if continued is None else f", going on with its run from step {continued}: now step "
                                        f"{trainer.step_count}, epoch {trainer.epoch}"),
        f"  training loss        {before.train_loss:.6g} -> {after.train_loss:.6g}",
    ]
    if after.penalty is not None:  # the training loss is L = data loss + penalty
        lines.append(f"    of which penalty   {before.penalty:.6g} -> {after.penalty:.6g}")
    if after.train_accuracy is not None:
        lines.append(f"  training accuracy    {_percent(before.train_accuracy)} -> {_percent(after.train_accuracy)}")
    if after.validation_loss is not None:
        lines.append(f"  validation loss      {before.validation_loss:.6g} -> {after.validation_loss:.6g}")
    if after.validation_accuracy is not None:
        lines.append(
            f"  validation accuracy  {_percent(before.validation_accuracy)} -> {_percent(after.validation_accuracy)}"
        )
    lines.append(f"saved {out}")
    return "\n".join(lines)


def _percent(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f} %"


class _Progress:
    """A progress bar on stderr, redrawn in place (carriage return) at most 10 times a second."""

    WIDTH = 30

    def __init__(self, trainer, steps: int | None, epochs: int | None, stream=None):
        self.stream = stream or sys.stderr
        self.start = trainer.step_count
        self.total = steps if steps is not None else epochs * trainer.steps_per_epoch
        self.next_draw = 0.0
        self.used = 0  # characters of the longest line drawn so far

    def __call__(self, trainer) -> None:
        now = time.monotonic()
        done = trainer.step_count - self.start
        if now < self.next_draw and done < self.total:
            return
        self.next_draw = now + 0.1
        fraction = min(done / self.total, 1.0)
        filled = int(self.WIDTH * fraction)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        loss = "" if trainer.last_loss is None else f"  loss {trainer.last_loss:.4g}"
        line = f"{100 * fraction:5.1f}% [{bar}] step {done}/{self.total} epoch {trainer.epoch}{loss}"
        self.stream.write("\r" + line.ljust(self.used))
        self.stream.flush()
        self.used = max(self.used, len(line))

    def clear(self) -> None:
        if self.used:
            self.stream.write("\r" + " " * self.used + "\r")
            self.stream.flush()
