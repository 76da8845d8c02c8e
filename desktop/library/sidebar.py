"""The counts the sidebar shows: statuses, tags, reading lists, categories, sources, Trash.

Every count leaves out papers in the Trash, except the Trash's own. Triggers keep the
counts per status, category, tag and source as papers change (see schema version 4), so
the sidebar reads a few rows however large the library.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from desktop.library.papers import STATUSES
from desktop.library.store import Library


@dataclass(frozen=True)
class TagCount:
    """A tag and how many papers outside the Trash carry it."""

    id: int
    name: str
    color: str | None
    count: int


@dataclass(frozen=True)
class ListCount:
    """A reading list and how many of its papers (outside the Trash) are unread, and in all."""

    id: int
    name: str
    description: str
    unread: int
    total: int


@dataclass(frozen=True)
class SourceCount:
    """An imported file or paste and how many of its papers are outside the Trash."""

    id: int
    name: str
    format: str
    profile_name: str | None
    count: int


@dataclass(frozen=True)
class SidebarCounts:
    """Everything the sidebar shows, read in one go."""

    total: int
    by_status: dict[str, int]  # every status, zero included
    tags: list[TagCount]  # by name, case-insensitively; tags no paper carries included
    lists: list[ListCount]  # by name, case-insensitively
    categories: list[tuple[str, int]]  # (code, count) for the categories papers have
    sources: list[SourceCount]  # in the order they were imported
    trash: int


def sidebar_counts(lib: Library) -> SidebarCounts:
    """Count the library's papers for the sidebar.

    Args:
        lib: the open library.

    Returns:
        The counts, all without the papers in the Trash except ``trash``.
    """
    db = lib.db
    by_status = _status_counts(db)
    return SidebarCounts(
        total=sum(by_status.values()),
        by_status=by_status,
        tags=[TagCount(*row) for row in db.execute(_TAGS_SQL)],
        lists=[ListCount(*row) for row in db.execute(_LISTS_SQL)],
        categories=[(code, n) for code, n in db.execute(_CATEGORIES_SQL)],
        sources=[SourceCount(*row) for row in db.execute(_SOURCES_SQL)],
        trash=db.execute("SELECT count(*) FROM papers WHERE deleted IS NOT NULL").fetchone()[0],
    )


def _status_counts(db: sqlite_utils.Database) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    counts.update(db.execute("SELECT value, n FROM paper_counts WHERE kind = 'status'"))
    return counts


# Papers per status, category, tag and source are kept by triggers (schema version 4).
_TAGS_SQL = "SELECT id, name, color, papers FROM tags ORDER BY name COLLATE NOCASE, id"

# Lists are short: their counts look up each member.
_LISTS_SQL = """
    SELECT l.id, l.name, l.description, count(CASE WHEN p.status = 'unread' THEN 1 END),
        count(p.id)
    FROM reading_lists l
    LEFT JOIN reading_list_items i ON i.list_id = l.id
    LEFT JOIN papers p ON p.id = i.paper_id AND p.deleted IS NULL
    GROUP BY l.id ORDER BY l.name COLLATE NOCASE, l.id"""

_CATEGORIES_SQL = """
    SELECT value, n FROM paper_counts WHERE kind = 'category' AND value != '' AND n > 0
    ORDER BY value"""

# Source ids grow with each import, so id order is import order (timestamps can tie).
_SOURCES_SQL = "SELECT id, name, format, profile_name, papers FROM sources ORDER BY id"
