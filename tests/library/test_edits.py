"""Tags, status, notes and titles: each edit says what it replaced, so it can be undone."""

from __future__ import annotations

import pytest

from desktop.library import edits
from desktop.library.integrity import fts_mismatches
from desktop.library.papers import get_paper
from desktop.library.store import LibraryError
from desktop.library.views import find_ids
from tests.library.helpers import count, import_records, record


@pytest.fixture
def ids(lib):
    return import_records(lib, [record("Alpha"), record("Beta"), record("Gamma")]).new_ids


def test_tags_are_case_insensitive_and_keep_their_first_spelling(lib, ids):
    edits.add_tags(lib, ids[:1], ["Deep  Learning"])
    changes, added = edits.add_tags(lib, ids, ["deep learning"])
    assert added == [(ids[1], "deep learning"), (ids[2], "deep learning")]
    assert changes.paper_ids == frozenset(ids[1:])
    assert count(lib, "tags") == 1
    assert get_paper(lib, ids[2]).tags == ["Deep Learning"]


def test_untag_returns_only_the_links_that_existed(lib, ids):
    edits.add_tags(lib, ids[:2], ["x"])
    _changes, removed = edits.remove_tags(lib, ids, ["X"])
    assert removed == [(ids[0], "X"), (ids[1], "X")]
    edits.add_tag_pairs(lib, removed)  # undo
    assert [get_paper(lib, i).tags for i in ids] == [["x"], ["x"], []]


def test_empty_tag_name_is_refused(lib, ids):
    with pytest.raises(LibraryError, match="needs a name"):
        edits.add_tags(lib, ids, ["   "])


def test_status_change_returns_old_statuses_for_undo(lib, ids):
    edits.set_status(lib, [ids[0]], "reading")
    changes, old = edits.set_status(lib, ids, "read")
    assert old == {ids[0]: "reading", ids[1]: "unread", ids[2]: "unread"}
    assert changes.fields == {"status"} and changes.paper_ids == set(ids)
    edits.set_statuses(lib, old)  # undo
    assert [get_paper(lib, i).status for i in ids] == ["reading", "unread", "unread"]


def test_unknown_status_and_unknown_paper_are_refused(lib, ids):
    with pytest.raises(LibraryError, match="Unknown status"):
        edits.set_status(lib, ids, "skimmed")
    with pytest.raises(LibraryError, match="No paper with id 999"):
        edits.set_status(lib, [999], "read")
    assert [get_paper(lib, i).status for i in ids] == ["unread"] * 3


def test_note_is_saved_replaced_and_removed(lib, ids):
    edits.set_note(lib, ids[0], "first")
    _changes, old = edits.set_note(lib, ids[0], "second")
    assert old == "first"
    assert find_ids(lib, "second") == [ids[0]]
    edits.set_note(lib, ids[0], "")
    assert count(lib, "notes") == 0
    assert find_ids(lib, "second") == []


def test_title_edit_is_searchable(lib, ids):
    _changes, old = edits.set_title(lib, ids[1], "  A   Better Title ")
    assert old == "Beta"
    assert get_paper(lib, ids[1]).title == "A Better Title"
    assert find_ids(lib, "better") == [ids[1]]
    edits.set_title(lib, ids[1], "")
    assert get_paper(lib, ids[1]).title is None


def test_search_index_stays_in_step_with_every_write(lib, ids):
    edits.add_tags(lib, ids, ["one", "two"])
    edits.remove_tags(lib, ids[:1], ["one"])
    edits.set_note(lib, ids[2], "notes are indexed")
    edits.set_title(lib, ids[0], "Renamed")
    lib.db.execute("UPDATE tags SET name = 'uno' WHERE name = 'one'")
    lib.db.execute("DELETE FROM papers WHERE id = ?", [ids[1]])
    assert fts_mismatches(lib) == []
    assert find_ids(lib, "tag:uno") == [ids[2]]
