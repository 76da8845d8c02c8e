"""The benchmark's table: one row per figure, one column per library size, and the targets.

Only measured samples become values; a figure that timed out, failed or was not measured
says so in its cell instead of showing a number.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tests.perf.stats import Figure


@dataclass(frozen=True)
class Row:
    """A table row: which figure, which statistic, and the target it must meet."""

    key: str
    label: str
    stat: str = "median"  # "median", "p95", "p50/p95" or "before/after" (first and last)
    target: dict[int, float] | None = None  # by library size
    unit: str = ""  # the target's unit
    better: str = "lower"  # or "higher"


ROWS: tuple[Row, ...] = (
    Row(
        "cold_start",
        "Cold start to window with rows",
        "median",
        {100_000: 0.8, 1_000_000: 1.0},
        "s",
    ),
    Row("keystroke", "Keystroke to updated view, p50", "median"),
    Row("keystroke", "Keystroke to updated view, p95", "p95", {100_000: 30, 1_000_000: 100}, "ms"),
    Row("keystroke:common word", "· common word", "p50/p95"),
    Row("keystroke:rare word", "· rare word", "p50/p95"),
    Row("keystroke:author", "· author", "p50/p95"),
    Row("keystroke:tag", "· tag", "p50/p95"),
    Row("keystroke:status and years", "· status:unread year:2020..2024", "p50/p95"),
    Row("keystroke:phrase", "· phrase", "p50/p95"),
    Row("keystroke:negation", "· negation", "p50/p95"),
    Row("keystroke:clear", "· Esc clears the search", "p50/p95"),
    Row(
        "sort",
        "Sort by any column (slowest column)",
        "median",
        {100_000: 100, 1_000_000: 500},
        "ms",
    ),
    Row("sort:title", "· Title"),
    Row("sort:authors", "· Authors"),
    Row("sort:date", "· Date"),
    Row("sort:category", "· Category"),
    Row("sort:status", "· Status"),
    Row("sort:added", "· Added"),
    Row("scroll", "Jump to a random scroll position (page fetch)", "p50/p95"),
    Row(
        "bulk:tag",
        "Tag 10,000 selected papers (one undo step)",
        "median",
        {100_000: 300, 1_000_000: 300},
        "ms",
    ),
    Row("bulk:read", "Mark them read"),
    Row("bulk:undo_read", "Undo mark read"),
    Row("bulk:undo_tag", "Undo the tagging"),
    Row(
        "import_empty",
        "Import a compact listing, empty library",
        "median",
        {100_000: 20_000, 1_000_000: 20_000},
        "papers/s",
        "higher",
    ),
    Row("import_index_alone", "· its search index alone (the ceiling of such an import)"),
    Row(
        "import_into",
        "Import a compact listing into this library",
        "median",
        {100_000: 20_000, 1_000_000: 20_000},
        "papers/s",
        "higher",
    ),
    Row(
        "import_bibtex",
        "Import a BibTeX file",
        "median",
        {100_000: 20_000, 1_000_000: 20_000},
        "papers/s",
        "higher",
    ),
    Row(
        "rss",
        "Resident memory, window open after the searches",
        "median",
        {100_000: 200, 1_000_000: 300},
        "MB",
    ),
    Row("rss_start", "Resident memory at cold start"),
    Row("file_size", "Library file size per paper"),
    Row("host_speed", "Reference loop, before → after (the host's speed)", "before/after"),
    Row(
        "file_cached",
        "Library file in the OS page cache, before → after the session",
        "before/after",
    ),
)

_OPS: dict[str, Callable[[float, float], bool]] = {"lower": operator.le, "higher": operator.ge}


def format_value(value: float, unit: str) -> str:
    """A value with its unit, rounded for reading."""
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 10 else f"{value:,.0f} ms"
    if unit == "MB":
        return f"{value:,.0f} MB"
    if unit == "papers/s":
        return f"{value:,.0f} papers/s"
    if unit == "bytes":
        return f"{value / 1000:.1f} kB"
    if unit == "%":
        return f"{value:.0f} %"
    return f"{value:g} {unit}"


def cell(figure: Figure | None, row: Row, size: int) -> str:
    """What the table shows for ``row`` at ``size``."""
    if figure is None:
        return "not measured"
    if figure.status == "failed":
        return "failed (see the JSON)"
    if not figure.samples:
        return figure.note or figure.status
    text = _stat_text(figure, row.stat)
    if figure.status == "timed_out":
        return f"{figure.note}: {text} so far"
    target = (row.target or {}).get(size)
    if target is not None:
        value = figure.p95 if row.stat == "p95" else figure.median
        assert value is not None
        text += " ✓" if _OPS[row.better](value, target) else " ✗"
    return text


def _stat_text(figure: Figure, stat: str) -> str:
    assert figure.median is not None and figure.p95 is not None
    if stat == "before/after":
        first, last = figure.samples[0], figure.samples[-1]
        return f"{format_value(first, figure.unit)} → {format_value(last, figure.unit)}"
    if stat == "p50/p95":
        both = (
            f"{format_value(figure.median, figure.unit)} / {format_value(figure.p95, figure.unit)}"
        )
        return both
    return format_value(figure.p95 if stat == "p95" else figure.median, figure.unit)


def target_text(row: Row, sizes: Sequence[int]) -> str:
    """The row's targets for the sizes shown (— when it has none)."""
    if not row.target:
        return "—"
    sign = "≤" if row.better == "lower" else "≥"
    values = [row.target[s] for s in sizes if s in row.target]
    if not values:
        return "—"
    return " / ".join(f"{sign} {v:,g} {row.unit}" for v in dict.fromkeys(values))


def markdown_table(results: dict[int, dict[str, Figure]]) -> str:
    """The table in Markdown: a row per `ROWS` entry, a column per library size."""
    sizes = sorted(results)
    head = ["Figure (median unless noted)", "Target", *(f"{s:,} papers" for s in sizes)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in ROWS:
        if not any(row.key in results[s] for s in sizes):
            continue
        label = row.label + (" (p50 / p95)" if row.stat == "p50/p95" else "")
        cells = [cell(results[s].get(row.key), row, s) for s in sizes]
        lines.append("| " + " | ".join([label, target_text(row, sizes), *cells]) + " |")
    return "\n".join(lines)
