"""Checks that the library agrees with itself, and the one repair Lectern can make.

SQLite's integrity check and foreign-key check look at the file; the search index is
compared with what the tables say it should hold. The search index is derived data, so
when it disagrees it is rebuilt from the tables; damage to the tables themselves cannot be
repaired here, and the report points to the newest backup instead.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from desktop.library.backup import list_backups
from desktop.library.batches import in_chunks
from desktop.library.schema_v4 import (
    COUNTS_REBUILD_SQL,
    PAPER_TEXT,
    SEARCH_INDEXES,
    TAG_NAMES,
    SearchIndex,
)
from desktop.library.store import Library, LibraryError, script_statements, write_transaction

_CHUNK = 2000  # papers compared at a time, so a large library is checked in small memory
_SHOWN = 5  # problems quoted in a report; the rest are counted


def integrity_problems(lib: Library) -> list[str]:
    """SQLite's integrity check, in its own words; empty when the file is sound."""
    rows = [row[0] for row in lib.db.execute("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else rows


def fts_mismatches(lib: Library, sample: list[int] | None = None) -> list[int]:
    """Ids of papers whose search-index row (or tags' rows) differ from the tables.

    A paper whose own row disagrees, or has no paper, counts; so does every paper carrying
    a tag whose row in the tag-name index disagrees. ``sample``: compare only the rows of
    these papers (the tag names, a short index, are compared whole).
    """
    if sample is None:
        found = set(_index_mismatches(lib, PAPER_TEXT))
    else:
        found = set()
        for chunk, marks in in_chunks(sample):
            found.update(_rows_differing(lib, PAPER_TEXT, f"IN ({marks})", chunk))
    for chunk, marks in in_chunks(_index_mismatches(lib, TAG_NAMES)):
        rows = lib.db.execute(f"SELECT paper_id FROM paper_tags WHERE tag_id IN ({marks})", chunk)
        found.update(paper_id for (paper_id,) in rows)
    return sorted(found)


def _index_mismatches(lib: Library, index: SearchIndex) -> list[int]:
    """Ids whose row in ``index`` differs from what the tables say it should hold."""
    top = lib.db.execute(
        f"SELECT max(coalesce((SELECT max({index.key}) FROM {index.source}), 0),"
        f" coalesce((SELECT max(rowid) FROM {index.table}), 0))"
    ).fetchone()[0]
    found: list[int] = []
    for low in range(0, top + 1, _CHUNK):
        found += _rows_differing(lib, index, "BETWEEN ? AND ?", [low, low + _CHUNK - 1])
    return found


def _rows_differing(lib: Library, index: SearchIndex, ids: str, params: list[int]) -> list[int]:
    """Of the ids matching ``ids`` (SQL such as ``IN (?, ?)``), those whose row differs."""
    expected = {row[0]: row for row in lib.db.execute(index.rows(f"{index.key} {ids}"), params)}
    columns = ", ".join(index.columns)
    indexed = {
        row[0]: row
        for row in lib.db.execute(
            f"SELECT rowid, {columns} FROM {index.table} WHERE rowid {ids}", params
        )
    }
    return [
        key for key in expected.keys() | indexed.keys() if expected.get(key) != indexed.get(key)
    ]


# Each count kept by the triggers of schema version 4, stored and computed afresh.
_KEPT_COUNTS = {
    "status": (
        "SELECT value, n FROM paper_counts WHERE kind = 'status' AND n != 0",
        "SELECT status, count(*) FROM papers WHERE deleted IS NULL GROUP BY status",
    ),
    "category": (
        "SELECT value, n FROM paper_counts WHERE kind = 'category' AND n != 0",
        "SELECT category, count(*) FROM papers WHERE deleted IS NULL GROUP BY category",
    ),
    "tag": (
        "SELECT id, papers FROM tags WHERE papers != 0",
        "SELECT pt.tag_id, count(*) FROM paper_tags pt JOIN papers p ON p.id = pt.paper_id"
        " WHERE p.deleted IS NULL GROUP BY pt.tag_id",
    ),
    "source": (
        "SELECT id, papers FROM sources WHERE papers != 0",
        "SELECT ps.source_id, count(*) FROM paper_sources ps JOIN papers p"
        " ON p.id = ps.paper_id WHERE p.deleted IS NULL GROUP BY ps.source_id",
    ),
}


def count_mismatches(lib: Library) -> list[str]:
    """The sidebar counts that differ from the papers ("tag 3: 5 kept, 4 counted")."""
    found = []
    for kind, (kept_sql, counted_sql) in _KEPT_COUNTS.items():
        kept = dict(lib.db.execute(kept_sql).fetchall())
        counted = dict(lib.db.execute(counted_sql).fetchall())
        found += [
            f"{kind} {key}: {kept.get(key, 0)} kept, {counted.get(key, 0)} counted"
            for key in sorted(kept.keys() | counted.keys(), key=str)
            if kept.get(key, 0) != counted.get(key, 0)
        ]
    return found


def recount(lib: Library) -> None:
    """Compute every kept count afresh from the papers, in one transaction."""
    with write_transaction(lib) as db:
        for statement in script_statements(COUNTS_REBUILD_SQL):
            db.execute(statement)


@dataclass
class CheckReport:
    """What `check_library` found and did; ``lines`` says it in plain words."""

    damage: list[str] = field(default_factory=list)  # SQLite's integrity check
    broken_links: list[str] = field(default_factory=list)  # foreign-key check
    index_mismatches: list[int] = field(default_factory=list)  # before any rebuild
    index_error: str = ""  # the search index could not even be read
    index_rebuilt: bool = False
    count_mismatches: list[str] = field(default_factory=list)  # before any recount
    recounted: bool = False
    lines: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        """True when nothing is wrong any more (perhaps after rebuilding the index)."""
        index_bad = bool(self.index_mismatches or self.index_error)
        counts_bad = bool(self.count_mismatches) and not self.recounted
        return not (
            self.damage or self.broken_links or (index_bad and not self.index_rebuilt) or counts_bad
        )


def check_library(lib: Library, repair: bool = True) -> CheckReport:
    """Check the file, its links and its search index; rebuild the index if it disagrees.

    The rebuild is one transaction, so a check that is interrupted changes nothing.
    """
    report = CheckReport(damage=integrity_problems(lib), broken_links=_broken_links(lib))
    try:
        report.index_mismatches = fts_mismatches(lib)
        if not lib.read_only:  # the index's own check is an INSERT, refused read-only
            for index in SEARCH_INDEXES:
                lib.db.execute(
                    f"INSERT INTO {index.table}({index.table}) VALUES ('integrity-check')"
                )
    except sqlite3.DatabaseError as exc:
        report.index_error = str(exc)
    index_bad = bool(report.index_mismatches or report.index_error)
    rebuild_error = ""
    if index_bad and repair and not lib.read_only:
        try:
            rebuild_search_index(lib)
            report.index_rebuilt = not fts_mismatches(lib)
        except (LibraryError, sqlite3.DatabaseError) as exc:
            rebuild_error = str(exc)
    report.count_mismatches = count_mismatches(lib)
    if report.count_mismatches and repair and not lib.read_only:
        recount(lib)
        report.recounted = not count_mismatches(lib)
    report.lines = _describe(lib, report, repair, rebuild_error)
    return report


def rebuild_search_index(lib: Library) -> None:
    """Make the search indexes anew from the tables, in one transaction."""
    with write_transaction(lib) as db:
        for index in SEARCH_INDEXES:
            # Dropping an index (not deleting its rows) also clears damage inside it. The
            # triggers name it only in their bodies, so they keep working with the new one.
            db.execute(f"DROP TABLE {index.table}")
            db.execute(index.create())
            db.execute(index.fill())


def _broken_links(lib: Library) -> list[str]:
    return [
        f"a row of {table} (row {rowid}) points to a missing {parent}"
        for table, rowid, parent, _key in lib.db.execute("PRAGMA foreign_key_check")
    ]


def _describe(lib: Library, report: CheckReport, repair: bool, rebuild_error: str) -> list[str]:
    papers = lib.db.execute("SELECT count(*) FROM papers").fetchone()[0]
    lines = []
    if report.damage:
        found = _count(report.damage, "problem")
        lines.append(f"SQLite found damage in the library file ({found}):")
        lines += [f"  {problem}" for problem in report.damage[:_SHOWN]]
    else:
        lines.append("The library file is sound: SQLite's integrity check found nothing wrong.")
    if report.broken_links:
        lines.append(f"Links to something that is gone ({_count(report.broken_links, 'link')}):")
        lines += [f"  {problem}" for problem in report.broken_links[:_SHOWN]]
    else:
        lines.append("Every tag, note, list entry and source belongs to a paper that exists.")
    lines.append(_describe_index(lib, report, papers, repair, rebuild_error))
    if report.count_mismatches:
        lines.append(_describe_counts(lib, report, repair))
    if report.damage or report.broken_links:
        lines.append(_restore_advice(lib))
    return lines


def _describe_index(
    lib: Library, report: CheckReport, papers: int, repair: bool, rebuild_error: str
) -> str:
    if not (report.index_mismatches or report.index_error):
        return f"The search index agrees with the library ({_count(papers, 'paper')})."
    if report.index_error:
        found = f"The search index is damaged ({report.index_error})"
    else:
        count = _count(report.index_mismatches, "paper")
        found = f"The search index disagreed with the library for {count}"
    if report.index_rebuilt:
        return f"{found}; it was rebuilt from the library and now agrees with it."
    if rebuild_error:
        return f"{found}; rebuilding it failed: {rebuild_error}"
    if lib.read_only:
        return f"{found}; it was not rebuilt, because the library is open read-only."
    if not repair:
        return f"{found}; “lectern check” without --no-repair rebuilds it."
    return f"{found}; it was rebuilt but still disagrees."


def _describe_counts(lib: Library, report: CheckReport, repair: bool) -> str:
    first, more = report.count_mismatches[0], len(report.count_mismatches) - 1
    found = f"The sidebar's counts disagreed with the papers ({first}"
    found += f", and {_count(more, 'other')})" if more else ")"
    if report.recounted:
        return f"{found}; they were counted afresh and now agree."
    if lib.read_only:
        return f"{found}; they were not recounted, because the library is open read-only."
    if not repair:
        return f"{found}; “lectern check” without --no-repair counts them afresh."
    return f"{found}; they were counted afresh but still disagree."


def _count(items: list | int, noun: str) -> str:
    number = items if isinstance(items, int) else len(items)
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def _restore_advice(lib: Library) -> str:
    backups = list_backups(lib.path)
    if not backups:
        return "Lectern cannot repair this, and there is no backup of this library to restore."
    newest = backups[0]
    return (
        "Lectern cannot repair this itself. The newest backup is from "
        f"{newest.taken.astimezone():%Y-%m-%d %H:%M}: restore it with "
        f"“lectern restore {newest.path.name}” or File > Restore from Backup."
    )
