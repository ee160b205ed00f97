"""What every benchmark script times with (they import it from beside them)."""

from __future__ import annotations

import time


def timed(action):
    """Run ``action()`` once; return (seconds, result)."""
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def best_of(runs: int, action) -> float:
    """The fastest of ``runs`` runs of ``action()``, in seconds."""
    return min(timed(action)[0] for _ in range(runs))
