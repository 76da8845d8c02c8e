r"""The search language of the library: what users type into the search box.

Text is parsed into a small syntax tree (`parse`), which compiles to a parameterised SQL
condition over the papers table aliased ``p`` (`compile_where`). The window filters as the
user types through `forgiving_where_clause`, which never fails.

Grammar
-------
``word``
    Full text over title, authors, abstract, notes and tag names. Every word must be
    found, in the paper's text or one of its tags (AND is implied), and each matches as
    a prefix, so ``lang`` finds "language"; a single letter matches only itself as a
    word, so the first key typed stays quick.
``"exact phrase"``
    The words next to each other, in this order. Inside quotes, ``\"`` is a quote and
    ``\\`` a backslash; ``"or"`` is the plain word "or". ``"exact phr"*`` lets the last
    word be a prefix.
``author:NAME``
    An author's name contains NAME (``author:"van der Maaten"``). Case is ignored for
    ASCII letters only; SQLite's LIKE does not fold others.
``tag:NAME``, ``list:NAME``, ``source:NAME``
    Has the tag, is on the reading list, or came from the imported file of that exact name
    (ASCII case ignored).
``status:unread|reading|read``, ``cat:LG``
    The reading status; the category code (case ignored).
``year:2020``, ``year:2019..2021``, ``year:2019..``, ``year:..2021``
    Published in that year or range, both ends included. Undated papers never match.
``has:code|note|title|abstract|tags``
    Has a code link, a note that is not blank, a title, an abstract, any tag.
``title:WORD``, ``abstract:WORD``
    Full text within that column only; the value may be a phrase (``title:"deep nets"``).
``-term``, ``not term``
    Papers that do not match the term (a word, phrase, field term or parenthesised group).
    The ``-`` must touch the term.
``a and b``, ``a b``, ``a or b``, ``a | b``, ``( ... )``
    AND binds tighter than OR: ``a b or c`` is ``(a b) or c``. The keywords ignore case.

Field names are ASCII letters followed by a colon and ignore case; a value is the rest of
the word or a quoted string right after the colon. A word runs up to white space or one of
``( ) " |``. An unknown ``name:`` is an error; so are unclosed quotes and parentheses, an
operator without its terms, a value a field does not take, and groups and negations nested
more than 50 deep. Every `SearchSyntaxError` tells the offset of the problem.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.library.search_parse import (
    KEYWORDS,
    And,
    Field,
    Node,
    Not,
    Or,
    RepairableSyntaxError,
    SearchSyntaxError,
    Text,
    Year,
    ends_word,
    is_field_like,
    parse,
    plain_words,
)
from desktop.library.search_sql import WordSearch, compile_where, word_search

__all__ = [
    "EVERYTHING",
    "And",
    "Field",
    "Node",
    "Not",
    "Or",
    "SearchResult",
    "SearchSyntaxError",
    "Text",
    "Year",
    "compile_search",
    "compile_where",
    "forgiving_where_clause",
    "parse",
    "to_text",
    "where_clause",
]

# Each repair fixes one problem; a text that still fails after this many is searched for
# its plain words instead.
_MAX_REPAIRS = 20


@dataclass(frozen=True)
class SearchResult:
    """A filter for the search box.

    Attributes:
        sql: a condition over ``papers p`` for a WHERE clause.
        params: the condition's parameters, in order.
        hint: what was wrong with the text and what the search did instead; None if nothing.
        words: the same search as full-text queries, when it is made of words only.
        field: the search's one term, when it is a single field term (``status:read``).
    """

    sql: str
    params: list[object]
    hint: str | None
    words: WordSearch | None = None
    field: Field | None = None


EVERYTHING = SearchResult("1", [], None)


def _result(node: Node | None, hint: str | None) -> SearchResult:
    field = node if isinstance(node, Field) else None
    return SearchResult(*compile_where(node), hint, word_search(node), field)


def where_clause(text: str) -> tuple[str, list[object]]:
    """Parse search text and compile it into a WHERE condition over ``papers p``.

    Args:
        text: what the user typed.

    Returns:
        The SQL condition and its parameters; ``("1", [])`` for blank text.

    Raises:
        SearchSyntaxError: the text does not follow the grammar.
    """
    return compile_where(parse(text))


def compile_search(text: str) -> SearchResult:
    """Like `where_clause`, with the words-only form of the search where it has one.

    Raises:
        SearchSyntaxError: the text does not follow the grammar.
    """
    return _result(parse(text), None)


def forgiving_where_clause(text: str) -> SearchResult:
    """Compile search text as well as it can be read, for filtering while the user types.

    Problems are repaired one at a time (an open quote or parenthesis is closed, a stray
    operator or a bad field term is dropped, an unknown field's words are searched as
    text); a text beyond repair is searched for its plain words, operators left out.

    Args:
        text: what the user typed, possibly half-way.

    Returns:
        The filter, with a hint about the first problem met. It never raises.
    """
    return _result(*_forgiving_parse(text))


def _forgiving_parse(text: str) -> tuple[Node | None, str | None]:
    first_hint = None
    attempt = text
    for _ in range(_MAX_REPAIRS):
        try:
            return parse(attempt), first_hint
        except RepairableSyntaxError as error:
            first_hint = first_hint or error.hint
            attempt = error.fixed_text
    return _all_words(text), first_hint


def _all_words(text: str) -> Node | None:
    """Every word of the text but the operators, all to be found."""
    words = [Text(word) for word in plain_words(text)]
    if len(words) > 1:
        return And(tuple(words))
    return words[0] if words else None


def to_text(node: Node) -> str:
    """Print a syntax tree as search text.

    Args:
        node: a tree as `parse` makes them.

    Returns:
        Text that `parse` reads back as the same tree.
    """
    match node:
        case Or(children):
            return " or ".join(_operand(child, Or) for child in children)
        case And(children):
            return " ".join(_operand(child, (And, Or)) for child in children)
        case Not(child):
            return "-" + _operand(child, (And, Or))
        case Text():
            return _text_term(node)
        case Field(name, value):
            return f"{name}:{value if _is_bare(value) else _quoted(value)}"
        case Year(start, end):
            return f"year:{_year_range(start, end)}"


def _operand(node: Node, grouped: type | tuple[type, ...]) -> str:
    text = to_text(node)
    return f"({text})" if isinstance(node, grouped) else text


def _text_term(node: Text) -> str:
    head = f"{node.column}:" if node.column else ""
    if node.prefix and _is_bare(node.value) and (node.column or _is_plain_word(node.value)):
        return head + node.value
    return head + _quoted(node.value) + "*" * node.prefix


def _is_bare(value: str) -> bool:
    return bool(value) and not any(ends_word(char) for char in value)


def _is_plain_word(word: str) -> bool:
    """Whether a bare word reads as itself rather than as an operator or a field."""
    return not (word.startswith("-") or word.lower() in KEYWORDS or is_field_like(word))


def _quoted(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _year_range(start: int | None, end: int | None) -> str:
    if start == end:
        return f"{start:04d}"
    first = "" if start is None else f"{start:04d}"
    last = "" if end is None else f"{end:04d}"
    return f"{first}..{last}"
