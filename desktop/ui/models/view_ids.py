"""The ids of the table's view, read a page at a time when the view is large.

A view of a few thousand papers is read whole (one query, and row lookups are a dict).
A larger one is counted, and its ids are read in pages as rows are shown, so a view of a
million papers costs a count and a page, not a million Python ints.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable

from desktop.library.store import Library
from desktop.library.views import ViewQuery

ID_PAGE = 200
# Rows read with a view, before it is shown: more than a tall window shows, and fewer
# than a page, because a large view's first rows are found by walking its sort's index
# (`ViewQuery.page`), and the walk is as long as the rows wanted. The rest of the first
# page is read when a row of it is asked for.
FIRST_ROWS = 100
EAGER_LIMIT = 20_000  # views up to this size are read whole
# A search of words finding at most this many papers is listed with one ask of the index
# (`ViewQuery.ids_if_few`). Trying costs listing this many matches of a larger one: at
# 20,000 that was 10 ms a key for common words at 100k papers, at 2,000 it is 1 ms.
LISTED_WHOLE = 2_000
PAGES_KEPT = 100
# Looking for papers in a large view after it is read again (`look_for`): the pages of
# this many of the rows they were on, then the rows from the top on the pages left to
# keep (about what reading a view whole costs).
NEAR_PAGES = 10
LOOKUP_ROWS = (PAGES_KEPT - NEAR_PAGES) * ID_PAGE


class ViewIds:
    """Row -> id (and back, for rows already read) for one `ViewQuery`."""

    def __init__(self, lib: Library, query: ViewQuery, library_size: int | None = 0) -> None:
        """``library_size``: papers outside the Trash; None when ``query`` shows them all."""
        self._lib = lib
        self._query = query
        self._all: list[int] | None = query.ids_if_few(lib, LISTED_WHOLE)
        self.count = len(self._all) if self._all is not None else query.count(lib)
        self._library_size = self.count if library_size is None else library_size
        if self._all is None and self.count <= EAGER_LIMIT:
            # an empty view is common while typing, and asking for its ids can mean walking
            # a sort index through the whole library to find none
            self._all = query.ids(lib) if self.count else []
        self._row_of: dict[int, int] | None = None
        self._pages: OrderedDict[int, list[int]] = OrderedDict()
        # rows of the ids on the pages kept, so finding the rows of 10,000 edited papers
        # is 10,000 lookups, not a scan of every page for each
        self._page_rows: dict[int, int] = {}

    @classmethod
    def empty(cls, lib: Library) -> ViewIds:
        """A view with no rows (before the first query)."""
        ids = cls.__new__(cls)
        ids._lib, ids._query, ids.count = lib, ViewQuery(), 0
        ids._all, ids._row_of, ids._pages, ids._library_size = [], None, OrderedDict(), 0
        ids._page_rows = {}
        return ids

    def read_ahead(self) -> ViewIds:
        """Read the first rows now (a view read off the GUI thread brings them along)."""
        if self.count and self._all is None:
            self._keep_page(0, self._read(0, min(FIRST_ROWS, ID_PAGE)))
        return self

    def moved_to(self, lib: Library) -> ViewIds:
        """Read later pages through ``lib`` (the GUI thread's connection)."""
        self._lib = lib
        return self

    def page_of(self, row: int) -> tuple[int, list[int]]:
        """The first row of ``row``'s page and the ids on that page."""
        first = row - row % ID_PAGE
        if self._all is not None:
            return first, self._all[first : first + ID_PAGE]
        page = self._pages.get(first)
        if page is None or row - first >= len(page):  # the first rows alone were read
            page = self._read(first, ID_PAGE)
            self._keep_page(first, page)
        else:
            self._pages.move_to_end(first)
        return first, page

    def _read(self, first: int, rows: int) -> list[int]:
        return self._query.page(
            self._lib, first, rows, view_size=self.count, library_size=self._library_size
        )

    def _keep_page(self, first: int, page: list[int]) -> None:
        """Keep the ids of the page starting at row ``first``, letting the oldest go."""
        self._pages[first] = page
        self._page_rows.update((paper_id, first + at) for at, paper_id in enumerate(page))
        while len(self._pages) > PAGES_KEPT:
            gone, ids = self._pages.popitem(last=False)
            for at, paper_id in enumerate(ids):
                if self._page_rows.get(paper_id) == gone + at:
                    del self._page_rows[paper_id]

    def look_for(self, paper_ids: Iterable[int], near_rows: Iterable[int]) -> None:
        """Learn the rows of these papers if the view holds them (see `row_of`).

        A large view reads the pages of ``near_rows`` first, in that order (where the
        papers were before the view was read again: an edit seldom moves them), then, for
        any still missing, its first `LOOKUP_ROWS` rows in one read. Papers further down
        stay unknown.
        """
        if self._all is not None:
            return
        missing = set(paper_ids) - self._page_rows.keys()
        near_pages = dict.fromkeys(
            row - row % ID_PAGE for row in near_rows if 0 <= row < self.count
        )
        for first in list(near_pages)[:NEAR_PAGES]:
            if not missing:
                return
            self.page_of(first)
            missing -= self._page_rows.keys()
        if missing:
            top = self._read(0, LOOKUP_ROWS)
            for first in range(0, len(top), ID_PAGE):
                self._keep_page(first, top[first : first + ID_PAGE])

    def id_at(self, row: int) -> int:
        """The id shown in ``row``."""
        first, page = self.page_of(row)
        return page[row - first]

    def row_of(self, paper_id: int) -> int | None:
        """The row of ``paper_id``, if the view holds it and its page has been read."""
        if self._all is not None:
            if self._row_of is None:
                self._row_of = {pid: row for row, pid in enumerate(self._all)}
            return self._row_of.get(paper_id)
        return self._page_rows.get(paper_id)

    def all(self) -> list[int]:
        """Every id of the view, in order (reads them all for a large view)."""
        return self._all if self._all is not None else self._query.ids(self._lib)
