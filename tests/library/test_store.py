"""Opening libraries: location, settings, versions, refusal of what is not ours."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.library import store
from desktop.library.schema import SCHEMA_VERSION
from desktop.library.store import LibraryError, open_library, resolve_library_path


def test_new_library_has_current_schema_wal_and_foreign_keys(lib):
    assert store.schema_version(lib.db) == SCHEMA_VERSION
    assert lib.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert lib.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert {"papers", "authors", "tags", "notes", "reading_lists", "sources"} <= set(
        lib.db.table_names()
    )


def test_creates_missing_folders(tmp_path: Path):
    path = tmp_path / "a" / "b" / "library.sqlite"
    open_library(path).close()
    assert path.exists()


def test_reopening_keeps_data(library_path: Path):
    first = open_library(library_path)
    with store.write_transaction(first) as db:
        db.execute("INSERT INTO tags (name) VALUES ('kept')")
    first.close()
    again = open_library(library_path)
    assert [r[0] for r in again.db.execute("SELECT name FROM tags")] == ["kept"]
    again.close()


def test_library_from_a_newer_lectern_is_refused_and_untouched(library_path: Path):
    conn = sqlite3.connect(library_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("CREATE TABLE future (x)")
    conn.commit()
    conn.close()
    before = library_path.read_bytes()
    with pytest.raises(LibraryError, match="newer Lectern"):
        open_library(library_path)
    assert library_path.read_bytes() == before


def test_foreign_sqlite_file_is_refused(library_path: Path):
    conn = sqlite3.connect(library_path)
    conn.execute("CREATE TABLE something_else (x)")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryError, match="not a Lectern library"):
        open_library(library_path)


def test_file_that_is_not_sqlite_is_refused(library_path: Path):
    library_path.write_bytes(b"this is a text file, not a database\n" * 100)
    with pytest.raises(LibraryError, match="not a Lectern library"):
        open_library(library_path)


def test_library_path_precedence(monkeypatch, tmp_path: Path):
    monkeypatch.setenv(store.LIBRARY_ENV, str(tmp_path / "env.sqlite"))
    assert resolve_library_path(tmp_path / "flag.sqlite") == tmp_path / "flag.sqlite"
    assert resolve_library_path(None) == tmp_path / "env.sqlite"
    monkeypatch.delenv(store.LIBRARY_ENV)
    assert resolve_library_path(None) == store.default_library_path()
    assert store.default_library_path().name == "library.sqlite"


def test_failed_write_transaction_leaves_nothing(lib):
    with pytest.raises(RuntimeError), store.write_transaction(lib) as db:
        db.execute("INSERT INTO tags (name) VALUES ('half')")
        raise RuntimeError("boom")
    assert lib.db.execute("SELECT count(*) FROM tags").fetchone()[0] == 0
