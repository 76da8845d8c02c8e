"""Citation keys: author-year-word (``shen2024search``), ASCII only, unique, stable.

A key is built from the first author's family name, the year and the first word of the
title that is not a small word. Papers whose keys would clash are told apart by a
suffix in the order of their library ids: the oldest keeps the plain key, the next ones
get ``a``, ``b``, ... ``z``, ``aa`` ... So the same papers always get the same keys, and
a paper added later never takes the key of one already cited.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace

from desktop.formats.export.model import ExportEntry, split_name
from desktop.formats.export.text import one_line
from desktop.formats.names import PARTICLES

# Words a key never uses (English function words that start so many titles).
_SMALL_WORD_LIST = (
    "a an and are as at be by can do does for from how in into is it its of on or our"
    " the their this to towards toward via what when where which who why with"
)
_SMALL_WORDS = frozenset(_SMALL_WORD_LIST.split())
# Letters NFKD does not take apart into an ASCII letter and an accent.
_FOLD = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "\u0131": "i",
    }
)
_LONGEST_PART = 20


def ascii_word(text: str) -> str:
    """Lower-case ASCII letters and digits of the text, accents dropped (Łukasz: lukasz)."""
    # casefolded again after NFKD: compatibility letters (fraktur, bold math) decompose to capitals
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD)).casefold()
    return "".join(char for char in folded if char.isascii() and char.isalnum())


def key_base(authors: Sequence[str], date: str | None, title: str | None, abstract: str) -> str:
    """The key a paper gets unless another paper has it already.

    Args:
        authors: the author names in order (only the first is used).
        date: the ISO date, or None.
        title: the title, or None for an untitled paper (the abstract's words are used).
        abstract: the abstract.

    Returns:
        ``surname + year + word``, with ``anon`` and ``nd`` standing in for a missing
        author and year, e.g. ``shen2024search`` or ``anonndfinetuning``.
    """
    surname = _surname(authors[0]) if authors else ""
    year = (date or "")[:4]
    if not (len(year) == 4 and year.isascii() and year.isdigit()):
        year = "nd"
    return f"{surname or 'anon'}{year}{_first_word(title) or _first_word(abstract) or 'paper'}"


def assign_keys(bases: Iterable[tuple[int, str]], taken: Iterable[str] = ()) -> dict[int, str]:
    """Unique keys for papers, given each paper's id and key base.

    Args:
        bases: ``(paper id, key base)`` pairs, in any order.
        taken: keys already in use elsewhere (compared without case).

    Returns:
        Each paper id's key: the base itself for the paper with the lowest id among those
        sharing it, the base plus ``a``, ``b``, ... for the others.
    """
    used = {key.lower() for key in taken}
    keys = {}
    for paper_id, base in sorted(bases):
        key = base
        counter = 0
        while key.lower() in used:
            counter += 1
            key = base + _suffix(counter)
        used.add(key.lower())
        keys[paper_id] = key
    return keys


def with_keys(entries: Sequence[ExportEntry]) -> list[ExportEntry]:
    """The entries, each with a citation key: the keys given are kept, the others made."""
    given = {entry.key for entry in entries if entry.key}
    made = assign_keys(
        ((entry.id, entry_key_base(entry)) for entry in entries if not entry.key), taken=given
    )
    return [entry if entry.key else replace(entry, key=made[entry.id]) for entry in entries]


def entry_key_base(entry: ExportEntry) -> str:
    """`key_base` for an entry."""
    return key_base(entry.authors, entry.date, entry.title, entry.abstract)


def _surname(name: str) -> str:
    family = split_name(name).family.split(" ")
    core = [word for word in family if word not in PARTICLES] or family
    return ascii_word("".join(core))[:_LONGEST_PART]


def _first_word(text: str | None) -> str:
    for word in one_line(text).split(" "):
        # "Multi-Treatment-DML:" gives "multitreatmentdml", "E$^{2}$GAN" gives "e2gan"
        letters = ascii_word(word)
        if letters and word.casefold().strip(".,:;!?()[]{}'\"") not in _SMALL_WORDS:
            return letters[:_LONGEST_PART]
    return ""


def _suffix(counter: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: bijective base 26, so the suffixes never run out."""
    letters = ""
    while counter:
        counter, rest = divmod(counter - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters
