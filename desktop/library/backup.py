"""Backups: consistent snapshots of a library kept beside it, and putting one back.

A snapshot is taken with SQLite's online backup API, so it is the library as of one moment
even while another process writes. It goes to ``backups/`` beside the library, named
``<library>_<UTC time>_v<schema version>_<reason>.sqlite``, written under a temporary name
and renamed only when whole. The newest `KEEP` snapshots of each library are kept.

Restoring copies a snapshot into the open library through the same API, as one write
transaction in the library's own journal: other connections see the old library or the
restored one, never a mix, and a crash part-way leaves the old one.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
import threading
from collections.abc import Iterable
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from desktop.library.guard import plain_error
from desktop.library.schema import SCHEMA_VERSION
from desktop.library.store import Library, LibraryError, LibraryReadOnly, upgrade

BACKUP_FOLDER = "backups"
KEEP = 10
REASONS = {
    "manual": "made on request",
    "daily": "daily",
    "before-update": "before updating the library for a newer Lectern",
    "before-restore": "before restoring another backup",
}
_STAMP = "%Y%m%dT%H%M%S%fZ"
_NAME = re.compile(
    r"^(?P<stem>.+)_(?P<taken>\d{8}T\d{12}Z)_v(?P<version>\d+)_(?P<reason>[a-z-]+)\.sqlite"
    r"(?P<partial>\.\d+\.partial)?$"
)


class BackupError(LibraryError):
    """A backup could not be made or put back; the library is as it was."""


@dataclass(frozen=True)
class Backup:
    """One snapshot file of a library."""

    path: Path
    taken: datetime  # UTC
    version: int  # the library's schema version when it was taken
    reason: str  # a key of REASONS

    def describe(self) -> str:
        """When (local time), why, and how big, in a line for people."""
        size = self.path.stat().st_size / 1_000_000
        why = REASONS.get(self.reason, self.reason)
        return f"{self.taken.astimezone():%Y-%m-%d %H:%M:%S}, {why}, {size:.1f} MB"


@dataclass(frozen=True)
class Restored:
    """What `restore_backup` did."""

    source: Path  # the snapshot now in the library
    safety: Backup  # the library as it was just before


def backup_folder(library: Path) -> Path:
    """Where the backups of ``library`` live."""
    return library.parent / BACKUP_FOLDER


def list_backups(library: Path) -> list[Backup]:
    """The complete backups of ``library``, newest first."""
    return [b for b, partial in _entries(library) if not partial]


def _entries(library: Path) -> list[tuple[Backup, bool]]:
    """Every backup file of ``library``, with whether it is still (or was left) unfinished."""
    try:
        names = os.listdir(backup_folder(library))
    except OSError:
        return []
    found = []
    for name in names:
        match = _NAME.match(name)
        if match and match["stem"] == library.stem:
            taken = datetime.strptime(match["taken"], _STAMP).replace(tzinfo=UTC)
            backup = Backup(
                backup_folder(library) / name, taken, int(match["version"]), match["reason"]
            )
            found.append((backup, bool(match["partial"])))
    return sorted(found, key=lambda entry: entry[0].taken, reverse=True)


def backup_now(lib: Library, reason: str = "manual", *, prune: bool = True) -> Backup:
    """Snapshot the open library now; older backups beyond `KEEP` go when ``prune``.

    Raises:
        BackupError: the backup folder cannot be written (full disk, read-only folder);
            no partial file is left and the library is unchanged.
    """
    made = _snapshot(lib.db.conn, lib.path, reason)
    if prune:
        _prune(lib.path, protect=[made.path])
    return made


def snapshot_file(library: Path, reason: str) -> Backup:
    """Snapshot a library through a read-only connection of its own (any thread may)."""
    try:
        source = _open_read_only(library)
    except sqlite3.Error as exc:
        raise BackupError(f"The backup of {library} could not be made: {exc}.") from exc
    with closing(source):
        made = _snapshot(source, library, reason)
    _prune(library, protect=[made.path])
    return made


def daily_backup_due(lib: Library, today: date | None = None) -> bool:
    """True when the library holds papers and nothing was backed up (or begun) today."""
    if lib.db.execute("SELECT 1 FROM papers LIMIT 1").fetchone() is None:
        return False  # nothing worth keeping yet
    today = today or datetime.now().astimezone().date()
    # An attempt cut short today counts, so a process that keeps being killed (or exits
    # without waiting) does not start a new copy on every start.
    return all(b.taken.astimezone().date() != today for b, _partial in _entries(lib.path))


def start_daily_backup(lib: Library) -> None:
    """Start today's backup on its own thread and connection, if one is still due.

    `Library.close` waits for it; its failure is kept in ``lib.notices``.
    """
    _prune(lib.path)  # also clears copies cut short on earlier days
    if not daily_backup_due(lib):
        return

    def run() -> None:
        try:
            snapshot_file(lib.path, reason="daily")
        except (LibraryError, OSError) as exc:
            lib.notices.append(f"Today's backup could not be made: {exc}")

    thread = threading.Thread(target=run, name="lectern-daily-backup")
    thread.start()
    lib.background.append(thread)


def _snapshot(source: sqlite3.Connection, library: Path, reason: str) -> Backup:
    folder = backup_folder(library)
    taken = datetime.now(UTC)
    version = int(source.execute("PRAGMA user_version").fetchone()[0])
    final = folder / f"{library.stem}_{taken.strftime(_STAMP)}_v{version}_{reason}.sqlite"
    partial = final.with_name(f"{final.name}.{os.getpid()}.partial")
    try:
        folder.mkdir(exist_ok=True)
        with closing(sqlite3.connect(partial, isolation_level=None)) as target:
            source.backup(target)
            # The copy arrives in the library's WAL mode; a backup is one self-contained file.
            target.execute("PRAGMA journal_mode = DELETE")
        _fsync(partial)
        os.replace(partial, final)  # a backup appears whole or not at all
        _fsync(folder)
    except (OSError, sqlite3.Error) as exc:
        for leftover in _with_sidecars(partial):
            with suppress(OSError):  # the folder may be what failed
                leftover.unlink(missing_ok=True)
        why = exc.strerror if isinstance(exc, OSError) else exc
        raise BackupError(
            f"The backup of {library} could not be made ({why}). The library is unchanged."
        ) from exc
    return Backup(final, taken, version, reason)


def _with_sidecars(path: Path) -> list[Path]:
    return [path, *(Path(f"{path}{suffix}") for suffix in ("-journal", "-wal", "-shm"))]


def _fsync(path: Path) -> None:
    """Make a file (or a folder's list of names) reach the disk before going on."""
    if path.is_dir() and os.name != "posix":
        return  # only POSIX can sync a folder; elsewhere the rename is as durable as it gets
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _prune(library: Path, *, protect: Iterable[Path] = ()) -> None:
    """Delete backups beyond the newest `KEEP`, and unfinished ones left on earlier days."""
    keep = set(protect)
    yesterday = datetime.now(UTC) - timedelta(days=1)
    entries = _entries(library)
    complete = [b for b, partial in entries if not partial]
    doomed = [b.path for b in complete[KEEP:] if b.path not in keep]
    doomed += [b.path for b, partial in entries if partial and b.taken < yesterday]
    for path in doomed:
        with suppress(OSError):  # one more old backup kept is no harm; a failed open is
            path.unlink(missing_ok=True)


def find_backup(library: Path, name_or_path: str | os.PathLike[str]) -> Path:
    """A backup named as `list_backups` shows it, or given by its path.

    Raises:
        BackupError: there is no such file.
    """
    given = Path(name_or_path).expanduser()
    candidates = [backup_folder(library) / given.name] if given.name == str(given) else []
    for candidate in [*candidates, given]:
        if candidate.is_file():
            return candidate
    raise BackupError(f"There is no backup {name_or_path}; “lectern restore” lists them.")


def restore_backup(lib: Library, source: str | os.PathLike[str]) -> Restored:
    """Put a backup in place of the open library, after snapshotting the library first.

    A backup from an older Lectern is then brought up to date. Other connections to the
    library (the window's, an import's) see the restored library from their next read.

    Raises:
        LibraryReadOnly: the library is open read-only.
        BackupError: the backup is not a sound Lectern library this Lectern can open, or
            it could not be copied; the library is as it was.
    """
    if lib.read_only:
        raise LibraryReadOnly(
            f"Nothing was restored: {lib.path} can only be read here ({lib.read_only_reason})."
        )
    chosen = find_backup(lib.path, source)
    if chosen.resolve() == lib.path.resolve():
        raise BackupError(f"{chosen} is the library itself, not a backup of it.")
    _check_restorable(chosen)
    safety = backup_now(lib, reason="before-restore", prune=False)
    try:
        _copy_into(lib, chosen)
    except sqlite3.Error as exc:
        raise plain_error(lib.path, exc) or BackupError(
            f"{chosen.name} could not be restored ({exc}); the library is as it was."
        ) from exc
    upgrade(lib)
    _prune(lib.path, protect=[chosen, safety.path])
    return Restored(source=chosen, safety=safety)


def _copy_into(lib: Library, chosen: Path) -> None:
    size = int(lib.db.execute("PRAGMA page_size").fetchone()[0])
    with closing(_open_read_only(chosen)) as backup:
        if int(backup.execute("PRAGMA page_size").fetchone()[0]) == size:
            backup.backup(lib.db.conn)
            return
        # SQLite copies into a WAL library only from a file of the same page size (a
        # library made elsewhere may differ): convert a copy first.
        with tempfile.TemporaryDirectory(dir=backup_folder(lib.path)) as scratch:
            converted = Path(scratch) / chosen.name
            backup.execute(f"PRAGMA page_size = {size}")
            backup.execute("VACUUM INTO ?", [str(converted)])
            with closing(_open_read_only(converted)) as same_size:
                same_size.backup(lib.db.conn)


def _check_restorable(path: Path) -> None:
    """Refuse what is not a whole Lectern library this Lectern knows how to open."""
    try:
        with closing(_open_read_only(path)) as conn:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.Error as exc:
        raise BackupError(f"{path.name} cannot be read as a library: {exc}.") from exc
    if version > SCHEMA_VERSION:
        raise BackupError(f"{path.name} was written by a newer Lectern (version {version}).")
    if version < 1 or "papers" not in tables:
        raise BackupError(f"{path.name} is not a Lectern library.")
    if problems != ["ok"]:
        raise BackupError(f"{path.name} is damaged ({problems[0]}); choose another backup.")


def _open_read_only(path: Path) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=10, isolation_level=None)
