"""`lectern backup`, `lectern restore` and `lectern check`, in a subprocess, on real files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.library.backup import list_backups
from desktop.library.guard import claim_library
from tests.library.helpers import damage_an_index
from tests.test_cli import lectern, listed


def note_of(library: Path, paper_id: int) -> str:
    [paper] = [p for p in listed(library) if p["id"] == paper_id]
    return paper["note"]


def test_backup_prints_the_snapshot_and_restore_lists_it(seeded_path: Path):
    result = lectern("backup", library=seeded_path)
    assert result.returncode == 0, result.stderr
    made = Path(result.stdout.strip())
    made = made if made.is_absolute() else seeded_path.parent / made
    assert made.is_file() and made.parent.name == "backups"
    listing = lectern("restore", library=seeded_path)
    assert listing.returncode == 0
    assert "newest first" in listing.stdout and made.name in listing.stdout
    assert "made on request" in listing.stdout


def test_restore_by_name_and_by_path(seeded_path: Path):
    assert lectern("note", "1", "before", library=seeded_path).returncode == 0
    backup = Path(lectern("backup", library=seeded_path).stdout.strip())
    assert lectern("note", "1", "after", library=seeded_path).returncode == 0

    result = lectern("restore", backup.name, library=seeded_path)
    assert result.returncode == 0, result.stderr
    assert f"from the backup {backup.name}" in result.stdout
    assert note_of(seeded_path, 1) == "before"
    safety = next(b for b in list_backups(seeded_path) if b.reason == "before-restore")
    assert safety.path.name in result.stdout

    result = lectern("restore", str(safety.path), library=seeded_path)
    assert result.returncode == 0, result.stderr
    assert note_of(seeded_path, 1) == "after"


def test_restore_without_backups_and_of_unknown_names(library_path: Path):
    result = lectern("restore", library=library_path)
    assert result.returncode == 0 and "no backups" in result.stdout
    result = lectern("restore", "nope.sqlite", library=library_path)
    assert result.returncode == 1 and "no backup nope.sqlite" in result.stderr
    assert "Traceback" not in result.stderr


def test_restore_is_refused_while_a_window_has_the_library(seeded_path: Path):
    backup = Path(lectern("backup", library=seeded_path).stdout.strip())
    window = claim_library(seeded_path)
    try:
        result = lectern("restore", backup.name, library=seeded_path)
    finally:
        window.release()
    assert result.returncode == 1
    assert "open in a Lectern window; close it first" in result.stderr


def test_check_of_a_sound_library(seeded_path: Path):
    result = lectern("check", library=seeded_path)
    assert result.returncode == 0, result.stderr
    assert "The library file is sound" in result.stdout
    assert "The search index agrees with the library (80 papers)." in result.stdout


def test_check_repairs_the_search_index_and_no_repair_only_reports(seeded_path: Path):
    with sqlite3.connect(seeded_path) as conn:
        conn.execute("DELETE FROM papers_fts WHERE rowid IN (1, 2)")
    conn.close()
    result = lectern("check", "--no-repair", library=seeded_path)
    assert result.returncode == 1
    assert "disagreed with the library for 2 papers" in result.stdout
    result = lectern("check", library=seeded_path)
    assert result.returncode == 0
    assert "it was rebuilt from the library and now agrees" in result.stdout
    assert lectern("check", library=seeded_path).returncode == 0


def test_check_of_a_damaged_file_exits_1_and_points_to_a_backup(seeded_path: Path):
    assert lectern("backup", library=seeded_path).returncode == 0
    with sqlite3.connect(seeded_path) as conn:
        damage_an_index(conn)
    conn.close()
    result = lectern("check", library=seeded_path)
    assert result.returncode == 1
    assert "SQLite found damage" in result.stdout
    newest = list_backups(seeded_path)[0].path.name
    assert f"lectern restore {newest}" in result.stdout
    result = lectern("restore", newest, library=seeded_path)
    assert result.returncode == 0, result.stderr
    assert lectern("check", library=seeded_path).returncode == 0


def test_oversized_listing_is_refused_by_name(library_path: Path, tmp_path: Path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:
        file.truncate(100 * 1024 * 1024)  # a sparse 100 MB file: no disk used
    result = lectern("import", str(huge), library=library_path)
    assert result.returncode == 1
    assert "huge.txt: the file is 100.0 MB; Lectern imports listings of up to 32 MB" in (
        result.stderr
    )
