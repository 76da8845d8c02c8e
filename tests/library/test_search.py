"""The search language: grammar, errors, the forgiving search box, and what each term finds."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.library import schema
from desktop.library.search import (
    And,
    Field,
    Not,
    Or,
    SearchResult,
    SearchSyntaxError,
    Text,
    Year,
    compile_where,
    forgiving_where_clause,
    parse,
    to_text,
    where_clause,
)

# id: (title, authors, date, category, status, has_code, abstract)
PAPERS = {
    1: (
        "Attention Is All You Need",
        ["Ashish Vaswani", "Noam Shazeer", "Łukasz Kaiser"],
        "2017-06-12",
        "CL",
        "read",
        1,
        "The dominant sequence transduction models are based on recurrent networks.",
    ),
    2: (
        "Language Models are Few-Shot Learners",
        ["Tom Brown", "Benjamin Mann"],
        "2020-05-28",
        "CL",
        "reading",
        0,
        "We show that scaling up language models greatly improves few-shot performance.",
    ),
    3: (
        "Visualizing Data using t-SNE",
        ["Laurens van der Maaten", "Geoffrey Hinton"],
        "2008-11-01",
        "LG",
        "unread",
        0,
        "A technique for visualizing high-dimensional data.",
    ),
    4: (
        "Deep Residual Learning for Image Recognition",
        ["Kaiming He"],
        "2015-12-10",
        "CV",
        "read",
        0,
        "Deeper neural networks are more difficult to train.",
    ),
    5: (
        None,
        ["DeLiang Wang"],
        None,
        "AS",
        "unread",
        0,
        "We study speech enhancement with diffusion models.",
    ),
    6: (
        "Speech Recognition with Deep Recurrent Neural Networks",
        ["Alex Graves", "Geoffrey Hinton"],
        "2013-03-22",
        "AS",
        "unread",
        0,
        "Recurrent neural networks are a powerful model for sequential data.",
    ),
    7: (
        "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
        ["Jacob Devlin"],
        "2018-10-11",
        "CL",
        "reading",
        1,
        "We introduce a new language representation model called BERT.",
    ),
    8: (
        "Diffusion Models Beat GANs on Image Synthesis",
        ["Prafulla Dhariwal", "Alex Nichol"],
        "2021-05-11",
        "CV",
        "reading",
        1,
        "We show that diffusion models can achieve image sample quality superior to GANs.",
    ),
    9: (
        "Denoising Diffusion Probabilistic Models",
        ["Jonathan Ho"],
        "2020-06-19",
        "LG",
        "read",
        0,
        "High quality image synthesis results using diffusion probabilistic models.",
    ),
    10: (
        "Neural Machine Translation by Jointly Learning to Align and Translate",
        ["Dzmitry Bahdanau"],
        "2014-09-01",
        "CL",
        "unread",
        0,
        "",
    ),
    11: (
        "Scaling Laws for Neural Language Models",
        ["Jared Kaplan"],
        "2020-01-23",
        "LG",
        "unread",
        0,
        "We study empirical scaling laws for language model performance.",
    ),
    12: ("", ["Grace_Hopper"], "2019-02-02", "IV", "unread", 0, "Compilers for everyone."),
    13: ("Sound Event Detection", ["GraceXHopper"], "2019-07-07", "SD", "unread", 0, "Sounds."),
    14: (
        "Self-Attention with Relative Position Representations",
        ["Peter Shaw"],
        "2018-03-06",
        "CL",
        "unread",
        0,
        "Relying entirely on an attention mechanism.",
    ),
}
TAGS = {
    "transformers": [1, 2, 7],
    "classic": [1, 4],
    "llm": [2, 11],
    "diffusion": [8, 9],
    "Must Read": [8],
}
NOTES = {
    1: "Key paper for the reading group.",
    4: "",
    5: "  \n\t ",
    7: "Compare with GPT or ELMo.",
    9: "Score matching connection.",
}
CODE_URLS = {3: "https://lvdmaaten.github.io/tsne", 8: "https://github.com/openai/guided-diffusion"}
LISTS = {"Thesis": [1, 3, 7], "Later": [9]}
SOURCES = {"profile.txt": [1], "compact.txt": [2, 9], "abstracts.txt": [5]}
ALL = set(PAPERS)
YEAR_USAGE = "year: takes a year like 2020, or a range like 2019..2021, 2019.. or ..2021"


def build_library() -> sqlite3.Connection:
    """An in-memory library holding the papers above, written with plain SQL."""
    db = sqlite3.connect(":memory:")
    for migration in schema.MIGRATIONS:
        db.executescript(migration)
    for paper_id, (title, authors, date, category, status, has_code, abstract) in PAPERS.items():
        if abstract:
            db.execute("INSERT INTO paper_abstracts VALUES (?, ?)", (paper_id, abstract))
        db.execute(
            "INSERT INTO papers (id, title, date, category, has_code, status,"
            " authors_display, added, updated) VALUES (?, ?, ?, ?, ?, ?, ?, 'now', 'now')",
            (paper_id, title, date, category, has_code, status, ", ".join(authors)),
        )
        for position, name in enumerate(authors):
            db.execute("INSERT OR IGNORE INTO authors (name) VALUES (?)", (name,))
            db.execute(
                "INSERT INTO paper_authors SELECT ?, ?, id FROM authors WHERE name = ?",
                (paper_id, position, name),
            )
    _add_tags(db)
    _add_lists(db)
    _add_sources(db)
    db.executemany("INSERT INTO notes VALUES (?, ?, 'now')", NOTES.items())
    db.executemany("INSERT INTO paper_urls VALUES (?, 0, ?, 'code')", CODE_URLS.items())
    return db


def _add_tags(db: sqlite3.Connection) -> None:
    for tag_id, (name, paper_ids) in enumerate(TAGS.items(), start=1):
        db.execute("INSERT INTO tags (id, name) VALUES (?, ?)", (tag_id, name))
        db.executemany("INSERT INTO paper_tags VALUES (?, ?)", [(pid, tag_id) for pid in paper_ids])


def _add_lists(db: sqlite3.Connection) -> None:
    for list_id, (name, paper_ids) in enumerate(LISTS.items(), start=1):
        db.execute(
            "INSERT INTO reading_lists (id, name, created) VALUES (?, ?, 'now')", (list_id, name)
        )
        db.executemany(
            "INSERT INTO reading_list_items VALUES (?, ?, ?)",
            [(list_id, pid, position) for position, pid in enumerate(paper_ids)],
        )


def _add_sources(db: sqlite3.Connection) -> None:
    for source_id, (name, paper_ids) in enumerate(SOURCES.items(), start=1):
        db.execute(
            "INSERT INTO sources (id, format, name, checksum, imported)"
            " VALUES (?, 'compact', ?, ?, 'now')",
            (source_id, name, f"sum{source_id}"),
        )
        db.executemany(
            "INSERT INTO paper_sources VALUES (?, ?)", [(pid, source_id) for pid in paper_ids]
        )


@pytest.fixture(scope="module")
def db() -> Iterator[sqlite3.Connection]:
    connection = build_library()
    yield connection
    connection.close()


def ids(db: sqlite3.Connection, sql: str, params: list[object]) -> set[int]:
    return {row[0] for row in db.execute(f"SELECT p.id FROM papers p WHERE {sql}", params)}


def found(db: sqlite3.Connection, text: str) -> set[int]:
    return ids(db, *where_clause(text))


# --- what each term finds -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lang", {2, 7, 11}),  # bare words are prefixes
        ("diffusion", {5, 8, 9}),
        ("diffusion image", {8, 9}),
        ("DIFFUSION Image", {8, 9}),
        ("kaiser", {1}),  # authors are in the full text
        ("ŁUKASZ", {1}),
        ("łuk", {1}),
        ("classic", {1, 4}),  # and tags
        ("must", {8}),
        ("group", {1}),  # and notes
        ("self-attention", {14}),
        ("speech", {5, 6}),
        ('"neural networks"', {4, 6}),
        ('"neural net"', set()),  # a phrase's last word is whole
        ('"neural net"*', {4, 6}),
        ('"neural ne"*', {4, 6}),
        ('"neural n"*', set()),  # a single letter is a word, never a prefix
        ("l", set()),
        ("la", {2, 3, 7, 11}),  # two letters are a prefix again
        ('"or"', {7}),
        ('"a\\" OR \\"b"', set()),  # quotes in a phrase are words, not FTS syntax
        ("NEAR(image synthesis)", set()),
        ("*", ALL),  # nothing the index could find: no constraint
        ("diffusion &", {5, 8, 9}),
        ("title:speech", {6}),
        ("abstract:speech", {5}),
        ('title:"image synthesis"', {8}),
        ("title:neural -abstract:neural", {10, 11}),
    ],
)
def test_full_text(db, text, expected):
    assert found(db, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("author:hinton", {3, 6}),
        ("author:Łukasz", {1}),
        ("author:kaiser", {1}),
        ('author:"van der Maaten"', {3}),
        ("author:alex", {6, 8}),
        ("author:e_h", {12}),  # LIKE wildcards in the name are meant literally
        ("author:%", set()),
        ("tag:transformers", {1, 2, 7}),
        ("tag:TRANSFORMERS", {1, 2, 7}),
        ('tag:"must read"', {8}),
        ("tag:trans", set()),  # tag names are exact
        ("status:read", {1, 4, 9}),
        ("status:Reading", {2, 7, 8}),
        ("status:unread", {3, 5, 6, 10, 11, 12, 13, 14}),
        ("cat:lg", {3, 9, 11}),
        ("cat:CL", {1, 2, 7, 10, 14}),
        ("year:2020", {2, 9, 11}),
        ("year:2019..2021", {2, 8, 9, 11, 12, 13}),
        ("year:2019..", {2, 8, 9, 11, 12, 13}),
        ("year:..2013", {3, 6}),
        ("year:1999", set()),
        ("-year:2020", ALL - {2, 9, 11}),  # undated paper 5 is not in 2020
        ("has:code", {1, 3, 7, 8}),
        ("has:note", {1, 7, 9}),  # empty and blank notes do not count
        ("has:title", ALL - {5, 12}),
        ("has:abstract", ALL - {10}),
        ("has:tags", {1, 2, 4, 7, 8, 9, 11}),
        ("list:thesis", {1, 3, 7}),
        ("list:Later", {9}),
        ("source:compact.txt", {2, 9}),
        ("source:PROFILE.TXT", {1}),
        ("source:compact", set()),
    ],
)
def test_field_terms(db, text, expected):
    assert found(db, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-hinton", ALL - {3, 6}),
        ("deep -hinton", {4, 7}),
        ("tag:transformers status:reading", {2, 7}),
        ("tag:transformers and status:reading", {2, 7}),
        ("tag:classic or tag:diffusion", {1, 4, 8, 9}),
        ("tag:classic | tag:diffusion", {1, 4, 8, 9}),
        ("status:unread year:2019..2021", {11, 12, 13}),
        ("(tag:llm or has:code) -status:read", {2, 3, 7, 8, 11}),
        ("cat:cv and diffusion", {8}),
        ("not has:tags and not has:note", {3, 5, 6, 10, 12, 13, 14}),
        ("hinton or kaiser status:read", {1, 3, 6}),  # AND binds tighter
        ("(hinton or kaiser) status:read", {1}),
        ("-(hinton or kaiser)", ALL - {1, 3, 6}),
        ("--hinton", {3, 6}),
        ("not -hinton", {3, 6}),
        ("lang (model -tag:llm)", {7}),
        ('-"neural networks" deep', {7}),
        ("-author:hinton year:..2015", {4, 10}),
    ],
)
def test_combinations(db, text, expected):
    assert found(db, text) == expected


def test_blank_text_matches_everything(db):
    assert where_clause("  ") == ("1", [])
    assert compile_where(None) == ("1", [])
    assert found(db, "") == ALL


def test_anded_words_share_one_match_of_the_papers_own_text():
    sql, params = where_clause("deep (neural nets) title:speech -cat:cv")
    assert sql.startswith("(p.id IN (SELECT rowid AS id FROM papers_fts WHERE papers_fts MATCH ?")
    assert params[0] == '"deep"* "neural"* "nets"* title : "speech"*'
    # the tags are asked once for any of the words, then each word is checked
    assert params[1] == '"deep"* OR "neural"* OR "nets"*'


# words of titles, abstracts, notes and tags, and prefixes of them
_MIXED_WORDS = [
    "classic",
    "deep",
    "transformers",
    "lang",
    "must",
    "read",
    "diffusion",
    "image",
    "group",
    "llm",
    "neural",
    "models",
    "gpt",
    "title:deep",
    "xyzzy",
]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(_MIXED_WORDS), min_size=1, max_size=4))
def test_words_found_in_text_or_tags_combine_like_sets(db, words):
    """Each word may be in a paper's own text or its tags: AND is the intersection."""
    expected = set(ALL)
    for word in words:
        expected &= found(db, word)
    assert found(db, " ".join(words)) == expected
    assert found(db, f"{words[0]} -{words[-1]}") == found(db, words[0]) - found(db, words[-1])


def test_a_single_word_is_looked_up_once_in_each_index():
    sql, params = where_clause("diffusion")
    assert sql.count("MATCH") == 2 and params == ['"diffusion"*', '"diffusion"*']


def test_user_text_is_only_ever_a_parameter():
    sql, params = where_clause("author:\"x' OR 1=1 --\" tag:';DROP")
    assert "1=1" not in sql and "DROP" not in sql
    assert params == ["%x' OR 1=1 --%", "';DROP"]


def test_year_terms_use_the_date_index(db):
    sql, params = where_clause("year:2019..2021")
    # as the views ask: papers outside the Trash, which the date index covers
    query = f"SELECT p.id FROM papers p WHERE p.deleted IS NULL AND {sql}"
    plan = db.execute(f"EXPLAIN QUERY PLAN {query}", params)
    assert any("papers_live_date" in row[-1] for row in plan)


# --- the tree -----------------------------------------------------------------------------


def word(value: str) -> Text:
    return Text(value)


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("lang", word("lang")),
        ("a b c", And((word("a"), word("b"), word("c")))),
        ("a and b AND c", And((word("a"), word("b"), word("c")))),
        ("a b or c", Or((And((word("a"), word("b"))), word("c")))),
        ("a or b c", Or((word("a"), And((word("b"), word("c")))))),
        ("a | b OR c", Or((word("a"), word("b"), word("c")))),
        ("a|b", Or((word("a"), word("b")))),
        ("(a or b) c", And((Or((word("a"), word("b"))), word("c")))),
        ("((a))", word("a")),
        ("a (b (c -d))", And((word("a"), And((word("b"), And((word("c"), Not(word("d"))))))))),
        ("-a", Not(word("a"))),
        ("not a", Not(word("a"))),
        ("NoT a", Not(word("a"))),
        ("--a", Not(Not(word("a")))),
        ("-(a | b)", Not(Or((word("a"), word("b"))))),
        ("a not b", And((word("a"), Not(word("b"))))),
        ('-"x y"', Not(Text("x y", prefix=False))),
        ("-author:x", Not(Field("author", "x"))),
        ('"exact phrase"', Text("exact phrase", prefix=False)),
        ('"exact phr"*', Text("exact phr")),
        ('"or" "AND" "not"', And(tuple(Text(k, prefix=False) for k in ("or", "AND", "not")))),
        ('"say \\"hi\\" \\\\o/"', Text('say "hi" \\o/', prefix=False)),
        ('"C:\\path"', Text("C:\\path", prefix=False)),
        ('""', Text("", prefix=False)),
        ("self-attention", word("self-attention")),
        ("12:30", word("12:30")),
        ("a-", word("a-")),
        ('a"b c"', And((word("a"), Text("b c", prefix=False)))),
        ('author:"van der Maaten"', Field("author", "van der Maaten")),
        ("Author:X", Field("author", "X")),
        ("tag:a:b", Field("tag", "a:b")),
        ("tag:or", Field("tag", "or")),
        ("status:READ", Field("status", "read")),
        ("has:Code", Field("has", "code")),
        ("cat:lg", Field("cat", "lg")),
        ("list:Thesis source:x.txt", And((Field("list", "Thesis"), Field("source", "x.txt")))),
        ("year:2020", Year(2020, 2020)),
        ('year:"2020"', Year(2020, 2020)),
        ("year:2019..2021", Year(2019, 2021)),
        ("year:2019..", Year(2019, None)),
        ("year:..2021", Year(None, 2021)),
        ("title:lang", Text("lang", column="title")),
        ('title:"deep nets"', Text("deep nets", prefix=False, column="title")),
        ('abstract:"deep ne"*', Text("deep ne", column="abstract")),
    ],
)
def test_parse(text, tree):
    assert parse(text) == tree


def test_blank_text_parses_to_nothing():
    assert parse("") is None
    assert parse(" \t\n") is None


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ('deep "nets', "Unclosed quote", 5),
        ('author:"van der', "Unclosed quote", 7),
        ("(a or b", "Unclosed parenthesis", 0),
        ("a (b (c)", "Unclosed parenthesis", 2),
        ("(", "Unclosed parenthesis", 0),
        ("a b)", "Unmatched closing parenthesis", 3),
        (")", "Unmatched closing parenthesis", 0),
        ("x ( )", "Empty parentheses", 2),
        ("or a", "or needs a term on each side", 0),
        ("(and a)", "and needs a term on each side", 1),
        ("a or", "or needs a term after it", 2),
        ("a and or b", "and needs a term after it", 2),
        ("a or)", "or needs a term after it", 2),
        ("not", "not needs a term after it", 0),
        ("a -", "- needs a term right after it", 2),
        ("a - b", "- needs a term right after it", 2),
        ("-)", "- needs a term right after it", 0),
        ("status:banana", "status: takes unread, reading or read", 7),
        ("has:pdf", "has: takes code, note, title, abstract or tags", 4),
        ("year:abc", YEAR_USAGE, 5),
        ("x year:20", YEAR_USAGE, 7),
        ("year:..", YEAR_USAGE, 5),
        ("year:2021..2019", "year: a range goes from the earlier year to the later", 5),
        ("author:", "author: needs a value", 7),
        ('tag:" "', "tag: needs a value", 4),
        ("title:", "title: needs a value", 6),
        ("foo:bar", "Unknown field foo:", 0),
        ("a Colour:red", "Unknown field colour:", 2),
    ],
)
def test_syntax_errors_tell_where(text, message, position):
    with pytest.raises(SearchSyntaxError) as caught:
        parse(text)
    assert (caught.value.message, caught.value.position) == (message, position)
    with pytest.raises(ValueError):
        where_clause(text)


@pytest.mark.parametrize(
    ("tree", "text"),
    [
        (Or((And((word("a"), word("b"))), word("c"))), "a b or c"),
        (And((Or((word("a"), word("b"))), word("c"))), "(a or b) c"),
        (Or((Or((word("a"), word("b"))), word("c"))), "(a or b) or c"),
        (And((word("a"), And((word("b"), word("c"))))), "a (b c)"),
        (Not(And((word("a"), word("b")))), "-(a b)"),
        (Not(Not(word("a"))), "--a"),
        (word("or"), '"or"*'),
        (word("-a"), '"-a"*'),
        (word("x:y"), '"x:y"*'),
        (Text("a b", prefix=False), '"a b"'),
        (Text('a"b\\'), '"a\\"b\\\\"*'),
        (Text("a b", column="title"), 'title:"a b"*'),
        (Text("-a", column="abstract"), "abstract:-a"),
        (Field("author", "van der Maaten"), 'author:"van der Maaten"'),
        (Year(2019, 2019), "year:2019"),
        (Year(None, 21), "year:..0021"),
        (Year(2019, None), "year:2019.."),
    ],
)
def test_to_text(tree, text):
    assert to_text(tree) == text
    assert parse(text) == tree


# --- the forgiving search box -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "hint"),
    [
        ('"attention is al', {1}, "Unclosed quote — searching for the words as typed"),
        ('author:"van der', {3}, "Unclosed quote — searching for the words as typed"),
        ("(diffusion or speech", {5, 6, 8, 9}, "Unclosed parenthesis — closed it at the end"),
        ("diffusion)", {5, 8, 9}, "Unmatched closing parenthesis — ignored it"),
        ("diffusion or", {5, 8, 9}, "or needs a term after it — ignored it"),
        ("diffusion -", {5, 8, 9}, "- needs a term right after it — ignored it"),
        ("or diffusion", {5, 8, 9}, "or needs a term on each side — ignored it"),
        ("diffusion ()", {5, 8, 9}, "Empty parentheses — ignored them"),
        ("status:banana diffusion", {5, 8, 9}, "status: takes unread, reading or read"),
        ("year:abc", ALL, YEAR_USAGE),
        ("author: hinton", {3, 6}, "author: needs a value"),
        ("speech:diffusion", {5}, "No field called speech: — searching for the words as typed"),
        (
            "-speech:diffusion",
            ALL - {5},
            "No field called speech: — searching for the words as typed",
        ),
        ("(diffusion or", {5, 8, 9}, "or needs a term after it — ignored it"),
    ],
)
def test_forgiving_search_repairs_and_hints(db, text, expected, hint):
    result = forgiving_where_clause(text)
    assert result.hint == hint
    assert ids(db, result.sql, result.params) == expected


def test_forgiving_search_of_good_text_is_the_strict_search():
    text = "(tag:llm or has:code) -status:read lang"
    assert forgiving_where_clause(text) == SearchResult(*where_clause(text), hint=None)
    assert forgiving_where_clause("") == SearchResult("1", [], None)


def test_text_beyond_repair_is_searched_for_its_words(db):
    result = forgiving_where_clause("diffusion " + "or " * 30 + "image")
    assert result.hint == "or needs a term after it — ignored it"
    assert ids(db, result.sql, result.params) == {8, 9}
    result = forgiving_where_clause("(" * 40)
    assert ids(db, result.sql, result.params) == ALL


def test_deep_nesting_is_searched_for_its_words(db):
    result = forgiving_where_clause("(" * 300 + "diffusion")
    assert result.hint == (
        "More than 50 nested groups and negations — searching for the words as typed"
    )
    assert ids(db, result.sql, result.params) == {5, 8, 9}
    assert parse("-" * 50 + "a") is not None
    with pytest.raises(SearchSyntaxError):
        parse("-" * 51 + "a")


def test_long_queries_stay_within_sqlite_limits(db):
    assert found(db, " or ".join(f"tag:t{number}" for number in range(3000))) == set()
    assert found(db, " ".join(f"-tag:t{number}" for number in range(3000))) == ALL
