"""Which papers a view shows, and in what order: ids only, filtered and sorted in SQL.

A view is a scope (what the sidebar selected: everything, a status, a tag, a list, a
category, a source, the Trash) narrowed by the search text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from desktop.library.search import where_clause
from desktop.library.store import Library

ScopeKind = Literal["all", "status", "tag", "list", "category", "source", "trash"]


@dataclass(frozen=True)
class Scope:
    """A sidebar entry: ``kind`` with its ``value`` (a status, tag id, list id, code...)."""

    kind: ScopeKind = "all"
    value: str | int | None = None


ALL = Scope()

# Each scope as SQL over `p` (papers), with one parameter where it has a value.
_SCOPE_SQL: dict[str, str] = {
    "all": "p.deleted IS NULL",
    "status": "p.deleted IS NULL AND p.status = ?",
    "tag": "p.deleted IS NULL AND p.id IN (SELECT paper_id FROM paper_tags WHERE tag_id = ?)",
    "list": "p.deleted IS NULL AND p.id IN"
    " (SELECT paper_id FROM reading_list_items WHERE list_id = ?)",
    "category": "p.deleted IS NULL AND p.category = ?",
    "source": "p.deleted IS NULL AND p.id IN"
    " (SELECT paper_id FROM paper_sources WHERE source_id = ?)",
    "trash": "p.deleted IS NOT NULL",
}

# Sort keys the views offer, each backed by an index (see schema.py).
SORT_COLUMNS = {
    "id": "p.id",
    "title": "p.title COLLATE NOCASE",
    "authors": "p.authors_display COLLATE NOCASE",
    "date": "p.date",
    "category": "p.category",
    "status": "p.status",
    "added": "p.added",
    # a reading list's own order; only meaningful in a list scope
    "position": "(SELECT position FROM reading_list_items WHERE list_id = ? AND paper_id = p.id)",
}


def find_ids(
    lib: Library,
    query: str = "",
    *,
    scope: Scope = ALL,
    sort: str = "id",
    descending: bool = False,
) -> list[int]:
    """The ids of the papers in ``scope`` matching ``query``, in the order asked for.

    Raises:
        SearchSyntaxError: the query cannot be read; its position says where.
    """
    where, params = where_clause(query)
    return ids_where(lib, where, params, scope=scope, sort=sort, descending=descending)


def ids_where(
    lib: Library,
    where: str,
    params: list[object],
    *,
    scope: Scope = ALL,
    sort: str = "id",
    descending: bool = False,
) -> list[int]:
    """Like `find_ids`, for a search already compiled (the search box compiles forgivingly)."""
    scope_sql = _SCOPE_SQL[scope.kind]
    scope_params = [] if scope.value is None or scope.kind in ("all", "trash") else [scope.value]
    if sort == "position" and scope.kind != "list":
        sort = "id"
    order_params = [scope.value] if sort == "position" else []
    direction = "DESC" if descending else "ASC"
    sql = (
        f"SELECT p.id FROM papers p WHERE {scope_sql} AND ({where})"
        f" ORDER BY {SORT_COLUMNS[sort]} {direction}, p.id {direction}"
    )
    return [row[0] for row in lib.db.execute(sql, [*scope_params, *params, *order_params])]
