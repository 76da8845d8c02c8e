"""Properties of the search language over generated text and generated trees."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.library import schema
from desktop.library.search import (
    And,
    Field,
    Node,
    Not,
    Or,
    SearchSyntaxError,
    Text,
    Year,
    forgiving_where_clause,
    parse,
    to_text,
    where_clause,
)

# Pieces that mean something to the grammar, to FTS5 or to SQL, and text the tokenizers
# treat in unusual ways; strung together they reach the corners random text rarely does.
FRAGMENTS = [
    *"\"*^:()-|\\{}+,.%_';",
    *("..", " ", "\t", "\n", "\u2028", "\x00", "\ue000", "é", "Ł", "ß", "中文", "🙂", "2020"),
    *("NEAR", "NEAR(", "AND", "OR", "NOT", "and", "or", "not", "MATCH", "rowid", "lang"),
    *("title:", "abstract:", "author:", "tag:", "status:", "year:", "has:", "cat:"),
    *("list:", "source:", "foo:", "read", "code", "2019..", "..2021"),
]
QUERY_TEXTS = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join),
)

NONBLANK = st.text(min_size=1, max_size=12).filter(str.strip)
YEARS = st.integers(min_value=0, max_value=9999)
LEAVES = st.one_of(
    st.builds(Text, st.text(max_size=12), st.booleans()),
    st.builds(Text, NONBLANK, st.booleans(), st.sampled_from(["title", "abstract"])),
    st.builds(Field, st.sampled_from(["author", "tag", "cat", "list", "source"]), NONBLANK),
    st.builds(Field, st.just("status"), st.sampled_from(["unread", "reading", "read"])),
    st.builds(
        Field, st.just("has"), st.sampled_from(["code", "note", "title", "abstract", "tags"])
    ),
    st.tuples(YEARS, YEARS).map(lambda pair: Year(*sorted(pair))),
    st.builds(Year, st.none(), YEARS),
    st.builds(Year, YEARS, st.none()),
)


def _branches(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    several = st.lists(children, min_size=2, max_size=4).map(tuple)
    return st.one_of(st.builds(Not, children), several.map(And), several.map(Or))


TREES = st.recursive(LEAVES, _branches, max_leaves=12)


@pytest.fixture(scope="module")
def library() -> Iterator[sqlite3.Connection]:
    """A few papers, so that FTS5 really evaluates every MATCH string."""
    db = sqlite3.connect(":memory:")
    for migration in schema.MIGRATIONS:
        db.executescript(migration)
    papers = [
        (1, "Attention Is All You Need", "Transformers.", "2017-06-12", "Łukasz Kaiser"),
        (2, None, 'NEAR or AND: "quoted" *stars*', None, "DeLiang Wang"),
    ]
    db.executemany("INSERT INTO paper_abstracts VALUES (?, ?)", [(p[0], p[2]) for p in papers])
    db.executemany(
        "INSERT INTO papers (id, title, date, authors_display, added, updated)"
        " VALUES (?, ?, ?, ?, 'now', 'now')",
        [(p[0], p[1], p[3], p[4]) for p in papers],
    )
    yield db
    db.close()


def _run(library: sqlite3.Connection, sql: str, params: list[object]) -> None:
    library.execute(f"SELECT count(*) FROM papers p WHERE {sql}", params).fetchone()


@settings(max_examples=300, deadline=None)
@given(QUERY_TEXTS)
def test_parse_raises_nothing_but_syntax_errors(text):
    try:
        parse(text)
    except SearchSyntaxError as error:
        assert 0 <= error.position <= len(text)


@settings(max_examples=300, deadline=None)
@given(QUERY_TEXTS)
def test_forgiving_search_never_fails_and_its_sql_runs(library, text):
    result = forgiving_where_clause(text)
    _run(library, result.sql, result.params)
    try:
        strict = where_clause(text)
    except SearchSyntaxError:
        assert result.hint
    else:
        assert (result.sql, result.params, result.hint) == (*strict, None)


@settings(max_examples=300, deadline=None)
@given(TREES)
def test_printed_trees_parse_back(tree):
    assert parse(to_text(tree)) == tree


@settings(max_examples=300, deadline=None)
@given(QUERY_TEXTS)
def test_parsed_text_prints_and_parses_back(text):
    try:
        tree = parse(text)
    except SearchSyntaxError:
        return
    assert tree is None or parse(to_text(tree)) == tree
