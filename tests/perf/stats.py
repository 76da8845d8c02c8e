"""A measured figure: its samples, their median and 95th percentile, and what became of it.

A figure is ``ok`` (every planned sample taken), ``timed_out`` (stopped after its time
budget; the samples taken so far are kept and labelled partial) or ``failed`` (the
measurement broke: the error is kept). Reports show a value only for samples that exist.
"""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["ok", "timed_out", "failed"]


@dataclass
class Figure:
    """One line of the benchmark's results."""

    key: str
    label: str
    unit: str  # "s", "ms", "MB", "papers/s", "bytes"
    samples: list[float] = field(default_factory=list)
    status: Status = "ok"
    note: str = ""
    planned: int | None = None  # samples the full measurement would have taken
    # for window timings: ms until the action returned, before the repaint (same order)
    work_samples: list[float] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        """The median of the samples, or None without samples."""
        return statistics.median(self.samples) if self.samples else None

    @property
    def p95(self) -> float | None:
        """The 95th percentile (nearest rank), or None without samples."""
        if not self.samples:
            return None
        ordered = sorted(self.samples)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    def to_json(self) -> dict[str, Any]:
        """The figure with its statistics, for the JSON report."""
        data = asdict(self)
        data.update(median=self.median, p95=self.p95, count=len(self.samples))
        if self.work_samples:
            data["work_median"] = statistics.median(self.work_samples)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figure:
        """The figure `to_json` wrote."""
        names = {"key", "label", "unit", "samples", "status", "note", "planned", "work_samples"}
        return cls(**{name: data[name] for name in names if name in data})


class Budget:
    """The time a figure may take; measurements stop starting new samples after it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._start = time.monotonic()

    def spent(self) -> bool:
        """Whether the time is up."""
        return time.monotonic() - self._start > self.seconds

    def stop(self, figure: Figure) -> None:
        """Mark ``figure`` as timed out after this budget."""
        figure.status = "timed_out"
        taken = f"{len(figure.samples)} of {figure.planned}" if figure.planned else "partial"
        figure.note = f"timed out after {self.seconds:.0f} s ({taken} samples)"
