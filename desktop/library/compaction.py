"""The search indexes compacted into one b-tree each while the library is idle.

FTS5 writes the entries of each transaction, or of each 16 MB of an import, as a segment
(a b-tree of its own), and merges segments only a few at a time. A word is looked up in
every segment, so the more there are, the more a search costs. Asking whether one paper
matches ``model -transformer`` (which is how the first page of a large view is found:
`views.ViewQuery.page`) took 109 µs in the 12 segments a 100,000-paper library was
built with, and 33 µs in one; at a million papers the first page of that search went
from 105 to 26 ms.

Merging every segment into one rewrites the whole index: 4.5 s at 100,000 papers, 43 s
at a million, on one core. So it is done on a thread of its own, in short steps, only
while nobody else writes to the library (a write stops the pass, which resumes once the
library is quiet again), and only when it is worth it (`worth_compacting`): after an
import, whose segments are large, or once many small writes (each saved note, each
edited title is one) have left more than `MANY_SEGMENTS`. Rewriting a million papers'
index after every few notes would cost far more than the few µs a small segment adds.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from desktop.library.schema_v4 import SEARCH_INDEXES

# An index with more segments than this is compacted when those beside the largest hold
# at least `LARGE_SHARE` of what it holds (an import wrote them), whatever their number
# past `MANY_SEGMENTS`. Each segment costs every word of a search about 2 µs per paper
# asked about. FTS5 merges small segments four at a time on its own, so a library edited
# paper by paper passes `MANY_SEGMENTS` after a few hundred edits.
MAX_SEGMENTS = 4
MANY_SEGMENTS = 12
LARGE_SHARE = 0.1
# Pages written by one step of a merge, each step its own transaction: about 40 ms at a
# million papers, so a write from the window waits that long at most.
STEP_PAGES = 500
QUIET_SECONDS = 5.0  # the library is idle when nobody else has written for this long
PAUSE_SECONDS = 0.05  # between steps, for writers waiting their turn

_DATA_VERSION = "PRAGMA data_version"


def segment_sizes(conn: sqlite3.Connection, table: str) -> list[int]:
    """A measure of the size of each segment of the full-text index ``table``.

    FTS5 keeps, for each segment, the first term of its leaf pages that begin one in
    ``<table>_idx`` (one row at least, for the first page), keyed by the segment's id: so
    many rows, so many pages of words, and a segment written by one small edit has one.
    """
    sql = f"SELECT count(*) FROM {table}_idx GROUP BY segid"
    return [rows for (rows,) in conn.execute(sql)]


def worth_compacting(sizes: list[int]) -> bool:
    """Whether an index of segments of these `segment_sizes` is worth merging into one."""
    if len(sizes) <= MAX_SEGMENTS:
        return False
    largest = max(sizes)
    return len(sizes) > MANY_SEGMENTS or sum(sizes) - largest >= LARGE_SHARE * largest


def needs_compaction(conn: sqlite3.Connection) -> list[str]:
    """The library's full-text indexes worth compacting."""
    tables = [index.table for index in SEARCH_INDEXES]
    return [table for table in tables if worth_compacting(segment_sizes(conn, table))]


def merge_step(conn: sqlite3.Connection, table: str, pages: int = STEP_PAGES) -> bool:
    """Merge about ``pages`` pages of ``table``'s segments towards one; False when it
    already was one segment (FTS5's "merge" command with a negative count merges across
    levels, as "optimize" does, a step at a time)."""
    before = conn.total_changes
    conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('merge', ?)", [-pages])
    # FTS5 counts two changes or more when a merge step wrote anything
    return conn.total_changes - before >= 2


def compact(
    conn: sqlite3.Connection,
    go_on: Callable[[], bool] = lambda: True,
    pause: Callable[[], None] = lambda: None,
) -> bool:
    """Merge every index with too many segments into one, step by step, while ``go_on()``
    (asked before each step) holds; ``pause()`` runs between steps.

    ``conn`` must be in autocommit mode: each step is its own transaction.

    Returns True when no index is left with too many segments.
    """
    for table in needs_compaction(conn):
        while True:
            if not go_on():
                return False
            if not merge_step(conn, table):
                break
            pause()
    return True


class IdleCompaction(threading.Thread):
    """Compacts the library's search indexes whenever it has been idle for a while."""

    def __init__(self, path: Path, quiet: float = QUIET_SECONDS) -> None:
        super().__init__(name="lectern-index-compaction", daemon=True)
        self._path = path
        self._quiet = quiet
        self._stopping = threading.Event()
        self.passes = 0  # compactions finished (for tests and the curious)

    def run(self) -> None:
        try:
            conn = sqlite3.connect(self._path, timeout=10, isolation_level=None)
        except sqlite3.Error:
            return  # the index stays as it is: searches slower, never wrong
        try:
            seen = compacted = None
            while not self._stopping.wait(self._quiet):
                # another connection's commit moves data_version; this one's own do not
                version = conn.execute(_DATA_VERSION).fetchone()[0]
                # idle: nobody wrote within the last `quiet` seconds, and did since the
                # index was last found compact enough
                if version == seen != compacted and self._compact(conn, version):
                    compacted = version
                seen = version
        finally:
            conn.close()

    def _compact(self, conn: sqlite3.Connection, version: int) -> bool:
        """Compact what needs it unless someone writes meanwhile; True when done."""
        try:
            if not needs_compaction(conn):
                return True
            if compact(conn, lambda: self._undisturbed(conn, version), self._pause):
                self.passes += 1
                return True
        except sqlite3.Error:
            pass  # busy, or the disk is full: the index stays whole and searchable as it is
        return False

    def _undisturbed(self, conn: sqlite3.Connection, version: int) -> bool:
        return not self._stopping.is_set() and conn.execute(_DATA_VERSION).fetchone()[0] == version

    def _pause(self) -> None:
        self._stopping.wait(PAUSE_SECONDS)

    def stop(self) -> None:
        """End the thread after the step under way; returns when it has ended."""
        self._stopping.set()
        self.join()
