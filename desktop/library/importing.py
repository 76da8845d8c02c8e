"""Bringing parsed listings into the library: one transaction per file, nothing twice.

A paper the library already holds is not added again (see `desktop.library.identity`:
the same DOI, arXiv id or abstract; the same bibliographic key; or the same page URL or
title where first author, year, volume, number and pages do not differ); it keeps
everything the user gave it and gains the new source. Empty fields of the stored paper
are filled from the listing, and a date the file gives more precisely completes one
stored as a year or a month; nothing the library already has is overwritten.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

import sqlite_utils

from desktop.formats.listing import parse_listing
from desktop.formats.records import ImportFormatError, PaperRecord, ParsedListing, Problem
from desktop.library.batches import in_chunks
from desktop.library.changes import ChangeSet
from desktop.library.identity import (
    Sameness,
    agree,
    is_weak_key,
    paper_keys,
    record_sameness,
    sameness,
)
from desktop.library.import_extras import fill_extras, write_new_extras
from desktop.library.indexing import defer_indexing, index_pending
from desktop.library.store import Library, now, write_transaction

BATCH_SIZE = 500
Known = TypeVar("Known")  # what a key leads to: a stored paper's id, or a record of this file

# The largest listing imported, so memory stays bounded whatever arrives. Reading a
# listing takes about 4 times its size in memory (the seeds), and about 25 times for the
# worst shape measured (a million one-line abstracts): 32 MB, some 20,000 real papers,
# stays within a few hundred MB. A larger file is refused before it is read.
MAX_IMPORT_BYTES = 32 * 1024 * 1024

# Called between batches with (papers done, papers in all); returning False cancels the
# import, which then rolls back whole.
Progress = Callable[[int, int], bool]


class ImportCancelled(Exception):
    """The user stopped an import; the library is as it was before it started."""


@dataclass
class ImportReport:
    """What one file did to the library."""

    name: str
    format: str
    added: int = 0
    present: int = 0  # already in the library (or twice in the file)
    skipped: list[Problem] = field(default_factory=list)
    new_ids: list[int] = field(default_factory=list)
    source_id: int | None = None
    changes: ChangeSet = field(default_factory=ChangeSet)


def import_file(
    lib: Library,
    path: str | Path,
    *,
    today: date | None = None,
    progress: Progress | None = None,
    keywords_as_tags: bool = True,
) -> ImportReport:
    """Read, recognise and import one file.

    ``keywords_as_tags``: the keywords of new papers (BibTeX, RIS, CSL-JSON) become tags.

    Raises:
        ImportFormatError: the file cannot be read, is larger than `MAX_IMPORT_BYTES` or
            is in no known format; the library is unchanged.
        ImportCancelled: ``progress`` asked to stop; the library is unchanged.
    """
    path = Path(path)
    try:
        _refuse_oversized(path.stat().st_size, str(path))
        with path.open("rb") as file:
            # read no more than the limit, even from a file that grows or never ends
            data = file.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise ImportFormatError(
            f"cannot read the file: {exc.strerror}", filename=str(path)
        ) from exc
    _refuse_oversized(len(data), str(path))
    return import_bytes(
        lib,
        data,
        name=path.name,
        path=str(path),
        today=today,
        progress=progress,
        keywords_as_tags=keywords_as_tags,
    )


def import_bytes(
    lib: Library,
    data: bytes,
    *,
    name: str,
    path: str | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    keywords_as_tags: bool = True,
) -> ImportReport:
    """Recognise and import the contents of a file or a paste (``name`` labels the source).

    ``keywords_as_tags``: the keywords of new papers (BibTeX, RIS, CSL-JSON) become tags.

    Raises:
        ImportFormatError: the data is larger than `MAX_IMPORT_BYTES` or in no known
            format; the library is unchanged.
        ImportCancelled: ``progress`` asked to stop; the library is unchanged.
    """
    _refuse_oversized(len(data), path or name)
    parsed = parse_listing(data, filename=path or name, today=today)
    checksum = hashlib.sha256(data).hexdigest()
    return import_parsed(
        lib,
        parsed,
        name=name,
        path=path,
        checksum=checksum,
        progress=progress,
        keywords_as_tags=keywords_as_tags,
    )


def _refuse_oversized(size: int, filename: str) -> None:
    if size > MAX_IMPORT_BYTES:
        raise ImportFormatError(
            f"the file is {size / 2**20:,.1f} MB; Lectern imports listings of up to "
            f"{MAX_IMPORT_BYTES // 2**20} MB (split it into smaller files)",
            filename=filename,
        )


def import_parsed(
    lib: Library,
    parsed: ParsedListing,
    *,
    name: str,
    path: str | None,
    checksum: str,
    progress: Progress | None = None,
    keywords_as_tags: bool = True,
) -> ImportReport:
    """Store what a reader produced, as one transaction with batched inserts."""
    report = ImportReport(name=name, format=parsed.format, skipped=list(parsed.problems))
    total = len(parsed.papers)
    with write_transaction(lib) as db:
        report.source_id = _source_id(db, parsed, name=name, path=path, checksum=checksum)
        seen_in_file: set[int] = set()
        for start in range(0, total, BATCH_SIZE):
            batch = parsed.papers[start : start + BATCH_SIZE]
            _import_batch(db, batch, report, seen_in_file, keywords_as_tags)
            if progress is not None and not progress(min(start + BATCH_SIZE, total), total):
                raise ImportCancelled(f"Import of {name} cancelled; nothing was added.")
        index_pending(db)
    report.changes = ChangeSet(
        paper_ids=frozenset(seen_in_file), membership=True, tags=True, sources=True
    )
    return report


def _source_id(
    db: sqlite_utils.Database, parsed: ParsedListing, *, name: str, path: str | None, checksum: str
) -> int:
    """The source row for these bytes; the same bytes imported again reuse it."""
    row = db.execute("SELECT id FROM sources WHERE checksum = ?", [checksum]).fetchone()
    if row:
        return int(row[0])
    profile = parsed.profile
    cursor = db.execute(
        "INSERT INTO sources (format, name, path, checksum, imported, profile_name,"
        " profile_subject, profile_figures) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            parsed.format,
            name,
            path,
            checksum,
            now(),
            profile.name if profile else None,
            profile.subject if profile else None,
            json.dumps(profile.figures, ensure_ascii=False) if profile else None,
        ],
    )
    return int(cursor.lastrowid)


def _import_batch(
    db: sqlite_utils.Database,
    batch: Sequence[PaperRecord],
    report: ImportReport,
    seen_in_file: set[int],
    keywords_as_tags: bool,
) -> None:
    keys_of = [paper_keys(record) for record in batch]
    known = _known_keys(db, [key for keys in keys_of for key in keys])
    stored = _StoredSameness(db)
    fresh: list[tuple[PaperRecord, list[str]]] = []
    fresh_by_key: dict[str, PaperRecord] = {}
    matched: set[int] = set()
    for record, keys in zip(batch, keys_of, strict=True):
        match = _found(record, keys, known, stored.__getitem__)
        if match is not None:
            report.present += 1
            matched.add(match)
            _fill_empty_fields(db, match, record)
            stored.forget(match)
            # the stored paper now answers to this record's other keys too, so a later
            # paper of this file that shares one of them is the same paper
            known.update({key: match for key in keys if key not in known})
        elif _found(record, keys, fresh_by_key, record_sameness) is not None:
            report.present += 1  # the same paper twice in one file
        else:
            fresh.append((record, keys))
            fresh_by_key.update({key: record for key in keys if key not in fresh_by_key})
    new_ids = _insert_papers(db, fresh)
    write_new_extras(
        db, new_ids, [record for record, _keys in fresh], keywords_as_tags=keywords_as_tags
    )
    report.added += len(new_ids)
    report.new_ids.extend(new_ids)
    # a paper repeated within the batch maps to the id inserted for its first occurrence
    for (_record, keys), paper_id in zip(fresh, new_ids, strict=True):
        for key in keys:
            known[key] = paper_id
    # only this batch's papers: linking every paper seen so far again made a file's
    # import quadratic (a quarter of a second of ignored rows for 10,000 papers)
    linked = sorted(matched.union(new_ids) - seen_in_file)
    seen_in_file.update(linked)
    db.conn.executemany(
        "INSERT OR IGNORE INTO paper_sources (paper_id, source_id) VALUES (?, ?)",
        [(paper_id, report.source_id) for paper_id in linked],
    )


def _found(
    record: PaperRecord,
    keys: Sequence[str],
    known: Mapping[str, Known],
    sameness_of: Callable[[Known], Sameness],
) -> Known | None:
    """What ``known`` holds under one of the record's keys: a strong key first, then a
    weak one whose paper agrees with the record (`identity.agree`), or None."""
    strong = next((known[key] for key in keys if key in known and not is_weak_key(key)), None)
    if strong is not None:
        return strong
    weak = [known[key] for key in keys if key in known and is_weak_key(key)]
    if not weak:
        return None
    mine = record_sameness(record)  # only now: most records match a strong key or none
    return next((found for found in weak if agree(mine, sameness_of(found))), None)


class _StoredSameness(dict[int, Sameness]):
    """The `Sameness` of stored papers, read when a weak key first needs it."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        super().__init__()
        self._db = db

    def __missing__(self, paper_id: int) -> Sameness:
        row = self._db.execute(
            "SELECT title, CASE WHEN date_inferred THEN NULL ELSE date END, volume, number,"
            " pages, (SELECT a.name FROM paper_authors pa JOIN authors a"
            " ON a.id = pa.author_id WHERE pa.paper_id = p.id ORDER BY pa.position LIMIT 1)"
            " FROM papers p WHERE p.id = ?",
            [paper_id],
        ).fetchone()
        title, date, volume, number, pages, first_author = row
        found = sameness(title, [first_author] if first_author else [], date, volume, number, pages)
        self[paper_id] = found
        return found

    def forget(self, paper_id: int) -> None:
        """The paper was just completed from a file: read it again when asked."""
        self.pop(paper_id, None)


def _known_keys(db: sqlite_utils.Database, keys: list[str]) -> dict[str, int]:
    if not keys:
        return {}
    marks = ",".join("?" * len(keys))
    rows = db.execute(f"SELECT key, paper_id FROM paper_keys WHERE key IN ({marks})", keys)
    return {key: int(paper_id) for key, paper_id in rows}


def _insert_papers(
    db: sqlite_utils.Database, fresh: Sequence[tuple[PaperRecord, list[str]]]
) -> list[int]:
    """Insert new papers with ids assigned here, so each child table is one executemany."""
    if not fresh:
        return []
    first_id = int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM papers").fetchone()[0])
    ids = list(range(first_id, first_id + len(fresh)))
    stamp = now()
    defer_indexing(db, ids)  # import_parsed indexes the whole file at once
    db.conn.executemany(
        "INSERT INTO paper_abstracts (paper_id, abstract) VALUES (?, ?)",
        [
            (paper_id, record.abstract)
            for paper_id, (record, _keys) in zip(ids, fresh, strict=True)
            if record.abstract
        ],
    )
    db.conn.executemany(
        "INSERT INTO papers (id, title, date, date_inferred, category, has_code,"
        " affiliation, et_al, authors_display, added, updated)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                paper_id,
                record.title or None,
                record.date,
                int(record.date_inferred),
                record.category,
                int(record.has_code),
                record.affiliation,
                int(record.et_al),
                ", ".join(record.authors),
                stamp,
                stamp,
            )
            for paper_id, (record, _keys) in zip(ids, fresh, strict=True)
        ],
    )
    records = [record for record, _keys in fresh]
    _insert_authors(db, ids, records)
    _insert_urls(db, ids, records)
    db.conn.executemany(
        # a key another paper already answers to stays with it; this one keeps the rest
        "INSERT OR IGNORE INTO paper_keys (key, paper_id) VALUES (?, ?)",
        [(key, pid) for pid, (_rec, keys) in zip(ids, fresh, strict=True) for key in keys],
    )
    return ids


def _insert_authors(
    db: sqlite_utils.Database, ids: Sequence[int], records: Sequence[PaperRecord]
) -> None:
    names = {name for record in records for name in record.authors}
    db.conn.executemany("INSERT OR IGNORE INTO authors (name) VALUES (?)", [(n,) for n in names])
    author_id = _author_ids(db, names)
    db.conn.executemany(
        "INSERT INTO paper_authors (paper_id, position, author_id) VALUES (?, ?, ?)",
        [
            (paper_id, position, author_id[name])
            for paper_id, record in zip(ids, records, strict=True)
            for position, name in enumerate(record.authors)
        ],
    )


def _author_ids(db: sqlite_utils.Database, names: Iterable[str]) -> dict[str, int]:
    names = list(names)
    found: dict[str, int] = {}
    for chunk, marks in in_chunks(names):
        rows = db.execute(f"SELECT name, id FROM authors WHERE name IN ({marks})", chunk)
        found.update({name: int(aid) for name, aid in rows})
    return found


def _insert_urls(
    db: sqlite_utils.Database, ids: Sequence[int], records: Sequence[PaperRecord]
) -> None:
    db.conn.executemany(
        "INSERT INTO paper_urls (paper_id, position, url, kind) VALUES (?, ?, ?, 'code')",
        [
            (paper_id, position, url)
            for paper_id, record in zip(ids, records, strict=True)
            for position, url in enumerate(record.code_urls)
        ],
    )


def _fill_empty_fields(db: sqlite_utils.Database, paper_id: int, record: PaperRecord) -> None:
    """Complete a stored paper from a listing that knows more; never overwrite."""
    fill_extras(db, paper_id, record)
    db.execute(
        "UPDATE papers SET"
        " title = coalesce(nullif(title, ''), ?),"
        " affiliation = CASE WHEN affiliation = '' THEN ? ELSE affiliation END,"
        " category = CASE WHEN category = '' THEN ? ELSE category END,"
        " date_inferred = CASE WHEN date IS NULL THEN ? ELSE date_inferred END,"
        # a date the file gives more precisely (2020 -> 2020-05-17) is completed too
        " date = CASE WHEN date IS NULL OR ? LIKE date || '-%' THEN ? ELSE date END,"
        " has_code = max(has_code, ?)"
        # only papers with a gap, so a plain re-import rewrites nothing (and no index row)
        " WHERE id = ? AND (title IS NULL OR title = '' OR affiliation = ''"
        " OR category = '' OR date IS NULL OR ? LIKE date || '-%' OR has_code < ?)",
        [
            record.title or None,
            record.affiliation,
            record.category,
            int(record.date_inferred),
            record.date,
            record.date,
            int(record.has_code),
            paper_id,
            record.date,
            int(record.has_code),
        ],
    )
    if record.abstract:
        db.execute(
            "INSERT OR IGNORE INTO paper_abstracts (paper_id, abstract) VALUES (?, ?)",
            [paper_id, record.abstract],
        )
    db.conn.executemany(
        "INSERT OR IGNORE INTO paper_keys (key, paper_id) VALUES (?, ?)",
        [(key, paper_id) for key in paper_keys(record)],
    )
    has_authors = db.execute(
        "SELECT 1 FROM paper_authors WHERE paper_id = ? LIMIT 1", [paper_id]
    ).fetchone()
    if record.authors and not has_authors:
        _insert_authors(db, [paper_id], [record])
        db.execute(
            "UPDATE papers SET authors_display = ?, et_al = ? WHERE id = ?",
            [", ".join(record.authors), int(record.et_al), paper_id],
        )
    has_urls = db.execute("SELECT 1 FROM paper_urls WHERE paper_id = ? LIMIT 1", [paper_id])
    if record.code_urls and not has_urls.fetchone():
        _insert_urls(db, [paper_id], [record])
