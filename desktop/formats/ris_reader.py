"""Reading RIS files (Zotero, EndNote, Mendeley, publishers' sites) into paper records.

The file is cut into records here, at each ``TY  -`` line, so every record carries its
first line for messages and a record rispy cannot read costs only itself; rispy reads
each record's tags.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import rispy

from desktop.formats.biblio_common import (
    PAGE_RANGE_DASH,
    arxiv_id,
    inverted_name,
    iso_date,
    normalise_doi,
    split_keywords,
    split_links,
    status_from_readstatus,
)
from desktop.formats.records import PaperRecord, ParsedListing, Problem

# A record's opening line. Records after the first line are looked for after their
# newline, which the regex engine finds at the speed of a plain string search; a pattern
# anchored with re.MULTILINE's "^" instead makes it try every character of a large file.
_RECORD_START = "\ufeff?TY  -"
_FIRST_LINE_RECORD = re.compile(_RECORD_START)
_LATER_RECORD = re.compile("\n" + _RECORD_START)
_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])  -( |$)")
_AUTHOR_FIELDS = ("authors", "first_authors", "secondary_authors", "tertiary_authors")
_STATUS_NOTE = "Reading status: "  # how Lectern's RIS export writes the status
_VENUE_FIELDS = ("journal_name", "secondary_title", "alternate_title3", "publisher")


def sniff_ris(text: str) -> bool:
    """Whether ``text`` holds RIS records: a ``TY  - `` line opening a record."""
    # a search, not a split into lines: sniffing must cost no memory on large listings
    return bool(_FIRST_LINE_RECORD.match(text) or _LATER_RECORD.search(text))


def parse_ris(text: str, today: datetime.date) -> ParsedListing:
    """Read every record of a RIS file; records that cannot be read become Problems."""
    del today  # RIS years are explicit; nothing is inferred
    listing = ParsedListing(format="ris")
    for start, lines in _records(text.lstrip("\ufeff").splitlines()):
        try:
            found = rispy.loads("\n".join([*lines, "ER  - "]) + "\n")
        except Exception as exc:  # rispy raises assorted errors on malformed records
            listing.problems.append(Problem(start, f"record not read: {exc}"))
            continue
        if not found:
            listing.problems.append(Problem(start, "record not read"))
            continue
        listing.papers.append(_record(found[0], start))
    return listing


def _records(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Each record's first line (1-based) and its lines up to, not including, ``ER``."""
    records: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    for number, line in enumerate(lines, start=1):
        if line.startswith("TY  -"):
            current = [line]
            records.append((number, current))
        elif line.startswith("ER  -"):
            current = None
        elif current is not None and (_TAG_LINE.match(line) or line.strip()):
            current.append(line)
    return records


def _record(found: dict[str, Any], line: int) -> PaperRecord:
    def text(key: str) -> str:
        value = found.get(key, "")
        if isinstance(value, list):
            value = value[0] if value else ""
        return " ".join(str(value).split())

    authors: list[str] = []
    for key in _AUTHOR_FIELDS:
        if found.get(key):
            authors = [inverted_name(name) for name in found[key] if name.strip()]
            break
    date_text = text("date") or text("year")
    parts = [*date_text.split("/"), "", "", ""][:3]
    urls = [url for url in found.get("urls", []) if url.strip()]
    url, code_urls = split_links(urls)
    pages = PAGE_RANGE_DASH.join(part for part in (text("start_page"), text("end_page")) if part)
    status, notes = _status_and_notes([str(note).strip() for note in found.get("notes", [])])
    return PaperRecord(
        title=(text("title") or text("primary_title")) or None,
        authors=authors,
        affiliation=text("author_address"),
        date=iso_date(parts[0] or text("year"), parts[1], parts[2]),
        abstract=str(found.get("abstract", "")).strip(),
        line=line,
        venue=next((text(key) for key in _VENUE_FIELDS if text(key)), ""),
        volume=text("volume"),
        number=text("number"),
        pages=pages,
        doi=normalise_doi(text("doi")),
        arxiv_id=arxiv_id(*urls),
        url=url,
        has_code=bool(code_urls),
        code_urls=code_urls,
        keywords=tuple(split_keywords(";".join(found.get("keywords", [])))),
        note="\n\n".join(note for note in notes if note),
        entry_type=text("type_of_reference"),
        citation_key=text("id"),
        status=status,
        bibliographic=True,
    )


def _status_and_notes(notes: list[str]) -> tuple[str | None, list[str]]:
    """Lectern's own "Reading status: read" note back as a status; the other notes."""
    status = None
    rest = []
    for note in notes:
        if note.startswith(_STATUS_NOTE):
            status = status_from_readstatus(note.removeprefix(_STATUS_NOTE))
        else:
            rest.append(note)
    return status, rest
