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

# Sort keys with an index (key, id) over the papers outside the Trash (see schema.py).
LIVE_SORT_INDEXES = frozenset({"date", "title", "authors", "category", "status", "added"})

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


@dataclass(frozen=True)
class ViewQuery:
    """One view of the library: a scope, a compiled search, a sort. Runs as SQL only."""

    scope: Scope = ALL
    where: str = "1"
    params: tuple[object, ...] = ()
    sort: str = "id"
    descending: bool = False

    def _filter(self) -> tuple[str, list[object]]:
        scope_sql = _SCOPE_SQL[self.scope.kind]
        scoped = self.scope.value is not None and self.scope.kind not in ("all", "trash")
        scope_params = [self.scope.value] if scoped else []
        return f"{scope_sql} AND ({self.where})", [*scope_params, *self.params]

    def _ordered(self, walk_sort_index: bool = False) -> tuple[str, list[object]]:
        sort = self.sort if self.sort != "position" or self.scope.kind == "list" else "id"
        direction = "DESC" if self.descending else "ASC"
        where, params = self._filter()
        order_params = [self.scope.value] if sort == "position" else []
        source = "papers p"
        if walk_sort_index and sort in LIVE_SORT_INDEXES and self.scope.kind != "trash":
            source = f"papers p INDEXED BY papers_live_{sort}"
        sql = (
            f"SELECT p.id FROM {source} WHERE {where}"
            f" ORDER BY {SORT_COLUMNS[sort]} {direction}, p.id {direction}"
        )
        return sql, [*params, *order_params]

    def count(self, lib: Library) -> int:
        """How many papers the view holds."""
        where, params = self._filter()
        # Unfiltered, SQLite would scan the table; the narrowest index over live papers
        # holds the same rows in a fraction of the pages.
        source = "papers p"
        if self.scope.kind == "all" and self.where == "1":
            source = "papers p INDEXED BY papers_live_status"
        return lib.db.execute(f"SELECT count(*) FROM {source} WHERE {where}", params).fetchone()[0]

    def ids(self, lib: Library) -> list[int]:
        """All the view's ids, in order."""
        sql, params = self._ordered()
        return [row[0] for row in lib.db.execute(sql, params)]

    def page(self, lib: Library, offset: int, limit: int, *, dense: bool = False) -> list[int]:
        """The ids of rows ``offset`` to ``offset + limit``, in order.

        ``dense``: the view holds a good share of the library. Walking the sort's index and
        keeping matching papers then finds a page sooner than sorting every match.
        """
        sql, params = self._ordered(walk_sort_index=dense)
        rows = lib.db.execute(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset])
        return [row[0] for row in rows]


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
    return ViewQuery(scope, where, tuple(params), sort, descending).ids(lib)
