"""Search indexes left in many segments are compacted into one while the library is idle."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from desktop.library.compaction import (
    MANY_SEGMENTS,
    MAX_SEGMENTS,
    IdleCompaction,
    compact,
    needs_compaction,
    segment_sizes,
    worth_compacting,
)
from desktop.library.store import open_library, write_transaction
from desktop.library.views import find_ids
from tests.library.helpers import import_records, record, wait_for

IMPORTS = MAX_SEGMENTS + 1
QUERIES = ["model", "model -graph", '"neural model"', "graph*", "abstract 3"]


def _fragmented(path: Path) -> None:
    """A library whose paper index has one segment per import (FTS5 would merge some
    of them on its own; here it is told not to, so the count is known)."""
    lib = open_library(path)
    lib.db.execute("INSERT INTO papers_fts (papers_fts, rank) VALUES ('automerge', 0)")
    for batch in range(IMPORTS):
        import_records(
            lib,
            [
                record(
                    f"A neural model numbered {batch}-{i}",
                    abstract=f"abstract {batch} {i} " + ("model " if i % 2 else "graph ") * 20,
                )
                for i in range(30)
            ],
        )
    lib.close()


def segments(conn: sqlite3.Connection, table: str) -> int:
    return len(segment_sizes(conn, table))


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def _found(path: Path) -> dict[str, list[int]]:
    lib = open_library(path, read_only=True)
    try:
        return {query: find_ids(lib, query) for query in QUERIES}
    finally:
        lib.close()


def test_an_index_in_many_segments_is_merged_into_one_finding_the_same(library_path: Path):
    _fragmented(library_path)
    before = _found(library_path)
    with _connect(library_path) as conn:
        assert segments(conn, "papers_fts") > MAX_SEGMENTS
        assert needs_compaction(conn) == ["papers_fts"]
        assert compact(conn)
        assert segments(conn, "papers_fts") == 1
        assert needs_compaction(conn) == []
        conn.execute("INSERT INTO papers_fts (papers_fts) VALUES ('integrity-check')")
    assert _found(library_path) == before
    assert all(before.values())


def test_a_few_segments_are_left_as_they_are(library_path: Path):
    lib = open_library(library_path)
    for batch in range(2):
        import_records(lib, [record(f"Paper {batch}", abstract="words " * 10)])
    lib.close()
    with _connect(library_path) as conn:
        assert segments(conn, "papers_fts") == 2
        assert compact(conn)
        assert segments(conn, "papers_fts") == 2


def test_a_compaction_told_to_stop_leaves_a_sound_index(library_path: Path):
    _fragmented(library_path)
    before = _found(library_path)
    asked = []

    def go_on() -> bool:
        asked.append(True)
        return len(asked) <= 1  # one step, then stop

    with _connect(library_path) as conn:
        assert not compact(conn, go_on)
        conn.execute("INSERT INTO papers_fts (papers_fts) VALUES ('integrity-check')")
    assert len(asked) == 2
    assert _found(library_path) == before


def test_the_window_connection_compacts_once_the_library_is_quiet(library_path: Path):
    _fragmented(library_path)
    lib = open_library(library_path, compact_when_idle=True)
    assert lib.compaction is not None and lib.compaction.is_alive()
    lib.close()
    assert not lib.compaction.is_alive()

    with _connect(library_path) as conn:
        fragments = segments(conn, "papers_fts")
    idle = IdleCompaction(library_path, quiet=0.2)
    writing = threading.Event()
    writing.set()

    def write_often() -> None:
        writer = open_library(library_path, daily_backup=False)
        try:
            while writing.is_set():
                with write_transaction(writer) as db:
                    db.execute("UPDATE papers SET status = 'reading' WHERE id = 1")
                time.sleep(0.01)
        finally:
            writer.close()

    writer = threading.Thread(target=write_often)
    writer.start()
    idle.start()
    try:
        time.sleep(1.0)  # five quiet spells' worth, each with writes in it
        with _connect(library_path) as conn:
            assert segments(conn, "papers_fts") == fragments
        writing.clear()
        writer.join()
        assert wait_for(lambda: idle.passes == 1)
    finally:
        idle.stop()
    with _connect(library_path) as conn:
        assert segments(conn, "papers_fts") == 1


def test_a_read_only_library_is_not_compacted(library_path: Path):
    _fragmented(library_path)
    lib = open_library(library_path, read_only=True, compact_when_idle=True)
    assert lib.compaction is None
    lib.close()


def test_an_index_is_worth_compacting_after_an_import_or_many_small_writes():
    assert not worth_compacting([500] * MAX_SEGMENTS)
    assert worth_compacting([500] * (MAX_SEGMENTS + 1))  # imports
    assert worth_compacting([5000, 300, 100, 50, 50])  # one import beside a large index
    assert not worth_compacting([5000, 1, 1, 1, 1, 1])  # notes saved
    assert worth_compacting([5000] + [1] * MANY_SEGMENTS)


def test_small_edits_beside_a_large_index_wait_until_there_are_many(library_path: Path):
    lib = open_library(library_path)
    lib.db.execute("INSERT INTO papers_fts (papers_fts, rank) VALUES ('automerge', 0)")
    words = "graph model network learning attention transformer vision language"
    import_records(
        lib,
        [
            record(f"Paper {i}", abstract=f"{i} {words} w{i} x{i % 97} y{i % 89}")
            for i in range(2000)
        ],
    )

    def save_a_note(paper_id: int) -> None:
        with write_transaction(lib) as db:
            db.execute(
                "INSERT INTO notes (paper_id, body, updated) VALUES (?, 'read', 'now')", [paper_id]
            )

    notes = 0
    with _connect(library_path) as conn:
        while segments(conn, "papers_fts") <= MAX_SEGMENTS:
            notes += 1
            save_a_note(notes)
        assert needs_compaction(conn) == []
        while segments(conn, "papers_fts") <= MANY_SEGMENTS:
            notes += 1
            save_a_note(notes)
        assert needs_compaction(conn) == ["papers_fts"]
        assert compact(conn)
        assert segments(conn, "papers_fts") == 1
    assert find_ids(lib, "read") == list(range(1, notes + 1))
    lib.close()
