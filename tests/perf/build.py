"""Building synthetic libraries fast, checking them, and keeping them for the next run.

Papers go in through the real importer (`import_parsed`, in files of `SOURCE_PAPERS`), so
papers, authors, code links, identity keys and sources are exactly what an import writes.
The user's state (tags, statuses, notes, reading lists) is then written with bulk SQL.
Both would re-index each paper in the full-text index once per row through the schema's
triggers, which at a million papers takes hours; so the triggers are set aside while the
library fills, the index is then filled in one pass with the schema's own row query
(`SearchIndex.fill`, the query the triggers run), and the triggers are put back verbatim.
The index is then compacted into one segment, as the window compacts it once the library
is idle after an import (`desktop.library.compaction`). `verify_library` then checks that
the index and the tables agree.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import itertools
import os
import random
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from desktop.formats.records import ParsedListing
from desktop.library.compaction import compact
from desktop.library.importing import import_parsed
from desktop.library.integrity import count_mismatches, fts_mismatches, recount
from desktop.library.schema import MIGRATIONS
from desktop.library.schema_v4 import SEARCH_INDEXES
from desktop.library.store import Library, now, open_library, write_transaction
from tests.perf import words
from tests.perf.synthetic import GENERATOR_VERSION, PaperFactory

SOURCE_PAPERS = 50_000  # papers per imported "file"
FULL_CHECK_LIMIT = 200_000  # libraries up to this size get the whole-index check
SAMPLE_CHECK = 2_000  # papers compared in larger ones
# How the search index of a cached library is laid out: "compact", one segment, as the
# window's idle compaction leaves it after an import (`desktop.library.compaction`).
INDEX_LAYOUT = "compact"

Log = Callable[[str], None]


@dataclass(frozen=True)
class UserState:
    """What the user did with a paper: all the build needs once the paper is imported."""

    tags: list[str]
    status: str
    note: str


@dataclass(frozen=True)
class BuildStats:
    """How a library was built."""

    papers: int
    seconds: float


def schema_key() -> str:
    """A short hash of the schema, so a cache built for another schema is not reused."""
    return hashlib.sha1("\n".join(MIGRATIONS).encode()).hexdigest()[:8]


def cache_key() -> str:
    """The schema's hash and the layout of the search index a library is kept in."""
    return f"{schema_key()}-{INDEX_LAYOUT}"


def open_quietly(path: Path) -> Library:
    """Open a library the benchmark manages, without the daily backup where the store has one.

    The backup is the app's business on the user's library; for the cached synthetic
    libraries it would only copy gigabytes.
    """
    if "daily_backup" in inspect.signature(open_library).parameters:
        return open_library(path, daily_backup=False)
    return open_library(path)


def cached_library(cache_dir: Path, size: int, seed: int = 1, log: Log = print) -> Path:
    """The library of ``size`` papers for ``seed``: from the cache, or made into it.

    A cached library made for an older schema is brought up to date by Lectern's own
    migration, as a user's library would be, instead of being built again (delete the
    cache to rebuild from scratch).
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / _cache_name(size, seed, cache_key())
    if path.exists():
        return path
    partial = path.with_suffix(".building")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    older = sorted(cache_dir.glob(_cache_name(size, seed, "*")), key=lambda p: p.stat().st_mtime)
    if older:
        log(f"updating {older[-1].name} to the current schema with Lectern's migration")
        os.replace(older[-1], partial)
        lib = open_quietly(partial)
        try:
            _compact_index(lib, log)
        finally:
            lib.close()
        for backup in (cache_dir / "backups").glob(f"{partial.stem}_*"):
            backup.unlink()  # the copy the migration made of our own file
    else:
        stats = build_library(partial, size, seed, log=log)
        log(f"built {size:,} papers in {stats.seconds:.0f} s")
    problems = verify_library(partial, size)
    if problems:
        raise RuntimeError(f"the synthetic library is inconsistent: {problems[:5]}")
    os.replace(partial, path)
    return path


def _cache_name(size: int, seed: int, key: str) -> str:
    return f"lectern-{size}-seed{seed}-g{GENERATOR_VERSION}-{key}.sqlite"


def build_library(path: Path, size: int, seed: int = 1, log: Log = print) -> BuildStats:
    """Write a library of exactly ``size`` synthetic papers at ``path`` (a new file)."""
    started = time.perf_counter()
    lib = open_quietly(path)
    try:
        lib.db.execute("PRAGMA cache_size = -262144")  # 256 MB while building
        triggers = _drop_triggers(lib)
        papers = _import_papers(lib, size, seed, log)
        _add_user_state(lib, papers, seed)
        log("indexing the full text")
        _fill_index_and_restore(lib, triggers)
        _compact_index(lib, log)
    finally:
        lib.close()
    return BuildStats(papers=size, seconds=time.perf_counter() - started)


def _drop_triggers(lib: Library) -> list[tuple[str, str]]:
    with write_transaction(lib) as db:
        triggers = list(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
        for name, _sql in triggers:
            db.execute(f'DROP TRIGGER "{name}"')
    return triggers


def _import_papers(lib: Library, size: int, seed: int, log: Log) -> dict[int, UserState]:
    """Import ``size`` papers, a "file" of `SOURCE_PAPERS` at a time; their user state by id."""
    stream = PaperFactory(seed).papers(size)
    states: dict[int, UserState] = {}
    for source in itertools.count():
        batch = list(itertools.islice(stream, SOURCE_PAPERS))
        if not batch:
            break
        parsed = ParsedListing(format="compact", papers=[paper.record for paper in batch])
        checksum = hashlib.sha256(f"synthetic:{seed}:{source}".encode()).hexdigest()
        report = import_parsed(
            lib, parsed, name=f"synthetic-{source:03d}.txt", path=None, checksum=checksum
        )
        if report.added != len(batch):
            raise RuntimeError(
                f"the importer merged {len(batch) - report.added} synthetic papers with others"
                " (a repeated title or abstract); make the generator vary them more"
            )
        # new ids are handed out in record order
        for paper_id, paper in zip(report.new_ids, batch, strict=True):
            states[paper_id] = UserState(paper.tags, paper.status, paper.note)
        log(f"imported {len(states):,} / {size:,} papers")
    return states


def _add_user_state(lib: Library, papers: dict[int, UserState], seed: int) -> None:
    stamp = now()
    with write_transaction(lib) as db:
        db.conn.executemany("INSERT INTO tags (name) VALUES (?)", [(t,) for t in words.TAGS])
        tag_id = {name: tid for tid, name in db.execute("SELECT id, name FROM tags")}
        db.conn.executemany(
            "INSERT INTO paper_tags (paper_id, tag_id) VALUES (?, ?)",
            ((pid, tag_id[t]) for pid, paper in papers.items() for t in paper.tags),
        )
        db.conn.executemany(
            "UPDATE papers SET status = ?, status_changed = ? WHERE id = ?",
            ((p.status, stamp, pid) for pid, p in papers.items() if p.status != "unread"),
        )
        db.conn.executemany(
            "INSERT INTO notes (paper_id, body, updated) VALUES (?, ?, ?)",
            ((pid, p.note, stamp) for pid, p in papers.items() if p.note),
        )
        _add_reading_lists(db, sorted(papers), seed, stamp)


def _add_reading_lists(db: sqlite_utils.Database, ids: list[int], seed: int, stamp: str) -> None:
    rng = random.Random(f"lectern-perf-lists:{seed}")
    for name, size in zip(words.READING_LISTS, (40, 120, 300, 25, 800), strict=True):
        list_id = db.execute(
            "INSERT INTO reading_lists (name, created) VALUES (?, ?)", [name, stamp]
        ).lastrowid
        members = rng.sample(ids, min(size, len(ids)))
        db.conn.executemany(
            "INSERT INTO reading_list_items (list_id, paper_id, position) VALUES (?, ?, ?)",
            [(list_id, pid, position) for position, pid in enumerate(members)],
        )


def _fill_index_and_restore(lib: Library, triggers: list[tuple[str, str]]) -> None:
    with write_transaction(lib) as db:
        for index in SEARCH_INDEXES:
            db.execute(f"DELETE FROM {index.table}")
            db.execute(index.fill())
        for _name, sql in triggers:
            db.execute(sql)
    recount(lib)  # the counts' triggers were set aside too


def _compact_index(lib: Library, log: Log) -> None:
    """Compact the search indexes as the window does once the library is idle."""
    log("compacting the search index")
    compact(lib.db.conn)
    lib.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def verify_library(path: Path, size: int) -> list[str]:
    """Problems found: paper count, the full-text index against the tables, the triggers.

    Libraries up to `FULL_CHECK_LIMIT` papers get `fts_mismatches` over every paper; larger
    ones the same comparison over `SAMPLE_CHECK` papers spread over the id range.
    """
    lib = open_quietly(path)
    try:
        problems = []
        papers = lib.db.execute("SELECT count(*) FROM papers").fetchone()[0]
        indexed = lib.db.execute("SELECT count(*) FROM papers_fts").fetchone()[0]
        if papers != size or indexed != size:
            problems.append(f"{papers} papers and {indexed} index rows, expected {size}")
        mismatches = fts_mismatches(lib) if size <= FULL_CHECK_LIMIT else _sample_mismatches(lib)
        problems += [f"index row of paper {pid} differs from its tables" for pid in mismatches]
        problems += [f"sidebar count {found}" for found in count_mismatches(lib)]
        triggers = lib.db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        if set(triggers) != _schema_triggers():
            problems.append("the triggers differ from those of a new library")
        return problems
    finally:
        lib.close()


def _schema_triggers() -> set[tuple[str, str]]:
    """The triggers (name, SQL) of a library made by the schema's migrations from scratch."""
    with contextlib.closing(sqlite3.connect(":memory:")) as conn:
        for step in MIGRATIONS:
            conn.executescript(step)
        return set(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))


def _sample_mismatches(lib: Library) -> list[int]:
    """`fts_mismatches` over a spread-out sample of paper ids."""
    top = lib.db.execute("SELECT max(id) FROM papers").fetchone()[0] or 0
    rng = random.Random(top)
    return fts_mismatches(
        lib, sorted({1, top, *(rng.randint(1, top) for _ in range(SAMPLE_CHECK))})
    )
