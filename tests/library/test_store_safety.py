"""A library that cannot be written, a missing folder, a full disk, two writers, two windows.

Each case must end in a plain message and a library that still holds everything it held.
Read-only files are made with chmod, and as root (who ignores file modes) with the
immutable attribute; the tests are skipped where neither is possible.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.library import edits
from desktop.library.backup import backup_folder
from desktop.library.guard import claim_library, library_in_use
from desktop.library.importing import import_bytes
from desktop.library.integrity import fts_mismatches, integrity_problems
from desktop.library.papers import get_paper
from desktop.library.store import (
    LibraryError,
    LibraryInUse,
    LibraryReadOnly,
    open_library,
    write_transaction,
)
from desktop.library.views import find_ids
from tests.conftest import IMPORT_DAY, python_child


def big_listing(papers: int) -> bytes:
    """A compact listing of ``papers`` new papers, some 400 bytes each."""
    return "".join(
        f"LGOct 25, 2017Code\nA Study Number {n} of Robust ThingsAda Lovelace, Alan Turing\n"
        f"We study robust thing {n} at length. {'Words ' * 60}The end.\n"
        for n in range(papers)
    ).encode()


@contextlib.contextmanager
def unwritable(path: Path) -> Iterator[None]:
    """Make ``path`` (a file or a folder) impossible to write for this process."""
    mode = path.stat().st_mode
    path.chmod(mode & ~0o222)
    immutable = False
    if os.access(path, os.W_OK):  # root: modes do not bind, the immutable flag does
        immutable = subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0
        if not immutable or os.access(path, os.W_OK):
            path.chmod(mode)
            pytest.skip("cannot make a file read-only for this user here")
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(mode)


def test_read_only_file_opens_for_reading_and_refuses_every_change(seeded_path: Path):
    before = seeded_path.read_bytes()
    with unwritable(seeded_path):
        lib = open_library(seeded_path)
        try:
            assert lib.read_only and lib.read_only_reason == "the file is read-only"
            assert len(find_ids(lib, "")) == 80
            with pytest.raises(
                LibraryReadOnly,
                match=r"Nothing was changed: .* can only be read here \(the file is read-only\)",
            ):
                edits.set_note(lib, 1, "lost?")
            with pytest.raises(LibraryReadOnly):
                import_bytes(lib, big_listing(3), name="x.txt", today=IMPORT_DAY)
        finally:
            lib.close()
    assert seeded_path.read_bytes() == before
    assert not backup_folder(seeded_path).exists()  # no daily backup of what cannot change


def test_read_only_folder_still_opens_the_library_for_reading(seeded_path: Path, tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "library.sqlite"
    seeded_path.rename(path)
    with unwritable(folder):
        lib = open_library(path)
        try:
            assert "folder" in lib.read_only_reason
            assert get_paper(lib, 1) is not None
            with pytest.raises(LibraryReadOnly):
                edits.add_tags(lib, [1], ["x"])
        finally:
            lib.close()
        with pytest.raises(LibraryError, match=r"cannot be made in .*read-only"):
            open_library(folder / "new.sqlite")


def test_asked_read_only_sees_other_writers_and_cannot_write(seeded_path: Path):
    reader = open_library(seeded_path, read_only=True)
    writer = open_library(seeded_path, daily_backup=False)
    edits.set_note(writer, 2, "seen by the reader")
    assert get_paper(reader, 2).note == "seen by the reader"
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.db.execute("DELETE FROM papers")  # even SQL behind the library's back
    reader.close()
    writer.close()


def test_missing_folder_that_cannot_be_made_is_said_plainly(tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file")
    with pytest.raises(LibraryError, match="does not exist and cannot be created"):
        open_library(blocker / "library.sqlite")
    with pytest.raises(LibraryError, match="There is no library"):
        open_library(tmp_path / "gone" / "library.sqlite", read_only=True)


def test_full_disk_refuses_the_change_and_keeps_the_library(seeded):
    edits.set_note(seeded, 1, "written before the disk filled")
    pages = seeded.db.execute("PRAGMA page_count").fetchone()[0]
    seeded.db.execute(f"PRAGMA max_page_count = {pages + 2}")  # SQLite's SQLITE_FULL
    with pytest.raises(LibraryError, match=r"disk holding it is full.*saved before is intact"):
        import_bytes(seeded, big_listing(500), name="big.txt", today=IMPORT_DAY)
    with pytest.raises(LibraryError, match="full"):
        edits.set_note(seeded, 2, "a long note " * 20_000)
    assert len(find_ids(seeded, "")) == 80
    assert get_paper(seeded, 1).note == "written before the disk filled"
    assert integrity_problems(seeded) == [] and fts_mismatches(seeded) == []
    seeded.db.execute("PRAGMA max_page_count = 1073741823")  # space freed: it works again
    assert import_bytes(seeded, big_listing(500), name="big.txt", today=IMPORT_DAY).added == 500


def test_a_real_file_size_limit_fails_the_import_cleanly(seeded_path: Path, tmp_path: Path):
    """The process may not grow any file past a limit, as on a full disk (RLIMIT_FSIZE)."""
    listing = tmp_path / "big.txt"
    listing.write_bytes(big_listing(1500))
    process = python_child(
        """
        import resource, signal, sys
        from desktop.library.importing import import_file
        from desktop.library.store import LibraryError, open_library
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a dead process
        lib = open_library(sys.argv[1], daily_backup=False)
        limit = 2 * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        try:
            import_file(lib, sys.argv[2])
        except LibraryError as exc:
            print("refused:", exc)
        """,
        str(seeded_path),
        str(listing),
    )
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert out.startswith("refused: The change to") and "was not saved" in out
    lib = open_library(seeded_path, daily_backup=False)
    try:
        assert len(find_ids(lib, "")) == 80
        assert integrity_problems(lib) == [] and fts_mismatches(lib) == []
    finally:
        lib.close()


def test_a_busy_library_is_said_plainly(seeded):
    other = sqlite3.connect(seeded.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    seeded.db.execute("PRAGMA busy_timeout = 50")
    with pytest.raises(LibraryError, match="another Lectern is busy changing it"):
        edits.set_note(seeded, 1, "waits")
    other.execute("ROLLBACK")
    other.close()


def test_errors_that_are_bugs_stay_visible(seeded):
    with pytest.raises(sqlite3.IntegrityError), write_transaction(seeded) as db:
        db.execute("INSERT INTO tags (id, name) VALUES (1, 'a'), (1, 'b')")


def test_one_window_claims_a_library_and_a_second_is_told(seeded_path: Path):
    first = open_library(seeded_path, claim=True)
    assert library_in_use(seeded_path)
    with pytest.raises(LibraryInUse, match="open in another Lectern window"):
        open_library(seeded_path, claim=True)
    second = open_library(seeded_path, read_only=True)  # what the second window offers
    assert get_paper(second, 1) is not None
    second.close()
    cli = open_library(seeded_path)  # commands do not claim; SQLite orders their writes
    edits.set_note(cli, 1, "from the command line")
    cli.close()
    first.close()
    assert not library_in_use(seeded_path)
    open_library(seeded_path, claim=True).close()


def test_a_killed_window_leaves_no_claim_behind(seeded_path: Path):
    process = python_child(
        """
        import sys, time
        from desktop.library.store import open_library
        lib = open_library(sys.argv[1], claim=True, daily_backup=False)
        print("claimed", flush=True)
        time.sleep(60)
        """,
        str(seeded_path),
    )
    assert process.stdout.readline().strip() == "claimed"
    with pytest.raises(LibraryInUse):
        claim_library(seeded_path)
    process.kill()
    process.communicate()
    claim_library(seeded_path).release()


WRITER = """
import sys
from desktop.library import edits
from desktop.library.store import open_library, write_transaction
lib = open_library(sys.argv[1], daily_backup=False)
name = sys.argv[2]
for n in range(int(sys.argv[3])):
    with write_transaction(lib):
        edits.add_tags(lib, [1 + n % 80], [f"{name}-{n}"])
        edits.set_note(lib, 1 + n % 80, f"{name} wrote {n}")
    print(n, flush=True)
lib.close()
"""


def test_two_processes_writing_at_once_lose_nothing(seeded_path: Path):
    rounds = 60
    writers = [python_child(WRITER, str(seeded_path), name, str(rounds)) for name in ("a", "b")]
    reader = open_library(seeded_path, read_only=True)
    while any(w.poll() is None for w in writers):
        assert len(find_ids(reader, "")) == 80  # a reader is never blocked or confused
        time.sleep(0.01)
    for writer in writers:
        out, err = writer.communicate()
        assert writer.returncode == 0, err
        assert out.split() == [str(n) for n in range(rounds)]
    lib = open_library(seeded_path, daily_backup=False)
    try:
        tags = {row[0] for row in lib.db.execute("SELECT name FROM tags")}
        assert {f"{name}-{n}" for name in "ab" for n in range(rounds)} <= tags
        assert integrity_problems(lib) == [] and fts_mismatches(lib) == []
    finally:
        lib.close()
        reader.close()


def test_processes_opening_a_new_library_at_once_all_succeed(tmp_path: Path):
    path, go = tmp_path / "fresh.sqlite", tmp_path / "go"
    code = """
    import sys, time
    from pathlib import Path
    from desktop.library.store import open_library
    while not Path(sys.argv[2]).exists():
        time.sleep(0.001)
    open_library(sys.argv[1]).close()
    """
    openers = [python_child(code, str(path), str(go)) for _ in range(4)]
    try:
        time.sleep(0.5)  # let them all reach the starting line
        go.touch()
        results = [opener.communicate(timeout=60) for opener in openers]
    finally:
        for opener in openers:  # never leave a process behind, even when one fails
            opener.kill()
            opener.communicate()
    for opener, (_out, err) in zip(openers, results, strict=True):
        assert opener.returncode == 0, err
