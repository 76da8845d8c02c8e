"""A long prefix is searched as the index's words it begins, and finds what it did before."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop.library import prefixes
from desktop.library.prefixes import words_beginning
from desktop.library.search import compile_search
from desktop.library.store import open_library
from desktop.library.views import ViewQuery, find_ids
from tests.library.helpers import import_records, record

ABSTRACTS = [
    "A network of sensors.",
    "Neural networks at scale.",
    "Netwise comparisons.",
    "The NETWORKED world.",
    "Nothing of the kind.",
]


@pytest.fixture
def papers(lib):
    return import_records(lib, [record(f"Paper {n}", abstract=a) for n, a in enumerate(ABSTRACTS)])


def statements_of(lib, search) -> list[str]:
    """The SQL that answering ``search`` runs, count and ids."""
    statements: list[str] = []
    lib.db.conn.set_trace_callback(statements.append)
    try:
        search()
    finally:
        lib.db.conn.set_trace_callback(None)
    return statements


def general_ids(lib, text: str) -> list[int]:
    return ViewQuery(search=replace(compile_search(text), words=None)).ids(lib)


def test_the_words_a_prefix_begins_are_read_from_the_index(lib, papers):
    assert words_beginning(lib, "netw") == ("netwise", "network", "networked", "networks")
    assert words_beginning(lib, "netwo") == ("network", "networked", "networks")
    assert words_beginning(lib, "zzzz") == ()


@pytest.mark.parametrize(
    "text", ["netw", "netwo", "networ", "NETWO", '"neural netw"', "title:pape", "netw -networks"]
)
def test_a_prefix_spelled_out_finds_what_the_prefix_finds(lib, papers, text):
    statements = statements_of(lib, lambda: find_ids(lib, text))
    assert find_ids(lib, text) == general_ids(lib, text)
    assert ViewQuery(search=compile_search(text)).count(lib) == len(general_ids(lib, text))
    matched = [sql for sql in statements if "papers_fts MATCH" in sql]
    assert matched and not any('"*' in sql for sql in matched)  # no prefix left to merge


def test_a_prefix_of_too_many_words_is_left_to_the_index(lib, papers, monkeypatch):
    monkeypatch.setattr(prefixes, "MAX_WORDS", 2)
    assert words_beginning(lib, "netw") is None
    statements = statements_of(lib, lambda: find_ids(lib, "netw"))
    assert any('"netw"*' in sql for sql in statements)
    assert find_ids(lib, "netw") == general_ids(lib, "netw")


def test_a_longer_prefix_is_answered_from_a_shorter_one_read_before(lib, papers):
    find_ids(lib, "netw")
    statements = statements_of(lib, lambda: find_ids(lib, "netwo"))
    assert not any("papers_words" in sql for sql in statements)
    assert len(find_ids(lib, "netwo")) == 3


def test_a_word_written_since_is_found(lib, papers, tmp_path):
    reader = open_library(lib.path, read_only=True, daily_backup=False)
    try:
        assert len(find_ids(lib, "netw")) == len(find_ids(reader, "netw")) == 4
        import_records(lib, [record("Netwalking", abstract="")], name="more.txt")
        # this connection's own write, and another's: both read the words anew
        assert len(find_ids(lib, "netw")) == len(find_ids(reader, "netw")) == 5
    finally:
        reader.close()
