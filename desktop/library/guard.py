"""Guarding a library file: plain words for what goes wrong, read-only opening, claims.

`store` re-exports the errors; import them from there. A library whose file or folder
cannot be written is opened read-only rather than refused, so it can still be read. A
window claims its library with a lock file beside it (``library.sqlite.lock``), held by
an OS lock that dies with the process, so a crashed Lectern never leaves a stale claim.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import BinaryIO


class LibraryError(Exception):
    """The library cannot be opened or written; the message says why in plain words."""


class LibraryInUse(LibraryError):
    """Another Lectern window has claimed the library; it can still be opened read-only."""


class LibraryReadOnly(LibraryError):
    """A change was asked of a library that is open for reading only; nothing changed."""


# SQLite result codes (by name; extended codes start with these) and what they mean for
# the person whose change was refused.
_PLAIN_WORDS = {
    "SQLITE_FULL": "the disk holding it is full",
    "SQLITE_IOERR": "the disk could not be written (full, removed or failing)",
    "SQLITE_READONLY": "the file or its folder is read-only",
    "SQLITE_CANTOPEN": "the file or its folder cannot be opened for writing",
    "SQLITE_PERM": "Lectern is not allowed to write it",
    "SQLITE_BUSY": "another Lectern is busy changing it (an import, perhaps); try again soon",
    "SQLITE_LOCKED": "another change is under way; try again soon",
    "SQLITE_CORRUPT": "the file is damaged: run “lectern check”, or restore a backup",
    "SQLITE_NOTADB": "the file is damaged: run “lectern check”, or restore a backup",
}


def plain_error(path: Path, exc: sqlite3.Error) -> LibraryError | None:
    """The error to show for a write that SQLite refused, or None when it is a bug.

    Every one of these leaves the library as it was before the change: SQLite rolls the
    transaction back, or its journal does when the file is next opened.
    """
    name = getattr(exc, "sqlite_errorname", "")
    for code, words in _PLAIN_WORDS.items():
        if name == code or name.startswith(code + "_"):
            return LibraryError(
                f"The change to {path} was not saved: {words}. Everything saved before is intact."
            )
    return None


def prepare_folder(path: Path) -> str:
    """Create the library's folder if needed; why the library cannot be written, or ""."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(
            f"The folder {path.parent} does not exist and cannot be created "
            f"({exc.strerror}). Is a drive missing? Nothing was changed."
        ) from exc
    # SQLite writes the -wal and -shm files beside the library, so the folder counts too.
    if not os.access(path.parent, os.W_OK):
        if not path.exists():
            raise LibraryError(f"A library cannot be made in {path.parent}: it is read-only.")
        return f"its folder {path.parent} cannot be written"
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only"
    return ""


def connect(path: Path, read_only_reason: str) -> sqlite3.Connection:
    """A connection to the library: read-write, or read-only when there is a reason."""
    try:
        if not read_only_reason:
            # autocommit at the driver level: transactions are always explicit
            return sqlite3.connect(path, timeout=10, isolation_level=None)
        if not path.exists():
            raise LibraryError(f"There is no library at {path}.")
        try:
            return _connect_uri(path, "mode=ro")
        except sqlite3.OperationalError:
            if os.access(path.parent, os.W_OK) or Path(f"{path}-wal").exists():
                raise
            # Without a writable folder SQLite cannot make the -shm file a WAL reader
            # needs. Nobody can write the library there either, so it cannot change.
            return _connect_uri(path, "immutable=1")
    except sqlite3.Error as exc:
        raise LibraryError(f"Cannot open the library {path}: {exc}") from exc


def _connect_uri(path: Path, options: str) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?{options}"
    conn = sqlite3.connect(uri, uri=True, timeout=10, isolation_level=None)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fail now, not later
    return conn


def lock_path(library: Path) -> Path:
    """The file a window locks to claim ``library``."""
    return library.with_name(library.name + ".lock")


class InstanceClaim:
    """One window's hold on a library; `release` it when the window closes."""

    def __init__(self, path: Path, handle: BinaryIO) -> None:
        self.path = path
        self._handle: BinaryIO | None = handle

    def release(self) -> None:
        """Let another window claim the library (closing the file drops the OS lock)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def claim_library(library: Path) -> InstanceClaim:
    """Claim ``library`` for this window.

    Raises:
        LibraryInUse: another Lectern window (in any process) holds it.
        LibraryError: the lock file cannot be made (the folder is read-only).
    """
    path = lock_path(library.resolve())  # one lock however the library is named
    try:
        handle = path.open("a+b")
    except OSError as exc:
        raise LibraryError(f"Cannot claim the library {library}: {exc.strerror}.") from exc
    if not _lock(handle):
        handle.close()
        raise LibraryInUse(
            f"The library {library} is open in another Lectern window. It can be opened "
            "read-only here; changes are made in the other window."
        )
    return InstanceClaim(path, handle)


def library_in_use(library: Path) -> bool:
    """True when a Lectern window holds ``library`` (asking takes no lasting claim)."""
    if not lock_path(library.resolve()).exists():
        return False
    try:
        claim_library(library).release()
    except LibraryInUse:
        return True
    except LibraryError:
        return False  # nobody could have made a claim in a folder that cannot be written
    return False


def _lock(handle: BinaryIO) -> bool:
    """Take an exclusive, non-blocking OS lock on an open file; False if someone has it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            # flock, not lockf: two claims from one process conflict too, as two windows do.
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
