"""A view's count and pages: the quick forms agree with the general condition they replace.

A search of words no tag name answers is counted in the full-text index and paged by a
MATCH of the papers' own text (or by asking the index about each paper walked); a view
without a search, or with one ``status:`` or ``tag:`` term, is counted from the counts the
triggers keep; one ``author:`` term is counted in the author index and paged by asking
about each paper walked. Each must give exactly what the general SQL gives, Trash and
tags included.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.library import views
from desktop.library.halves import SecondReader
from desktop.library.prefixes import PrefixWords, words_beginning
from desktop.library.schema_v4 import INDEXED_PREFIX_LENGTHS
from desktop.library.search import compile_search
from desktop.library.views import Scope, ViewQuery
from tests.library.test_search import build_library

TRASHED = (2, 5, 9)
SCOPES = [
    Scope(),
    Scope("status", "unread"),
    Scope("category", "CL"),
    Scope("tag", 1),  # transformers
    Scope("source", 1),
    Scope("list", 1),
    Scope("trash"),
]
# words of titles, abstracts, notes, authors and tag names, and prefixes of them
WORDS = ["model", "models", "lang", "deep", "transformers", "trans", "read", "must",
         "im", "image", "neural", "the", "gpt", "xyzzy", "title:deep", "abstract:models",
         "*"]  # fmt: skip


@pytest.fixture(scope="module")
def lib() -> Iterator[SimpleNamespace]:
    db = build_library()
    db.execute(f"UPDATE papers SET deleted = 'now' WHERE id IN ({','.join(map(str, TRASHED))})")
    yield SimpleNamespace(db=db, prefix_words=PrefixWords(), second_reader=None)
    db.close()


def general(query: ViewQuery) -> ViewQuery:
    """The same view answered by the compiled condition alone."""
    return replace(query, search=replace(query.search, words=None, field=None))


def answers(lib: SimpleNamespace, query: ViewQuery) -> tuple[int, list[int]]:
    return query.count(lib), query.ids(lib)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    words=st.lists(st.tuples(st.booleans(), st.sampled_from(WORDS)), min_size=1, max_size=3),
    scope=st.sampled_from(SCOPES),
    sort=st.sampled_from(["date", "title", "added"]),
)
def test_a_search_of_words_counts_and_lists_what_the_condition_finds(lib, words, scope, sort):
    text = " ".join(("-" if negated else "") + word for negated, word in words)
    query = ViewQuery(scope, compile_search(text), sort, descending=True)
    count, ids = answers(lib, general(query))
    assert len(ids) == count
    assert answers(lib, query) == (count, ids)


@pytest.mark.parametrize(
    "text", ["model", "lang -deep", "the", "im", "title:deep", "model -trans", '"neural net"']
)
@pytest.mark.parametrize("sort", ["date", "title"])
def test_a_search_finding_few_papers_is_listed_whole_with_one_ask_of_the_index(lib, text, sort):
    query = ViewQuery(search=compile_search(text), sort=sort, descending=True)
    statements: list[str] = []
    lib.db.set_trace_callback(statements.append)
    try:
        few = query.ids_if_few(lib, 100)  # the library holds 12 papers
    finally:
        lib.db.set_trace_callback(None)
    assert few == general(query).ids(lib)
    assert len([sql for sql in statements if "papers_fts MATCH" in sql]) == 1
    # more matches in the index (the Trash's too) than asked for: counted and paged instead
    assert query.ids_if_few(lib, 0) is None or not few


@pytest.mark.parametrize("text", ["*", "trans", "status:read"])  # "trans" names a tag
def test_a_search_the_index_alone_does_not_answer_is_not_listed_so(lib, text):
    assert ViewQuery(search=compile_search(text)).ids_if_few(lib, 100) is None


def test_only_a_search_of_the_whole_library_is_listed_so(lib):
    assert ViewQuery(Scope("status", "unread"), compile_search("model")).ids_if_few(lib, 99) is None
    assert ViewQuery(search=compile_search("author:ada")).ids_if_few(lib, 99) is None


@pytest.mark.parametrize("probe_cost", [0, 10**9])  # always ask about each paper; never
@pytest.mark.parametrize(
    "text", ["model", "lang -deep", "the", "im", "trans", "title:deep", "model -trans"]
)
def test_pages_of_a_search_of_words_are_slices_of_its_ids(lib, monkeypatch, text, probe_cost):
    monkeypatch.setattr(views, "PROBE_COST", probe_cost)
    query = ViewQuery(search=compile_search(text), sort="date", descending=True)
    ids = general(query).ids(lib)
    size = ViewQuery().count(lib)
    for offset in range(len(ids) + 1):
        page = query.page(lib, offset, 3, view_size=len(ids), library_size=size)
        assert page == ids[offset : offset + 3]


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("text", ["", "status:unread", "status:read", "tag:LLM", "tag:nothing"])
def test_kept_counts_are_the_counts_of_the_views(lib, scope, text):
    query = ViewQuery(scope, compile_search(text))
    assert query.count(lib) == len(general(query).ids(lib))


# "a" is in most names (two of them in the Trash), "Ho" in one name of the Trash and in
# Hopper's; "e" is in both names of paper 3; "_" is literal
AUTHOR_SEARCHES = ['author:"a"', "author:ho", "author:e", "author:Grace_", "author:nobody"]


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("text", AUTHOR_SEARCHES)
def test_an_author_search_counts_what_the_condition_finds(lib, scope, text):
    query = ViewQuery(scope, compile_search(text), "date", descending=True)
    ids = general(query).ids(lib)
    assert query.count(lib) == len(ids)
    assert query.ids(lib) == ids


@pytest.mark.parametrize("probe_cost", [0, 10**9])  # always walk the sort index; never
@pytest.mark.parametrize("text", AUTHOR_SEARCHES)
def test_pages_of_an_author_search_are_slices_of_its_ids(lib, monkeypatch, text, probe_cost):
    monkeypatch.setattr(views, "AUTHOR_PROBE_COST", probe_cost)
    query = ViewQuery(search=compile_search(text), sort="title")
    ids = general(query).ids(lib)
    size = ViewQuery().count(lib)
    for offset in range(len(ids) + 1):
        page = query.page(lib, offset, 3, view_size=len(ids), library_size=size)
        assert page == ids[offset : offset + 3]


def test_a_word_that_names_a_tag_is_looked_up_among_the_tags_too(lib):
    """Paper 11 has "llm" only as a tag: the one-MATCH form would miss it."""
    query = ViewQuery(search=compile_search("llm"))
    assert 11 in query.ids(lib)
    assert query.count(lib) == len(query.ids(lib))


def test_a_minus_word_that_names_a_tag_leaves_out_the_papers_tagged_so(lib):
    """Tag 1 is "transformers": "-trans" drops its papers, whatever their text says."""
    tagged = set(ViewQuery(Scope("tag", 1)).ids(lib))
    found = set(ViewQuery(search=compile_search("model -trans")).ids(lib))
    assert found and not found & tagged
    assert found == set(general(ViewQuery(search=compile_search("model -trans"))).ids(lib))


def test_a_minus_word_that_names_a_tag_leaves_out_a_tagged_paper_its_text_does_not():
    """Paper 6 says "model" and nothing of "trans…"; tagged "transformers", it is out."""
    db = build_library()
    db.execute("INSERT INTO paper_tags (paper_id, tag_id) VALUES (6, 1)")
    lib = SimpleNamespace(db=db, prefix_words=PrefixWords(), second_reader=None)
    query = ViewQuery(search=compile_search("model -trans"))
    assert 6 in ViewQuery(search=compile_search("model")).ids(lib)
    assert 6 not in query.ids(lib)
    assert query.ids_if_few(lib, 100) == query.ids(lib) == general(query).ids(lib)
    db.close()


@pytest.fixture(scope="module")
def in_halves(lib, tmp_path_factory) -> Iterator[SimpleNamespace]:
    """The same library in a file, its large reads split with a second connection."""
    path = tmp_path_factory.mktemp("halves") / "library.sqlite"
    lib.db.commit()  # the Trash of the `lib` fixture, else the backup waits for it
    with closing(sqlite3.connect(path)) as copy:
        lib.db.backup(copy)
    db = sqlite3.connect(path)
    second = SecondReader(path)
    yield SimpleNamespace(db=db, prefix_words=PrefixWords(), second_reader=second)
    second.close()
    db.close()


@pytest.mark.parametrize("text", [*WORDS, "model -trans", '"deep model"', *AUTHOR_SEARCHES])
def test_reads_in_halves_give_what_one_read_gives(lib, in_halves, text):
    query = ViewQuery(search=compile_search(text), sort="title")
    assert query.count(in_halves) == query.count(lib) == general(query).count(lib)
    assert query.ids_if_few(in_halves, 100) == query.ids_if_few(lib, 100)
    # a half holding at most one match lists it whole, so both may give the whole view
    few = query.ids_if_few(in_halves, 1)
    assert few is None or few == query.ids(lib)
    if query.ids_if_few(lib, 1) is not None:
        assert few == query.ids(lib)


def test_a_search_whose_halves_each_find_few_papers_is_listed_whole(lib, in_halves):
    """Each half of the ids holds some of the matches of "model" (the Trash's too)."""
    query = ViewQuery(search=compile_search("model"), sort="date")
    ids = query.ids(lib)
    enough = next(n for n in range(1, len(ids) + 1) if query.ids_if_few(in_halves, n))
    assert query.ids_if_few(in_halves, enough) == ids
    assert query.ids_if_few(lib, enough) is None


def test_a_search_of_words_is_counted_in_the_index_alone(lib):
    """No paper row is read: the count is the index's, less the Trash's matches."""
    statements: list[str] = []
    lib.db.set_trace_callback(statements.append)
    try:
        count = ViewQuery(search=compile_search("model")).count(lib)
    finally:
        lib.db.set_trace_callback(None)
    assert count == len(general(ViewQuery(search=compile_search("model"))).ids(lib))
    counting = [sql for sql in statements if "count(*)" in sql]
    assert counting and all("FROM papers_fts" in sql for sql in counting)
    assert not any("FROM papers p" in sql for sql in statements)


@pytest.mark.parametrize("text", ["transformers", "trans", "transformers model", "diffusion"])
def test_a_search_of_words_that_name_a_tag_is_counted_from_its_list_of_papers(lib, text):
    """The tag's papers join the text's matches in one list, counted without looking each
    paper of the library up in it; the Trash's papers stay out."""
    query = ViewQuery(search=compile_search(text))
    assert ViewQuery._names_a_tag(lib, query.search.words.wanted_tag_words)
    statements: list[str] = []
    lib.db.set_trace_callback(statements.append)
    try:
        count = query.count(lib)
    finally:
        lib.db.set_trace_callback(None)
    assert count == len(general(query).ids(lib)) > 0
    counting = [sql for sql in statements if "count(" in sql]
    assert counting and not any("FROM papers p" in sql for sql in counting)


@pytest.mark.parametrize(
    ("text", "as_typed", "spelled_out"),
    [
        ("mo", True, True),
        ("mod", True, True),
        ("mode", False, True),  # no index of 4-letter prefixes; spelled out as words
        ('"model"', True, True),  # a whole word
        ('"neural ne"*', True, True),
        ("mo -transformer", False, True),
        ("title:im deep", False, True),
        ("naïv", False, False),  # not ASCII: the index folds it in ways of its own
    ],
)
def test_prefixes_without_an_index_are_asked_about_each_paper_once_spelled_out(
    lib, text, as_typed, spelled_out
):
    words = compile_search(text).words
    assert words is not None
    spelled = {prefix: words_beginning(lib, prefix) for prefix in words.long_prefixes()}
    assert words.probes_quickly() is as_typed
    assert words.probes_quickly(spelled) is spelled_out


def test_the_prefix_lengths_said_to_be_indexed_are_those_of_the_index(lib):
    sql = lib.db.execute("SELECT sql FROM sqlite_master WHERE name = 'papers_fts'").fetchone()[0]
    lengths = " ".join(map(str, sorted(INDEXED_PREFIX_LENGTHS)))
    assert f"prefix = '{lengths}'" in sql
