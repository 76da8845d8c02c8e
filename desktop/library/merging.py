"""Merging papers the library holds twice into one, and taking a merge back.

The kept paper gets the richest of every field (a value over none, the longer title and
abstract, the most advanced status, the earliest "added", the longest author list) and
the union of the group's tags, sources, code links, reading lists and notes (notes that
differ are joined, never dropped). It also takes over the other papers' import keys, so
importing any of the original files again finds the merged paper and adds nothing.

The other papers go to the Trash as they are, with their own tags, notes and list places:
nothing of theirs is destroyed until the Trash is emptied, and undo only has to take them
out again. A paper restored by hand from the Trash instead is a separate paper once more,
without import keys (they stay with the merged paper).

Undo writes back a snapshot of every row the merge changed: the kept paper's row and its
rows in the per-paper tables, the group's keys, and the lists the kept paper joined.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import sqlite_utils

from desktop.library import lists, trash
from desktop.library.batches import in_chunks
from desktop.library.changes import ChangeSet
from desktop.library.edits import require_papers
from desktop.library.papers import DETAIL_COLUMNS, STATUSES, Paper
from desktop.library.store import Library, LibraryError, now, write_transaction

# Where two notes that differ meet in the merged note: a Markdown rule between blank lines.
NOTE_SEPARATOR = "\n\n---\n\n"
# The kept paper's rows outside `papers` that a merge may change, all keyed by paper_id.
_KEPT_TABLES = (
    "paper_abstracts",
    "paper_authors",
    "paper_urls",
    "paper_tags",
    "notes",
    "paper_sources",
)
Row = dict[str, Any]


@dataclass(frozen=True)
class MergeRecord:
    """What a merge changed, as it was before: enough for `unmerge` to put it back."""

    keep_id: int
    other_ids: tuple[int, ...]
    kept_paper: Row  # the kept paper's row of `papers`
    kept_rows: dict[str, list[Row]]  # its rows in each of `_KEPT_TABLES`
    keys: tuple[tuple[str, int], ...]  # every import key of the group, and whose it was
    joined_lists: tuple[int, ...]  # the reading lists the kept paper was put on


def richest_paper(papers: Sequence[Paper]) -> int:
    """The id of the paper with the most filled in; on a tie the oldest (smallest id)."""
    return max(papers, key=lambda paper: (_richness(paper), -paper.id)).id


def _richness(paper: Paper) -> int:
    scalars = [paper.title, paper.abstract, paper.category, paper.affiliation, paper.note]
    scalars += [getattr(paper, name) for name in DETAIL_COLUMNS]
    dated = bool(paper.date) and not paper.date_inferred
    collections = [paper.authors, paper.tags, paper.lists, paper.sources, paper.code_urls]
    return sum(map(bool, scalars)) + dated + sum(map(len, collections))


def merge_papers(
    lib: Library, keep_id: int, other_ids: Sequence[int]
) -> tuple[ChangeSet, MergeRecord]:
    """Merge ``other_ids`` into ``keep_id`` in one transaction; the others go to the Trash.

    Returns:
        The change, and the record `unmerge` takes to undo it.

    Raises:
        LibraryError: no other paper, a paper the library does not hold, or one in the
            Trash; nothing is changed.
    """
    others = tuple(dict.fromkeys(pid for pid in other_ids if pid != keep_id))
    if not others:
        raise LibraryError("Choose at least one other paper to merge.")
    with write_transaction(lib) as db:
        group = [keep_id, *others]
        rows = _paper_rows(db, require_papers(db, group))
        if trashed := [pid for pid in group if rows[pid]["deleted"]]:
            raise LibraryError(f"Paper {trashed[0]} is in the Trash; restore it to merge it.")
        record = _snapshot(db, keep_id, others, rows[keep_id])
        _merge_fields(db, keep_id, [rows[pid] for pid in group])
        _merge_links(db, keep_id, others)
        _merge_note(db, keep_id, others)
        db.execute(
            f"UPDATE paper_keys SET paper_id = ? WHERE paper_id IN ({_marks(others)})",
            [keep_id, *others],
        )
        record = replace(record, joined_lists=_join_lists(lib, keep_id, others))
        trash.move_to_trash(lib, others)
    return _change(group), record


def unmerge(lib: Library, record: MergeRecord) -> ChangeSet:
    """Put the library back as it was before the merge ``record`` describes.

    Raises:
        LibraryError: a paper of the merge has since been deleted for good (the Trash was
            emptied); nothing is changed.
    """
    group = [record.keep_id, *record.other_ids]
    with write_transaction(lib) as db:
        require_papers(db, group)
        for list_id in record.joined_lists:
            if db.execute("SELECT 1 FROM reading_lists WHERE id = ?", [list_id]).fetchone():
                lists.remove_from_list(lib, list_id, [record.keep_id])
        trash.restore_from_trash(lib, record.other_ids)
        marks = _marks(group)
        db.execute(f"DELETE FROM paper_keys WHERE paper_id IN ({marks})", group)
        db.conn.executemany(
            "INSERT OR REPLACE INTO paper_keys (key, paper_id) VALUES (?, ?)", record.keys
        )
        for table, rows in record.kept_rows.items():
            db.execute(f"DELETE FROM {table} WHERE paper_id = ?", [record.keep_id])
            _insert_rows(db, table, rows)
        _update_paper(db, record.keep_id, record.kept_paper)
    return _change(group)


def merge_groups(
    lib: Library, groups: Sequence[tuple[int, Sequence[int]]]
) -> tuple[ChangeSet, list[MergeRecord]]:
    """Merge several groups, each (kept id, other ids), in one transaction.

    Raises:
        LibraryError: as `merge_papers`, for any group; nothing is changed.
    """
    changes, records = ChangeSet(), []
    with write_transaction(lib):
        for keep_id, other_ids in groups:
            change, record = merge_papers(lib, keep_id, other_ids)
            changes |= change
            records.append(record)
    return changes, records


def unmerge_groups(lib: Library, records: Sequence[MergeRecord]) -> ChangeSet:
    """Take back the merges of `merge_groups`, last first, in one transaction."""
    changes = ChangeSet()
    with write_transaction(lib):
        for record in reversed(records):
            changes |= unmerge(lib, record)
    return changes


def _snapshot(
    db: sqlite_utils.Database, keep_id: int, others: tuple[int, ...], kept_paper: Row
) -> MergeRecord:
    group = [keep_id, *others]
    keys = db.execute(
        f"SELECT key, paper_id FROM paper_keys WHERE paper_id IN ({_marks(group)})", group
    )
    return MergeRecord(
        keep_id=keep_id,
        other_ids=others,
        kept_paper=dict(kept_paper),
        kept_rows={
            table: list(db.query(f"SELECT * FROM {table} WHERE paper_id = ?", [keep_id]))
            for table in _KEPT_TABLES
        },
        keys=tuple((key, pid) for key, pid in keys),
        joined_lists=(),
    )


def _paper_rows(db: sqlite_utils.Database, ids: list[int]) -> dict[int, Row]:
    found: dict[int, Row] = {}
    for chunk, marks in in_chunks(ids):
        found.update(
            (row["id"], row)
            for row in db.query(f"SELECT * FROM papers WHERE id IN ({marks})", chunk)
        )
    return found


def _richest_fields(rows: Sequence[Row]) -> Row:
    """The columns of `papers` the merged paper gets, from the group's rows (kept first).

    Ties go to the earlier row, so the kept paper wins them.
    """
    kept = rows[0]
    # a given date over an inferred one, then the most precise (2020-05-17 over 2020)
    dated = max(
        rows,
        key=lambda row: (row["date"] is not None, not row["date_inferred"], len(row["date"] or "")),
    )
    advanced = max(rows, key=lambda row: STATUSES.index(row["status"]))
    ratings = [row["rating"] for row in rows if row["rating"] is not None]
    fields: Row = {
        "title": max(rows, key=lambda row: len(row["title"] or ""))["title"],
        "date": dated["date"],
        "date_inferred": dated["date_inferred"],
        "has_code": max(row["has_code"] for row in rows),
        "status": advanced["status"],
        "status_changed": advanced["status_changed"],
        "rating": max(ratings, default=None),
        "added": min(row["added"] for row in rows),
    }
    for name in ("category", "affiliation", *DETAIL_COLUMNS):
        fields[name] = next((row[name] for row in rows if row[name]), kept[name])
    return fields


def _merge_fields(db: sqlite_utils.Database, keep_id: int, rows: list[Row]) -> None:
    """The richest scalar fields, abstract and author list onto the kept paper."""
    group = [row["id"] for row in rows]
    fields = _richest_fields(rows)
    author_counts = dict(
        db.execute(
            "SELECT paper_id, count(*) FROM paper_authors"
            f" WHERE paper_id IN ({_marks(group)}) GROUP BY paper_id",
            group,
        ).fetchall()
    )
    donor = max(rows, key=lambda row: author_counts.get(row["id"], 0))
    if donor["id"] != keep_id:
        fields.update(authors_display=donor["authors_display"], et_al=donor["et_al"])
        db.execute("DELETE FROM paper_authors WHERE paper_id = ?", [keep_id])
        db.execute(
            "INSERT INTO paper_authors (paper_id, position, author_id)"
            " SELECT ?, position, author_id FROM paper_authors WHERE paper_id = ?",
            [keep_id, donor["id"]],
        )
    _update_paper(db, keep_id, {**fields, "updated": now()})
    abstracts = db.execute(
        f"SELECT abstract FROM paper_abstracts WHERE paper_id IN ({_marks(group)})", group
    ).fetchall()
    longest = max((text for (text,) in abstracts), key=len, default="")
    if longest:
        db.execute(
            "INSERT INTO paper_abstracts (paper_id, abstract) VALUES (?, ?) ON CONFLICT"
            " (paper_id) DO UPDATE SET abstract = excluded.abstract"
            " WHERE abstract != excluded.abstract",
            [keep_id, longest],
        )


def _merge_links(db: sqlite_utils.Database, keep_id: int, others: tuple[int, ...]) -> None:
    """The union of the group's tags, sources and code links on the kept paper."""
    marks = _marks(others)
    for table, column in (("paper_tags", "tag_id"), ("paper_sources", "source_id")):
        db.execute(
            f"INSERT OR IGNORE INTO {table} (paper_id, {column})"
            f" SELECT DISTINCT ?, {column} FROM {table} WHERE paper_id IN ({marks})",
            [keep_id, *others],
        )
    have = db.execute("SELECT url, kind FROM paper_urls WHERE paper_id = ?", [keep_id]).fetchall()
    [at] = db.execute(
        "SELECT coalesce(max(position) + 1, 0) FROM paper_urls WHERE paper_id = ?", [keep_id]
    ).fetchone()
    for row in db.execute(
        f"SELECT url, kind FROM paper_urls WHERE paper_id IN ({marks}) ORDER BY paper_id, position",
        others,
    ).fetchall():
        if row not in have:
            db.execute(
                "INSERT INTO paper_urls (paper_id, position, url, kind) VALUES (?, ?, ?, ?)",
                [keep_id, at, *row],
            )
            have.append(row)
            at += 1


def join_notes(kept: str, others: Sequence[str]) -> str:
    """The kept note, then each other note whose text it does not already hold.

    Notes meet at `NOTE_SEPARATOR`; a note whose text is already there (the same note
    imported twice, or one merged in before) is not repeated, so no text is ever lost.
    """
    merged = kept
    for body in others:
        if body.strip() and body.strip() not in merged:
            merged = f"{merged.rstrip()}{NOTE_SEPARATOR}{body}" if merged.strip() else body
    return merged


def _merge_note(db: sqlite_utils.Database, keep_id: int, others: tuple[int, ...]) -> None:
    group = [keep_id, *others]
    bodies = dict(
        db.execute(f"SELECT paper_id, body FROM notes WHERE paper_id IN ({_marks(group)})", group)
    )
    merged = join_notes(bodies.get(keep_id, ""), [bodies.get(pid, "") for pid in others])
    if merged != bodies.get(keep_id, ""):
        db.execute(
            "INSERT INTO notes (paper_id, body, updated) VALUES (?, ?, ?) ON CONFLICT"
            " (paper_id) DO UPDATE SET body = excluded.body, updated = excluded.updated",
            [keep_id, merged, now()],
        )


def _join_lists(lib: Library, keep_id: int, others: tuple[int, ...]) -> tuple[int, ...]:
    """Put the kept paper on every list an other paper is on, where that paper stands.

    The other paper goes to the Trash and out of the list's view, so the merged paper
    takes its place in the reading order instead of falling to the end.
    """
    marks = _marks(others)
    list_ids = [
        row[0]
        for row in lib.db.execute(
            f"SELECT DISTINCT list_id FROM reading_list_items WHERE paper_id IN ({marks})"
            " AND list_id NOT IN (SELECT list_id FROM reading_list_items WHERE paper_id = ?)"
            " ORDER BY list_id",
            [*others, keep_id],
        )
    ]
    for list_id in list_ids:
        order = lists.list_order(lib, list_id)
        at = min(order.index(pid) for pid in others if pid in order) + 1
        lists.set_list_order(lib, list_id, [*order[:at], keep_id, *order[at:]])
    return tuple(list_ids)


def _update_paper(db: sqlite_utils.Database, paper_id: int, fields: Row) -> None:
    fields = {name: value for name, value in fields.items() if name != "id"}
    assignments = ", ".join(f"{name} = ?" for name in fields)
    db.execute(f"UPDATE papers SET {assignments} WHERE id = ?", [*fields.values(), paper_id])


def _insert_rows(db: sqlite_utils.Database, table: str, rows: list[Row]) -> None:
    if rows:
        columns = list(rows[0])
        db.conn.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({_marks(columns)})",
            [[row[name] for name in columns] for row in rows],
        )


def _marks(items: Sequence[object]) -> str:
    return ",".join("?" * len(items))


def _change(group: list[int]) -> ChangeSet:
    return ChangeSet(
        paper_ids=frozenset(group),
        membership=True,
        tags=True,
        lists=True,
        sources=True,
        notes=True,
    )
