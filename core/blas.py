"""How many BLAS threads the engine's own steps use, chosen by the engine itself.

OpenBLAS starts one thread per core. For the matrix sizes a ``Trainer`` runs, a
second thread gains at most ~20 % on an idle 2-core machine and costs 2–70× as
soon as another process keeps the other core busy (its threads spin-wait for each
other). So the trainer limits BLAS to one thread for its own steps, whatever the
caller's environment says (the application sets ``OPENBLAS_NUM_THREADS=1`` at
its entry point; a notebook or a teacher's script does not).

``blas_threads_for(products, parameters)`` is the rule; ``limit_blas_threads(n)``
applies it around a block of work and restores the caller's setting afterwards.
Figures: the README's performance section and ``Trainer.blas_threads``.
"""

from __future__ import annotations

import threading

from threadpoolctl import ThreadpoolController

#: Above this many multiply-adds in one matrix product of a step, BLAS keeps its own
#: thread count. The largest product measured on the 2-core machine, 256 × 784 × 1024
#: ≈ 2.1e8 (784-1024-1024-10, batch 256), was still 1.9–2.7× slower with two threads
#: under load; beyond 2**28 nothing was measured, so nothing is imposed.
MAX_LIMITED_PRODUCT = 1 << 28

#: At or below this many multiply-adds in every product of a step, and at most
#: ``SMALL_PARAMETERS`` parameters, OpenBLAS stays on one thread by itself (XOR
#: 2-4-1 and 2-8-8-1 measured the same speed either way), so the trainer does not
#: touch the setting at all and pays nothing.
SMALL_PRODUCT = 1 << 16
SMALL_PARAMETERS = 1 << 13


def blas_threads_for(largest_product: int, parameters: int) -> int | None:
    """The BLAS thread count for steps whose largest matrix product has
    ``largest_product`` multiply-adds on a network of ``parameters`` parameters:
    1, or ``None`` for "leave BLAS as the caller set it"."""
    if largest_product <= SMALL_PRODUCT and parameters <= SMALL_PARAMETERS:
        return None  # BLAS runs one thread for such sizes anyway
    if largest_product > MAX_LIMITED_PRODUCT:
        return None  # not measured: BLAS's own choice (threads may pay off here)
    return 1


_lock = threading.Lock()
_depth = 0  # how many limits are entered now (over all threads; the setting is per process)
_saved: list[tuple[object, int]] = []  # (library, the caller's thread count) of the outermost limit
_libraries: list | None = None


def _blas_libraries() -> list:
    """threadpoolctl's controllers of the BLAS libraries loaded at the first limit (NumPy's,
    since ``core`` imports NumPy; found once, ~2 ms)."""
    global _libraries
    if _libraries is None:
        _libraries = list(ThreadpoolController().select(user_api="blas").lib_controllers)
    return _libraries


class limit_blas_threads:
    """``with limit_blas_threads(n):`` runs the block with BLAS limited to ``n`` threads
    (``None``: unchanged) and restores the caller's setting afterwards, also after an
    exception. One object may be entered again and again (the trainer keeps one).

    Entering and leaving cost ~2.8 µs together when the setting differs (one get and two
    sets per BLAS library), ~1.2 µs when it already is ``threads``. Nested limits, also
    from other threads, leave the outermost one in force: BLAS's thread count is one
    setting per process.
    """

    __slots__ = ("threads",)

    def __init__(self, threads: int | None):
        self.threads = threads

    def __enter__(self):
        global _depth
        if self.threads is None:
            return self
        with _lock:
            if _depth == 0:
                _saved.clear()
                for lib in _blas_libraries():
                    before = lib.get_num_threads()
                    if before != self.threads:
                        lib.set_num_threads(self.threads)
                        _saved.append((lib, before))
            _depth += 1
        return self

    def __exit__(self, *exc) -> None:
        global _depth
        if self.threads is None:
            return
        with _lock:
            _depth -= 1
            if _depth == 0:
                for lib, before in _saved:
                    lib.set_num_threads(before)
                _saved.clear()
