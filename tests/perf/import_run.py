"""Import driver: a listing file through the code path of ``lectern import``, timed.

``python -m tests.perf.import_run LISTING LIBRARY`` opens LIBRARY (a new file gives an
empty library) and imports LISTING with `import_file`, the function the ``import``
command calls, then prints one JSON line: papers added, seconds, and two parts of that
work timed apart afterwards: parsing the same bytes again, and writing the search rows of
the papers added into the empty search index of a new library.
"""

from __future__ import annotations

import datetime
import json
import sys
import tempfile
import time
from pathlib import Path

from desktop.formats.listing import parse_listing
from desktop.library.importing import import_file
from desktop.library.schema_v4 import PAPER_TEXT
from desktop.library.store import open_library, write_transaction
from tests.perf.synthetic import IMPORT_YEAR

TODAY = datetime.date(IMPORT_YEAR, 12, 31)  # year-less dates in the listing mean this year


def main(argv: list[str]) -> int:
    """Import ``argv[0]`` into the library ``argv[1]``; print what it took."""
    listing, library = Path(argv[0]), Path(argv[1])
    lib = open_library(library)
    papers_before = lib.db.execute("SELECT count(*) FROM papers").fetchone()[0]
    start = time.perf_counter()
    report = import_file(lib, listing, today=TODAY)
    seconds = time.perf_counter() - start
    search_rows = lib.db.execute(
        PAPER_TEXT.rows(f"{PAPER_TEXT.key} IN (SELECT value FROM json_each(?))"),
        [json.dumps(report.new_ids)],
    ).fetchall()
    lib.close()
    start = time.perf_counter()
    parse_listing(listing.read_bytes(), filename=str(listing), today=TODAY)
    parse_seconds = time.perf_counter() - start
    result = {
        "papers_before": papers_before,
        "added": report.added,
        "present": report.present,
        "skipped": len(report.skipped),
        "seconds": seconds,
        "parse_seconds": parse_seconds,
        "index_alone_seconds": index_alone_seconds(search_rows),
    }
    print(json.dumps(result), flush=True)
    return 0


def index_alone_seconds(search_rows: list[tuple]) -> float:
    """Seconds to write ``search_rows`` into the empty search index of a new library.

    That is one transaction holding nothing but the search index's own work (the
    tokenizer, the prefix indexes, the segments written at commit), so it bounds how fast
    any import can be while it keeps every paper it adds searchable at once.
    """
    columns = ", ".join(PAPER_TEXT.columns)
    marks = ", ".join("?" * (len(PAPER_TEXT.columns) + 1))
    with tempfile.TemporaryDirectory() as folder:
        lib = open_library(Path(folder) / "index-alone.sqlite")
        start = time.perf_counter()
        with write_transaction(lib) as db:
            db.conn.executemany(
                f"INSERT INTO {PAPER_TEXT.table} (rowid, {columns}) VALUES ({marks})",
                search_rows,
            )
        seconds = time.perf_counter() - start
        lib.close()
    return seconds


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
