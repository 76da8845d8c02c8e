"""Backups: whole, consistent snapshots beside the library; the last ones kept; restore."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.library import backup, edits
from desktop.library.backup import (
    BackupError,
    backup_folder,
    backup_now,
    daily_backup_due,
    list_backups,
    restore_backup,
)
from desktop.library.integrity import fts_mismatches, integrity_problems
from desktop.library.papers import get_paper
from desktop.library.schema import SCHEMA_VERSION
from desktop.library.store import LibraryReadOnly, open_library
from desktop.library.views import find_ids
from tests.library.helpers import damage_an_index


@pytest.fixture
def seeded(seeded_path: Path):
    """The sample library, opened without a daily backup, so a test sees only its own."""
    lib = open_library(seeded_path, daily_backup=False)
    yield lib
    lib.close()


def papers_in(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        found = conn.execute("SELECT count(*) FROM papers").fetchone()[0]
    conn.close()
    return found


def files_in(folder: Path) -> list[str]:
    return sorted(os.listdir(folder)) if folder.exists() else []


def test_a_backup_is_one_whole_file_named_for_its_library(seeded):
    made = backup_now(seeded)
    assert made.path.parent == seeded.path.parent / "backups"
    assert made.path.name.startswith("seeded_") and made.path.name.endswith("_manual.sqlite")
    assert (made.version, made.reason) == (SCHEMA_VERSION, "manual")
    assert files_in(made.path.parent) == [made.path.name]  # no -wal, no partial file
    with sqlite3.connect(made.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert papers_in(made.path) == 80
    assert list_backups(seeded.path) == [made]
    assert "made on request" in made.describe()


def test_a_backup_holds_only_committed_changes(seeded):
    """A snapshot taken while another connection is half-way through a change."""
    other = sqlite3.connect(seeded.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("DELETE FROM papers")
    made = backup_now(seeded)
    other.execute("ROLLBACK")
    other.close()
    assert papers_in(made.path) == 80


def test_the_newest_backups_are_kept(monkeypatch, seeded, tmp_path: Path):
    monkeypatch.setattr(backup, "KEEP", 3)
    made = [backup_now(seeded) for _ in range(5)]
    assert list_backups(seeded.path) == made[:-4:-1]  # the last three, newest first
    # another library in the same folder has backups of its own, untouched by pruning
    other = open_library(seeded.path.with_name("other.sqlite"))
    backup_now(other)
    other.close()
    assert len(list_backups(seeded.path)) == 3


def test_restore_brings_back_the_backup_and_keeps_the_present(seeded):
    made = backup_now(seeded)
    edits.set_note(seeded, 1, "zanzibarian, written after the backup")
    edits.add_tags(seeded, [1, 2, 3], ["later"])
    reader = open_library(seeded.path, read_only=True)  # another window's connection
    restored = restore_backup(seeded, made.path.name)
    assert restored.source == made.path
    assert get_paper(seeded, 1).note == "" and get_paper(reader, 1).tags == []
    assert find_ids(seeded, "zanzibarian") == []
    assert integrity_problems(seeded) == [] and fts_mismatches(seeded) == []
    assert restored.safety.reason == "before-restore"
    restore_backup(seeded, restored.safety.path)  # and back again
    assert get_paper(reader, 1).note == "zanzibarian, written after the backup"
    assert find_ids(seeded, "zanzibarian") == [1]
    reader.close()


def test_a_library_with_another_page_size_is_restored_too(seeded, tmp_path: Path):
    """A library made elsewhere (an older SQLite used 1 KB pages) restores all the same."""
    other = tmp_path / "elsewhere.sqlite"
    with sqlite3.connect(backup_now(seeded).path) as conn:
        conn.execute("PRAGMA page_size = 1024")
        conn.execute("VACUUM INTO ?", [str(other)])
    conn.close()
    edits.set_note(seeded, 1, "after")
    restore_backup(seeded, other)
    assert get_paper(seeded, 1).note == ""
    assert seeded.db.execute("PRAGMA page_size").fetchone()[0] == 4096
    assert integrity_problems(seeded) == [] and fts_mismatches(seeded) == []
    assert all(name.endswith(".sqlite") for name in files_in(backup_folder(seeded.path)))


def test_restoring_the_oldest_backup_keeps_it(monkeypatch, seeded):
    monkeypatch.setattr(backup, "KEEP", 2)
    oldest = backup_now(seeded)
    backup_now(seeded)
    restore_backup(seeded, oldest.path)
    assert oldest.path.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a database at all" * 300, "cannot be read"),
        ("foreign", "not a Lectern library"),
        ("newer", "newer Lectern"),
        ("damaged", "damaged"),
    ],
)
def test_what_is_not_a_sound_backup_is_refused(seeded, tmp_path: Path, content, message):
    bad = tmp_path / "bad.sqlite"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        backup_now(seeded).path.rename(bad)
        with sqlite3.connect(bad) as conn:
            if content == "foreign":
                conn.execute("DROP TABLE papers")
            elif content == "newer":
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
            else:  # an index that no longer matches its table
                damage_an_index(conn)
        conn.close()
    edits.set_note(seeded, 1, "kept")
    with pytest.raises(BackupError, match=message):
        restore_backup(seeded, bad)
    assert get_paper(seeded, 1).note == "kept"
    assert [b.reason for b in list_backups(seeded.path)] == []  # refused before any snapshot


def test_unknown_backup_and_the_library_itself_are_refused(seeded):
    with pytest.raises(BackupError, match="no backup"):
        restore_backup(seeded, "nothing-like-it.sqlite")
    with pytest.raises(BackupError, match="the library itself"):
        restore_backup(seeded, seeded.path)


def test_a_read_only_library_cannot_be_restored(seeded_path: Path):
    writable = open_library(seeded_path)
    made = backup_now(writable)
    writable.close()
    lib = open_library(seeded_path, read_only=True)
    with pytest.raises(LibraryReadOnly):
        restore_backup(lib, made.path)
    lib.close()


def test_backup_failure_leaves_no_file_and_says_why(seeded):
    backup_folder(seeded.path).write_text("a file where the folder should be")
    with pytest.raises(BackupError, match=r"could not be made.*library is unchanged"):
        backup_now(seeded)
    assert sorted(p.name for p in seeded.path.parent.iterdir() if "partial" in p.name) == []


def test_daily_backup_once_a_day_and_never_for_a_new_library(library_path: Path, seeded_path):
    open_library(library_path).close()
    open_library(library_path).close()
    assert not backup_folder(library_path).exists()  # an empty library has nothing to keep

    seeded = open_library(seeded_path)
    seeded.close()  # closing waits for the backup begun on opening
    [daily] = list_backups(seeded_path)
    assert daily.reason == "daily" and papers_in(daily.path) == 80
    open_library(seeded_path).close()
    assert list_backups(seeded_path) == [daily]


def test_daily_backup_due_counts_today_and_cut_short_attempts(seeded):
    tomorrow = datetime.now().astimezone().date() + timedelta(days=1)
    assert daily_backup_due(seeded)
    made = backup_now(seeded)
    assert not daily_backup_due(seeded) and daily_backup_due(seeded, today=tomorrow)
    made.path.rename(made.path.with_name(made.path.name + ".4242.partial"))
    assert not daily_backup_due(seeded)  # a process killed mid-copy still counts today
    assert list_backups(seeded.path) == []


def test_unfinished_backups_of_earlier_days_are_cleared(seeded):
    folder = backup_folder(seeded.path)
    folder.mkdir()
    old = (datetime.now(UTC) - timedelta(days=3)).strftime(backup._STAMP)
    today = datetime.now(UTC).strftime(backup._STAMP)
    stale = folder / f"seeded_{old}_v1_daily.sqlite.77.partial"
    running = folder / f"seeded_{today}_v1_daily.sqlite.78.partial"
    stale.write_bytes(b"half")
    running.write_bytes(b"half")
    backup_now(seeded)
    assert not stale.exists() and running.exists()


def test_a_daily_backup_that_fails_is_told_not_fatal(seeded_path: Path):
    backup_folder(seeded_path).write_text("not a folder")
    lib = open_library(seeded_path)
    lib.close()
    assert any("Today's backup could not be made" in notice for notice in lib.notices)
