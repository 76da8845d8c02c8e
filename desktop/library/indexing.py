"""Papers written in bulk join the search index afterwards, in one statement.

A writer that adds many papers lists their ids with `defer_indexing` before it writes
them; the paper-text triggers then leave those papers alone (see `schema_v5`), and
`index_pending` writes all their search rows at once. Both run inside the writer's
transaction, so nobody ever sees a stored paper that search cannot find.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlite_utils

from desktop.library.schema_v4 import PAPER_TEXT


def defer_indexing(db: sqlite_utils.Database, paper_ids: Sequence[int]) -> None:
    """Leave the search rows of these papers, about to be written, to `index_pending`."""
    db.conn.executemany(
        "INSERT OR IGNORE INTO search_pending (paper_id) VALUES (?)",
        [(paper_id,) for paper_id in paper_ids],
    )


def index_pending(db: sqlite_utils.Database) -> int:
    """Write the search rows of every listed paper still stored; empty the list.

    A listed paper has no search row: it was listed before it was written, and the
    triggers that would have written one skipped it.

    Returns how many papers were listed.
    """
    listed = int(db.execute("SELECT count(*) FROM search_pending").fetchone()[0])
    if listed:
        db.execute(PAPER_TEXT.fill(f"{PAPER_TEXT.key} IN (SELECT paper_id FROM search_pending)"))
        db.execute("DELETE FROM search_pending")
    return listed
