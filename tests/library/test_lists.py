"""Reading lists: ordered, dense positions, every change undone through set_list_order."""

from __future__ import annotations

import pytest

from desktop.library import lists, trash
from desktop.library.papers import get_paper
from desktop.library.store import LibraryError
from desktop.library.views import Scope, find_ids
from tests.library.helpers import import_records, record


@pytest.fixture
def ids(lib):
    return import_records(lib, [record(f"Paper {n}") for n in range(6)]).new_ids


@pytest.fixture
def queue(lib):
    return lists.create_list(lib, "Queue", "to read next")[1]


def positions(lib, list_id):
    rows = lib.db.execute(
        "SELECT position FROM reading_list_items WHERE list_id = ? ORDER BY position", [list_id]
    )
    return [row[0] for row in rows]


def assert_order(lib, list_id, expected):
    assert lists.list_order(lib, list_id) == expected
    assert positions(lib, list_id) == list(range(len(expected)))  # dense, no gaps
    assert lib.db.execute("PRAGMA foreign_key_check").fetchall() == []


def snapshot(lib):
    return (
        lib.db.execute("SELECT * FROM reading_lists ORDER BY id").fetchall(),
        lib.db.execute("SELECT * FROM reading_list_items ORDER BY 1, 3").fetchall(),
    )


def test_create_and_find_a_list_by_name(lib, queue):
    assert lists.list_id(lib, "queue") == lists.list_id(lib, "  Queue ") == queue
    assert lists.list_id(lib, "Elsewhere") is None
    changes, later = lists.create_list(lib, "  Read   later ")
    assert changes.lists
    assert lists.list_id(lib, "read later") == later


def test_bad_or_taken_names_are_refused(lib, queue):
    before = snapshot(lib)
    with pytest.raises(LibraryError, match="already a reading list named 'Queue'"):
        lists.create_list(lib, "QUEUE")
    with pytest.raises(LibraryError, match="needs a name"):
        lists.create_list(lib, "  ")
    with pytest.raises(LibraryError, match="at most 100 characters"):
        lists.create_list(lib, "x" * 101)
    with pytest.raises(LibraryError, match="no reading list with id 999"):
        lists.rename_list(lib, 999, "Other")
    assert snapshot(lib) == before


def test_add_appends_in_order_skipping_members_and_undoes(lib, ids, queue):
    lists.add_to_list(lib, queue, [ids[3], ids[1]])
    before = lists.list_order(lib, queue)
    changes, added = lists.add_to_list(lib, queue, [ids[0], ids[1], ids[0], ids[5]])
    assert added == [ids[0], ids[5]]
    assert changes.paper_ids == frozenset(added) and changes.lists and changes.membership
    assert_order(lib, queue, [ids[3], ids[1], ids[0], ids[5]])
    assert get_paper(lib, ids[0]).lists == ["Queue"]

    lists.set_list_order(lib, queue, before)  # undo
    assert_order(lib, queue, [ids[3], ids[1]])


def test_adding_only_members_changes_nothing(lib, ids, queue):
    lists.add_to_list(lib, queue, ids[:2])
    changes, added = lists.add_to_list(lib, queue, ids[:2])
    assert (added, changes.membership, changes.paper_ids) == ([], False, frozenset())


def test_adding_an_unknown_paper_is_refused_and_changes_nothing(lib, ids, queue):
    with pytest.raises(LibraryError, match="No paper with id 999"):
        lists.add_to_list(lib, queue, [ids[0], 999])
    assert lists.list_order(lib, queue) == []


def test_remove_closes_up_and_undoes(lib, ids, queue):
    lists.add_to_list(lib, queue, ids)
    before = lists.list_order(lib, queue)
    changes, removed = lists.remove_from_list(lib, queue, [ids[4], ids[1], ids[1]])
    assert removed == [ids[1], ids[4]]
    assert changes.membership and ids[1] in changes.paper_ids
    assert_order(lib, queue, [ids[0], ids[2], ids[3], ids[5]])

    lists.set_list_order(lib, queue, before)  # undo
    assert_order(lib, queue, ids)


@pytest.mark.parametrize(
    ("moving", "to_index", "expected"),
    [
        ([4], 0, [4, 0, 1, 2, 3, 5]),
        ([0], 5, [1, 2, 3, 4, 5, 0]),
        ([0], 99, [1, 2, 3, 4, 5, 0]),
        ([0], -3, [0, 1, 2, 3, 4, 5]),
        ([5, 1], 2, [0, 2, 1, 5, 3, 4]),  # list order kept, the first lands at 2
        ([2, 3], 1, [0, 2, 3, 1, 4, 5]),
    ],
)
def test_move_lands_the_first_at_the_index(lib, ids, queue, moving, to_index, expected):
    lists.add_to_list(lib, queue, ids)
    changes, before = lists.move_in_list(lib, queue, [ids[n] for n in moving], to_index)
    assert_order(lib, queue, [ids[n] for n in expected])
    assert changes.membership == (expected != list(range(6)))

    lists.set_list_order(lib, queue, before)  # undo
    assert_order(lib, queue, ids)


def test_moving_a_paper_not_on_the_list_is_refused(lib, ids, queue):
    lists.add_to_list(lib, queue, ids[:3])
    with pytest.raises(LibraryError, match=f"Paper {ids[4]} is not on the reading list 'Queue'"):
        lists.move_in_list(lib, queue, [ids[0], ids[4]], 2)
    assert_order(lib, queue, ids[:3])


def test_set_list_order_sets_exact_membership_and_order(lib, ids, queue):
    lists.add_to_list(lib, queue, ids[:4])
    changes, before = lists.set_list_order(lib, queue, [ids[5], ids[2], ids[0], ids[5]])
    assert before == ids[:4]
    assert_order(lib, queue, [ids[5], ids[2], ids[0]])
    # ids[0] and ids[2] moved, ids[1] and ids[3] left, ids[5] joined
    assert changes.paper_ids == {ids[0], ids[1], ids[2], ids[3], ids[5]}
    assert lists.set_list_order(lib, queue, [ids[5], ids[2], ids[0]])[0].paper_ids == set()


def test_rename_and_describe_return_what_they_replaced(lib, ids, queue):
    lists.add_to_list(lib, queue, ids[:1])
    changes, old_name = lists.rename_list(lib, queue, "Next up")
    assert (old_name, changes.lists, changes.paper_ids) == ("Queue", True, {ids[0]})
    assert get_paper(lib, ids[0]).lists == ["Next up"]
    assert lists.rename_list(lib, queue, "NEXT UP")[1] == "Next up"  # case only: allowed
    _changes, old_text = lists.describe_list(lib, queue, "  for the weekend ")
    assert old_text == "to read next"
    lists.rename_list(lib, queue, old_name)
    lists.describe_list(lib, queue, old_text)
    _c, other = lists.create_list(lib, "Other")
    with pytest.raises(LibraryError, match="already a reading list named 'Queue'"):
        lists.rename_list(lib, other, "queue")
    rows = lib.db.execute("SELECT name, description FROM reading_lists ORDER BY id").fetchall()
    assert rows == [("Queue", "to read next"), ("Other", "")]


def test_delete_and_restore_bring_back_the_list_exactly(lib, ids, queue):
    lists.add_to_list(lib, queue, [ids[2], ids[0], ids[4]])
    before = snapshot(lib)
    changes, deleted = lists.delete_list(lib, queue)
    assert changes.lists and changes.paper_ids == {ids[0], ids[2], ids[4]}
    assert lists.list_id(lib, "Queue") is None
    assert get_paper(lib, ids[0]).lists == []

    _changes, restored = lists.restore_list(lib, deleted)
    assert restored == queue
    assert snapshot(lib) == before
    assert find_ids(lib, scope=Scope("list", restored), sort="position") == [ids[2], ids[0], ids[4]]


def test_restore_refuses_a_taken_name_and_skips_papers_gone_for_good(lib, ids, queue):
    lists.add_to_list(lib, queue, [ids[2], ids[0], ids[4]])
    _changes, deleted = lists.delete_list(lib, queue)
    _c, clash = lists.create_list(lib, "queue")
    with pytest.raises(LibraryError, match="already a reading list named 'queue'"):
        lists.restore_list(lib, deleted)
    lists.delete_list(lib, clash)
    trash.move_to_trash(lib, [ids[0]])
    trash.empty_trash(lib)

    _changes, restored = lists.restore_list(lib, deleted)
    assert_order(lib, restored, [ids[2], ids[4]])


def test_trashed_papers_keep_their_place_but_leave_the_view(lib, ids, queue):
    lists.add_to_list(lib, queue, ids[:3])
    trash.move_to_trash(lib, [ids[1]])
    assert lists.list_order(lib, queue) == ids[:3]
    assert find_ids(lib, scope=Scope("list", queue), sort="position") == [ids[0], ids[2]]
    trash.empty_trash(lib)
    assert_order(lib, queue, [ids[0], ids[2]])


def test_moving_within_a_long_list_keeps_it_whole_and_dense(lib, queue):
    import_records(lib, [record(f"Paper {n}") for n in range(3000)])
    all_ids = find_ids(lib)
    lists.add_to_list(lib, queue, all_ids)
    changes, before = lists.move_in_list(lib, queue, all_ids[-10:], 0)
    assert before == all_ids
    assert len(changes.paper_ids) == 3000  # every item shifted by ten places
    assert_order(lib, queue, all_ids[-10:] + all_ids[:-10])
