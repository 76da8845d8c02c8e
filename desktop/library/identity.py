"""How the library recognises a paper it already holds when a file brings it again.

Identifiers come first: a DOI, an arXiv id or a landing-page URL names one paper whatever
its title. Listings have none, and their titles are distinctive enough to be the key.
Reference managers' files are not: journals' "Editorial" and "Calendar" columns share a
title across issues, so an entry without an identifier is known by its title together
with its first author, year, volume, number and pages.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

from desktop.formats.records import PaperRecord

_NOT_WORD = re.compile(r"[\W_]+")
# Hosts whose links name a repository or a file rather than a paper: several papers often
# share one repository, so such a link does not tell papers apart.
_SHARED_HOSTS = (
    "github.com",
    "gitlab.com",
    "bitbucket.org",
    "huggingface.co",
    "doi.org",
    "arxiv.org",
)


def normalise_text(text: str) -> str:
    """Case, accents, punctuation and spacing folded away.

    "Zoë's  LLM-Pruning" becomes "zoes llm pruning": the text is decomposed (NFKD) and
    its combining marks dropped, then case-folded, apostrophes deleted and every run of
    other non-alphanumeric characters made one space, none at the ends.
    """
    if not text.isascii():  # ASCII is its own decomposition, without combining marks
        text = unicodedata.normalize("NFKD", text).translate(_WITHOUT_COMBINING)
        if not text.isascii():
            folded = text.casefold().replace("'", "").replace("\u2019", "")
            return _NOT_WORD.sub(" ", folded).strip()
    # Every import folds each abstract, so ASCII text takes C loops over bytes, several
    # times faster than the regular expression: one translation, then runs of spaces
    # halved until none is left.
    folded = text.encode().translate(_ASCII_FOLD, b"'")
    while b"  " in folded:
        folded = folded.replace(b"  ", b" ")
    return folded.strip().decode()


class _CombiningMarks(dict[int, int | None]):
    """A str.translate table deleting combining marks, filled as characters are met (at
    most one entry per code point): telling every code point apart up front takes long."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_COMBINING = _CombiningMarks()
# ASCII letters lower-cased (their case folding), digits kept, anything else a space.
_ASCII_FOLD = bytes(
    ord(char.lower()) if char.isascii() and char.isalnum() else ord(" ")
    for char in map(chr, range(256))
)


def paper_keys(record: PaperRecord) -> list[str]:
    """The identities of a paper, strongest first.

    A titled paper is known by its normalised title (a weak key: see `is_weak_key`); a
    paper with an abstract is also known by it, so an abstract-only listing of a paper
    already in the library (with its title) is recognised too.
    """
    keys = identifier_keys(record)
    if record.bibliographic:
        keys += _bibliographic_keys(record)
    else:
        abstract = normalise_text(record.abstract)
        if abstract:
            keys.append(f"a:{hashlib.sha1(abstract.encode()).hexdigest()}")
    title = normalise_text(record.title or "")
    if title:
        # also for bibliographies, so a listing's paper exported and imported again (with
        # details the listing lacked, or without its abstract) is still recognised
        keys.append(f"t:{title}")
    return keys


def identifier_keys(record: PaperRecord) -> list[str]:
    """The keys of a record's identifiers: DOI, arXiv id, landing-page URL."""
    keys = []
    if record.doi:
        keys.append(f"doi:{record.doi.casefold()}")
    if record.arxiv_id:
        keys.append(f"arxiv:{record.arxiv_id}")
    url = normalise_url(record.url)
    if url:
        keys.append(f"url:{url}")
    return keys


# What a weak key (page URL, title) must agree on to name the same paper: normalised
# title, first author's surname, year, volume, number, pages; a value one side lacks
# agrees with anything.
Sameness = tuple[str, str, str, str, str, str]


def sameness(title: str | None, authors: list[str], date: str | None, *details: str) -> Sameness:
    """A paper's `Sameness`: from its title, authors, date, volume, number and pages."""
    volume, number, pages = (normalise_text(value or "") for value in details)
    return (
        normalise_text(title or ""),
        first_surname(authors),
        (date or "")[:4],
        volume,
        number,
        pages,
    )


def record_sameness(record: PaperRecord) -> Sameness:
    """The `Sameness` of an imported record (a year the listing did not give counts as none)."""
    date = None if record.date_inferred else record.date
    return sameness(record.title, record.authors, date, record.volume, record.number, record.pages)


def agree(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Whether two papers sharing a page URL or title are one: nothing both give differs.

    Real bibliographies point many articles at one URL (TUGboat's entries share each
    issue's PDF, and every membership form links the same page) and give one title to
    many (its "Calendar" in every issue), so neither alone is proof; either with nothing
    contradicting it is.
    """
    return all(a == b or not a or not b for a, b in zip(first, second, strict=True))


def is_weak_key(key: str) -> bool:
    """Whether ``key`` names a paper only where the details agree (see `agree`).

    A page URL (shared by the articles of an issue) and a title alone (a journal's
    "Editorial" in every issue) are weak; identifiers, abstracts and a title with its
    first author, year, volume, number and pages are not.
    """
    return key.startswith(("url:", "t:"))


def normalise_url(url: str) -> str:
    """A landing-page URL without scheme, "www.", fragment or trailing slash; "" for links
    that do not name one paper (repositories, DOI and arXiv links, which have own keys)."""
    parts = urlsplit((url or "").strip())
    host = parts.hostname or ""
    if not host or parts.scheme.casefold() not in ("http", "https"):
        return ""
    host = host.casefold().removeprefix("www.")
    if any(host == shared or host.endswith("." + shared) for shared in _SHARED_HOSTS):
        return ""
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def first_surname(authors: list[str]) -> str:
    """The first author's surname as the key uses it: the last word of the name, folded."""
    words = normalise_text(authors[0]).split() if authors else []
    return words[-1] if words else ""


def _bibliographic_keys(record: PaperRecord) -> list[str]:
    keys = []
    # a titled entry is known by its whole `Sameness`, with the year as the file gives it
    same = sameness(
        record.title, record.authors, record.date, record.volume, record.number, record.pages
    )
    if same[0]:
        keys.append("b:" + "|".join(same))
    abstract = normalise_text(record.abstract)
    if abstract:
        keys.append(f"a:{hashlib.sha1(abstract.encode()).hexdigest()}")
    if not keys and record.citation_key:
        # nothing else names it (a biblatex @set, an entry with no title): its key in the
        # file does, so importing the file again still adds nothing
        keys.append(f"cite:{record.entry_type}:{record.citation_key.casefold()}")
    return keys
