"""What every export writer reads: one paper as an `ExportEntry`, the user's `ExportOptions`.

The helpers here give each writer the same answer to the questions they all ask: what
to call a paper without a title, which of its links are safe to print, which parts its
date has, and how a name splits into given and family names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from desktop.formats.export.text import first_words, one_line
from desktop.formats.names import PARTICLES, SUFFIXES

# The optional parts of an export, as the user picks them (and the CLI's --include).
INCLUDE_CHOICES = ("abstract", "notes", "tags", "status")

_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
# Characters a URL may carry as they are; anything else is percent-encoded, so no link
# can close a quote, a brace or a Markdown bracket it is printed in.
_URL_SAFE = "/:?#[]@!$&'()*+,;=%-._~"


@dataclass(frozen=True)
class ExportEntry:
    """One paper as the export writers see it (no database ids beyond ``id``).

    ``key`` is the citation key; `desktop.formats.export.write` fills in the missing ones.
    """

    id: int
    title: str | None
    authors: list[str] = field(default_factory=list)
    et_al: bool = False
    date: str | None = None  # ISO: YYYY, YYYY-MM or YYYY-MM-DD
    date_inferred: bool = False  # the listing gave no year; it is the import year
    category: str = ""
    affiliation: str = ""
    abstract: str = ""
    code_urls: list[str] = field(default_factory=list)
    status: str = "unread"
    tags: list[str] = field(default_factory=list)
    note: str = ""
    key: str = ""
    # what reference managers' files carry; "" when the library knows none
    venue: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""  # a range with an en dash: 97\u2013111
    doi: str = ""
    arxiv_id: str = ""
    url: str = ""  # the paper's own page, unlike code_urls
    entry_type: str = ""  # the type its source file gave (article, JOUR, ...)


@dataclass(frozen=True)
class ExportOptions:
    """What the user asked to include, and the document's title (Markdown and HTML)."""

    include: frozenset[str] = frozenset()
    title: str = "Reading list"
    description: str = ""

    def __post_init__(self) -> None:
        unknown = set(self.include).difference(INCLUDE_CHOICES)
        if unknown:
            raise ValueError(
                f"Cannot include {', '.join(sorted(unknown))}; "
                f"choose from {', '.join(INCLUDE_CHOICES)}."
            )

    def wants(self, part: str) -> bool:
        """Whether ``part`` (one of `INCLUDE_CHOICES`) goes into the export."""
        return part in self.include


@dataclass(frozen=True)
class PersonName:
    """A name split the way citation formats want it; ``given`` may be empty."""

    family: str
    given: str = ""
    suffix: str = ""


def has_title(entry: ExportEntry) -> bool:
    """Whether the paper has a title of its own (not just white space)."""
    return bool(one_line(entry.title))


def display_title(entry: ExportEntry) -> str:
    """The paper's title on one line, or a stand-in that says plainly that it has none."""
    if has_title(entry):
        return one_line(entry.title)
    return f"Untitled ({untitled_hint(entry)})"


def untitled_hint(entry: ExportEntry) -> str:
    """What tells an untitled paper apart: the start of its abstract, else its id."""
    if one_line(entry.abstract):
        return f"abstract begins: {first_words(entry.abstract, 8)}"
    return f"paper {entry.id}"


def date_parts(entry: ExportEntry) -> list[int]:
    """Year, month and day as far as the date gives them ([] when there is no date)."""
    found = _DATE.fullmatch(entry.date or "")
    if not found:
        return []
    return [int(part) for part in found.groups() if part is not None]


def year(entry: ExportEntry) -> int | None:
    """The year of publication, if known."""
    parts = date_parts(entry)
    return parts[0] if parts else None


def web_links(entry: ExportEntry) -> list[str]:
    """The paper's http(s) links, percent-encoded where needed; other schemes are left out.

    A ``javascript:`` or ``file:`` link from an imported listing must never become a
    live link in an export, so only web links survive.
    """
    return _safe_links(entry.code_urls)


def paper_links(entry: ExportEntry) -> list[str]:
    """The paper's own page first (when it has one), then its code links; web links only."""
    return _safe_links([entry.url, *entry.code_urls])


def _safe_links(urls: list[str]) -> list[str]:
    links = []
    for url in urls:
        url = one_line(url)
        try:
            scheme, host = urlsplit(url)[:2]
        except ValueError:  # e.g. an unbalanced "[" in the host
            continue
        if scheme.lower() in ("http", "https") and host:
            links.append(quote(url, safe=_URL_SAFE))
    return list(dict.fromkeys(links))


def split_name(name: str) -> PersonName:
    """Split "Given von Family Jr." (or "Family, Given") into its parts.

    Lower-case particles (van, de, ...) stay with the family name; a name of one word is
    all family name, which is also how uncased scripts (CJK) are written.
    """
    name = one_line(name)
    if name.count(",") == 1:
        family, given = (part.strip() for part in name.split(","))
        if family and given:
            return PersonName(family=family, given=given)
    words = name.split(" ")
    suffix = words.pop() if len(words) > 2 and words[-1] in SUFFIXES else ""
    start = len(words) - 1
    while start > 1 and words[start - 1] in PARTICLES:
        start -= 1
    return PersonName(family=" ".join(words[start:]), given=" ".join(words[:start]), suffix=suffix)
