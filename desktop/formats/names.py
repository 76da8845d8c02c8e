"""Author lists, and where a compact listing's title ends and its author list begins.

A compact listing glues the title's last word to the first author's first name
(``...Language ModelsXuan Shen, Pu Zhao et al.``). The split is found with a small
grammar of personal names rather than with guesses about titles:

A name is tokens separated by spaces, each one of

* a capitalised word: an upper-case letter (``str.isupper``, so Ł, É and Ö count)
  followed by lower-case letters. Hyphenated parts may follow (``Ming-Wei``,
  ``Hyun-seok``), an apostrophe may join two parts (``O'Brien``, ``D'Angelo``), and a
  second capital is allowed only after a short known prefix (``DeLiang``, ``McDonald``,
  ``LeCun``), so ``ModelsXuan``, ``SRLiang`` or ``MemXuan`` are not names;
* an initial with its full stop (``H.``, ``Ch.``, ``H.-M.``); a bare capital is not one;
* a lower-case particle (``van``, ``de``, ``la``, ...), never first or last;
* a suffix (``Jr.``, ``III``), only last;
* a word in an uncased script (CJK and the like).

A name needs at least two tokens, one of them a word, except that a single uncased word
is a name (CJK names are written without spaces). Single-word Latin names (mononyms) are
accepted only where the caller already knows the text is an author list
(``allow_single_word``), because in a compact line they would make wrong splits valid.

A name is at most ``MAX_NAME_LENGTH`` characters long.

Splitting: candidates are the positions where a name could start although the character
before is not a space (nor ``-``: titles never end in a hyphen, and ``Super-Resolution``
must not split); the earliest candidate after which the rest of the line parses as an
author list wins. The search takes time linear in the line's length.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "la", "le", "du", "da", "di", "del", "della"}
    | {"dos", "das", "bin", "ibn", "al", "y", "ter", "ten", "zu"}
)
SUFFIXES = frozenset({"Jr.", "Sr.", "II", "III", "IV"})
# Prefixes after which a surname carries a second capital.
INNER_CAPITAL_PREFIXES = frozenset(
    {"Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "Fitz"}
)

_ET_AL_RE = re.compile(r"(?:,\s*|\s+)et\s+al\.?$")
# "et al." is looked for only this close to the end, which keeps the search linear on
# lines with long runs of spaces.
_ET_AL_WINDOW = 20
# No real name is longer; the cap also keeps the splitter linear on garbage lines.
MAX_NAME_LENGTH = 100

# Tokens are matched on their shape: U upper-case letter, l lower-case letter, o letter
# of an uncased script; apostrophes become "'", anything else stays itself.
_CAPITALISED = re.compile(r"Ul+")
_PREFIXED = re.compile(r"(Ul+)Ul+")
_APOSTROPHED = re.compile(r"Ul*'U?l+")
_LOWER = re.compile(r"l+")
_INITIAL = re.compile(r"Ul?\.(?:-Ul?\.)*")
_UNCASED = re.compile(r"o+")
_APOSTROPHES = "'\u2019"  # and the typographic one
_ASCII_SHAPES = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", "U" * 26 + "l" * 26
)
# Where a split may be: a character other than ASCII non-capitals (none of which starts a
# name), not right after a space or hyphen. _split_candidates checks each one in full.
_MAYBE_NAME_START = re.compile(r"(?<![\s-])[^\x00-\x40\x5b-\x7f]")
# Whether a text is a name, and a token's kind, depend on that text alone, and a listing
# repeats its authors and title words over and over: the verdicts are looked up, not
# worked out again.
_VERDICTS_CACHED = 1 << 16


@dataclass(frozen=True)
class AuthorList:
    """Authors in listing order; ``et_al`` when the listing cut the list short."""

    names: list[str]
    et_al: bool


@dataclass(frozen=True)
class TitleAndAuthors:
    """A compact line taken apart."""

    title: str
    authors: AuthorList


def parse_author_list(text: str, *, allow_single_word: bool = False) -> AuthorList | None:
    """Read ``Ann Lee, Bo Chen et al.`` into names, or ``None`` if it is not an author list.

    Args:
        text: Names separated by commas, optionally ending in ``et al.``.
        allow_single_word: Accept one-word Latin names (``Mausam``).

    Returns:
        The names, spelled exactly as given, or ``None`` when any of them is not a name.
    """
    body, et_al = _split_et_al(text)
    names = [name.strip() for name in body.split(",")]
    if all(is_person_name(name, allow_single_word=allow_single_word) for name in names):
        return AuthorList(names, et_al)
    return None


def split_title_and_authors(text: str) -> TitleAndAuthors | None:
    """Take ``<title><first author>, <more authors>[ et al.]`` apart.

    Args:
        text: A compact listing's title line, with any `` · affiliation`` already cut off.

    Returns:
        The title and authors, or ``None`` when no split gives a valid author list.
    """
    body, et_al = _split_et_al(text)
    chunks = _comma_chunks(body)
    # Every chunk after the one holding the split is a whole name, so the split lies in
    # the last chunk that is not one (the title's end glued to the first name) or after.
    first = max(
        (
            number
            for number, (start, end) in enumerate(chunks)
            if not is_person_name(body[start:end])
        ),
        default=0,
    )
    for number in range(first, len(chunks)):
        end = chunks[number][1]
        for index in _split_candidates(body, *chunks[number]):
            if is_person_name(body[index:end]):
                names = [body[index:end].strip()]
                names += [body[start:stop].strip() for start, stop in chunks[number + 1 :]]
                return TitleAndAuthors(body[:index], AuthorList(names, et_al))
    return None


def is_person_name(name: str, *, allow_single_word: bool = False) -> bool:
    """Whether ``name`` follows the name grammar of this module's docstring."""
    return _is_person_name(name, allow_single_word)


@functools.lru_cache(maxsize=_VERDICTS_CACHED)
def _is_person_name(name: str, allow_single_word: bool) -> bool:
    if len(name) > MAX_NAME_LENGTH:
        return False
    tokens = name.split()
    if not tokens:
        return False
    kinds = []
    for token in tokens:
        kind = _token_kind(token)
        if kind is None:  # the usual verdict on a split candidate that is too early
            return False
        kinds.append(kind)
    if len(tokens) == 1:
        return kinds[0] == "uncased" or (allow_single_word and kinds[0] == "word")
    return (
        kinds[0] not in ("particle", "suffix")
        and kinds[-1] != "particle"
        and "suffix" not in kinds[:-1]
        and any(kind in ("word", "uncased") for kind in kinds)
    )


def _split_et_al(text: str) -> tuple[str, bool]:
    text = text.strip()
    match = _ET_AL_RE.search(text, max(0, len(text) - _ET_AL_WINDOW))
    if match is None:
        return text, False
    return text[: match.start()].strip(), True


def _comma_chunks(text: str) -> list[tuple[int, int]]:
    """(start, end) of the pieces of ``text`` between commas."""
    ends = [match.start() for match in re.finditer(",", text)] + [len(text)]
    return list(zip([0] + [end + 1 for end in ends[:-1]], ends, strict=True))


def _split_candidates(text: str, start: int, end: int) -> Iterator[int]:
    """Where in ``text[start:end]`` a name may begin right after a title's last character.

    That is a capital (or an uncased letter after a cased one) not preceded by a space
    or a hyphen, and close enough to the end for a name to fit.
    """
    for match in _MAYBE_NAME_START.finditer(text, max(start, 1, end - MAX_NAME_LENGTH), end):
        index = match.start()
        before, char = text[index - 1], text[index]
        if char.isupper() or (_is_uncased_letter(char) and (before.isupper() or before.islower())):
            yield index


@functools.lru_cache(maxsize=_VERDICTS_CACHED)
def _token_kind(token: str) -> str | None:
    if token in SUFFIXES:
        return "suffix"
    if token in PARTICLES:
        return "particle"
    shape = _shape(token)
    if _INITIAL.fullmatch(shape):
        return "initial"
    if _UNCASED.fullmatch(shape):
        return "uncased"
    return "word" if _is_name_word(token, shape) else None


def _is_name_word(token: str, shape: str) -> bool:
    first, *rest = zip(token.split("-"), shape.split("-"), strict=True)
    return _is_capitalised(*first) and all(
        _is_capitalised(part, part_shape) or _LOWER.fullmatch(part_shape)
        for part, part_shape in rest
    )


def _is_capitalised(part: str, shape: str) -> bool:
    if _CAPITALISED.fullmatch(shape) or _APOSTROPHED.fullmatch(shape):
        return True
    prefixed = _PREFIXED.fullmatch(shape)
    return prefixed is not None and part[: prefixed.end(1)] in INNER_CAPITAL_PREFIXES


def _shape(token: str) -> str:
    if token.isascii():  # no marks, no uncased letters: one translation does
        return token.translate(_ASCII_SHAPES)
    shape: list[str] = []
    for char in token:
        if unicodedata.category(char).startswith("M"):
            # A combining mark belongs to the letter before it: "e" + U+0301 is still one
            # lower-case letter, a Devanagari vowel sign is still uncased script.
            shape.append("o" if shape and shape[-1] == "o" else "l")
        elif char.isupper():
            shape.append("U")
        elif char.islower():
            shape.append("l")
        elif char.isalpha():
            shape.append("o")
        else:
            shape.append("'" if char in _APOSTROPHES else char)
    return "".join(shape)


def _is_uncased_letter(char: str) -> bool:
    return char.isalpha() and not char.isupper() and not char.islower()
