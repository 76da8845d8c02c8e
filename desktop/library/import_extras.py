"""What an import writes beyond a listing's fields: bibliographic details, notes, tags,
reading status, rating and reading lists (JabRef's groups), all of which only reference
managers' files (BibTeX, RIS, CSL-JSON) give.

New papers get everything; a paper already in the library only has its empty details and
an absent note filled, so nothing the user wrote or chose is overwritten.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlite_utils

from desktop.formats.records import PaperRecord
from desktop.library.edits import clean_name, ensure_tags
from desktop.library.lists import append_to_named_lists
from desktop.library.papers import DETAIL_COLUMNS
from desktop.library.store import LibraryError, now

_FILL_SQL = (
    "UPDATE papers SET "
    + ", ".join(f"{name} = coalesce({name}, ?)" for name in DETAIL_COLUMNS)
    + " WHERE id = ? AND ("
    # only papers with a gap, so a plain re-import rewrites nothing
    + " OR ".join(f"({name} IS NULL AND ? IS NOT NULL)" for name in DETAIL_COLUMNS)
    + ")"
)


def details(record: PaperRecord) -> list[str | None]:
    """The record's values for the papers columns of `DETAIL_COLUMNS`, None where it has none."""
    return [getattr(record, name) or None for name in DETAIL_COLUMNS]


def write_new_extras(
    db: sqlite_utils.Database,
    ids: Sequence[int],
    records: Sequence[PaperRecord],
    *,
    keywords_as_tags: bool,
) -> None:
    """Details, notes, status and (if asked) keyword tags of freshly inserted papers."""
    pairs = [(pid, rec) for pid, rec in zip(ids, records, strict=True) if rec.bibliographic]
    if not pairs:
        return
    columns = ", ".join(f"{name} = ?" for name in DETAIL_COLUMNS)
    db.conn.executemany(
        f"UPDATE papers SET {columns} WHERE id = ?",
        [(*details(rec), pid) for pid, rec in pairs],
    )
    stamp = now()
    db.conn.executemany(
        "INSERT INTO notes (paper_id, body, updated) VALUES (?, ?, ?)",
        [(pid, rec.note, stamp) for pid, rec in pairs if rec.note.strip()],
    )
    db.conn.executemany(
        "UPDATE papers SET status = ?, status_changed = ? WHERE id = ?",
        [(rec.status, stamp, pid) for pid, rec in pairs if rec.status],
    )
    db.conn.executemany(
        "UPDATE papers SET rating = ? WHERE id = ?",
        [(rec.rating, pid) for pid, rec in pairs if rec.rating is not None],
    )
    _put_on_lists(db, pairs)
    if keywords_as_tags:
        _tag_papers(db, pairs)


def fill_extras(db: sqlite_utils.Database, paper_id: int, record: PaperRecord) -> None:
    """Complete a stored paper's empty details, and give it the file's note if it has none."""
    if not record.bibliographic:
        return
    values = details(record)
    db.execute(_FILL_SQL, [*values, paper_id, *values])
    if record.note.strip():
        db.execute(
            "INSERT OR IGNORE INTO notes (paper_id, body, updated) VALUES (?, ?, ?)",
            [paper_id, record.note, now()],
        )


def _put_on_lists(db: sqlite_utils.Database, pairs: list[tuple[int, PaperRecord]]) -> None:
    """JabRef's groups become reading lists, the papers in file order on each."""
    spelling: dict[str, str] = {}  # the first spelling of a name names its list
    members: dict[str, list[int]] = {}
    for paper_id, record in pairs:
        for group in record.groups:
            try:
                name = clean_name(group, "reading list")
            except LibraryError:
                continue  # an empty or overlong group name is no list name; the rest still are
            name = spelling.setdefault(name.casefold(), name)
            members.setdefault(name, []).append(paper_id)
    append_to_named_lists(db, members)


def _tag_papers(db: sqlite_utils.Database, pairs: list[tuple[int, PaperRecord]]) -> None:
    wanted: list[tuple[int, str]] = []
    for paper_id, record in pairs:
        for keyword in record.keywords:
            try:
                wanted.append((paper_id, clean_name(keyword)))
            except LibraryError:
                continue  # an empty or overlong keyword is no tag name; the rest still are
    tag_id = ensure_tags(db, {name for _pid, name in wanted})
    db.conn.executemany(
        "INSERT OR IGNORE INTO paper_tags (paper_id, tag_id) VALUES (?, ?)",
        [(paper_id, tag_id[name]) for paper_id, name in wanted if name in tag_id],
    )
