"""Opening a library file: where it lives, the connection settings, the schema version.

A library is one SQLite file. Every change goes through `write_transaction`, so a change is
wholly there or wholly absent, whatever happens to the process. Before a migration the file
is backed up, and once a day on opening (`desktop.library.backup`). A library that cannot
be written (read-only file or folder, or asked for read-only) opens for reading, and every
change to it is refused in plain words.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import platformdirs
import sqlite_utils

from desktop.library.checkpoints import BackgroundCheckpoints
from desktop.library.compaction import IdleCompaction
from desktop.library.guard import (
    InstanceClaim,
    LibraryError,
    LibraryReadOnly,
    claim_library,
    connect,
    plain_error,
    prepare_folder,
)
from desktop.library.guard import LibraryInUse as LibraryInUse  # offered here with the rest
from desktop.library.halves import SecondReader
from desktop.library.prefixes import PrefixWords
from desktop.library.schema import MIGRATIONS, SCHEMA_VERSION

LIBRARY_ENV = "LECTERN_LIBRARY"


class Interrupted(LibraryError):
    """A read was stopped by `Library.interrupt` (a newer one replaced it)."""


@dataclass
class Library:
    """An open library file.

    ``read_only_reason`` says in plain words why the library can only be read (empty when
    it can be written); ``notices`` are things the user should hear about from opening it,
    such as a daily backup that could not be made.
    """

    path: Path
    db: sqlite_utils.Database
    read_only_reason: str = ""
    notices: list[str] = field(default_factory=list)
    claim: InstanceClaim | None = None
    background: list[threading.Thread] = field(default_factory=list)
    checkpoints: BackgroundCheckpoints | None = None
    compaction: IdleCompaction | None = None
    # reads the upper half of large reads at once (`desktop.library.halves`)
    second_reader: SecondReader | None = None
    # the words of this connection's search index that long prefixes stand for
    prefix_words: PrefixWords = field(default_factory=PrefixWords, repr=False)

    @property
    def read_only(self) -> bool:
        """True when every change to this library is refused."""
        return bool(self.read_only_reason)

    def interrupt(self) -> None:
        """Stop the statements this library's connections are running, from any thread;
        they fail with `Interrupted` inside `interruptible`."""
        self.db.conn.interrupt()
        if self.second_reader is not None:
            self.second_reader.interrupt()

    @contextmanager
    def interruptible(self) -> Iterator[None]:
        """Reads that `interrupt` may stop: they raise `Interrupted` when it does."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            if str(exc) != "interrupted":
                raise
            raise Interrupted("The read was interrupted.") from exc

    def close(self) -> None:
        """Finish the daily backup, close the connection, let other windows claim the file."""
        for thread in self.background:
            thread.join()
        if self.checkpoints is not None:
            self.checkpoints.stop()
        if self.compaction is not None:
            self.compaction.stop()
        if self.second_reader is not None:
            self.second_reader.close()
        self.db.close()  # the WAL is checkpointed by SQLite on the last close
        if self.claim is not None:
            self.claim.release()


def default_library_path() -> Path:
    """The library in the platform's user data folder (e.g. ~/.local/share/lectern)."""
    return platformdirs.user_data_path("lectern", appauthor=False) / "library.sqlite"


def resolve_library_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The library to use: the one named, else ``$LECTERN_LIBRARY``, else the default."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(LIBRARY_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return default_library_path()


def now() -> str:
    """The current time as stored in the library: UTC, ISO 8601, whole seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_library(
    path: str | os.PathLike[str],
    *,
    read_only: bool = False,
    claim: bool = False,
    daily_backup: bool = True,
    background_checkpoints: bool = False,
    compact_when_idle: bool = False,
    read_in_halves: bool = False,
) -> Library:
    """Open (creating if needed) the library at ``path`` and bring its schema up to date.

    Args:
        path: The library file.
        read_only: Open for reading only, whether or not the file could be written.
        claim: Take the library for this window: a second window asking the same is told
            with `LibraryInUse`. Commands and import threads do not claim; SQLite lets
            them write alongside a window, one transaction at a time.
        daily_backup: Back the library up (off this thread) if nothing has been backed
            up today. A library made just now has nothing worth a backup.
        background_checkpoints: Copy the write-ahead log into the file on a thread of its
            own (`BackgroundCheckpoints`) rather than inside a large commit; the window's
            connection asks for this.
        compact_when_idle: Compact the search indexes on a thread of their own whenever
            the library is idle and they need it (`IdleCompaction`); the window asks.
        read_in_halves: Read the upper half of large counts and listings at once on a
            second connection (`desktop.library.halves`); the view loader asks.

    Raises:
        LibraryInUse: ``claim`` was asked and another Lectern window has the library.
        LibraryError: the folder cannot be created, the file is not a Lectern library,
            it was written by a newer Lectern (it is then left untouched), or it needs
            updating and cannot be written.
    """
    path = Path(path)
    reason = "it was opened for reading only" if read_only else prepare_folder(path)
    held = claim_library(path) if claim and not reason else None
    try:
        db = sqlite_utils.Database(connect(path, reason))
        lib = Library(path=path, db=db, read_only_reason=reason, claim=held)
    except LibraryError:
        if held is not None:
            held.release()
        raise
    try:
        found = schema_version(lib.db)
        _refuse_foreign(lib.db, path)  # before anything writes to the file
        _configure(lib)
        upgrade(lib)
        if daily_backup and found and not lib.read_only:
            from desktop.library.backup import start_daily_backup  # backup builds on store

            start_daily_backup(lib)
        if background_checkpoints and not lib.read_only:
            lib.db.execute("PRAGMA wal_autocheckpoint = 0")
            lib.checkpoints = BackgroundCheckpoints(path)
            lib.checkpoints.start()
        if read_in_halves:
            lib.second_reader = SecondReader(path)
        if compact_when_idle and not lib.read_only:
            lib.compaction = IdleCompaction(path)
            lib.compaction.start()
    except sqlite3.DatabaseError as exc:
        lib.close()
        raise LibraryError(f"{path} is not a Lectern library that can be opened: {exc}") from exc
    except LibraryError:
        lib.close()
        raise
    return lib


CACHE_KIB = 64 * 1024


def _configure(lib: Library) -> None:
    lib.db.execute("PRAGMA foreign_keys = ON")
    if lib.read_only:
        lib.db.execute("PRAGMA query_only = ON")  # a second guard behind write_transaction
        return
    # 64 MB of pages (the default is 2 MB): a bulk edit of 10,000 papers reads each of their
    # pages several times, which at a million papers went back to the file every time.
    # Readers (the window's view loader) keep the default: memory is counted per connection.
    lib.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    # WAL lets the window keep reading while an import writes.
    if lib.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        lib.db.execute("PRAGMA journal_mode = WAL")
    # NORMAL in WAL mode: a commit survives the process being killed; only a power cut
    # can take back the last few commits, and never leaves the file damaged.
    lib.db.execute("PRAGMA synchronous = NORMAL")


def schema_version(db: sqlite_utils.Database) -> int:
    """The schema version the file says it has."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _refuse_foreign(db: sqlite_utils.Database, path: Path) -> None:
    # One statement, so the version and the tables are seen at the same moment: another
    # process may be creating the library right now.
    version, tables = db.execute(
        "SELECT (SELECT user_version FROM pragma_user_version),"
        " (SELECT count(*) FROM sqlite_master WHERE type = 'table')"
    ).fetchone()
    if version > SCHEMA_VERSION:
        raise LibraryError(
            f"{path} was written by a newer Lectern (library version {version}; this Lectern "
            f"knows up to {SCHEMA_VERSION}). It has been left untouched: update Lectern to open it."
        )
    if version == 0 and tables:
        raise LibraryError(f"{path} is an SQLite file, but not a Lectern library.")


def upgrade(lib: Library) -> None:
    """Bring an older library up to the current schema, backing it up first.

    Raises:
        LibraryError: it needs updating but cannot be written, or the backup failed (the
            library is then left as it was).
    """
    found = schema_version(lib.db)
    if found >= SCHEMA_VERSION:
        return
    if lib.read_only:
        raise LibraryError(
            f"{lib.path} was made by an older Lectern and must be updated before it can be "
            f"opened, but {lib.read_only_reason}."
        )
    if found:  # a new file has nothing to lose
        from desktop.library.backup import backup_now  # backup builds on this module

        backup_now(lib, reason="before-update")
    try:
        while _migrate_one_step(lib.db.conn):
            pass
    except sqlite3.Error as exc:
        kept = f"it was left whole at version {schema_version(lib.db)}"
        if found:
            kept += ", and was backed up before the update began"
        raise plain_error(lib.path, exc) or LibraryError(
            f"{lib.path} could not be updated for this Lectern ({exc}); {kept}."
        ) from exc


def _migrate_one_step(conn: sqlite3.Connection) -> bool:
    """Take the library one version up, in one transaction; False when it is current.

    The version is read again under the write lock: when two processes open an old library
    at once, the second finds it already updated instead of running the step twice.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version < SCHEMA_VERSION:
            for statement in script_statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return version < SCHEMA_VERSION


def script_statements(script: str) -> Iterator[str]:
    """The statements of a script (executescript would commit the open transaction)."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):  # a ";" inside a trigger body is not the end
            yield pending
            pending = ""


@contextmanager
def write_transaction(lib: Library) -> Iterator[sqlite_utils.Database]:
    """One change to the library: committed whole at the end, rolled back whole on error.

    ``BEGIN IMMEDIATE`` takes the write lock at the start, so ids read inside the block
    stay valid until it commits, and a second writer waits instead of failing mid-way.
    Nested use joins the outer transaction. A full disk, a read-only file or a busy
    library becomes a `LibraryError` in plain words; the library keeps what it had.

    Raises:
        LibraryReadOnly: the library is open for reading only.
        LibraryError: the change could not be written; nothing of it was kept.
    """
    if lib.read_only:
        raise LibraryReadOnly(
            f"Nothing was changed: {lib.path} can only be read here ({lib.read_only_reason})."
        )
    conn = lib.db.conn
    if conn.in_transaction:
        yield lib.db
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise plain_error(lib.path, exc) or LibraryError(
            f"The library {lib.path} cannot be written now: {exc}"
        ) from exc
    try:
        yield lib.db
    except sqlite3.Error as exc:
        _roll_back(conn)
        translated = plain_error(lib.path, exc)
        if translated is None:
            raise  # not the file's fault: a bug, which should show as one
        raise translated from exc
    except BaseException:
        _roll_back(conn)
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        _roll_back(conn)
        raise plain_error(lib.path, exc) or LibraryError(
            f"The change to {lib.path} could not be saved: {exc}"
        ) from exc


def _roll_back(conn: sqlite3.Connection) -> None:
    if not conn.in_transaction:
        return  # SQLite already rolled back (it does so itself on a full disk)
    # An I/O error can fail the rollback too; the journal still undoes the change when
    # the file is next opened, so the library keeps what it had.
    with suppress(sqlite3.Error):
        conn.execute("ROLLBACK")
