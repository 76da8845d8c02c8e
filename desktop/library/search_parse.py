"""Reading search text into a syntax tree.

What the words mean is told in :mod:`desktop.library.search`. Formally::

    query    = or_expr
    or_expr  = and_expr { ("or" | "|") and_expr }
    and_expr = unary { ["and"] unary }
    unary    = ("not" | "-") unary | primary        a "-" touches the term it excludes
    primary  = "(" or_expr ")" | word | phrase | field
    phrase   = '"' { char } '"' ["*"]                \\" and \\\\ are the escapes inside
    field    = name ":" (word-chars | phrase)        name is letters only

A word runs up to white space or one of ``( ) " |``. Every syntax error is a
`RepairableSyntaxError`: besides its position it carries a repaired text, which is what lets
the search box keep filtering while the user is half-way through typing a query.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

_FIELD_NAMES = frozenset(
    {"author", "tag", "status", "cat", "year", "has", "title", "abstract", "list", "source"}
)
# Field terms that search one column of the full-text index rather than a table.
_FTS_COLUMNS = frozenset({"title", "abstract"})
_CHOICES = {
    "status": ("unread", "reading", "read"),
    "has": ("code", "note", "title", "abstract", "tags"),
}
KEYWORDS = frozenset({"and", "or", "not"})
# Deeper queries are not written by people, and would run out of Python's stack.
_MAX_NESTING = 50
_FIELD_PREFIX = re.compile(r"([A-Za-z]+):")
_YEAR = re.compile(r"[0-9]{4}")
_WORD_CHARS = re.compile(r"\w+")
# The kinds of token that can begin a term.
_TERM_STARTS = frozenset({"word", "phrase", "field", "(", "not", "-"})


@dataclass(frozen=True)
class Text:
    """Words that must appear in a paper's full text.

    Attributes:
        value: the word, or the inside of a phrase, as typed.
        prefix: the last word may be the start of a longer one (bare words, ``"..."*``).
        column: ``"title"`` or ``"abstract"`` to look in that column only; None for all.
    """

    value: str
    prefix: bool = True
    column: str | None = None


@dataclass(frozen=True)
class Field:
    """A ``name:value`` term on a table column; status and has values are lower case."""

    name: str
    value: str


@dataclass(frozen=True)
class Year:
    """A ``year:`` term: the years from start to end, both included; None is open."""

    start: int | None
    end: int | None


@dataclass(frozen=True)
class Not:
    """Papers that do not match ``child``."""

    child: Node


@dataclass(frozen=True)
class And:
    """Papers that match every child (two or more)."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """Papers that match any child (two or more)."""

    children: tuple[Node, ...]


Node = Text | Field | Year | Not | And | Or


class SearchSyntaxError(ValueError):
    """Search text that does not follow the grammar.

    Attributes:
        message: what is wrong, for people.
        position: 0-based offset into the text where the problem is.
    """

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} (at {position})")
        self.message = message
        self.position = position


class RepairableSyntaxError(SearchSyntaxError):
    """A syntax error that knows a nearby text which is likelier to parse.

    Attributes:
        hint: what is wrong and what the forgiving search does about it.
        fixed_text: the text with this one problem repaired.
    """

    def __init__(self, message: str, position: int, *, hint: str, fixed_text: str) -> None:
        super().__init__(message, position)
        self.hint = hint
        self.fixed_text = fixed_text


@dataclass(frozen=True)
class _Token:
    kind: str  # word, phrase, field, (, ), or, and, not, -
    start: int
    end: int
    value: str = ""
    name: str = ""  # a field's name, lower case
    value_start: int = 0  # where a field's value begins
    quoted: bool = False  # a field's value was in quotes
    star: bool = False  # a phrase or field phrase was followed by "*"


def ends_word(char: str) -> bool:
    """Whether ``char`` ends a bare word."""
    return char.isspace() or char in '()"|'


def has_index_tokens(value: str) -> bool:
    """Whether the full-text index would find any word in ``value``.

    The unicode61 tokenizer keeps letters, digits and private-use characters (its default
    categories ``L* N* Co``) and treats everything else as a separator.
    """
    return any(_is_indexed(unicodedata.category(char)) for char in value)


def index_words(value: str) -> list[str]:
    """The words the full-text index makes of ``value``: runs of the characters it keeps."""
    words: list[str] = []
    word = ""
    for char in value:
        if _is_indexed(unicodedata.category(char)):
            word += char
        elif word:
            words.append(word)
            word = ""
    return [*words, word] if word else words


def _is_indexed(category: str) -> bool:
    return category[0] in "LN" or category == "Co"


def is_field_like(word: str) -> bool:
    """Whether a bare word starts with ``name:`` and so reads as a field term."""
    return _FIELD_PREFIX.match(word) is not None


def plain_words(text: str) -> list[str]:
    """The runs of letters, digits and underscores in ``text`` but the operators."""
    return [word for word in _WORD_CHARS.findall(text) if word.lower() not in KEYWORDS]


def _removed(text: str, start: int, end: int) -> str:
    # A space keeps the neighbours of the removed span from running together.
    return f"{text[:start]} {text[end:]}"


# --- tokens -------------------------------------------------------------------------------


def _tokenize(text: str) -> list[_Token]:
    tokens = []
    position = 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        token = _read_token(text, position)
        tokens.append(token)
        position = token.end
    return tokens


def _read_token(text: str, start: int) -> _Token:
    char = text[start]
    if char in "()-":
        return _Token(char, start, start + 1)
    if char == "|":
        return _Token("or", start, start + 1)
    if char == '"':
        value, end, star = _read_quoted(text, start, star_allowed=True)
        return _Token("phrase", start, end, value=value, star=star)
    return _read_word(text, start)


def _read_word(text: str, start: int) -> _Token:
    end = start
    while end < len(text) and not ends_word(text[end]):
        end += 1
    word = text[start:end]
    if word.lower() in KEYWORDS:
        return _Token(word.lower(), start, end)
    if prefix := _FIELD_PREFIX.match(word):
        return _read_field(text, start, end, prefix.group(1).lower())
    return _Token("word", start, end, value=word)


def _read_field(text: str, start: int, word_end: int, name: str) -> _Token:
    value_start = start + len(name) + 1
    if value_start == word_end and text.startswith('"', word_end):
        value, end, star = _read_quoted(text, word_end, star_allowed=name in _FTS_COLUMNS)
        return _Token("field", start, end, value, name, value_start, quoted=True, star=star)
    return _Token("field", start, word_end, text[value_start:word_end], name, value_start)


def _read_quoted(text: str, opening: int, *, star_allowed: bool) -> tuple[str, int, bool]:
    """Read the quoted string at ``opening``: its value, where it ends, and a trailing star."""
    chars = []
    position = opening + 1
    while position < len(text):
        char = text[position]
        if char == '"':
            star = star_allowed and text.startswith("*", position + 1)
            end = position + 2 if star else position + 1
            return "".join(chars), end, star
        if char == "\\" and text[position + 1 : position + 2] in ('"', "\\"):
            position += 1
            char = text[position]
        chars.append(char)
        position += 1
    raise _unclosed_quote(text, opening, star_allowed=star_allowed)


def _unclosed_quote(text: str, opening: int, *, star_allowed: bool) -> RepairableSyntaxError:
    # A lone backslash at the end would escape the closing quote, so it gets doubled; a
    # closed phrase keeps matching as a prefix while the user is still typing its last word.
    trailing_backslashes = len(text) - len(text.rstrip("\\"))
    closing = "\\" * (trailing_backslashes % 2) + '"' + "*" * star_allowed
    return RepairableSyntaxError(
        "Unclosed quote",
        opening,
        hint="Unclosed quote — searching for the words as typed",
        fixed_text=text + closing,
    )


# --- the tree -----------------------------------------------------------------------------


def parse(text: str) -> Node | None:
    """Parse search text into a syntax tree.

    Args:
        text: what the user typed.

    Returns:
        The tree, or None when the text is blank.

    Raises:
        SearchSyntaxError: the text does not follow the grammar (always the
            `RepairableSyntaxError` subclass).
    """
    return _Parser(text).parse()


class _Parser:
    """Recursive descent over the tokens, one method per grammar rule."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._tokens = _tokenize(text)
        self._index = 0
        self._depth = 0

    def parse(self) -> Node | None:
        if not self._tokens:
            return None
        node = self._or_expr()
        if (extra := self._peek()) is not None:  # only a ")" can be left over
            raise self._error(extra, "Unmatched closing parenthesis", "ignored it")
        return node

    def _or_expr(self) -> Node:
        children = [self._and_expr()]
        while operator := self._accept("or"):
            self._require_term_after(operator)
            children.append(self._and_expr())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def _and_expr(self) -> Node:
        children = [self._unary()]
        while True:
            if operator := self._accept("and"):
                self._require_term_after(operator)
            elif not self._term_follows():
                break
            children.append(self._unary())
        return children[0] if len(children) == 1 else And(tuple(children))

    def _unary(self) -> Node:
        if operator := self._accept("not", "-"):
            self._require_term_after(operator)
            return Not(self._nested(self._unary))
        return self._primary()

    def _nested(self, rule: Callable[[], Node]) -> Node:
        """Parse the inside of a group or a negation, keeping count of how deep it goes."""
        self._depth += 1
        if self._depth > _MAX_NESTING:
            raise self._too_deep()
        node = rule()
        self._depth -= 1
        return node

    def _primary(self) -> Node:
        token = self._tokens[self._index]  # callers make sure a token is there
        self._index += 1
        if token.kind == "(":
            return self._group(token)
        if token.kind == "word":
            return Text(token.value)
        if token.kind == "phrase":
            return Text(token.value, prefix=token.star)
        if token.kind == "field":
            return _field_node(token, self._text)
        if token.kind == ")":
            raise self._error(token, "Unmatched closing parenthesis", "ignored it")
        # "or" or "and" at the start of the query or of a group
        raise self._error(token, f"{token.kind} needs a term on each side", "ignored it")

    def _group(self, opening: _Token) -> Node:
        following = self._peek()
        if following is not None and following.kind == ")":
            raise RepairableSyntaxError(
                "Empty parentheses",
                opening.start,
                hint="Empty parentheses — ignored them",
                fixed_text=_removed(self._text, opening.start, following.end),
            )
        if following is None:
            raise self._unclosed(opening)
        node = self._nested(self._or_expr)
        if not self._accept(")"):
            raise self._unclosed(opening)
        return node

    def _unclosed(self, opening: _Token) -> RepairableSyntaxError:
        return RepairableSyntaxError(
            "Unclosed parenthesis",
            opening.start,
            hint="Unclosed parenthesis — closed it at the end",
            fixed_text=self._text + ")",
        )

    def _too_deep(self) -> RepairableSyntaxError:
        message = f"More than {_MAX_NESTING} nested groups and negations"
        return RepairableSyntaxError(
            message,
            self._tokens[self._index].start,
            hint=f"{message} — searching for the words as typed",
            fixed_text=" ".join(plain_words(self._text)),
        )

    def _require_term_after(self, operator: _Token) -> None:
        following = self._peek()
        touching = following is not None and following.start == operator.end
        if not self._term_follows() or (operator.kind == "-" and not touching):
            message = (
                "- needs a term right after it"
                if operator.kind == "-"
                else f"{operator.kind} needs a term after it"
            )
            raise self._error(operator, message, "ignored it")

    def _term_follows(self) -> bool:
        following = self._peek()
        return following is not None and following.kind in _TERM_STARTS

    def _peek(self) -> _Token | None:
        return self._tokens[self._index] if self._index < len(self._tokens) else None

    def _accept(self, *kinds: str) -> _Token | None:
        token = self._peek()
        if token is None or token.kind not in kinds:
            return None
        self._index += 1
        return token

    def _error(self, token: _Token, message: str, action: str) -> RepairableSyntaxError:
        return RepairableSyntaxError(
            message,
            token.start,
            hint=f"{message} — {action}",
            fixed_text=_removed(self._text, token.start, token.end),
        )


# --- field terms --------------------------------------------------------------------------

_YEAR_USAGE = "year: takes a year like 2020, or a range like 2019..2021, 2019.. or ..2021"


def _field_node(token: _Token, text: str) -> Node:
    if token.name not in _FIELD_NAMES:
        raise _unknown_field(token, text)
    if not token.value.strip():
        raise _bad_value(token, text, f"{token.name}: needs a value")
    if token.name in _FTS_COLUMNS:
        return Text(token.value, prefix=token.star or not token.quoted, column=token.name)
    if token.name == "year":
        return _year_node(token, text)
    if token.name in _CHOICES:
        return _choice_node(token, text)
    return Field(token.name, token.value)


def _choice_node(token: _Token, text: str) -> Field:
    choices = _CHOICES[token.name]
    value = token.value.lower()
    if value not in choices:
        listed = f"{', '.join(choices[:-1])} or {choices[-1]}"
        raise _bad_value(token, text, f"{token.name}: takes {listed}")
    return Field(token.name, value)


def _year_node(token: _Token, text: str) -> Year:
    first, dots, last = token.value.partition("..")
    bounds = (first, last if dots else first)
    if not any(bounds) or not all(_YEAR.fullmatch(bound) for bound in bounds if bound):
        raise _bad_value(token, text, _YEAR_USAGE)
    start, end = (int(bound) if bound else None for bound in bounds)
    if start is not None and end is not None and start > end:
        raise _bad_value(token, text, "year: a range goes from the earlier year to the later")
    return Year(start, end)


def _bad_value(token: _Token, text: str, message: str) -> RepairableSyntaxError:
    return RepairableSyntaxError(
        message, token.value_start, hint=message, fixed_text=_removed(text, token.start, token.end)
    )


def _unknown_field(token: _Token, text: str) -> RepairableSyntaxError:
    # The words go back in as quoted prefixes, so none of them can be read as a keyword.
    words = plain_words(text[token.start : token.end])
    replacement = "(" + " ".join(f'"{word}"*' for word in words) + ")" if words else " "
    return RepairableSyntaxError(
        f"Unknown field {token.name}:",
        token.start,
        hint=f"No field called {token.name}: — searching for the words as typed",
        fixed_text=text[: token.start] + replacement + text[token.end :],
    )
