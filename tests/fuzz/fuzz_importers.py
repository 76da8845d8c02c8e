"""Coverage-guided fuzzing of every importer entry point with atheris (libFuzzer).

Install the extra and run it apart from the test suite, from the repository root::

    pip install -e '.[test,fuzz]'
    python -m tests.fuzz.fuzz_importers -max_total_time=600 -max_len=8192 [CORPUS_DIR]

Each input goes to ``parse_listing`` and to ``import_bytes`` on a fresh copy of a library
holding the sample listings, so every finding replays on its own: libFuzzer saves it as
``crash-*``, and ``python -m tests.fuzz.fuzz_importers crash-<hash>`` runs it again. A form
feed splits an input: the part before it is imported first, so the fuzzer can also build
the library a listing meets. Anything escaping but ImportFormatError is a finding, and so
is a failed import that changed the library, or a library that no longer agrees with
itself. `check_one_input` is also what the hypothesis tests in `test_importers.py` run.
"""

from __future__ import annotations

import datetime
import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

from desktop.formats.listing import parse_listing
from desktop.formats.records import ImportFormatError
from desktop.library.importing import import_bytes, import_file
from desktop.library.integrity import fts_mismatches, integrity_problems
from desktop.library.store import Library, open_library

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TODAY = datetime.date(2026, 3, 14)
_WRITTEN = ("papers", "authors", "paper_authors", "paper_urls", "paper_keys", "sources",
            "paper_sources", "papers_fts")  # fmt: skip


class Scratch:
    """A library holding the sample listings, built once and copied afresh for each input."""

    def __init__(self, folder: Path) -> None:
        self.template = folder / "template.sqlite"
        self.copy = folder / "input.sqlite"
        lib = open_library(self.template, daily_backup=False)
        for seed in sorted(SEEDS.glob("*.txt")):
            import_file(lib, seed, today=TODAY)
        lib.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        lib.close()

    def fresh(self) -> Library:
        """The sample library, as it was before any input touched it."""
        for sidecar in ("-wal", "-shm"):
            Path(f"{self.copy}{sidecar}").unlink(missing_ok=True)
        shutil.copyfile(self.template, self.copy)
        lib = open_library(self.copy, daily_backup=False)
        lib.db.execute("PRAGMA synchronous = OFF")  # a throwaway copy: no waiting for disks
        return lib


def fingerprint(lib: Library) -> str:
    """A digest of every row an import could write."""
    digest = hashlib.sha256()
    for table in _WRITTEN:
        for row in lib.db.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid"):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def check_one_input(scratch: Scratch, data: bytes) -> None:
    """Feed ``data`` to both entry points; raise AssertionError (or worse) on a finding."""
    earlier, split, data = data.partition(b"\f")
    if not split:
        earlier, data = b"", earlier
    lib = scratch.fresh()
    try:
        if earlier:
            try_import(lib, earlier)
        try_import(lib, data)
        assert integrity_problems(lib) == [], "the library is damaged"
        assert fts_mismatches(lib) == [], "the search index disagrees with the library"
    finally:
        lib.close()


def try_import(lib: Library, data: bytes) -> None:
    """Import ``data``: only ImportFormatError may come out, and then nothing changed."""
    try:
        parsed = parse_listing(data, "fuzzed.txt", today=TODAY)
    except ImportFormatError:
        parsed = None
    before = fingerprint(lib)
    try:
        report = import_bytes(lib, data, name="fuzzed.txt", today=TODAY)
    except ImportFormatError:
        assert parsed is None, "import_bytes refused what parse_listing read"
        assert fingerprint(lib) == before, "a failed import changed the library"
        return
    assert parsed is not None, "import_bytes read what parse_listing refused"
    assert report.added + report.present == len(parsed.papers)


def main() -> None:
    """Run libFuzzer over the importers (arguments are libFuzzer's)."""
    import atheris  # the optional `fuzz` extra; the tests import this module without it

    atheris.instrument_all()  # coverage of everything loaded: readers, importer, store
    with tempfile.TemporaryDirectory(prefix="lectern-fuzz-") as scratch:
        arguments = sys.argv
        if all(arg.startswith("-") for arg in sys.argv[1:]):  # no corpus, no input to replay
            corpus = Path(scratch) / "corpus"  # new finds go here, never into seeds/
            shutil.copytree(SEEDS, corpus)
            arguments = [*sys.argv, str(corpus)]
        target = Scratch(Path(scratch))
        atheris.Setup(arguments, lambda data: check_one_input(target, data))
        atheris.Fuzz()


if __name__ == "__main__":
    main()
