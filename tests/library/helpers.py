"""Building libraries by hand for store tests: parsed listings without a reader, damage."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable

from desktop.formats.records import PaperRecord, ParsedListing
from desktop.library.importing import ImportReport, import_parsed
from desktop.library.store import Library


def record(title: str | None, abstract: str = "", **fields) -> PaperRecord:
    fields.setdefault("authors", ["Ada Lovelace", "Charles Babbage"])
    return PaperRecord(title=title, abstract=abstract or f"About {title}.", **fields)


def import_records(
    lib: Library, records: list[PaperRecord], name: str = "test.txt"
) -> ImportReport:
    parsed = ParsedListing(format="compact", papers=records)
    checksum = hashlib.sha256(repr((name, records)).encode()).hexdigest()
    return import_parsed(lib, parsed, name=name, path=None, checksum=checksum)


def wait_for(condition: Callable[[], bool], seconds: float = 20.0) -> bool:
    """Whether ``condition()`` came true within ``seconds`` (a background thread's work)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def count(lib: Library, table: str) -> int:
    return lib.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def damage_an_index(conn: sqlite3.Connection) -> None:
    """Make an index disagree with its table, as a bad disk or a foreign tool might.

    SQLite still opens the file; `PRAGMA integrity_check` reports the damage.
    """
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "UPDATE sqlite_master SET sql = 'CREATE INDEX papers_live_status"
        " ON papers(title, id) WHERE deleted IS NULL'"
        " WHERE name = 'papers_live_status'"
    )
