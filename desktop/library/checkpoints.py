"""Checkpoints on a thread of their own, so a large commit returns at once.

In WAL mode a commit goes to the log, and SQLite copies the log back into the library file
(a checkpoint) inside whichever commit takes the log past 1,000 pages. A bulk edit of
10,000 papers at a million papers writes about that many: its commit took 100 ms with the
checkpoint and 30 ms without. A connection that hands checkpoints to
`BackgroundCheckpoints` turns its own off; the thread checkpoints, on a connection of its
own, soon after each write. A passive checkpoint waits for no one and blocks no one.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

INTERVAL_SECONDS = 1.0


class BackgroundCheckpoints(threading.Thread):
    """Checkpoints the library's log every `INTERVAL_SECONDS` until `stop` is called."""

    def __init__(self, path: Path, interval: float = INTERVAL_SECONDS) -> None:
        super().__init__(name="lectern-checkpoints", daemon=True)
        self._path = path
        self._interval = interval
        self._stopping = threading.Event()

    def run(self) -> None:
        conn = sqlite3.connect(self._path, isolation_level=None)
        try:
            while not self._stopping.wait(self._interval):
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error:
                    # the log is only copied later (at the latest by the last close): no
                    # change is lost, so a busy or failing checkpoint waits for the next turn
                    continue
        finally:
            conn.close()

    def stop(self) -> None:
        """End the thread after the checkpoint under way; returns when it has ended."""
        self._stopping.set()
        self.join()
