"""RIS (.ris): one ``UNPB`` (unpublished work, i.e. a preprint) record per paper, by rispy.

rispy writes the tags; every value is put on one line first, because a line without a
tag is read differently by each RIS reader. Authors are "Family, Given" as RIS wants.
Tags: ID (citation key), TI, AU, PY and DA, AB, KW (tags), UR (the paper's page, code
links, its arXiv page), AD (the affiliation), N1 (reading status, then the note), and
where the library knows them T2 (venue), VL, IS, SP and EP (pages), DO. A paper imported
from RIS keeps its type; any other is UNPB.
"""

from __future__ import annotations

import re
from typing import Any

import rispy

from desktop.formats.export.model import (
    ExportEntry,
    ExportOptions,
    date_parts,
    display_title,
    paper_links,
    split_name,
)
from desktop.formats.export.text import one_line

# An RIS reference type as a file gives it: JOUR, BOOK, CHAP, CPAPER, ...
_RIS_TYPE = re.compile(r"[A-Z]{2,6}")
_DETAILS = {"venue": "secondary_title", "volume": "volume", "number": "number", "doi": "doi"}


class _RisWriter(rispy.RisWriter):
    """rispy's writer without the "1." line it puts before each record by default.

    Those lines are not RIS: strict readers reject them as text outside a record.
    """

    def set_header(self, count: int) -> str:
        return ""


def render(entry: ExportEntry, options: ExportOptions) -> dict[str, Any]:
    """One paper as a rispy record (rispy's field names)."""
    record: dict[str, Any] = {
        "type_of_reference": entry.entry_type if _RIS_TYPE.fullmatch(entry.entry_type) else "UNPB",
        "id": entry.key,
        "title": display_title(entry),
    }
    authors = [_ris_name(name) for name in entry.authors if one_line(name)]
    if authors:
        record["authors"] = authors
    parts = date_parts(entry)
    if parts:
        record["year"] = str(parts[0])
        padded = [f"{parts[0]:04d}", *(f"{part:02d}" for part in parts[1:])]
        record["date"] = "/".join(padded + [""] * (4 - len(padded)))  # 2024/09/25/ or 2024///
    _add_optional(record, entry, options)
    return record


def _ris_name(name: str) -> str:
    parts = split_name(name)
    return ", ".join(part for part in (parts.family, parts.given, parts.suffix) if part)


def _add_optional(record: dict[str, Any], entry: ExportEntry, options: ExportOptions) -> None:
    if options.wants("abstract") and one_line(entry.abstract):
        record["abstract"] = one_line(entry.abstract)
    tags = [one_line(tag) for tag in entry.tags if one_line(tag)]
    if options.wants("tags") and tags:
        record["keywords"] = tags
    for name, tag in _DETAILS.items():
        if one_line(getattr(entry, name)):
            record[tag] = one_line(getattr(entry, name))
    if one_line(entry.pages):
        first, _, last = one_line(entry.pages).replace("--", "\u2013").partition("\u2013")
        record["start_page"] = first.strip()
        if last.strip():
            record["end_page"] = last.strip()
    links = paper_links(entry)
    if one_line(entry.arxiv_id):
        links.append(f"https://arxiv.org/abs/{one_line(entry.arxiv_id)}")
    if links:
        record["urls"] = list(dict.fromkeys(links))
    if one_line(entry.affiliation):
        record["author_address"] = one_line(entry.affiliation)
    notes = []
    if options.wants("status"):
        notes.append(f"Reading status: {entry.status}")
    if options.wants("notes") and one_line(entry.note):
        notes.append(one_line(entry.note))
    if notes:
        record["notes"] = notes


def assemble(records: list[dict[str, Any]], options: ExportOptions) -> str:
    """The .ris file: the records in order, a blank line between."""
    return rispy.dumps(records, implementation=_RisWriter)
