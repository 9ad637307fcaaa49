"""The k-fold run's own process: ``core.k_fold`` on a copy of the network, reporting to a queue.

Started by ``KFoldRun.start`` with ``multiprocessing``'s spawn method (as the training
process), so the GUI thread never trains. Imports no Qt (an import-linter contract). Messages
put on the queue, each a tuple:

* ``("progress", fold, epoch, k, epochs)`` — at most about 10 a second;
* ``("fold", FoldResult)`` — a fold is done (its figures and its curves);
* ``("done", KFoldResult)`` — every fold is done;
* ``("cancelled",)`` — ``stop`` was set; ``("failed", message)`` — the run could not go on.
"""

from __future__ import annotations

import multiprocessing
import time

import core
from core.kfold import KFoldResult, fold_rows, train_fold

PROGRESS_INTERVAL_S = 0.1


def run_folds(net: core.Network, k: int, epochs: int, queue, stop) -> None:
    """The process's whole life (see the module docstring)."""
    try:
        folds = fold_rows(len(net.dataset), k, net.training.seed)
        results = []
        last = [0.0]
        for f, held in enumerate(folds, start=1):
            def progress(trainer, f=f):
                now = time.monotonic()
                if now - last[0] >= PROGRESS_INTERVAL_S:
                    last[0] = now
                    queue.put(("progress", f, trainer.epoch, k, epochs))

            one = train_fold(net, held, epochs=epochs, fold=f, should_stop=stop.is_set, callback=progress)
            if one is None:
                queue.put(("cancelled",))
                return
            results.append(one)
            queue.put(("fold", one))
        queue.put(("done", KFoldResult(len(folds), epochs, results)))
    except Exception as exc:  # noqa: BLE001 (reported to the window, which shows it as a message)
        queue.put(("failed", f"{type(exc).__name__}: {exc}"))


class KFoldRun:
    """One cross-validation in a spawned process: ``start``, ``poll`` (non-blocking), ``cancel``, ``close``."""

    def __init__(self, net: core.Network, k: int, epochs: int):
        ctx = multiprocessing.get_context("spawn")
        self.queue = ctx.Queue()
        self.stop = ctx.Event()
        self.process = ctx.Process(target=run_folds, args=(net.copy(), int(k), int(epochs), self.queue, self.stop),
                                   daemon=True, name="backprop-studio k-fold")

    def start(self) -> None:
        self.process.start()

    def poll(self) -> list[tuple]:
        """Every message waiting now (never blocks)."""
        out = []
        while True:
            try:
                out.append(self.queue.get_nowait())
            except Exception:  # queue.Empty (multiprocessing raises the queue module's)
                return out

    def alive(self) -> bool:
        return self.process.is_alive()

    def cancel(self) -> None:
        self.stop.set()

    def finish(self, force: bool = False) -> bool:
        """Ask the run to stop; True once its process has ended (never blocks). ``force``
        terminates a process that has not stopped (call it after a grace period)."""
        self.stop.set()
        if self.process.pid is None:
            return True
        if force and self.process.is_alive():
            self.process.terminate()
        self.process.join(0)
        if self.process.is_alive():
            return False
        self.poll()  # empty the pipe
        self.queue.close()
        return True
