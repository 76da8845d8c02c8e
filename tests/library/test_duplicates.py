"""Finding probable duplicates: identifiers, same titles, close titles; never title alone."""

from __future__ import annotations

from desktop.cli import main
from desktop.library import edits
from desktop.library.duplicates import find_duplicates
from desktop.library.store import Library
from tests.library.helpers import import_records, record


def _library(lib: Library) -> list[int]:
    """Papers the import keeps apart (their titles differ); then one is given its real title.

    A paper with the same title, first author and year as one in the library is recognised
    by the import itself; in a library they come together when a title is typed later.
    """
    records = [
        record("Deep Nets for Speech", date="2020-01-01"),
        record("Deep nets (draft)", "Other words.", date="2020-05-01", bibliographic=True),
        record("Deep Nets for Speeches", "More words.", date="2020-01-01", volume="2"),
        record("Deep Nets for Speech", "Later.", date="2021-01-01", bibliographic=True),
        record("Editorial", date="2020-01-01", volume="1", bibliographic=True),
        record("Editorial", "Next issue.", date="2020-01-01", volume="2", bibliographic=True),
        record("Unrelated", date="2019-01-01"),
        record("Also unrelated", date="2018-01-01", authors=["Grace Hopper"]),
    ]
    ids = import_records(lib, records).new_ids
    assert len(ids) == len(records)
    edits.set_title(lib, ids[1], "Deep nets for speech.")
    return ids


def test_groups_and_their_evidence(lib: Library) -> None:
    ids = _library(lib)
    lib.db.execute("UPDATE papers SET doi = '10.1/x' WHERE id IN (?, ?)", [ids[6], ids[7]])
    groups = find_duplicates(lib)
    assert [group.ids for group in groups] == [[ids[0], ids[1], ids[2]], [ids[6], ids[7]]]
    first, second = groups
    assert any(text.startswith("same title, first author and year") for text in first.evidence)
    assert any(text.startswith("similar titles") for text in first.evidence)
    assert second.evidence == [f"same DOI 10.1/x: {ids[6]}, {ids[7]}"]


def test_papers_in_the_trash_are_left_out(lib: Library) -> None:
    ids = _library(lib)
    lib.db.execute("UPDATE papers SET deleted = '2026-01-01' WHERE id IN (?, ?)", ids[1:3])
    assert find_duplicates(lib) == []


def test_command(lib: Library, capsys) -> None:
    ids = _library(lib)
    assert main(["--library", str(lib.path), "duplicates"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Group 1: ")
    assert f"{ids[1]:>6}  2020  Deep nets for speech." in out
