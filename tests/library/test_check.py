"""check_library: what it finds, what it repairs (the search index), and how it says so."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.library import edits
from desktop.library.backup import backup_now
from desktop.library.integrity import check_library, fts_mismatches
from desktop.library.store import open_library
from desktop.library.views import find_ids
from tests.library.helpers import damage_an_index


@pytest.fixture
def seeded(seeded_path: Path):
    lib = open_library(seeded_path, daily_backup=False)
    yield lib
    lib.close()


def text(report) -> str:
    return "\n".join(report.lines)


def test_a_sound_library_is_reported_sound(seeded):
    report = check_library(seeded)
    assert report.sound and not report.index_rebuilt
    assert "The library file is sound" in text(report)
    assert "The search index agrees with the library (80 papers)." in report.lines


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE papers_fts SET title = 'zanzibarian' WHERE rowid = 3",  # stale text
        "DELETE FROM papers_fts WHERE rowid IN (4, 5)",  # papers missing from the index
        "INSERT INTO papers_fts (rowid, title) VALUES (9999, 'a ghost')",  # a paper gone
    ],
)
def test_a_search_index_that_disagrees_is_rebuilt(seeded, tamper: str):
    seeded.db.execute(tamper)
    assert fts_mismatches(seeded)
    report = check_library(seeded)
    assert report.sound and report.index_rebuilt and report.index_mismatches
    assert "was rebuilt from the library and now agrees" in text(report)
    assert fts_mismatches(seeded) == [] and find_ids(seeded, "zanzibarian") == []
    assert check_library(seeded).index_mismatches == []


def test_damage_inside_the_search_index_is_found_and_rebuilt(seeded):
    # The index's own b-tree, not its text: only FTS5's integrity-check can see this.
    seeded.db.execute("UPDATE papers_fts_data SET block = zeroblob(length(block)) WHERE id > 10")
    report = check_library(seeded)
    assert report.index_error and report.index_rebuilt and report.sound
    assert "The search index is damaged" in text(report)
    assert find_ids(seeded, "speaker")


def test_without_repair_nothing_changes(seeded):
    seeded.db.execute("DELETE FROM papers_fts WHERE rowid = 7")
    report = check_library(seeded, repair=False)
    assert not report.sound and not report.index_rebuilt
    assert "without --no-repair rebuilds it" in text(report)
    assert fts_mismatches(seeded) == [7]


def test_read_only_library_is_checked_but_not_changed(seeded_path: Path):
    writable = open_library(seeded_path, daily_backup=False)
    writable.db.execute("DELETE FROM papers_fts WHERE rowid = 7")
    reader = open_library(seeded_path, read_only=True)
    report = check_library(reader)
    assert not report.sound
    assert "not rebuilt, because the library is open read-only" in text(report)
    assert fts_mismatches(writable) == [7]
    reader.close()
    writable.close()


def test_a_rebuild_that_cannot_finish_changes_nothing(seeded):
    seeded.db.execute("DELETE FROM papers_fts WHERE rowid > 8")
    seeded.db.execute("VACUUM")  # so the rebuilt index needs pages the file does not have
    pages = seeded.db.execute("PRAGMA page_count").fetchone()[0]
    seeded.db.execute(f"PRAGMA max_page_count = {pages}")  # and the disk is full
    report = check_library(seeded)
    assert not report.sound and "rebuilding it failed" in text(report)
    assert "disk holding it is full" in text(report)
    assert fts_mismatches(seeded) == list(range(9, 81))  # the old index, whole


def test_damaged_tables_are_reported_with_the_backup_to_restore(seeded_path: Path):
    lib = open_library(seeded_path, daily_backup=False)
    newest = backup_now(lib)
    lib.close()
    with sqlite3.connect(seeded_path) as conn:
        damage_an_index(conn)
    conn.close()
    lib = open_library(seeded_path, daily_backup=False)
    report = check_library(lib)
    lib.close()
    assert not report.sound and report.damage
    assert "SQLite found damage in the library file" in text(report)
    assert f"lectern restore {newest.path.name}" in text(report)


def test_links_to_missing_papers_are_reported(seeded):
    seeded.db.execute("PRAGMA foreign_keys = OFF")
    seeded.db.execute("INSERT INTO tags (id, name) VALUES (500, 'orphan')")
    seeded.db.execute("INSERT INTO paper_tags (paper_id, tag_id) VALUES (99999, 500)")
    report = check_library(seeded)
    assert not report.sound
    assert "Links to something that is gone (1 link):" in report.lines
    assert any("points to a missing papers" in line for line in report.lines)
    assert "there is no backup of this library" in text(report)


def test_a_tag_missing_from_the_tag_name_index_is_rebuilt(seeded):
    tagged = find_ids(seeded)[:3]
    edits.add_tags(seeded, tagged, ["zanzibar studies"])
    assert find_ids(seeded, "zanzib") == sorted(tagged)
    seeded.db.execute("DELETE FROM tags_fts")
    assert fts_mismatches(seeded) == sorted(tagged)
    assert find_ids(seeded, "zanzib") == []
    report = check_library(seeded)
    assert report.sound and report.index_rebuilt
    assert find_ids(seeded, "zanzib") == sorted(tagged)


def test_a_sample_of_papers_is_checked_alone(seeded):
    seeded.db.execute("UPDATE papers_fts SET title = 'zanzibarian' WHERE rowid = 3")
    assert fts_mismatches(seeded, [1, 2, 3]) == [3]
    assert fts_mismatches(seeded, [1, 2]) == []
