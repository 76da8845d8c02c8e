"""Merging duplicates: the richest fields, the union of the rest, no note lost, exact undo."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.cli import main
from desktop.library import edits, lists, trash
from desktop.library.duplicates import find_duplicates
from desktop.library.importing import import_bytes
from desktop.library.integrity import count_mismatches
from desktop.library.merging import NOTE_SEPARATOR, join_notes, merge_papers, richest_paper, unmerge
from desktop.library.papers import get_paper, get_papers
from desktop.library.sidebar import sidebar_counts
from desktop.library.store import Library, LibraryError, LibraryReadOnly, open_library
from tests.conftest import IMPORT_DAY
from tests.library.helpers import count

# The same papers from two reference managers: the BibTeX file knows the DOI, venue and
# a third author; the RIS file the abstract, another keyword and another note. Without a
# shared identifier, and with titles that differ a little, the import cannot tell they
# are the same; the duplicates check can (similar titles, same first author and year).
BIB = r"""
@article{smith2020,
  author = {Smith, Anna and Jones, Bo and Brown, Cy},
  title = {Sparse {Transformers} for Speech},
  journal = {Journal of Speech}, year = {2020}, volume = {12}, pages = {1--10},
  doi = {10.1000/speech.2020.1}, keywords = {speech, transformers},
  comment = {Good baseline.},
}
@inproceedings{lee2021,
  author = {Lee, Chen},
  title = {Dense Retrieval at Scale},
  booktitle = {Proc. SIGIR}, year = {2021},
}
@misc{solo2019, author = {Solo, Han}, title = {Only in the BibTeX File}, year = {2019}}
"""
RIS = """TY  - JOUR
AU  - Smith, Anna
AU  - Jones, Bo
TI  - Sparse transformer for speech
PY  - 2020
AB  - We prune transformers for speech recognition and keep their accuracy.
KW  - pruning
UR  - https://github.com/asmith/sparse-speech
N1  - Check table 3.
ER  -

TY  - CONF
AU  - Lee, Chen
TI  - Dense Retrievals at Scale
PY  - 2021
UR  - https://example.org/papers/dense
ER  -
"""


def import_both(lib: Library) -> list[int]:
    """Import both files; the ids are [bib 1, bib 2, bib 3, ris 1, ris 2]."""
    first = import_bytes(lib, BIB.encode(), name="refs.bib", today=IMPORT_DAY)
    second = import_bytes(lib, RIS.encode(), name="refs.ris", today=IMPORT_DAY)
    assert (first.added, second.added) == (3, 2)
    return first.new_ids + second.new_ids


def dump(lib: Library) -> dict[str, list[tuple]]:
    """Every row of every table (the search index by its rows, not its storage)."""
    names = lib.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"
    ).fetchall()
    rows = {name: lib.db.execute(f"SELECT * FROM {name}").fetchall() for (name,) in names}
    for index in ("papers_fts", "tags_fts"):
        rows[index] = lib.db.execute(f"SELECT rowid, * FROM {index}").fetchall()
    return {name: sorted(found, key=repr) for name, found in rows.items()}


def test_the_two_files_make_two_groups(lib: Library) -> None:
    bib1, bib2, _bib3, ris1, ris2 = import_both(lib)
    assert [group.ids for group in find_duplicates(lib)] == [[bib1, ris1], [bib2, ris2]]


def test_the_kept_paper_gets_the_richest_fields_and_the_union(lib: Library) -> None:
    bib1, bib2, _bib3, ris1, ris2 = import_both(lib)
    edits.set_status(lib, [ris1], "reading")
    lib.db.execute("UPDATE papers SET added = '2001-01-01T00:00:00+00:00' WHERE id = ?", [ris1])

    changes, _record = merge_papers(lib, bib1, [ris1])

    paper = get_paper(lib, bib1)
    assert paper is not None
    assert paper.title == "Sparse Transformers for Speech"  # the longer title
    assert paper.authors == ["Anna Smith", "Bo Jones", "Cy Brown"]
    assert paper.abstract.startswith("We prune transformers")
    assert (paper.venue, paper.volume, paper.doi) == (
        "Journal of Speech",
        "12",
        "10.1000/speech.2020.1",
    )
    assert paper.tags == ["pruning", "speech", "transformers"]
    assert paper.note == f"Good baseline.{NOTE_SEPARATOR}Check table 3."
    assert paper.sources == ["refs.bib", "refs.ris"]
    assert (paper.code_urls, paper.has_code) == (["https://github.com/asmith/sparse-speech"], True)
    assert (paper.status, paper.added) == ("reading", "2001-01-01T00:00:00+00:00")
    assert get_paper(lib, ris1).deleted is not None  # type: ignore[union-attr]
    assert changes.paper_ids == {bib1, ris1} and changes.membership
    assert [group.ids for group in find_duplicates(lib)] == [[bib2, ris2]]


def test_keeping_the_poorer_paper_fills_it_from_the_richer(lib: Library) -> None:
    bib1, _bib2, _bib3, ris1, _ris2 = import_both(lib)
    merge_papers(lib, ris1, [bib1])
    paper = get_paper(lib, ris1)
    assert paper is not None
    assert paper.authors == ["Anna Smith", "Bo Jones", "Cy Brown"]
    assert (paper.venue, paper.pages, paper.doi) == (
        "Journal of Speech",
        "1\u201310",
        "10.1000/speech.2020.1",
    )
    assert paper.note == f"Check table 3.{NOTE_SEPARATOR}Good baseline."
    assert paper.title == "Sparse Transformers for Speech"  # the longer title, not the kept


def test_the_richest_paper_is_offered_to_keep(lib: Library) -> None:
    bib1, bib2, _bib3, ris1, ris2 = import_both(lib)
    assert richest_paper(get_papers(lib, [ris1, bib1])) == bib1
    assert richest_paper(get_papers(lib, [bib2, ris2])) == bib2  # a tie: the older one


def test_twice_imported_papers_merge_and_importing_both_files_again_adds_nothing(
    lib: Library,
) -> None:
    import_both(lib)
    for group in find_duplicates(lib):
        merge_papers(lib, group.ids[0], group.ids[1:])
    assert find_duplicates(lib) == []
    papers = count(lib, "papers")

    again = [
        import_bytes(lib, text.encode(), name=name, today=IMPORT_DAY)
        for name, text in (("copy.bib", BIB), ("copy.ris", RIS))
    ]

    assert [(report.added, report.present) for report in again] == [(0, 3), (0, 2)]
    assert count(lib, "papers") == papers
    assert sidebar_counts(lib).total == 3
    assert find_duplicates(lib) == []


def test_lists_the_kept_paper_takes_the_place_of_the_other(lib: Library) -> None:
    bib1, bib2, bib3, ris1, _ris2 = import_both(lib)
    _, queue = lists.create_list(lib, "Queue")
    lists.add_to_list(lib, queue, [bib3, ris1, bib2])
    _, done = lists.create_list(lib, "Done")
    lists.add_to_list(lib, done, [bib1, bib3, ris1])

    merge_papers(lib, bib1, [ris1])

    assert lists.list_order(lib, queue) == [bib3, ris1, bib1, bib2]
    assert lists.list_order(lib, done) == [bib1, bib3, ris1]  # already there: it stays
    counts = {entry.name: entry.total for entry in sidebar_counts(lib).lists}
    assert counts == {"Done": 2, "Queue": 3}
    assert get_paper(lib, bib1).lists == ["Done", "Queue"]  # type: ignore[union-attr]


@pytest.mark.parametrize("keep", [0, 3], ids=["keep-bibtex", "keep-ris"])
def test_unmerge_restores_every_row(lib: Library, keep: int) -> None:
    ids = import_both(lib)
    bib1, _bib2, bib3, ris1, _ris2 = ids
    _, queue = lists.create_list(lib, "Queue")
    lists.add_to_list(lib, queue, [bib3, ris1])
    edits.set_status(lib, [ris1], "read")
    edits.add_tags(lib, [bib1], ["mine"])
    before = dump(lib)

    keep_id = ids[keep]
    _changes, record = merge_papers(lib, keep_id, [bib1, ris1])
    assert dump(lib) != before
    assert count_mismatches(lib) == []  # the sidebar's kept counts followed the merge
    changes = unmerge(lib, record)

    assert dump(lib) == before
    assert changes.paper_ids == {bib1, ris1}
    # FTS5's own check: the index agrees with what the triggers wrote
    for index in ("papers_fts", "tags_fts"):
        lib.db.execute(f"INSERT INTO {index} ({index}) VALUES ('integrity-check')")


def test_three_papers_merge_into_one(lib: Library) -> None:
    bib1, _bib2, bib3, ris1, _ris2 = import_both(lib)
    edits.set_note(lib, bib3, "Third note.")
    before = dump(lib)
    _changes, record = merge_papers(lib, bib3, [bib1, ris1, bib1])
    note = get_paper(lib, bib3).note  # type: ignore[union-attr]
    assert note.split(NOTE_SEPARATOR) == ["Third note.", "Good baseline.", "Check table 3."]
    assert record.other_ids == (bib1, ris1)
    unmerge(lib, record)
    assert dump(lib) == before


def test_merging_again_after_undo_gives_the_same_paper(lib: Library) -> None:
    bib1, _bib2, _bib3, ris1, _ris2 = import_both(lib)
    _changes, record = merge_papers(lib, bib1, [ris1])
    merged = get_paper(lib, bib1)
    unmerge(lib, record)
    merge_papers(lib, bib1, [ris1])
    assert get_paper(lib, bib1) == merged


def test_what_cannot_be_merged_changes_nothing(lib: Library) -> None:
    bib1, bib2, _bib3, ris1, _ris2 = import_both(lib)
    before = dump(lib)
    trash.move_to_trash(lib, [bib2])
    with pytest.raises(LibraryError, match="in the Trash"):
        merge_papers(lib, bib1, [ris1, bib2])
    with pytest.raises(LibraryError, match="No paper with id 999"):
        merge_papers(lib, bib1, [999])
    with pytest.raises(LibraryError, match="at least one other"):
        merge_papers(lib, bib1, [bib1])
    trash.restore_from_trash(lib, [bib2])
    assert dump(lib) == before


def test_undo_after_the_trash_was_emptied_is_refused(lib: Library) -> None:
    bib1, _bib2, _bib3, ris1, _ris2 = import_both(lib)
    _changes, record = merge_papers(lib, bib1, [ris1])
    trash.empty_trash(lib)
    with pytest.raises(LibraryError, match=f"No paper with id {ris1}"):
        unmerge(lib, record)


def test_a_read_only_library_refuses(lib: Library) -> None:
    bib1, _bib2, _bib3, ris1, _ris2 = import_both(lib)
    reader = open_library(lib.path, read_only=True)
    try:
        with pytest.raises(LibraryReadOnly):
            merge_papers(reader, bib1, [ris1])
    finally:
        reader.close()


@given(kept=st.text(max_size=40), others=st.lists(st.text(max_size=40), max_size=3))
def test_joined_notes_lose_no_text(kept: str, others: list[str]) -> None:
    joined = join_notes(kept, others)
    for note in [kept, *others]:
        assert note.strip() in joined
    if not any(note.strip() for note in others):
        assert joined == kept


def test_merge_command(lib: Library, capsys) -> None:
    bib1, _bib2, _bib3, ris1, _ris2 = import_both(lib)
    assert main(["--library", str(lib.path), "merge", str(bib1), str(ris1)]) == 0
    assert capsys.readouterr().out == f"Merged {ris1} into {bib1}; {ris1} is in the Trash.\n"
    assert get_paper(lib, bib1).sources == ["refs.bib", "refs.ris"]  # type: ignore[union-attr]
    assert main(["--library", str(lib.path), "merge", str(bib1), str(ris1)]) == 1
    assert "in the Trash" in capsys.readouterr().err


def test_the_merged_paper_keeps_the_most_precise_date(lib: Library) -> None:
    bib = "@article{a, title = {Precise Dates}, author = {Ng, Andrew}, year = {2020}}\n"
    # a title close enough for the duplicates check, not the same for the import
    ris = "TY  - JOUR\nAU  - Ng, Andrew\nTI  - Precise date\nDA  - 2020/05/17\nER  - \n"
    [year_only] = import_bytes(lib, bib.encode(), name="a.bib", today=IMPORT_DAY).new_ids
    [full] = import_bytes(lib, ris.encode(), name="b.ris", today=IMPORT_DAY).new_ids
    merge_papers(lib, year_only, [full])
    assert get_paper(lib, year_only).date == "2020-05-17"  # type: ignore[union-attr]
