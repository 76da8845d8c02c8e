"""Older libraries are backed up, then brought up to date; newer ones are left alone.

`data/library_v1.sqlite` was written by version 1 of the schema (its maker script sits
beside it). The tests hold for any later SCHEMA_VERSION: the stored file must open with
everything in it, and the backup-before-update is also exercised now, with an extra
migration step added on top of the real ones.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.library import store
from desktop.library.backup import list_backups
from desktop.library.integrity import fts_mismatches, integrity_problems
from desktop.library.lists import list_id, list_order
from desktop.library.papers import get_papers
from desktop.library.schema import MIGRATIONS, SCHEMA_VERSION
from desktop.library.store import LibraryError, open_library
from desktop.library.views import find_ids

STORED_V1 = Path(__file__).parent / "data" / "library_v1.sqlite"
# a hypothetical next version (its names must not be ones a real version uses)
EXTRA_STEP = "ALTER TABLE papers ADD COLUMN isbn TEXT; CREATE INDEX papers_isbn ON papers(isbn);"


@pytest.fixture
def v1_path(tmp_path: Path) -> Path:
    path = tmp_path / "old.sqlite"
    shutil.copyfile(STORED_V1, path)
    return path


def updates(backups) -> list:
    return [b for b in backups if b.reason == "before-update"]


def assert_v1_content(lib) -> None:
    one, two, three, four = get_papers(lib, [1, 2, 3, 4])
    assert (one.title, one.authors, one.code_urls) == (
        "Attention Is Not All You Need",
        ["Ada Lovelace", "Charles Babbage"],
        ["https://example.org/code"],
    )
    assert (one.status, one.tags, one.note) == (
        "read",
        ["to-read"],
        "Good *baseline*.\nSecond line — ünïcode.",
    )
    assert sorted(two.tags) == ["speech", "to-read"] and two.lists == ["Thesis"]
    assert three.title is None and "ünïcode and $\\alpha$" in three.abstract
    assert three.note == "Needs a title." and three.sources == ["profile.txt"]
    assert four.deleted is not None
    assert list_order(lib, list_id(lib, "Thesis")) == [2, 1]
    assert find_ids(lib, "baseline") == [1]
    assert integrity_problems(lib) == [] and fts_mismatches(lib) == []


def test_stored_v1_library_opens_with_everything_in_it(v1_path: Path):
    lib = open_library(v1_path)
    try:
        assert store.schema_version(lib.db) == SCHEMA_VERSION
        assert_v1_content(lib)
    finally:
        lib.close()
    made = updates(list_backups(v1_path))
    if SCHEMA_VERSION == 1:
        assert made == []  # nothing to update, nothing backed up for it
    else:
        [backup] = made
        assert backup.version == 1
        assert _dump(backup.path) == _dump(STORED_V1)  # the old library, as it was


def _dump(path: Path) -> list[str]:
    """A database's schema and rows as SQL (the header's change counter aside)."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_an_update_is_preceded_by_a_backup_of_the_old_library(monkeypatch, v1_path: Path):
    monkeypatch.setattr(store, "MIGRATIONS", [*MIGRATIONS, EXTRA_STEP])
    monkeypatch.setattr(store, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    lib = open_library(v1_path)
    try:
        assert store.schema_version(lib.db) == SCHEMA_VERSION + 1
        assert "isbn" in lib.db["papers"].columns_dict
        assert_v1_content(lib)
    finally:
        lib.close()
    [backup] = updates(list_backups(v1_path))
    assert backup.version == 1
    with sqlite3.connect(backup.path) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
        assert old.execute("SELECT count(*) FROM papers").fetchone()[0] == 4
        assert old.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_failed_update_leaves_a_whole_library_and_its_backup(monkeypatch, v1_path: Path):
    monkeypatch.setattr(store, "MIGRATIONS", [*MIGRATIONS, "CREATE TABLE papers (x);"])
    monkeypatch.setattr(store, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(LibraryError, match=f"left whole at version {SCHEMA_VERSION}"):
        open_library(v1_path)
    assert len(updates(list_backups(v1_path))) == 1
    monkeypatch.undo()
    lib = open_library(v1_path)
    try:
        assert_v1_content(lib)
    finally:
        lib.close()


def test_newer_library_is_refused_before_any_backup_or_write(v1_path: Path):
    with sqlite3.connect(v1_path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = v1_path.read_bytes()
    with pytest.raises(LibraryError, match=r"newer Lectern.*left untouched"):
        open_library(v1_path)
    assert v1_path.read_bytes() == before
    assert list_backups(v1_path) == []
