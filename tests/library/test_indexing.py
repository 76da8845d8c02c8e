"""An import indexes its papers for search once, at its end; edits made before then count."""

from __future__ import annotations

import shutil

import pytest

from desktop.library import importing
from desktop.library.edits import set_note, set_title
from desktop.library.indexing import defer_indexing, index_pending
from desktop.library.integrity import fts_mismatches
from desktop.library.schema import INDEX_BUFFER_BYTES
from desktop.library.store import open_library, write_transaction
from desktop.library.views import find_ids
from tests.library.helpers import count, import_records, record
from tests.library.test_migration import STORED_V1


def _import_with_edits(lib, monkeypatch, edit) -> importing.ImportReport:
    """Import six papers in batches of two, calling ``edit`` after the first batch."""
    monkeypatch.setattr(importing, "BATCH_SIZE", 2)
    parsed = importing.ParsedListing(
        format="compact", papers=[record(f"Paper {word}") for word in "abcdef"]
    )

    def progress(done: int, total: int) -> bool:
        if done == 2:
            edit(find_ids(lib, "", sort="id"))
        return True

    return importing.import_parsed(
        lib, parsed, name="x", path=None, checksum="c", progress=progress
    )


def test_every_imported_paper_is_found_by_its_words(lib):
    report = import_records(
        lib, [record(f"Paper {i}", abstract=f"word{i} common") for i in range(700)]
    )
    assert len(find_ids(lib, "common")) == report.added == 700
    assert find_ids(lib, "word699") == [report.new_ids[-1]]
    assert fts_mismatches(lib) == []
    assert count(lib, "search_pending") == 0


def test_a_paper_edited_before_its_import_ends_is_found_as_edited(lib, monkeypatch):
    def edit(ids: list[int]) -> None:
        set_title(lib, ids[0], "Renamed")
        set_note(lib, ids[1], "a zebra")

    _import_with_edits(lib, monkeypatch, edit)
    first, second = find_ids(lib, "", sort="id")[:2]
    assert find_ids(lib, "renamed") == [first]
    assert find_ids(lib, "zebra") == [second]
    assert fts_mismatches(lib) == []


def test_a_listed_paper_deleted_before_indexing_leaves_nothing_in_search(lib):
    with write_transaction(lib) as db:
        defer_indexing(db, [7, 8])
        for paper_id in (7, 8):
            db.execute(
                "INSERT INTO papers (id, title, added, updated) VALUES (?, 'Doomed', 'x', 'x')",
                [paper_id],
            )
        db.execute("DELETE FROM papers WHERE id = 7")
        assert index_pending(db) == 2
    assert find_ids(lib, "doomed") == [8]
    assert fts_mismatches(lib) == [] and count(lib, "search_pending") == 0


def test_a_cancelled_import_leaves_no_papers_waiting_for_search(lib, monkeypatch):
    monkeypatch.setattr(importing, "BATCH_SIZE", 2)
    parsed = importing.ParsedListing(format="compact", papers=[record(f"P{i}") for i in range(6)])
    with pytest.raises(importing.ImportCancelled):
        importing.import_parsed(
            lib, parsed, name="x", path=None, checksum="c", progress=lambda done, total: False
        )
    assert count(lib, "search_pending") == count(lib, "papers_fts") == 0


def test_a_paper_written_outside_an_import_is_indexed_at_once(lib):
    import_records(lib, [record("Plain paper")])
    paper_id = find_ids(lib)[0]
    set_title(lib, paper_id, "Quokka")
    set_note(lib, paper_id, "wombat")
    assert find_ids(lib, "quokka wombat") == [paper_id]
    assert fts_mismatches(lib) == []


def test_the_index_gathers_16_mb_of_terms_before_writing_a_segment(lib, tmp_path):
    """A large import then writes a few large segments, not many that are merged again."""
    old = tmp_path / "old.sqlite"
    shutil.copyfile(STORED_V1, old)
    migrated = open_library(old, daily_backup=False)
    for library in (lib, migrated):
        row = library.db.execute("SELECT v FROM papers_fts_config WHERE k = 'hashsize'")
        assert row.fetchone()[0] == INDEX_BUFFER_BYTES == 16 * 1024 * 1024
    migrated.close()
