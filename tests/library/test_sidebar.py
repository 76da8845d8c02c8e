"""Sidebar counts: they move with every edit and leave the Trash out."""

from __future__ import annotations

from desktop.library import edits, lists, tags, trash
from desktop.library.sidebar import ListCount, SourceCount, TagCount, sidebar_counts
from desktop.library.views import find_ids
from tests.library.helpers import import_records, record


def test_an_empty_library_counts_zero_everywhere(lib):
    counts = sidebar_counts(lib)
    assert counts.total == 0
    assert counts.by_status == {"unread": 0, "reading": 0, "read": 0}
    assert (counts.tags, counts.lists, counts.categories, counts.sources) == ([], [], [], [])
    assert counts.trash == 0


def test_counts_follow_edits_and_leave_the_trash_out(lib):
    ids = import_records(
        lib,
        [record("A", category="LG"), record("B", category="CV"), record("C", category="LG")],
    ).new_ids
    edits.set_status(lib, ids[:1], "read")
    edits.add_tags(lib, ids, ["ml"])
    _changes, queue = lists.create_list(lib, "Queue", "to read")
    lists.add_to_list(lib, queue, ids)

    before = sidebar_counts(lib)
    assert before.total == 3
    assert before.by_status == {"unread": 2, "reading": 0, "read": 1}
    assert before.categories == [("CV", 1), ("LG", 2)]
    assert before.lists == [ListCount(queue, "Queue", "to read", unread=2, total=3)]

    trash.move_to_trash(lib, [ids[1], ids[2]])

    after = sidebar_counts(lib)
    assert (after.total, after.trash) == (1, 2)
    assert after.by_status == {"unread": 0, "reading": 0, "read": 1}
    assert after.categories == [("LG", 1)]
    assert [(t.name, t.count) for t in after.tags] == [("ml", 1)]
    assert after.lists == [ListCount(queue, "Queue", "to read", unread=0, total=1)]
    assert [s.count for s in after.sources] == [1]


def test_tags_sort_without_case_and_unused_tags_still_show(lib):
    ids = import_records(lib, [record("A"), record("B")]).new_ids
    edits.add_tags(lib, ids, ["beta"])
    edits.add_tags(lib, ids[:1], ["Alpha", "gamma"])
    tags.set_tag_color(lib, "gamma", "#112233")
    edits.remove_tags(lib, ids, ["gamma"])

    counts = sidebar_counts(lib)

    assert [(t.name, t.color, t.count) for t in counts.tags] == [
        ("Alpha", None, 1),
        ("beta", None, 2),
        ("gamma", "#112233", 0),
    ]
    assert all(isinstance(t, TagCount) for t in counts.tags)


def test_lists_sort_by_name_and_empty_lists_count_zero(lib):
    (paper_id,) = import_records(lib, [record("A")]).new_ids
    _c, zeta = lists.create_list(lib, "zeta")
    _c, alpha = lists.create_list(lib, "Alpha")
    lists.add_to_list(lib, zeta, [paper_id])
    assert sidebar_counts(lib).lists == [
        ListCount(alpha, "Alpha", "", unread=0, total=0),
        ListCount(zeta, "zeta", "", unread=1, total=1),
    ]


def test_sources_in_import_order_with_their_papers(lib):
    first = import_records(lib, [record("A"), record("B")], name="zz-first.txt")
    second = import_records(lib, [record("B"), record("C")], name="aa-second.txt")
    assert sidebar_counts(lib).sources == [
        SourceCount(first.source_id, "zz-first.txt", "compact", None, 2),
        SourceCount(second.source_id, "aa-second.txt", "compact", None, 2),
    ]


def test_seeded_library_counts_agree_with_the_views(seeded):
    counts = sidebar_counts(seeded)
    assert counts.total == len(find_ids(seeded)) > 0
    assert sum(counts.by_status.values()) == counts.total
    assert sum(n for _code, n in counts.categories) <= counts.total
    assert [code for code, _n in counts.categories] == sorted(c for c, _n in counts.categories)
    assert sum(s.count for s in counts.sources) >= counts.total
    profiles = [s.profile_name for s in counts.sources if s.format == "profile"]
    assert all(profiles)


def test_counting_is_a_handful_of_queries_however_many_tags(lib):
    ids = import_records(lib, [record(f"P{n}") for n in range(50)]).new_ids
    for n, paper_id in enumerate(ids):
        edits.add_tags(lib, [paper_id], [f"tag {n}"])
    sent: list[str] = []
    lib.db.conn.set_trace_callback(sent.append)
    counts = sidebar_counts(lib)
    lib.db.conn.set_trace_callback(None)
    assert len(counts.tags) == 50
    assert len(sent) <= 6
