"""The sidebar's counts kept by triggers always equal counting the papers afresh."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.library import edits, tags, trash
from desktop.library.integrity import check_library, count_mismatches
from desktop.library.sidebar import sidebar_counts
from desktop.library.store import open_library
from desktop.library.views import Scope, find_ids
from tests.library.helpers import import_records, record

TAGS = ["ml", "nlp", "vision"]
PAPERS = 6

# One step: (what, which papers by position, a tag or status)
steps = st.tuples(
    st.sampled_from(
        ["tag", "untag", "status", "trash", "restore", "empty", "import", "merge", "delete_tag"]
    ),
    st.lists(st.integers(0, PAPERS - 1), max_size=4),
    st.sampled_from(TAGS),
    st.sampled_from(["unread", "reading", "read"]),
)


def _apply(lib, step, imported: list[int]) -> None:
    what, positions, tag, status = step
    existing = set(find_ids(lib)) | set(find_ids(lib, scope=Scope("trash")))
    ids = sorted({imported[p % len(imported)] for p in positions} & existing)
    if what == "tag" and ids:
        edits.add_tags(lib, ids, [tag])
    elif what == "untag" and ids:
        edits.remove_tags(lib, ids, [tag])
    elif what == "status" and ids:
        edits.set_status(lib, ids, status)
    elif what == "trash" and ids:
        trash.move_to_trash(lib, ids)
    elif what == "restore" and ids:
        trash.restore_from_trash(lib, ids)
    elif what == "empty":
        trash.empty_trash(lib)
    elif what == "import":
        name = f"file{len(imported)}.txt"
        papers = [record(f"Paper {n}", category=["LG", "CL"][n % 2]) for n in range(3)]
        imported += import_records(lib, papers, name=name).new_ids
    elif what == "merge" and tag in tags.tag_names(lib):
        others = [name for name in tags.tag_names(lib) if name != tag]
        if others:
            tags.merge_tags(lib, others[:1], tag)
    elif what == "delete_tag" and tag in tags.tag_names(lib):
        tags.delete_tag(lib, tag)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(steps, max_size=25))
def test_kept_counts_match_a_fresh_count_after_any_edits(sequence):
    with tempfile.TemporaryDirectory() as folder:
        lib = open_library(Path(folder) / "lib.sqlite", daily_backup=False)
        try:
            papers = [record(f"Paper {n}", category=["LG", "CV", ""][n % 3]) for n in range(PAPERS)]
            imported = import_records(lib, papers).new_ids
            for step in sequence:
                _apply(lib, step, imported)
                assert count_mismatches(lib) == []
        finally:
            lib.close()


def test_the_check_counts_afresh_counts_that_disagree(lib):
    ids = import_records(lib, [record(f"P{n}") for n in range(4)]).new_ids
    edits.add_tags(lib, ids[:3], ["ml"])
    lib.db.execute("UPDATE tags SET papers = 99")
    lib.db.execute("UPDATE paper_counts SET n = n + 5 WHERE kind = 'status'")
    assert sidebar_counts(lib).tags[0].count == 99
    report = check_library(lib)
    assert report.recounted and report.sound
    assert any("sidebar's counts disagreed" in line for line in report.lines)
    counts = sidebar_counts(lib)
    assert counts.tags[0].count == 3 and counts.by_status["unread"] == 4
