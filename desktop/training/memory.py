"""How much memory this process has used at its peak (the training process reports it; no Qt)."""

from __future__ import annotations

import sys


def peak_memory_mb() -> float | None:
    """This process's peak resident memory in MB (None where the system does not say).

    Linux: ``VmHWM`` of ``/proc/self/status``. Not ``getrusage``: its ``ru_maxrss`` keeps the
    peak of the process image before ``exec``, i.e. a spawned process reports its parent's.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, kB elsewhere
