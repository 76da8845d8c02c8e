"""Which papers a view shows, and in what order: ids only, filtered and sorted in SQL.

A view is a scope (what the sidebar selected: everything, a status, a tag, a list, a
category, a source, the Trash) narrowed by the search text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from desktop.library.batches import IDS_IN_JSON
from desktop.library.halves import count_in_halves, read_in_halves
from desktop.library.prefixes import words_beginning
from desktop.library.search import EVERYTHING, SearchResult, compile_search
from desktop.library.search_sql import (
    AUTHOR_PAPERS,
    IN_TEXT,
    NOT_IN_TAGS,
    Spellings,
    WordSearch,
    author_pattern,
    author_probe,
)
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
    return ViewQuery(scope, compile_search(query), sort, descending).ids(lib)


# The papers whose own text matches a full-text query (see `WordSearch`): listed all at
# once, or asked about one paper at a time.
_TEXT_MATCHES = IN_TEXT.format(ids="p.id")
_TEXT_MATCH_PROBED = "EXISTS (SELECT 1 FROM papers_fts WHERE papers_fts MATCH ? AND rowid = p.id)"
# Up to so many matches (the parameters) of a MATCH, counted and as a JSON array: one row,
# as `read_in_halves` would have it (2,000 matches in each half took 11 ms as rows,
# against 1.4 ms so).
_FEW_MATCHES = (
    "SELECT count(*), json_group_array(rowid) FROM"
    " (SELECT rowid FROM papers_fts WHERE papers_fts MATCH ? AND {half} LIMIT ?)"
)
# A view holding this share of the library is paged along its sort's index.
DENSE_SHARE = 0.05
# Asking the full-text index about one paper costs about as much as listing this many of
# its matches (measured at a million papers: 90 µs against 0.45 µs).
PROBE_COST = 200
# Asking a paper whether one of its authors matches costs about as much as listing this
# many of an author search's matches (at a million papers: 5.7 µs against 2.4 µs): a
# view of 3 % of the library then walks its first page in 37 ms instead of 74.
AUTHOR_PROBE_COST = 2.4

# Papers per scope without a search, as the triggers of schema 4 keep them (see sidebar.py).
_KEPT_COUNTS: dict[str, str] = {
    "all": "SELECT sum(n) FROM paper_counts WHERE kind = 'status'",
    "status": "SELECT n FROM paper_counts WHERE kind = 'status' AND value = ?",
    "category": "SELECT n FROM paper_counts WHERE kind = 'category' AND value = ?",
    "tag": "SELECT papers FROM tags WHERE id = ?",
    "source": "SELECT papers FROM sources WHERE id = ?",
}
# The same for a search of one field term over the whole library. Tag names are unique
# whatever their case, and ``tag:`` ignores case as ``tags.name`` does.
_KEPT_FIELD_COUNTS: dict[str, str] = {
    "status": _KEPT_COUNTS["status"],
    "tag": "SELECT papers FROM tags WHERE name = ?",
}


@dataclass(frozen=True)
class ViewQuery:
    """One view of the library: a scope, a compiled search, a sort. Runs as SQL only."""

    scope: Scope = ALL
    search: SearchResult = EVERYTHING
    sort: str = "id"
    descending: bool = False

    def _search(
        self, lib: Library, probe: bool = False
    ) -> tuple[str, list[object], list[str] | None]:
        """The search's condition and parameters, and when the full-text index can count it
        alone, the arguments of `_count_text_matches` that do.

        A words-only search no tag name answers is one MATCH of the papers' own text; the
        general condition would also join each word's tags, at a multiple of the cost.
        ``probe`` asks for the search as a question about each paper rather than a list of
        all the papers it finds, where that question is answered quickly (a MATCH whose
        prefixes are indexed or spelled out as words, or a lone ``author:`` term).
        """
        if probe and self._by_author():
            where, params = author_probe(self.search.field.value)
            return where, params, None
        words = self.search.words
        if words is None or self._names_a_tag(lib, words.wanted_tag_words):
            return self.search.sql, list(self.search.params), None
        spelled = _spellings(lib, words)
        match = words.match(spelled)
        where = _TEXT_MATCH_PROBED if probe and words.probes_quickly(spelled) else _TEXT_MATCHES
        if self._names_a_tag(lib, words.unwanted_tag_words):
            # "model -tr" where tags are named "tracking-…": the papers tagged so are out
            params = [match, words.unwanted_tag_words]
            return f"{where} AND {NOT_IN_TAGS.format(ids='p.id')}", params, params
        return where, [match], [match]

    def _listed(self, lib: Library) -> tuple[str, list[object]] | None:
        """The search's papers as one list of ids (`WordSearch.listed`), where it has one."""
        words = self.search.words
        if words is None:
            return None
        spelled = _spellings(lib, words)
        return words.listed(spelled)

    @staticmethod
    def _names_a_tag(lib: Library, tag_words: str) -> bool:
        """Whether a tag's name matches one of these words (an FTS5 query; "" for none)."""
        if not tag_words:
            return False
        sql = "SELECT EXISTS (SELECT 1 FROM tags_fts WHERE tags_fts MATCH ?)"
        return bool(lib.db.execute(sql, [tag_words]).fetchone()[0])

    def _by_author(self) -> bool:
        """Whether the search is one ``author:`` term (asking each paper about it is cheap:
        a look at its few authors)."""
        field = self.search.field
        return field is not None and field.name == "author"

    def _filter(self, lib: Library, probe: bool = False) -> tuple[str, list[object]]:
        where, params, _text_only = self._search(lib, probe)
        return self._scoped(where, params)

    def _scoped(self, where: str, params: list[object]) -> tuple[str, list[object]]:
        """The search's condition within the scope."""
        scope_sql = _SCOPE_SQL[self.scope.kind]
        scope_params = [self.scope.value] if self._scope_has_value() else []
        return f"{scope_sql} AND ({where})", [*scope_params, *params]

    def _scope_has_value(self) -> bool:
        return self.scope.value is not None and self.scope.kind not in ("all", "trash")

    def _ordered(
        self, lib: Library, walk_sort_index: bool = False, probe: bool = False
    ) -> tuple[str, list[object]]:
        where, params = self._filter(lib, probe)
        return self._sorted(where, params, walk_sort_index)

    def _sorted(
        self, where: str, params: list[object], walk_sort_index: bool = False
    ) -> tuple[str, list[object]]:
        """The ids of the papers ``where`` holds for, in the view's order."""
        sort = self.sort if self.sort != "position" or self.scope.kind == "list" else "id"
        direction = "DESC" if self.descending else "ASC"
        order_params = [self.scope.value] if sort == "position" else []
        source = "papers p"
        if walk_sort_index and sort in LIVE_SORT_INDEXES and self.scope.kind != "trash":
            source = f"papers p INDEXED BY papers_live_{sort}"
        sql = (
            f"SELECT p.id FROM {source} WHERE {where}"
            f" ORDER BY {SORT_COLUMNS[sort]} {direction}, p.id {direction}"
        )
        return sql, [*params, *order_params]

    def ids_if_few(self, lib: Library, limit: int) -> list[int] | None:
        """All the view's ids, in order, when it is a search of words in the whole
        library that finds at most ``limit`` papers (in each half of the paper ids, where
        the library reads in halves); None otherwise (`count` and `page` then read it).

        The full-text index is asked once for its matches, then they are sorted: counting
        them in the index and listing them apart asked it twice, which for a phrase (the
        costliest of searches) was most of the time. Read in halves, each half lists its
        matches whole when it has at most ``limit``, and then so do both: ``"neural ne``
        at a million papers finds 3,862, about half in each.
        """
        if self.scope.kind != "all":
            return None
        _where, _params, text_only = self._search(lib)
        if text_only is None:
            return None
        match, *untagged = text_only
        parts = read_in_halves(lib, _FEW_MATCHES, [match, limit + 1], "rowid")
        if any(found > limit for ((found, _ids),) in parts):
            return None
        ids_in_parts = " UNION ALL ".join([IDS_IN_JSON] * len(parts))
        where = f"p.deleted IS NULL AND p.id IN ({ids_in_parts})"
        params: list[object] = [ids for ((_found, ids),) in parts]
        if untagged:
            where += f" AND {NOT_IN_TAGS.format(ids='p.id')}"
            params += untagged
        sql, params = self._sorted(where, params)
        return [row[0] for row in lib.db.execute(sql, params)]

    def count(self, lib: Library) -> int:
        """How many papers the view holds."""
        kept = self._kept_count(lib)
        if kept is not None:
            return kept
        if self.scope.kind == "all" and self._by_author():
            pattern = author_pattern(self.search.field.value)
            return _count_author_papers(lib, pattern)
        where, params, text_only = self._search(lib)
        if text_only is not None and self.scope.kind == "all":
            return _count_text_matches(lib, *text_only)
        listed = self._listed(lib) if self.scope.kind == "all" else None
        if listed is not None:
            return _count_listed(lib, *listed)
        where, params = self._scoped(where, params)
        return lib.db.execute(f"SELECT count(*) FROM papers p WHERE {where}", params).fetchone()[0]

    def _kept_count(self, lib: Library) -> int | None:
        """The count the triggers keep for this view, if they keep one."""
        search, field = self.search, self.search.field
        if search.sql == "1" and self.scope.kind in _KEPT_COUNTS:
            sql, params = _KEPT_COUNTS[self.scope.kind], self.scope.value
        elif self.scope.kind == "all" and field is not None and field.name in _KEPT_FIELD_COUNTS:
            sql, params = _KEPT_FIELD_COUNTS[field.name], field.value
        else:
            return None
        row = lib.db.execute(sql, [] if params is None else [params]).fetchone()
        return (row[0] if row else None) or 0

    def ids(self, lib: Library) -> list[int]:
        """All the view's ids, in order."""
        sql, params = self._ordered(lib)
        return [row[0] for row in lib.db.execute(sql, params)]

    def page(
        self, lib: Library, offset: int, limit: int, *, view_size: int = 0, library_size: int = 0
    ) -> list[int]:
        """The ids of rows ``offset`` to ``offset + limit``, in order.

        A view holding a good share of the library (``view_size`` of ``library_size``
        papers) is paged by walking its sort's index and keeping the papers that match: a
        page is found sooner than by sorting every match. For its first pages, asking the
        full-text index about each paper walked is sooner still than listing every match.
        """
        share = view_size / library_size if library_size else 0.0
        # rows walked: about (offset + limit) / share; matches listed: share * library_size
        walked_per_listed = (offset + limit) / (share * share * library_size) if share else 1e9
        if self._by_author():
            # asking a paper about its authors is cheap enough to walk sparser views too
            walk = probe = walked_per_listed * AUTHOR_PROBE_COST <= 1
        else:
            walk = share >= DENSE_SHARE
            probe = walk and walked_per_listed * PROBE_COST <= 1
        sql, params = self._ordered(lib, walk_sort_index=walk, probe=probe)
        rows = lib.db.execute(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset])
        return [row[0] for row in rows]


def _spellings(lib: Library, words: WordSearch) -> Spellings:
    """The index's words for each long prefix of ``words`` (see `desktop.library.prefixes`)."""
    return {prefix: words_beginning(lib, prefix) for prefix in words.long_prefixes()}


def _count_text_matches(lib: Library, match: str, untagged: str | None = None) -> int:
    """Papers outside the Trash whose own text matches ``match``, counted in the index;
    ``untagged``: less those carrying a tag whose name matches it (an FTS5 query).

    Every paper has its row in the index, so the index alone counts them; joining each
    match to its paper to see whether it is in the Trash would cost ten times as much.
    Counted in halves where the library reads so (`read_in_halves`).
    """
    sql, params = "SELECT count(*) FROM papers_fts WHERE papers_fts MATCH ?", [match]
    if untagged is not None:
        sql, params = f"{sql} AND {NOT_IN_TAGS.format(ids='rowid')}", [match, untagged]
    sql += _outside_trash(lib, "rowid") + " AND {half}"
    return count_in_halves(lib, sql, params, "rowid")


def _count_listed(lib: Library, ids: str, params: list[object]) -> int:
    """Papers outside the Trash among those the SQL ``ids`` lists (column ``id``; a paper
    may come twice), counted from the list alone.

    The general condition looks every paper of the library up in that list instead. A
    word that names a tag, ``attention``, was counted in 38 to 55 ms at 100,000 papers and
    453 ms at a million; so it takes 17 and 252 ms.
    """
    sql = f"SELECT count(DISTINCT id) FROM ({ids}) WHERE 1{_outside_trash(lib, 'id')}"
    return lib.db.execute(sql, params).fetchone()[0]


def _count_author_papers(lib: Library, pattern: str) -> int:
    """Papers outside the Trash with an author whose name is like ``pattern``, counted in
    the author index.

    Grouping the index's entries by paper sorts them; ``count(DISTINCT paper_id)`` put
    each in a temporary index, at twice the cost (``author:"Y`` at a million papers:
    666 against 312 ms). Counted in halves where the library reads so.
    """
    papers = f"{AUTHOR_PAPERS}{_outside_trash(lib, 'paper_id')} AND {{half}} GROUP BY paper_id"
    return count_in_halves(lib, f"SELECT count(*) FROM ({papers})", [pattern], "paper_id")


def _outside_trash(lib: Library, id_column: str) -> str:
    """The condition keeping ``id_column`` out of the Trash, to AND to a WHERE clause
    ("" while the Trash is empty)."""
    trash_empty = not lib.db.execute(
        "SELECT EXISTS (SELECT 1 FROM papers WHERE deleted IS NOT NULL)"
    ).fetchone()[0]
    if trash_empty:
        return ""
    return f" AND {id_column} NOT IN (SELECT id FROM papers WHERE deleted IS NOT NULL)"
