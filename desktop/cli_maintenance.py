"""Looking after the library from a terminal: `lectern backup`, `restore` and `check`."""

from __future__ import annotations

import argparse

from desktop.cli_base import EXIT_FAILED, EXIT_OK, CommandFactory, CommandFailed
from desktop.library.backup import backup_now, list_backups, restore_backup
from desktop.library.guard import library_in_use
from desktop.library.integrity import check_library
from desktop.library.store import Library


def add_commands(command: CommandFactory) -> None:
    """The maintenance sub-commands."""
    sub = command("backup", "snapshot the library into the backups folder beside it")
    sub.set_defaults(handler=run_backup)
    sub = command("restore", "list the backups, or put one back in place of the library")
    sub.add_argument(
        "backup", nargs="?", metavar="BACKUP", help="a backup's name as listed, or its path"
    )
    sub.set_defaults(handler=run_restore)
    sub = command("check", "check the library and rebuild its search index if it disagrees")
    sub.add_argument("--no-repair", action="store_true", help="only report; change nothing")
    sub.set_defaults(handler=run_check)


def run_backup(lib: Library, args: argparse.Namespace) -> int:
    """Snapshot the library now and print where the snapshot is."""
    made = backup_now(lib)
    print(made.path)
    return EXIT_OK


def run_restore(lib: Library, args: argparse.Namespace) -> int:
    """Without a backup, list them; with one, restore it (the library is snapshotted first)."""
    if args.backup is None:
        return _list(lib)
    if library_in_use(lib.path):
        raise CommandFailed(
            f"{lib.path} is open in a Lectern window; close it first, or restore from the "
            "window (File > Restore from Backup)."
        )
    restored = restore_backup(lib, args.backup)
    print(f"Restored {lib.path} from the backup {restored.source.name}.")
    print(f"The library as it was just before is kept as {restored.safety.path.name}.")
    return EXIT_OK


def _list(lib: Library) -> int:
    backups = list_backups(lib.path)
    if not backups:
        print(f"There are no backups of {lib.path} yet; “lectern backup” makes one.")
        return EXIT_OK
    print(f"Backups of {lib.path}, newest first:")
    width = max(len(backup.path.name) for backup in backups)
    for backup in backups:
        print(f"  {backup.path.name:<{width}}  {backup.describe()}")
    print("Restore one with: lectern restore NAME")
    return EXIT_OK


def run_check(lib: Library, args: argparse.Namespace) -> int:
    """Check the library, repair its search index; 0 when sound (perhaps after repair)."""
    report = check_library(lib, repair=not args.no_repair)
    for line in report.lines:
        print(line)
    return EXIT_OK if report.sound else EXIT_FAILED
