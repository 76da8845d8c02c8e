"""Reading CSL-JSON files (Zotero, pandoc, citeproc) into paper records.

A CSL-JSON file is a JSON array of items. JSON gives no line per item, so each item's
line is found by where its ``"id"`` or opening brace sits in the text, for messages.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from desktop.formats.biblio_common import (
    PAGE_RANGE_DASH,
    arxiv_id,
    display_name,
    iso_date,
    normalise_doi,
    split_keywords,
    split_links,
    status_from_readstatus,
)
from desktop.formats.records import ImportFormatError, PaperRecord, ParsedListing, Problem

_VENUE_FIELDS = ("container-title", "collection-title", "publisher")


def sniff_csljson(text: str) -> bool:
    """Whether ``text`` is a JSON array whose first item is an object with type or title."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped.startswith("["):
        return False
    try:
        items = json.loads(stripped)
    except ValueError:
        return False
    return (
        isinstance(items, list)
        and bool(items)
        and isinstance(items[0], dict)
        and ("type" in items[0] or "title" in items[0])
    )


def parse_csljson(text: str, today: datetime.date) -> ParsedListing:
    """Read every item of a CSL-JSON array; items that cannot be read become Problems.

    Raises:
        ImportFormatError: the text is not a JSON array.
    """
    del today  # CSL dates are explicit; nothing is inferred
    try:
        items = json.loads(text.lstrip("\ufeff"))
    except ValueError as exc:
        raise ImportFormatError(f"not valid JSON: {exc}") from exc
    if not isinstance(items, list):
        raise ImportFormatError("a CSL-JSON file is an array of items")
    listing = ParsedListing(format="csljson")
    starts = _item_lines(text)
    for index, item in enumerate(items):
        line = starts[index] if index < len(starts) else 1
        if not isinstance(item, dict):
            listing.problems.append(Problem(line, "item is not a JSON object"))
            continue
        try:
            listing.papers.append(_record(item, line))
        except (TypeError, ValueError, AttributeError, KeyError) as exc:
            listing.problems.append(Problem(line, f"item not read: {exc}"))
    return listing


def _item_lines(text: str) -> list[int]:
    """The 1-based line where each top-level item of the array starts (best effort)."""
    lines: list[int] = []
    depth = 0
    in_string = escaped = expecting = False
    line = 1
    for char in text:
        if char == "\n":
            line += 1
        if in_string:
            escaped = not escaped and char == "\\"
            in_string = escaped or char != '"'
            continue
        if depth == 1 and expecting and not char.isspace() and char not in ",]":
            lines.append(line)
            expecting = False
        if char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            expecting = depth == 1
        elif char in "]}":
            depth -= 1
        elif char == "," and depth == 1:
            expecting = True
    return lines


def _record(item: dict[str, Any], line: int) -> PaperRecord:
    def text(key: str) -> str:
        value = item.get(key, "")
        if isinstance(value, list):
            value = ", ".join(str(part) for part in value)
        return " ".join(str(value).split()) if value is not None else ""

    names = item.get("author") or item.get("editor") or []
    custom = item.get("custom") if isinstance(item.get("custom"), dict) else {}
    authors = [name for name in map(_name, names if isinstance(names, list) else []) if name]
    url, code_urls = split_links([text("URL")])
    extra_code = custom.get("code-urls")
    if isinstance(extra_code, list):  # Lectern's own export lists every code link
        code_urls = list(dict.fromkeys([*code_urls, *map(str, extra_code)]))
    title = text("title")
    untitled = bool(custom.get("untitled"))  # Lectern's own export of a paper with no title
    return PaperRecord(
        title=None if untitled or not title else title,
        authors=authors,
        et_al=bool(custom.get("et-al")),
        affiliation=str(custom.get("affiliation", "")),
        category=str(custom.get("category", "")),
        date_inferred=bool(custom.get("date-inferred")),
        has_code=bool(code_urls),
        code_urls=code_urls,
        date=_date(item.get("issued")),
        abstract=str(item.get("abstract", "") or "").strip(),
        line=line,
        venue=next((text(key) for key in _VENUE_FIELDS if text(key)), ""),
        volume=text("volume"),
        number=text("issue") or text("number"),
        pages=text("page").replace("--", PAGE_RANGE_DASH),
        doi=normalise_doi(text("DOI")),
        arxiv_id=arxiv_id(str(custom.get("arxiv-id", "")), text("URL")),
        url=url,
        keywords=tuple(split_keywords(text("keyword"))),
        note=str(item.get("annote", "") or item.get("note", "") or "").strip(),
        entry_type=text("type"),
        citation_key=text("id"),
        status=status_from_readstatus(str(custom.get("reading-status", ""))),
        bibliographic=True,
    )


def _name(name: Any) -> str:
    if not isinstance(name, dict):
        return " ".join(str(name).split())
    if name.get("literal"):
        return " ".join(str(name["literal"]).split())
    return display_name(
        str(name.get("family", "")),
        str(name.get("given", "")),
        str(name.get("non-dropping-particle", "") or name.get("dropping-particle", "")),
        str(name.get("suffix", "")),
    )


def _date(issued: Any) -> str | None:
    if not isinstance(issued, dict):
        return None
    parts = issued.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        first = [str(part) for part in parts[0]] + ["", ""]
        return iso_date(first[0], first[1], first[2])
    raw = str(issued.get("raw", "") or issued.get("literal", ""))
    return iso_date(raw)
