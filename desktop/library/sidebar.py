"""The counts the sidebar shows: statuses, tags, reading lists, categories, sources, Trash.

Every count leaves out papers in the Trash, except the Trash's own. Each kind of count is
one GROUP BY query, so the sidebar costs the same for ten tags as for ten thousand.
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
    counts.update(
        db.execute("SELECT status, count(*) FROM papers WHERE deleted IS NULL GROUP BY status")
    )
    return counts


# Counts of live papers are "all links" minus "links to papers in the Trash": the first
# is read from an index alone, the second touches only the (few) trashed papers, so no
# count looks up every paper.
_TAGS_SQL = """
    WITH linked AS (SELECT tag_id, count(*) AS n FROM paper_tags GROUP BY tag_id),
    trashed AS (
        SELECT pt.tag_id, count(*) AS n FROM papers p
        CROSS JOIN paper_tags pt ON pt.paper_id = p.id
        WHERE p.deleted IS NOT NULL GROUP BY pt.tag_id
    )
    SELECT t.id, t.name, t.color, coalesce(linked.n, 0) - coalesce(trashed.n, 0) FROM tags t
    LEFT JOIN linked ON linked.tag_id = t.id
    LEFT JOIN trashed ON trashed.tag_id = t.id
    ORDER BY t.name COLLATE NOCASE, t.id"""

# Lists are short: their counts look up each member.
_LISTS_SQL = """
    SELECT l.id, l.name, l.description, count(CASE WHEN p.status = 'unread' THEN 1 END),
        count(p.id)
    FROM reading_lists l
    LEFT JOIN reading_list_items i ON i.list_id = l.id
    LEFT JOIN papers p ON p.id = i.paper_id AND p.deleted IS NULL
    GROUP BY l.id ORDER BY l.name COLLATE NOCASE, l.id"""

_CATEGORIES_SQL = """
    SELECT category, count(*) FROM papers WHERE deleted IS NULL AND category != ''
    GROUP BY category ORDER BY category"""

# Source ids grow with each import, so id order is import order (timestamps can tie).
_SOURCES_SQL = """
    WITH linked AS (SELECT source_id, count(*) AS n FROM paper_sources GROUP BY source_id),
    trashed AS (
        SELECT ps.source_id, count(*) AS n FROM papers p
        CROSS JOIN paper_sources ps ON ps.paper_id = p.id
        WHERE p.deleted IS NOT NULL GROUP BY ps.source_id
    )
    SELECT s.id, s.name, s.format, s.profile_name, coalesce(linked.n, 0) - coalesce(trashed.n, 0)
    FROM sources s
    LEFT JOIN linked ON linked.source_id = s.id
    LEFT JOIN trashed ON trashed.source_id = s.id
    ORDER BY s.id"""
