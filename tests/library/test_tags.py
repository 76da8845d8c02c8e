"""Managing tags: rename, merge, colour, delete; each undone exactly by its return value."""

from __future__ import annotations

import pytest

from desktop.library import edits, tags, trash
from desktop.library.integrity import count_mismatches, fts_mismatches
from desktop.library.papers import get_paper
from desktop.library.store import LibraryError
from desktop.library.views import find_ids
from tests.library.helpers import import_records, record


@pytest.fixture
def ids(lib):
    ids = import_records(lib, [record("Alpha"), record("Beta"), record("Gamma")]).new_ids
    edits.add_tags(lib, ids[:2], ["ml"])
    edits.add_tags(lib, ids[1:], ["Deep Learning"])
    edits.add_tags(lib, ids[2:], ["nlp"])
    tags.set_tag_color(lib, "ml", "#AA00ff")
    return ids


def snapshot(lib):
    """Everything about tags a user could notice, ids included."""
    return (
        lib.db.execute("SELECT id, name, color FROM tags ORDER BY id").fetchall(),
        lib.db.execute("SELECT paper_id, tag_id FROM paper_tags ORDER BY 1, 2").fetchall(),
    )


def assert_consistent(lib):
    assert fts_mismatches(lib) == []
    assert count_mismatches(lib) == []
    assert lib.db.execute("PRAGMA foreign_key_check").fetchall() == []


def tags_of(lib, ids):
    return [get_paper(lib, paper_id).tags for paper_id in ids]


def test_tag_names_sort_without_case(lib, ids):
    assert tags.tag_names(lib) == ["Deep Learning", "ml", "nlp"]


def test_rename_is_searchable_and_undone_by_renaming_back(lib, ids):
    before = snapshot(lib)
    changes, old = tags.rename_tag(lib, "deep learning", "  DL  ")
    assert old == "Deep Learning"
    assert changes.paper_ids == frozenset(ids[1:]) and changes.tags and changes.membership
    assert find_ids(lib, "tag:DL") == ids[1:]
    assert tags_of(lib, ids) == [["ml"], ["DL", "ml"], ["DL", "nlp"]]
    assert_consistent(lib)

    tags.rename_tag(lib, "DL", old)
    assert snapshot(lib) == before
    assert_consistent(lib)


def test_a_case_only_rename_is_allowed(lib, ids):
    _changes, old = tags.rename_tag(lib, "ml", "ML")
    assert old == "ml"
    assert tags.tag_names(lib) == ["Deep Learning", "ML", "nlp"]
    assert tags.rename_tag(lib, "ML", "ML")[0].paper_ids == frozenset()


def test_renaming_onto_another_tag_suggests_a_merge_and_changes_nothing(lib, ids):
    before = snapshot(lib)
    with pytest.raises(LibraryError, match=r"already a tag named 'nlp'. Merge 'ml' into it"):
        tags.rename_tag(lib, "ml", "NLP")
    with pytest.raises(LibraryError, match="no tag named 'robotics'"):
        tags.rename_tag(lib, "robotics", "robots")
    with pytest.raises(LibraryError, match="needs a name"):
        tags.rename_tag(lib, "ml", "   ")
    assert snapshot(lib) == before


def test_merge_into_an_existing_tag_and_unmerge(lib, ids):
    before = snapshot(lib)
    changes, merge = tags.merge_tags(lib, ["ML", "Deep Learning"], "nlp")
    assert changes.paper_ids == frozenset(ids) and changes.membership and changes.tags
    assert merge.target == "nlp" and not merge.target_created
    assert merge.added == (ids[0], ids[1])  # the third paper had nlp already
    assert tags_of(lib, ids) == [["nlp"], ["nlp"], ["nlp"]]
    assert tags.tag_names(lib) == ["nlp"]
    assert find_ids(lib, "tag:ml") == []
    assert_consistent(lib)

    tags.unmerge_tags(lib, merge)
    assert snapshot(lib) == before
    assert_consistent(lib)


def test_merge_into_a_new_tag_and_unmerge_removes_it(lib, ids):
    before = snapshot(lib)
    _changes, merge = tags.merge_tags(lib, ["ml", "nlp"], "Topics")
    assert merge.target_created
    assert tags_of(lib, ids) == [
        ["Topics"],
        ["Deep Learning", "Topics"],
        ["Deep Learning", "Topics"],
    ]
    assert find_ids(lib, "tag:topics") == ids
    assert_consistent(lib)

    tags.unmerge_tags(lib, merge)
    assert snapshot(lib) == before
    assert_consistent(lib)


def test_a_source_naming_the_target_is_ignored(lib, ids):
    _changes, merge = tags.merge_tags(lib, ["ml", "ML", "nlp"], "ml")
    assert [source.name for source in merge.sources] == ["nlp"]
    assert tags.tag_names(lib) == ["Deep Learning", "ml"]


def test_merge_refuses_unknown_sources_and_merging_a_tag_into_itself(lib, ids):
    before = snapshot(lib)
    with pytest.raises(LibraryError, match="no tag named 'vision'"):
        tags.merge_tags(lib, ["ml", "vision"], "nlp")
    with pytest.raises(LibraryError, match="other than 'ML'"):
        tags.merge_tags(lib, ["ml"], "ML")
    assert snapshot(lib) == before


def test_colour_is_validated_and_undone(lib, ids):
    assert lib.db.execute("SELECT color FROM tags WHERE name = 'ml'").fetchone()[0] == "#aa00ff"
    changes, old = tags.set_tag_color(lib, "ML", "#123456")
    assert (old, changes.tags) == ("#aa00ff", True)
    _changes, old_again = tags.set_tag_color(lib, "ml", None)
    assert old_again == "#123456"
    tags.set_tag_color(lib, "ml", old_again)
    for bad in ("red", "#12345", "#1234567", "123456", "#ggghhh"):
        with pytest.raises(LibraryError, match="#rrggbb"):
            tags.set_tag_color(lib, "ml", bad)
    assert lib.db.execute("SELECT color FROM tags WHERE name = 'ml'").fetchone()[0] == "#123456"


def test_delete_and_restore_bring_back_name_colour_links_and_id(lib, ids):
    before = snapshot(lib)
    changes, deleted = tags.delete_tag(lib, "ML")
    assert changes.paper_ids == frozenset(ids[:2]) and changes.membership
    assert (deleted.name, deleted.color, deleted.paper_ids) == ("ml", "#aa00ff", tuple(ids[:2]))
    assert tags_of(lib, ids[:1]) == [[]]
    assert find_ids(lib, "tag:ml") == []
    assert_consistent(lib)

    tags.restore_tag(lib, deleted)
    assert snapshot(lib) == before
    assert find_ids(lib, "tag:ml") == ids[:2]
    assert_consistent(lib)


def test_restore_refuses_a_name_taken_meanwhile(lib, ids):
    _changes, deleted = tags.delete_tag(lib, "ml")
    edits.add_tags(lib, ids[:1], ["ML"])
    before = snapshot(lib)
    with pytest.raises(LibraryError, match="Cannot bring back the tag 'ml'"):
        tags.restore_tag(lib, deleted)
    assert snapshot(lib) == before


def test_restore_skips_papers_deleted_for_good_meanwhile(lib, ids):
    _changes, deleted = tags.delete_tag(lib, "ml")
    trash.move_to_trash(lib, ids[:1])
    trash.empty_trash(lib)
    tags.restore_tag(lib, deleted)
    assert find_ids(lib, "tag:ml") == ids[1:2]
    assert_consistent(lib)
