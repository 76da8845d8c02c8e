"""Opening a library file: where it lives, the connection settings, the schema version.

A library is one SQLite file. Every change goes through `write_transaction`, so a change is
wholly there or wholly absent, whatever happens to the process.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import platformdirs
import sqlite_utils

from desktop.library.schema import MIGRATIONS, SCHEMA_VERSION

LIBRARY_ENV = "LECTERN_LIBRARY"


class LibraryError(Exception):
    """The library cannot be opened or written; the message says why in plain words."""


@dataclass
class Library:
    """An open library file."""

    path: Path
    db: sqlite_utils.Database

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed by SQLite on the last close)."""
        self.db.close()


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


def open_library(path: str | os.PathLike[str]) -> Library:
    """Open (creating if needed) the library at ``path`` and bring its schema up to date.

    Raises:
        LibraryError: the folder cannot be created, the file is not a Lectern library,
            or it was written by a newer Lectern (it is then left untouched).
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # autocommit at the driver level: transactions are always explicit (write_transaction)
        conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise LibraryError(f"Cannot open the library {path}: {exc}") from exc
    db = sqlite_utils.Database(conn)
    try:
        _refuse_foreign(db, path)  # before anything writes to the file
        _configure(db)
        _migrate(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise LibraryError(f"{path} is not a Lectern library that can be opened: {exc}") from exc
    except LibraryError:
        db.close()
        raise
    return Library(path=path, db=db)


def _configure(db: sqlite_utils.Database) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    # WAL lets the window keep reading while an import writes.
    if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")


def schema_version(db: sqlite_utils.Database) -> int:
    """The schema version the file says it has."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _refuse_foreign(db: sqlite_utils.Database, path: Path) -> None:
    version = schema_version(db)
    if version > SCHEMA_VERSION:
        raise LibraryError(
            f"{path} was written by a newer Lectern (library version {version}; this Lectern "
            f"knows up to {SCHEMA_VERSION}). It has been left untouched: update Lectern to open it."
        )
    if version == 0 and db.table_names():
        raise LibraryError(f"{path} is an SQLite file, but not a Lectern library.")


def _migrate(db: sqlite_utils.Database) -> None:
    for step in range(schema_version(db), SCHEMA_VERSION):
        # executescript runs the whole step, then the version bump, inside one transaction.
        try:
            db.conn.executescript(
                f"BEGIN IMMEDIATE;\n{MIGRATIONS[step]}\nPRAGMA user_version = {step + 1};\nCOMMIT;"
            )
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise


@contextmanager
def write_transaction(lib: Library) -> Iterator[sqlite_utils.Database]:
    """One change to the library: committed whole at the end, rolled back whole on error.

    ``BEGIN IMMEDIATE`` takes the write lock at the start, so ids read inside the block
    stay valid until it commits, and a second writer waits instead of failing mid-way.
    Nested use joins the outer transaction.
    """
    conn = lib.db.conn
    if conn.in_transaction:
        yield lib.db
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise LibraryError(f"The library {lib.path} cannot be written now: {exc}") from exc
    try:
        yield lib.db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise LibraryError(f"The change to {lib.path} could not be saved: {exc}") from exc
