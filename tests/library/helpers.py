"""Building parsed listings by hand, so store tests do not depend on a reader."""

from __future__ import annotations

import hashlib

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


def count(lib: Library, table: str) -> int:
    return lib.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
