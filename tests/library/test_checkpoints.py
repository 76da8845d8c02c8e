"""The window's commits leave copying the log into the file to a thread of its own."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from desktop.library.store import open_library
from tests.library.helpers import import_records, record, wait_for


def _papers_in_the_file(path: Path) -> int | None:
    """Papers the library file itself holds, not counting what is still only in the log
    (None while a checkpoint is copying pages into it: read as immutable, the file can
    then look torn)."""
    try:
        with closing(sqlite3.connect(f"file:{path}?immutable=1", uri=True)) as conn:
            return conn.execute("SELECT count(*) FROM papers").fetchone()[0]
    except sqlite3.DatabaseError:
        return None


def test_a_large_commit_reaches_the_file_from_the_background(library_path: Path):
    open_library(library_path).close()  # the last close leaves the tables in the file
    lib = open_library(library_path, background_checkpoints=True)
    assert lib.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    import_records(
        lib, [record(f"Paper {i}", abstract=f"{i} " + "word " * 300) for i in range(2000)]
    )
    assert wait_for(lambda: _papers_in_the_file(library_path) == 2000)
    lib.close()
    assert not lib.checkpoints.is_alive()


def test_other_connections_checkpoint_in_their_own_commits(library_path: Path):
    lib = open_library(library_path)
    assert lib.checkpoints is None
    assert lib.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    lib.close()


def test_a_read_only_library_starts_no_checkpoints(library_path: Path):
    open_library(library_path).close()
    lib = open_library(library_path, read_only=True, background_checkpoints=True)
    assert lib.checkpoints is None
    lib.close()
