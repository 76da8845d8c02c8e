"""What the paper table shows: one display row per paper, fetched for a window of ids at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from desktop.library.batches import in_chunks
from desktop.library.store import Library


@dataclass(frozen=True)
class TableRow:
    """The fields of one paper as the table shows them."""

    id: int
    title: str | None
    authors: str  # authors_display, plus " et al." when the listing cut the list short
    date: str | None
    date_inferred: bool
    category: str
    status: str
    tags: str  # "a, b", sorted case-insensitively
    has_code: bool  # the listing said so, or the paper has a code URL
    has_note: bool
    added: str


# Tags, code and note come from correlated subqueries, so a whole chunk of rows is one
# statement however many tags or URLs each paper has.
_ROWS_SQL = """
    SELECT p.id, p.title, p.date, p.date_inferred, p.category, p.status, p.added,
        CASE WHEN p.et_al THEN ltrim(p.authors_display || ' et al.') ELSE p.authors_display
        END AS authors,
        coalesce((SELECT group_concat(name, ', ') FROM (SELECT t.name FROM paper_tags pt
                  JOIN tags t ON t.id = pt.tag_id WHERE pt.paper_id = p.id
                  ORDER BY t.name COLLATE NOCASE)), '') AS tags,
        p.has_code OR EXISTS (SELECT 1 FROM paper_urls u
                              WHERE u.paper_id = p.id AND u.kind = 'code') AS has_code,
        EXISTS (SELECT 1 FROM notes n WHERE n.paper_id = p.id) AS has_note
    FROM papers p WHERE p.id IN ({marks})"""


def table_rows(lib: Library, ids: Sequence[int]) -> dict[int, TableRow]:
    """The table rows of these papers, by id (ids the library does not hold are left out).

    Args:
        lib: the open library.
        ids: the papers wanted, typically the couple of hundred around the visible rows.

    Returns:
        One row per paper found, read with one query per 900 ids.
    """
    rows: dict[int, TableRow] = {}
    for chunk, marks in in_chunks(ids):
        rows.update(_load_chunk(lib.db, chunk, marks))
    return rows


def _load_chunk(db: sqlite_utils.Database, ids: list[int], marks: str) -> dict[int, TableRow]:
    sql = _ROWS_SQL.format(marks=marks)
    return {row["id"]: _table_row(row) for row in db.query(sql, ids)}


def _table_row(row: dict[str, Any]) -> TableRow:
    return TableRow(
        id=row["id"],
        title=row["title"],
        authors=row["authors"],
        date=row["date"],
        date_inferred=bool(row["date_inferred"]),
        category=row["category"],
        status=row["status"],
        tags=row["tags"],
        has_code=bool(row["has_code"]),
        has_note=bool(row["has_note"]),
        added=row["added"],
    )
