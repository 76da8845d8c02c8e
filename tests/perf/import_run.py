"""Import driver: a listing file through the code path of ``lectern import``, timed.

``python -m tests.perf.import_run LISTING LIBRARY`` opens LIBRARY (a new file gives an
empty library) and imports LISTING with `import_file`, the function the ``import``
command calls, then prints one JSON line: papers added, seconds, and (timed apart, on a
second reading of the same bytes) how much of it the reader's parsing takes.
"""

from __future__ import annotations

import datetime
import json
import sys
import time
from pathlib import Path

from desktop.formats.listing import parse_listing
from desktop.library.importing import import_file
from desktop.library.store import open_library
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
    }
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
