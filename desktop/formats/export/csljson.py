"""CSL-JSON (.json): the citation data pandoc, Zotero and citeproc processors read.

Valid against the CSL data schema 1.0.2: papers are ``article`` items (CSL's type for
preprints); the schema allows no fields of its own, so what only Lectern knows (reading
status, category, affiliation, the cut-short author list, an inferred year, code links)
goes into ``custom``, the place the schema sets aside for it.
"""

from __future__ import annotations

import json
from typing import Any

from desktop.formats.export.model import (
    ExportEntry,
    ExportOptions,
    date_parts,
    display_title,
    has_title,
    paper_links,
    split_name,
    web_links,
)
from desktop.formats.export.text import clean, one_line


def render(entry: ExportEntry, options: ExportOptions) -> dict[str, Any]:
    """One paper as a CSL-JSON item."""
    item: dict[str, Any] = {
        "id": entry.key,
        "type": "article",
        "title": display_title(entry),
    }
    authors = [_csl_name(name) for name in entry.authors if one_line(name)]
    if authors:
        item["author"] = authors
    if parts := date_parts(entry):
        item["issued"] = {"date-parts": [parts]}
    if links := paper_links(entry):
        item["URL"] = links[0]
    item.update(_details(entry))
    if options.wants("abstract") and one_line(entry.abstract):
        item["abstract"] = clean(entry.abstract).strip()
    tags = [one_line(tag) for tag in entry.tags if one_line(tag)]
    if options.wants("tags") and tags:
        item["keyword"] = ", ".join(tags)
    if options.wants("notes") and one_line(entry.note):
        item["annote"] = clean(entry.note).strip()
    item["custom"] = _custom(entry, options, web_links(entry))
    return item


def _details(entry: ExportEntry) -> dict[str, str]:
    """Venue, volume, issue, pages and DOI under their CSL names, where the paper has them."""
    details = {
        "container-title": entry.venue,
        "volume": entry.volume,
        "issue": entry.number,
        "page": entry.pages,
        "DOI": entry.doi,
    }
    return {name: one_line(value) for name, value in details.items() if one_line(value)}


def _csl_name(name: str) -> dict[str, str]:
    parts = split_name(name)
    if not parts.given:
        return {"literal": parts.family}  # one word (or an uncased script): no split
    csl = {"family": parts.family, "given": parts.given}
    if parts.suffix:
        csl["suffix"] = parts.suffix
    return csl


def _custom(entry: ExportEntry, options: ExportOptions, links: list[str]) -> dict[str, Any]:
    custom: dict[str, Any] = {
        "lectern-id": entry.id,
        "untitled": not has_title(entry),
        "et-al": entry.et_al,
        "date-inferred": entry.date_inferred,
    }
    if one_line(entry.category):
        custom["category"] = one_line(entry.category)
    if one_line(entry.affiliation):
        custom["affiliation"] = one_line(entry.affiliation)
    if links:
        custom["code-urls"] = links
    if one_line(entry.arxiv_id):
        custom["arxiv-id"] = one_line(entry.arxiv_id)
    if options.wants("status"):
        custom["reading-status"] = entry.status
    return custom


def assemble(items: list[dict[str, Any]], options: ExportOptions) -> str:
    """The .json file: an array of items, indented, UTF-8 text (not \\u escapes)."""
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
