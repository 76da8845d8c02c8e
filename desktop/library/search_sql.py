"""Turning a search syntax tree into a parameterised SQL condition on papers ``p``.

No user text ever becomes SQL: values travel as parameters. Full-text terms become FTS5
MATCH strings in which every word the user typed is a quoted FTS5 string, so none of it
can be read as FTS5 syntax either. Every condition is true or false, never NULL, so that
``NOT`` of it means "every other paper".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from desktop.library.schema_v4 import INDEXED_PREFIX_LENGTHS
from desktop.library.search_parse import (
    And,
    Field,
    Node,
    Not,
    Or,
    Text,
    Year,
    has_index_tokens,
    index_words,
)

Condition = tuple[str, list[object]]

PREFIX_MIN_LETTERS = 2

# "{ids} is among the papers whose own text (or whose tags) match"; "... is not among the
# papers carrying a tag whose name matches"
IN_TEXT = "{ids} IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH ?)"
_TAGGED = (
    "SELECT paper_id FROM paper_tags WHERE tag_id IN"
    " (SELECT rowid FROM tags_fts WHERE tags_fts MATCH ?)"
)
_IN_TAGS = f"{{ids}} IN ({_TAGGED})"
NOT_IN_TAGS = f"{{ids}} NOT IN ({_TAGGED})"
# The names are matched first (one scan of the short authors table), then their papers
# found through the author index; a join lets the planner scan every paper's authors.
_AUTHORS_NAMED = "SELECT id FROM authors WHERE name LIKE ? ESCAPE '\\'"
_BY_AUTHOR = f"p.id IN (SELECT paper_id FROM paper_authors WHERE author_id IN ({_AUTHORS_NAMED}))"
# The same asked of each paper in turn, for a page walked along a sort index: the names
# are matched once, then each paper's few authors looked up and checked against them.
# Listing every paper of ``author:"Y`` (458,601 at a million papers) first took 2.4 s;
# this finds a page in a few ms. The "+" keeps SQLite from looking the paper up once per
# matching name in the author index instead (3,368 lookups per paper for "Y").
_BY_AUTHOR_PROBED = (
    "EXISTS (SELECT 1 FROM paper_authors pa WHERE pa.paper_id = p.id"
    f" AND +pa.author_id IN ({_AUTHORS_NAMED}))"
)
# The papers of the names, from the author index alone: a paper once for each of its names
# that matches, the Trash's papers too.
AUTHOR_PAPERS = f"SELECT paper_id FROM paper_authors WHERE author_id IN ({_AUTHORS_NAMED})"
# tags.name and reading_lists.name are declared COLLATE NOCASE, so "=" ignores case there.
_BY_TAG = (
    "p.id IN (SELECT pt.paper_id FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id"
    " WHERE t.name = ?)"
)
_BY_LIST = (
    "p.id IN (SELECT li.paper_id FROM reading_list_items li"
    " JOIN reading_lists l ON l.id = li.list_id WHERE l.name = ?)"
)
_BY_SOURCE = (
    "p.id IN (SELECT ps.paper_id FROM paper_sources ps JOIN sources s ON s.id = ps.source_id"
    " WHERE s.name = ? COLLATE NOCASE)"
)
_HAS = {
    "code": "(p.has_code = 1 OR EXISTS (SELECT 1 FROM paper_urls u WHERE u.paper_id = p.id))",
    "note": (
        "EXISTS (SELECT 1 FROM notes n WHERE n.paper_id = p.id"
        " AND trim(n.body, char(32, 9, 10, 13)) != '')"
    ),
    "title": "trim(coalesce(p.title, '')) != ''",
    "abstract": "EXISTS (SELECT 1 FROM paper_abstracts a WHERE a.paper_id = p.id"
    " AND trim(a.abstract) != '')",
    "tags": "EXISTS (SELECT 1 FROM paper_tags pt WHERE pt.paper_id = p.id)",
}
_MATCH_EVERYTHING: Condition = ("1", [])


def compile_where(node: Node | None) -> Condition:
    """Compile a syntax tree into a WHERE condition over ``papers p``.

    Args:
        node: a tree from `parse`, or None for no filter.

    Returns:
        The SQL condition and its parameters, in order; ``("1", [])`` for None.
    """
    return _MATCH_EVERYTHING if node is None else _compile(node)


def _compile(node: Node) -> Condition:
    match node:
        case And(children):
            return _all_of(children)
        case Text():
            return _all_of([node])
        case Or(children):
            return _joined(" OR ", [_compile(child) for child in children])
        case Not(child):
            sql, params = _compile(child)
            return f"NOT ({sql})", params
        case Field(name, value):
            return _FIELDS[name](value)
        case Year(start, end):
            return _year_range(start, end)


def _all_of(children: Sequence[Node]) -> Condition:
    """AND the children, with all their full-text terms in one MATCH (one index lookup)."""
    terms = _flattened(children)
    texts = [term for term in terms if isinstance(term, Text)]
    conditions = [_compile(term) for term in terms if not isinstance(term, Text)]
    # FTS5 ignores a string without words inside an AND but matches nothing when it is
    # alone; dropping such strings gives "*" or "&" one meaning: no constraint.
    searched = [text for text in texts if has_index_tokens(text.value)]
    if searched:
        conditions.insert(0, _text_condition(searched))
    return _joined(" AND ", conditions) if conditions else _MATCH_EVERYTHING


def _text_condition(texts: Sequence[Text]) -> Condition:
    """Papers holding every term, each in their own text or their tags (one id list)."""
    ids, params = _text_ids(texts)
    return f"p.id IN ({ids})", params


def _text_ids(texts: Sequence[Text], spelled: Spellings | None = None) -> Condition:
    """The ids of the papers holding every term, each in their own text or their tags:
    one list, column ``id``, in which a paper may come twice.

    Most papers match all terms in their own text: one MATCH finds those (its long
    prefixes as the words ``spelled`` gives, where it gives them). A paper with a tag
    matching some term is also in when each of its terms is in its text or its tags. A
    term limited to a column (``title:``) is looked up in the paper's own text only.
    """
    # "AND" said where a prefix may be spelled out as a parenthesised group of words,
    # which FTS5 does not read side by side with another term
    joiner = " AND " if spelled else " "
    everything = joiner.join(_fts_phrase(text, spelled) for text in texts)
    own_text = "SELECT rowid AS id FROM papers_fts WHERE papers_fts MATCH ?"
    anywhere = [_fts_phrase(text) for text in texts if not text.column]
    if not anywhere:
        return own_text, [everything]
    in_either = [
        (
            f"({IN_TEXT.format(ids='t.paper_id')} OR {_IN_TAGS.format(ids='t.paper_id')})",
            [term, term],
        )
        for term in anywhere
    ]
    columned = [_fts_phrase(text) for text in texts if text.column]
    if columned:
        in_either.append((IN_TEXT.format(ids="t.paper_id"), [" ".join(columned)]))
    checks, check_params = (
        _joined(" AND ", in_either) if len(anywhere) > 1 or columned else ("1", [])
    )
    tagged = (
        "SELECT t.paper_id FROM paper_tags t WHERE t.tag_id IN"
        f" (SELECT rowid FROM tags_fts WHERE tags_fts MATCH ?) AND {checks}"
    )
    return f"{own_text} UNION ALL {tagged}", [everything, " OR ".join(anywhere), *check_params]


# The words each long prefix stands for, by prefix (see `desktop.library.prefixes`);
# None: too many to search for one by one.
Spellings = Mapping[str, Sequence[str] | None]


@dataclass(frozen=True)
class WordSearch:
    """A search of words and ``-words`` only, as FTS5 queries.

    Unless a tag name matches one of the words, the papers it finds are exactly those
    whose own text matches `match`: one MATCH that counts and pages far faster than the
    general condition, which also looks the words up among each paper's tags. When tag
    names match only ``-words``, they are those papers less the ones carrying such a tag.

    Attributes:
        wanted: the words to find.
        unwanted: the ``-words``.
        wanted_tag_words: the words not limited to a column, OR-ed (``tags_fts``); "" for
            none.
        unwanted_tag_words: the same of the ``-words``.
    """

    wanted: tuple[Text, ...]
    unwanted: tuple[Text, ...]
    wanted_tag_words: str
    unwanted_tag_words: str

    def long_prefixes(self) -> frozenset[str]:
        """The prefixes that no index of prefixes answers and that may be spelled out as
        the index's words instead, as the index spells them (lower case)."""
        return frozenset(
            prefix for text in (*self.wanted, *self.unwanted) if (prefix := _long_prefix(text))
        )

    def listed(self, spelled: Spellings | None = None) -> Condition | None:
        """The papers the search finds, Trash included, as one list of ids (column
        ``id``; a paper may come twice) when it has no ``-words``, else None. It is the
        list the general condition looks each paper up in."""
        return None if self.unwanted else _text_ids(self.wanted, spelled)

    def match(self, spelled: Spellings | None = None) -> str:
        """The search over the papers' own text (``papers_fts``), with each long prefix
        that ``spelled`` gives words for searched as those words."""
        # "AND" said: FTS5 reads two terms side by side as both only when neither is
        # a parenthesised group
        match = " AND ".join(_fts_phrase(text, spelled) for text in self.wanted)
        if not self.unwanted:
            return match
        return f"({match}) NOT ({' OR '.join(_fts_phrase(t, spelled) for t in self.unwanted)})"

    def probes_quickly(self, spelled: Spellings | None = None) -> bool:
        """Whether asking if one paper matches is a few seeks in the index: each prefix
        has an index of its length or is spelled out (FTS5 merges any other anew on each
        ask)."""
        return all(
            len(index_words(text.value)[-1]) in INDEXED_PREFIX_LENGTHS
            or (spelled or {}).get(_long_prefix(text) or "") is not None
            for text in (*self.wanted, *self.unwanted)
            if _matches_as_prefix(text)
        )


def word_search(node: Node | None) -> WordSearch | None:
    """The search as a `WordSearch`, or None when it has other terms (or no word to find)."""
    if node is None:
        return None
    wanted: list[Text] = []
    unwanted: list[Text] = []
    for term in _flattened([node]):
        if isinstance(term, Text):
            wanted.append(term)
        elif isinstance(term, Not) and isinstance(term.child, Text):
            unwanted.append(term.child)
        else:
            return None
    # as in `_all_of`: a term without words is no constraint; negated, it excludes all
    wanted = [text for text in wanted if has_index_tokens(text.value)]
    if not wanted or not all(has_index_tokens(text.value) for text in unwanted):
        return None
    return WordSearch(tuple(wanted), tuple(unwanted), _anywhere(wanted), _anywhere(unwanted))


def _anywhere(texts: Sequence[Text]) -> str:
    """The terms not limited to a column, as one FTS5 query OR-ing them ("" for none)."""
    return " OR ".join(_fts_phrase(text) for text in texts if not text.column)


def _flattened(children: Sequence[Node]) -> list[Node]:
    """The terms of nested ANDs, such as ``a (b c)``, as one list (AND is associative)."""
    terms: list[Node] = []
    for child in children:
        terms.extend(_flattened(child.children) if isinstance(child, And) else [child])
    return terms


def _fts_phrase(text: Text, spelled: Spellings | None = None) -> str:
    """The term as an FTS5 string: quoted, star and column outside. A long prefix that
    ``spelled`` gives words for becomes those words, OR-ed (a phrase's other words kept)."""
    phrase = _quoted(text.value) + "*" * _matches_as_prefix(text)
    words = (spelled or {}).get(_long_prefix(text) or "")
    if words:  # none: nothing begins so, which the prefix itself finds out at once
        head = index_words(text.value)[:-1]
        phrase = "(" + " OR ".join(_quoted(" ".join([*head, word])) for word in words) + ")"
    return f"{text.column} : {phrase}" if text.column else phrase


def _quoted(value: str) -> str:
    """``value`` as an FTS5 string, inner quotes doubled."""
    # FTS5 reads its query as a C string, so a NUL would cut it short mid-string; to the
    # tokenizer a NUL is a separator like a space.
    return '"' + value.replace('"', '""').replace("\0", " ") + '"'


def _long_prefix(text: Text) -> str | None:
    """The term's last word, lower-cased, when it is a prefix with no index of its length
    that can be spelled out: in ASCII, which the index only lower-cases (other scripts it
    also folds in ways of its own)."""
    if not _matches_as_prefix(text):
        return None
    last = index_words(text.value)[-1]
    if len(last) in INDEXED_PREFIX_LENGTHS or not last.isascii():
        return None
    return last.lower()


def _matches_as_prefix(text: Text) -> bool:
    """Whether the term's last word is a prefix: from `PREFIX_MIN_LETTERS` letters on.

    A single letter as a prefix matches nearly every paper, and finding them all is the
    slowest search there is, to show a view that says nothing; as a word it is quick.
    """
    words = index_words(text.value)
    return text.prefix and bool(words) and len(words[-1]) >= PREFIX_MIN_LETTERS


def _joined(operator: str, conditions: list[Condition]) -> Condition:
    """Join the conditions in halves, so the expression stays shallow.

    SQLite refuses expressions nested more than 1000 deep, and it nests ``a OR b OR c``
    one level per term.
    """
    if len(conditions) == 1:
        return conditions[0]
    middle = len(conditions) // 2
    left_sql, left_params = _joined(operator, conditions[:middle])
    right_sql, right_params = _joined(operator, conditions[middle:])
    return f"({left_sql}{operator}{right_sql})", left_params + right_params


def _author(value: str) -> Condition:
    return _BY_AUTHOR, [author_pattern(value)]


def author_probe(value: str) -> Condition:
    """``author:value`` asked of one paper at a time (see `_BY_AUTHOR_PROBED`)."""
    return _BY_AUTHOR_PROBED, [author_pattern(value)]


def author_pattern(value: str) -> str:
    """The LIKE pattern of ``author:value``: the names that contain the value."""
    # LIKE ignores case (ASCII letters only); % and _ in the name are meant literally.
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _year_range(start: int | None, end: int | None) -> Condition:
    # Plain comparisons on the ISO text let SQLite use the papers_date index. "YYYY-13"
    # sorts after every date of year YYYY and before the next year; the NOT NULL test
    # keeps undated papers false rather than NULL, so "-year:2020" includes them.
    conditions: list[Condition] = [("p.date IS NOT NULL", [])]
    if start is not None:
        conditions.append(("p.date >= ?", [f"{start:04d}"]))
    if end is not None:
        conditions.append(("p.date < ?", [f"{end:04d}-13"]))
    return _joined(" AND ", conditions)


_FIELDS: dict[str, Callable[[str], Condition]] = {
    "author": _author,
    "tag": lambda value: (_BY_TAG, [value]),
    "list": lambda value: (_BY_LIST, [value]),
    "source": lambda value: (_BY_SOURCE, [value]),
    "status": lambda value: ("p.status = ?", [value]),
    "cat": lambda value: ("p.category = ? COLLATE NOCASE", [value]),
    "has": lambda value: (_HAS[value], []),
}
