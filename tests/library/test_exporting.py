"""Exporting from the library: which papers, their order, stable keys, all-or-nothing files."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from desktop.formats.export import ExportCancelled
from desktop.library import edits, lists, trash
from desktop.library.exporting import (
    ExportSource,
    export_text,
    export_to_file,
    load_entries,
    select_ids,
)
from desktop.library.store import LibraryError
from tests.library.helpers import import_records, record


@pytest.fixture
def ids(lib):
    papers = [record(f"Paper {n}", date=f"202{n % 3}-01-0{n + 1}") for n in range(6)]
    return import_records(lib, papers).new_ids


@pytest.fixture
def queue(lib, ids):
    _changes, list_id = lists.create_list(lib, "Queue", "Papers to read *next*")
    lists.add_to_list(lib, list_id, [ids[4], ids[1], ids[3]])
    return list_id


def exported_ids(lib, source: ExportSource) -> list[int]:
    text, _count = export_text(lib, source, "csljson")
    return [item["custom"]["lectern-id"] for item in json.loads(text)]


def test_a_list_exports_in_its_own_order_without_the_trash(lib, ids, queue):
    assert select_ids(lib, ExportSource(list_name="queue")) == [ids[4], ids[1], ids[3]]
    trash.move_to_trash(lib, [ids[1]])
    assert exported_ids(lib, ExportSource(list_name="Queue")) == [ids[4], ids[3]]


def test_an_unknown_list_names_the_lists_there_are(lib, ids, queue):
    with pytest.raises(LibraryError, match=r"no reading list named 'Nope'.*'Queue'"):
        select_ids(lib, ExportSource(list_name="Nope"))


def test_without_lists_the_message_says_so(lib, ids):
    with pytest.raises(LibraryError, match="There are no reading lists"):
        select_ids(lib, ExportSource(list_name="Nope"))


def test_explicit_ids_keep_their_order_and_skip_the_trash(lib, ids):
    trash.move_to_trash(lib, [ids[2]])
    chosen = (ids[5], ids[2], ids[0])
    assert select_ids(lib, ExportSource(ids=chosen)) == [ids[5], ids[0]]
    with pytest.raises(LibraryError, match="No paper with id 9999"):
        select_ids(lib, ExportSource(ids=(ids[0], 9999)))


def test_a_search_exports_its_results_by_id(lib, ids):
    edits.add_tags(lib, [ids[3], ids[1]], ["pick"])
    trash.move_to_trash(lib, [ids[0]])
    assert select_ids(lib, ExportSource(query="tag:pick")) == [ids[1], ids[3]]
    assert select_ids(lib, ExportSource()) == ids[1:]
    with pytest.raises(LibraryError, match="Cannot read the search at character 6"):
        select_ids(lib, ExportSource(query="year:("))


def test_only_one_source_at_a_time():
    with pytest.raises(ValueError, match="not several"):
        ExportSource(list_name="a", query="b")


def test_papers_become_entries_with_every_field(seeded):
    edits.add_tags(seeded, [2], ["speech", "asr"])
    edits.set_note(seeded, 2, "My note")
    [entry] = load_entries(seeded, [2])
    assert entry.title.startswith("Integrating Symbolic Natural Language Understanding")
    assert entry.authors == ["Kexin Zhao", "Ken Forbus"]
    assert (entry.tags, entry.note, entry.status) == (["asr", "speech"], "My note", "unread")
    assert entry.key == "zhao2025integrating"


def test_keys_are_the_same_whatever_else_is_exported(lib):
    twins = [
        record("Deep Nets", authors=["Ada Lovelace"], date="2020-01-01"),
        record("Deep Nets Again", authors=["Ada Lovelace"], date="2020-05-01"),
        record("Deep Nets Once More", authors=["Ada Lovelace"], date="2020-06-01"),
    ]
    first, second, third = import_records(lib, twins).new_ids
    alone = load_entries(lib, [third])
    together = load_entries(lib, [third, first])
    assert alone[0].key == together[0].key == "lovelace2020deepb"
    assert together[1].key == "lovelace2020deep"
    trash.move_to_trash(lib, [second])  # a paper in the Trash keeps its key, and others theirs
    assert load_entries(lib, [third])[0].key == "lovelace2020deepb"


def test_the_seed_library_exports_in_every_format(seeded):
    for name in ("bibtex", "ris", "csljson", "csv", "markdown", "html"):
        text, count = export_text(seeded, ExportSource(), name, include=["abstract", "notes"])
        assert count == 80 and text, name


def test_a_list_export_has_the_list_name_and_description(lib, ids, queue):
    text, count = export_text(lib, ExportSource(list_name="QUEUE"), "markdown")
    assert count == 3
    assert text.startswith("# Reading list: Queue\n\nPapers to read \\*next\\*\n")
    text, _count = export_text(lib, ExportSource(list_name="queue"), "html", title="Mine")
    assert "<title>Mine</title>" in text


def test_progress_counts_reading_and_writing(lib, ids):
    seen = []
    export_text(
        lib, ExportSource(), "ris", progress=lambda done, total: seen.append((done, total)) or True
    )
    assert seen == [(6, 12), (12, 12)]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_export_to_file_writes_the_whole_file(lib, ids, out: Path):
    target = out / "out.bib"
    assert export_to_file(lib, ExportSource(ids=(ids[0],)), "bibtex", target) == 1
    assert target.read_text(encoding="utf-8").startswith("@misc{lovelace2020paper,")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # not a temp file's 0600
    assert [path.name for path in out.iterdir()] == ["out.bib"]


def test_a_cancelled_export_leaves_the_old_file(lib, ids, out: Path):
    target = out / "out.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(ExportCancelled):
        export_to_file(lib, ExportSource(), "csv", target, progress=lambda done, total: False)
    assert target.read_text(encoding="utf-8") == "old"
    assert [path.name for path in out.iterdir()] == ["out.csv"]


def test_an_unwritable_target_is_a_clear_error_and_leaves_nothing(lib, ids, out: Path):
    with pytest.raises(LibraryError, match=r"Cannot write .*missing"):
        export_to_file(lib, ExportSource(), "csv", out / "missing" / "out.csv")
    (out / "folder.csv").mkdir()
    with pytest.raises(LibraryError, match="Cannot write"):
        export_to_file(lib, ExportSource(), "csv", out / "folder.csv")
    assert [path.name for path in out.iterdir()] == ["folder.csv"]
