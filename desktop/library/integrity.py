"""Checks that the library agrees with itself: SQLite's own check, and the search index."""

from __future__ import annotations

from desktop.library.schema import FTS_ROW_SELECT
from desktop.library.store import Library


def integrity_problems(lib: Library) -> list[str]:
    """SQLite's integrity check, in its own words; empty when the file is sound."""
    rows = [row[0] for row in lib.db.execute("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else rows


def fts_mismatches(lib: Library) -> list[int]:
    """Ids of papers whose search-index row differs from their tables (or has no paper)."""
    expected = {row[0]: row for row in lib.db.execute(FTS_ROW_SELECT)}
    indexed = {
        row[0]: row
        for row in lib.db.execute(
            "SELECT rowid, title, authors, abstract, tags, notes FROM papers_fts"
        )
    }
    return sorted(
        pid for pid in expected.keys() | indexed.keys() if expected.get(pid) != indexed.get(pid)
    )
