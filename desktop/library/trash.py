"""The Trash: papers set aside (``papers.deleted`` holds when), and emptying it for good.

Moving to and restoring from the Trash are each other's undo. Emptying is final: the
window asks before it, and nothing can take it back.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlite_utils

from desktop.library.batches import in_chunks
from desktop.library.changes import ChangeSet
from desktop.library.edits import require_papers
from desktop.library.store import Library, now, write_transaction


def move_to_trash(lib: Library, ids: Sequence[int]) -> ChangeSet:
    """Put papers in the Trash.

    Returns:
        The change; its ``paper_ids`` are the papers that were not in the Trash already,
        which is what `restore_from_trash` takes to undo it.

    Raises:
        LibraryError: naming ids the library does not hold; nothing is moved.
    """
    with write_transaction(lib) as db:
        moved = _set_deleted(db, require_papers(db, ids), now())
    return _change(moved)


def restore_from_trash(lib: Library, ids: Sequence[int]) -> ChangeSet:
    """Take papers out of the Trash; papers not in it are left as they are.

    Raises:
        LibraryError: naming ids the library does not hold; nothing is restored.
    """
    with write_transaction(lib) as db:
        restored = _set_deleted(db, require_papers(db, ids), None)
    return _change(restored)


def empty_trash(lib: Library) -> tuple[ChangeSet, int]:
    """Delete the papers in the Trash for good, with their tags, notes, list places and keys.

    Authors no remaining paper names go too. A paper deleted here is a new paper if it
    is imported again.

    Returns:
        The change, and how many papers were deleted.
    """
    with write_transaction(lib) as db:
        ids = [row[0] for row in db.execute("SELECT id FROM papers WHERE deleted IS NOT NULL")]
        # one statement: the foreign keys' cascades remove the papers' rows in other
        # tables, and a trigger their search-index rows
        db.execute("DELETE FROM papers WHERE deleted IS NOT NULL")
        db.execute(
            "DELETE FROM authors WHERE NOT EXISTS"
            " (SELECT 1 FROM paper_authors pa WHERE pa.author_id = authors.id)"
        )
        _close_position_gaps(db)
    return _change(ids), len(ids)


def _set_deleted(db: sqlite_utils.Database, ids: list[int], stamp: str | None) -> list[int]:
    """Set ``deleted`` on the papers whose Trash state differs; returns their ids."""
    differs = "deleted IS NULL" if stamp else "deleted IS NOT NULL"
    changed: list[int] = []
    for chunk, marks in in_chunks(ids):
        cursor = db.execute(
            f"UPDATE papers SET deleted = ? WHERE id IN ({marks}) AND {differs} RETURNING id",
            [stamp, *chunk],
        )
        changed.extend(row[0] for row in cursor)
    return sorted(changed)


def _close_position_gaps(db: sqlite_utils.Database) -> None:
    """Renumber every reading list's items 0..n-1, keeping their order.

    The deleted papers' items went by the foreign key's cascade, leaving holes in the
    positions. Only rows whose position moves are written.
    """
    db.execute(
        "UPDATE reading_list_items AS i SET position = r.pos FROM (SELECT list_id, paper_id,"
        " row_number() OVER (PARTITION BY list_id ORDER BY position) - 1 AS pos"
        " FROM reading_list_items) AS r"
        " WHERE i.list_id = r.list_id AND i.paper_id = r.paper_id AND i.position != r.pos"
    )


def _change(ids: list[int]) -> ChangeSet:
    # Every sidebar count leaves the Trash out, so the tag, list and source counts of
    # these papers move along with the views that show them.
    touched = bool(ids)
    return ChangeSet(
        paper_ids=frozenset(ids), membership=touched, tags=touched, lists=touched, sources=touched
    )
