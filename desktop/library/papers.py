"""Reading papers out of the library: whole records for the CLI, exports and the details pane."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import sqlite_utils

from desktop.library.batches import in_chunks
from desktop.library.store import Library

STATUSES = ("unread", "reading", "read")
# The bibliographic columns of papers, read into the Paper field of the same name.
DETAIL_COLUMNS = (
    "venue",
    "volume",
    "number",
    "pages",
    "doi",
    "arxiv_id",
    "url",
    "entry_type",
    "citation_key",
)


@dataclass
class Paper:
    """Everything the library knows of one paper."""

    id: int
    title: str | None
    authors: list[str]
    et_al: bool
    affiliation: str
    category: str
    date: str | None
    date_inferred: bool
    has_code: bool
    code_urls: list[str]
    abstract: str
    status: str
    tags: list[str] = field(default_factory=list)
    note: str = ""
    sources: list[str] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)
    added: str = ""
    deleted: str | None = None
    # what reference managers' files carry (schema version 3); "" when unknown
    venue: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    doi: str = ""
    arxiv_id: str = ""
    url: str = ""
    entry_type: str = ""
    citation_key: str = ""

    def to_json(self) -> dict[str, Any]:
        """The record as `lectern list --json` prints it (an interface acceptance checks use)."""
        record = asdict(self)
        del record["added"], record["deleted"]
        return record


def get_papers(lib: Library, ids: Sequence[int]) -> list[Paper]:
    """The papers with these ids, in the order given (ids not in the library are left out)."""
    found: dict[int, Paper] = {}
    for chunk, marks in in_chunks(ids):
        found.update(_load_chunk(lib.db, chunk, marks))
    return [found[paper_id] for paper_id in ids if paper_id in found]


def get_paper(lib: Library, paper_id: int) -> Paper | None:
    """One paper, or None when there is no such paper."""
    papers = get_papers(lib, [paper_id])
    return papers[0] if papers else None


def _load_chunk(db: sqlite_utils.Database, ids: list[int], marks: str) -> dict[int, Paper]:
    papers = {
        row["id"]: Paper(
            id=row["id"],
            title=row["title"],
            authors=[],
            et_al=bool(row["et_al"]),
            affiliation=row["affiliation"],
            category=row["category"],
            date=row["date"],
            date_inferred=bool(row["date_inferred"]),
            has_code=bool(row["has_code"]),
            code_urls=[],
            abstract="",
            status=row["status"],
            added=row["added"],
            deleted=row["deleted"],
            **{name: row[name] or "" for name in DETAIL_COLUMNS},
        )
        for row in db.query(f"SELECT * FROM papers WHERE id IN ({marks})", ids)
    }
    for field_name, sql in _RELATED.items():
        values: dict[int, list[str]] = defaultdict(list)
        for paper_id, value in db.execute(sql.format(marks=marks), ids):
            values[paper_id].append(value)
        for paper_id, paper in papers.items():
            setattr(paper, field_name, values.get(paper_id, []))
    for paper_id, body in db.execute(
        f"SELECT paper_id, body FROM notes WHERE paper_id IN ({marks})", ids
    ):
        papers[paper_id].note = body
    for paper_id, text in db.execute(
        f"SELECT paper_id, abstract FROM paper_abstracts WHERE paper_id IN ({marks})", ids
    ):
        papers[paper_id].abstract = text
    return papers


# The list-valued fields of a paper, each read for a whole chunk of papers in one query.
_RELATED = {
    "authors": "SELECT pa.paper_id, a.name FROM paper_authors pa JOIN authors a"
    " ON a.id = pa.author_id WHERE pa.paper_id IN ({marks}) ORDER BY pa.paper_id, pa.position",
    "code_urls": "SELECT paper_id, url FROM paper_urls WHERE kind = 'code'"
    " AND paper_id IN ({marks}) ORDER BY paper_id, position",
    "tags": "SELECT pt.paper_id, t.name FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id"
    " WHERE pt.paper_id IN ({marks}) ORDER BY pt.paper_id, t.name COLLATE NOCASE",
    "sources": "SELECT ps.paper_id, s.name FROM paper_sources ps JOIN sources s"
    " ON s.id = ps.source_id WHERE ps.paper_id IN ({marks}) ORDER BY ps.paper_id, s.id",
    "lists": "SELECT i.paper_id, l.name FROM reading_list_items i JOIN reading_lists l"
    " ON l.id = i.list_id WHERE i.paper_id IN ({marks}) ORDER BY i.paper_id, l.name COLLATE NOCASE",
}
