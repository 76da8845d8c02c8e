"""How fast and how settled the host is while the benchmark runs.

The machines here are shared: the host's load changes the speed of everything, and a
kernel may page out file cache nobody touched for a while (DAMON's ``pageout`` scheme),
so parts of a large library are read from disk again in the middle of a run. These
readings go beside the figures, so that two runs can be told apart by their conditions
rather than guessed at.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from tests.perf.stats import Figure

# Integers summed: 0.2 s of one core on the 2.5 GHz Xeon here when its host is quick.
_REFERENCE_WORK = 10**7
_DAMON = Path("/sys/kernel/mm/damon/admin/kdamonds")


def reference_loop_seconds(repeats: int = 3) -> float:
    """The fastest of ``repeats`` runs of a fixed CPython workload (summing integers):
    the host's speed now, in seconds."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        sum(range(_REFERENCE_WORK))
        best = min(best, time.perf_counter() - start)
    return best


def cached_share(path: Path) -> float | None:
    """The share of ``path``'s bytes in the OS page cache, as util-linux's ``fincore``
    tells it; None where it cannot (no fincore, an empty file)."""
    command = ["fincore", "--bytes", "--noheadings", "--raw", "--output", "RES,SIZE", str(path)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
        resident, size = (int(value) for value in done.stdout.split())
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    # resident bytes are whole pages: a file's cached last page counts in full
    return min(1.0, resident / size) if size else None


def file_cache_paged_out() -> bool:
    """Whether a running DAMON scheme pages out memory left idle (file cache included)."""
    for state in _DAMON.glob("*/state"):
        if state.read_text().strip() != "on":
            continue
        actions = state.parent.glob("contexts/*/schemes/*/action")
        if any(action.read_text().strip() == "pageout" for action in actions):
            return True
    return False


def speed_figure(before: float, after: float) -> Figure:
    """The reference loop's time before and after one size's measurements."""
    figure = Figure("host_speed", "Reference loop (the host's speed)", "s")
    figure.samples = [before, after]
    figure.note = f"the fastest of 3 sums of {_REFERENCE_WORK:,} integers, before and after"
    return figure


def cached_figure(before: float | None, after: float | None) -> Figure:
    """The library file's share in the page cache before and after the window session."""
    figure = Figure("file_cached", "Library file in the OS page cache", "%")
    if before is None or after is None:
        figure.status, figure.note = "failed", "fincore (util-linux) could not tell"
        return figure
    figure.samples = [100 * before, 100 * after]
    figure.note = "before and after the window session"
    return figure
