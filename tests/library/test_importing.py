"""Importing parsed listings: nothing twice, user data kept, all or nothing."""

from __future__ import annotations

import pytest

from desktop.library import edits, importing
from desktop.library.importing import ImportCancelled
from desktop.library.integrity import fts_mismatches
from desktop.library.papers import get_paper, get_papers
from desktop.library.views import find_ids
from tests.library.helpers import count, import_records, record


def test_import_stores_every_field(lib):
    rec = record(
        "Łukasz's Paper",
        "An abstract with $L_0$ math. Code: https://github.com/x/y",
        authors=["Łukasz Kaiser", "Zoë Kravitz"],
        et_al=True,
        affiliation="harvard",
        category="LG",
        date="2024-05-28",
        date_inferred=True,
        has_code=True,
        code_urls=["https://github.com/x/y"],
    )
    report = import_records(lib, [rec])
    assert (report.added, report.present, report.skipped) == (1, 0, [])
    paper = get_paper(lib, report.new_ids[0])
    assert paper.to_json() == {
        "id": report.new_ids[0],
        "title": "Łukasz's Paper",
        "authors": ["Łukasz Kaiser", "Zoë Kravitz"],
        "et_al": True,
        "affiliation": "harvard",
        "category": "LG",
        "date": "2024-05-28",
        "date_inferred": True,
        "has_code": True,
        "code_urls": ["https://github.com/x/y"],
        "abstract": "An abstract with $L_0$ math. Code: https://github.com/x/y",
        "status": "unread",
        "tags": [],
        "note": "",
        "sources": ["test.txt"],
        "lists": [],
        # a listing gives none of the bibliographic details
        **dict.fromkeys(("venue", "volume", "number", "pages", "doi", "arxiv_id", "url"), ""),
        **dict.fromkeys(("entry_type", "citation_key"), ""),
    }


def test_reimport_adds_nothing(lib):
    records = [record("One"), record("Two"), record(None, "Only an abstract.", authors=[])]
    first = import_records(lib, records)
    tables = {t: count(lib, t) for t in ("papers", "sources", "paper_sources", "authors")}
    again = import_records(lib, records)
    assert (first.added, again.added, again.present) == (3, 0, 3)
    assert {t: count(lib, t) for t in tables} == tables


def test_known_paper_keeps_user_data_and_gains_the_new_source(lib):
    [pid] = import_records(lib, [record("Attention Is All You Need")], name="a.txt").new_ids
    edits.add_tags(lib, [pid], ["transformers"])
    edits.set_status(lib, [pid], "read")
    edits.set_note(lib, pid, "Read twice.")
    lib.db.execute("INSERT INTO reading_lists (name, created) VALUES ('club', 'now')")
    lib.db.execute("INSERT INTO reading_list_items VALUES (1, ?, 0)", [pid])
    # the same paper, spelled a little differently, from another file
    report = import_records(lib, [record("attention is all you need!")], name="b.txt")
    assert (report.added, report.present) == (0, 1)
    paper = get_paper(lib, pid)
    assert paper.tags == ["transformers"]
    assert paper.status == "read"
    assert paper.note == "Read twice."
    assert paper.lists == ["club"]
    assert paper.sources == ["a.txt", "b.txt"]


def test_abstract_only_paper_is_recognised_and_gains_its_title(lib):
    abstract = "We study things carefully."
    [pid] = import_records(lib, [record(None, abstract, authors=[])]).new_ids
    report = import_records(lib, [record("Careful Things", abstract)], name="profile.txt")
    assert (report.added, report.present) == (0, 1)
    paper = get_paper(lib, pid)
    assert paper.title == "Careful Things"
    assert paper.authors == ["Ada Lovelace", "Charles Babbage"]


def test_user_title_is_not_overwritten_by_a_later_listing(lib):
    abstract = "We study things carefully."
    [pid] = import_records(lib, [record(None, abstract, authors=[])]).new_ids
    edits.set_title(lib, pid, "My Own Title")
    import_records(lib, [record("Listing Title", abstract)], name="other.txt")
    assert get_paper(lib, pid).title == "My Own Title"


def test_same_paper_twice_in_one_file_is_stored_once(lib):
    report = import_records(lib, [record("Same"), record("SAME")])
    assert (report.added, report.present) == (1, 1)
    assert count(lib, "papers") == 1


def test_large_import_is_batched_and_indexed(lib):
    records = [record(f"Paper number {i}", authors=[f"Author {i % 7} Smith"]) for i in range(1234)]
    report = import_records(lib, records)
    assert report.added == 1234
    assert count(lib, "authors") == 7
    assert fts_mismatches(lib) == []
    assert len(find_ids(lib, "number")) == 1234


def test_cancelled_import_leaves_the_library_as_it_was(lib, monkeypatch):
    import_records(lib, [record("Before")])
    monkeypatch.setattr(importing, "BATCH_SIZE", 2)
    parsed = importing.ParsedListing(format="compact", papers=[record(f"P{i}") for i in range(6)])
    calls = []

    def stop_after_first_batch(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < 2

    with pytest.raises(ImportCancelled):
        importing.import_parsed(
            lib, parsed, name="x", path=None, checksum="c", progress=stop_after_first_batch
        )
    assert calls == [(2, 6)]
    assert [p.title for p in get_papers(lib, find_ids(lib))] == ["Before"]
    assert count(lib, "sources") == 1


def test_failure_mid_import_rolls_back_everything(lib, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(importing, "_insert_urls", broken)
    with pytest.raises(RuntimeError):
        import_records(lib, [record("Never")])
    assert (count(lib, "papers"), count(lib, "sources"), count(lib, "papers_fts")) == (0, 0, 0)


def test_a_title_alone_does_not_make_two_listings_one_paper(lib) -> None:
    """One title, different first authors or years: different papers; the same: one."""
    first = record("Attention Is All You Need", authors=["Ashish Vaswani"], date="2017-06-12")
    other_author = record("Attention is all you need", "Another.", authors=["Jane Roe"])
    other_year = record("Attention is all you need", "A third.", authors=["Ashish Vaswani"])
    other_year.date = "2023-01-01"
    again = record("Attention is all you need.", "Same paper, another abstract.",
                   authors=["Ashish Vaswani", "Noam Shazeer"], date="2017-06-12")  # fmt: skip
    report = import_records(lib, [first, other_author, other_year, again])
    assert (report.added, report.present) == (3, 1)
