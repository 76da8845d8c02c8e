"""Real processes killed with SIGKILL at random moments: the library must not notice.

A child process imports listings, or makes bulk edits, or restores a backup, and the test
kills it after a random delay, many times over on the same library. After every kill the
library must open, SQLite's integrity check must pass, the search index must agree with
the tables, each file import must be wholly there or wholly absent, each bulk edit wholly
applied or not at all, and nothing the child reported as committed may be missing.
The random seed is in every failure message; pytest-randomly's ``-p randomly -p
"randomly_seed=N"`` replays a run.
"""

from __future__ import annotations

import random
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from desktop.library.backup import backup_now
from desktop.library.importing import import_bytes
from desktop.library.integrity import fts_mismatches, integrity_problems
from desktop.library.papers import STATUSES, get_paper
from desktop.library.store import open_library
from tests.conftest import python_child

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"),
]

PAPERS_PER_FILE = 400  # one file imports in about 0.3 s: a kill often lands inside one
FILES_PER_CHILD = 3
STARTUP = 0.35  # seconds from spawning a child until it has opened the library
EARLY_KILLS = 0.2  # the share of kills that come while a child is still starting


def listing(number: int) -> bytes:
    """The listing of file ``number``: its papers' titles all say which file they are from."""
    return "".join(
        f"LGOct {1 + i % 28}, 2020Code\nFile{number} paper {i} on robust sparse things"
        f"Ada Lovelace, Alan Turing\nWe study thing {i} of file {number}. "
        f"{'words and more words ' * 20}The end.\n"
        for i in range(PAPERS_PER_FILE)
    ).encode()


def kill_after(process: subprocess.Popen, delay: float) -> list[str]:
    """SIGKILL the process after ``delay`` seconds (if still running); its output lines."""
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    out, err = process.communicate()
    assert process.returncode in (0, -signal.SIGKILL), err
    return out.splitlines()


def run_and_kill(code: str, args: list[str], rng: random.Random, span: float) -> list[str]:
    """Run a child and SIGKILL it; its output lines.

    Now and then it dies while starting (opening, creating or backing up the library);
    otherwise at a random moment within ``span`` seconds after its first line ("open",
    or "committed 1"), so a slow machine shifts nothing.
    """
    child = python_child(code, *args)
    if rng.random() < EARLY_KILLS:
        return kill_after(child, rng.uniform(0, STARTUP))
    first = child.stdout.readline().strip()
    return [first, *kill_after(child, rng.uniform(0, span))]


def opened(path: Path):
    """Open the library after a kill, as the next start of Lectern would; check it whole."""
    lib = open_library(path, daily_backup=False)
    assert integrity_problems(lib) == []
    assert fts_mismatches(lib) == []
    return lib


IMPORTER = """
import sys
from desktop.library.importing import import_file
from desktop.library.store import open_library
lib = open_library(sys.argv[1])
print("open", flush=True)
for name in sys.argv[2:]:
    import_file(lib, name)
    print("done", name, flush=True)
lib.close()
"""


def test_killed_imports_leave_each_file_wholly_there_or_absent(tmp_path: Path):
    seed = random.getrandbits(32)
    rng = random.Random(seed)
    library = tmp_path / "library.sqlite"
    files = [new_listing(tmp_path, number) for number in range(FILES_PER_CHILD)]
    child = python_child(IMPORTER, str(library), *map(str, files))
    assert child.stdout.readline() == "open\n"
    started = time.monotonic()
    assert all(child.stdout.readline().startswith("done ") for _ in files)
    span = time.monotonic() - started  # kills are spread over the time the imports take
    assert kill_after(child, 120) == []
    kills, inside = 16, 0
    for round_ in range(kills):
        batch = [new_listing(tmp_path, len(files) + n) for n in range(FILES_PER_CHILD)]
        files += batch
        lines = run_and_kill(IMPORTER, [str(library), *map(str, batch)], rng, 0.8 * span)
        done = {line.split(" ", 1)[1] for line in lines if line.startswith("done ")}
        inside += "open" in lines and len(done) < FILES_PER_CHILD
        lib = opened(library)
        try:
            for number, path in enumerate(files):
                count = lib.db.execute(
                    "SELECT count(*) FROM papers WHERE title LIKE ?", [f"File{number} paper %"]
                ).fetchone()[0]
                message = f"seed {seed}, round {round_}: {path.name} has {count} papers"
                assert count in (0, PAPERS_PER_FILE), message
                assert count or str(path) not in done, f"{message}, but it was committed"
        finally:
            lib.close()
    print(f"{inside} of {kills} kills landed inside an import")
    # a check that the test tests something: timing varies, so the bar is low
    assert inside >= kills // 4, f"seed {seed}: only {inside} kills landed inside an import"


def new_listing(folder: Path, number: int) -> Path:
    path = folder / f"file{number}.txt"
    path.write_bytes(listing(number))
    return path


EDITOR = """
import sys
from desktop.library import edits
from desktop.library.papers import STATUSES
from desktop.library.store import open_library, write_transaction
lib = open_library(sys.argv[1])
ids = [row[0] for row in lib.db.execute("SELECT id FROM papers ORDER BY id")]
round_ = int(sys.argv[2])
while True:
    round_ += 1
    with write_transaction(lib):  # one bulk edit: all of it, or none of it
        edits.set_status(lib, ids, STATUSES[round_ % 3])
        edits.remove_tags(lib, ids, [f"round-{round_ - 1}"])
        edits.add_tags(lib, ids, [f"round-{round_}"])
        edits.set_note(lib, ids[round_ % len(ids)], f"round {round_}")
    print("committed", round_, flush=True)
"""


_COMMITTED = re.compile(r"committed (\d+)")


def last_round(lib) -> int:
    """The round of bulk edits the library shows, checked to be whole; 0 before any."""
    ids = [row[0] for row in lib.db.execute("SELECT id FROM papers ORDER BY id")]
    tags = list(
        lib.db.execute(
            "SELECT DISTINCT name FROM tags JOIN paper_tags ON tag_id = tags.id"
            " WHERE name LIKE 'round-%'"
        )
    )
    if not tags:
        return 0
    [(name,)] = tags
    round_ = int(name.removeprefix("round-"))
    tagged = lib.db.execute(
        "SELECT count(*) FROM paper_tags JOIN tags ON tags.id = tag_id WHERE name = ?", [name]
    ).fetchone()[0]
    statuses = {row[0] for row in lib.db.execute("SELECT DISTINCT status FROM papers")}
    assert (tagged, statuses) == (len(ids), {STATUSES[round_ % 3]})
    assert get_paper(lib, ids[round_ % len(ids)]).note == f"round {round_}"
    return round_


def test_killed_bulk_edits_are_wholly_applied_or_not_at_all(seeded_path: Path):
    seed = random.getrandbits(32)
    rng = random.Random(seed)
    round_ = 0
    for kill in range(16):
        # after the first commit; a round of edits over the 80 papers takes some 60 ms,
        # nearly all of it inside a transaction
        lines = run_and_kill(EDITOR, [str(seeded_path), str(round_)], rng, 0.5)
        # a line the kill cut short ("committed" alone) says nothing
        committed = [int(m[1]) for m in map(_COMMITTED.fullmatch, lines) if m]
        lib = opened(seeded_path)
        try:
            found = last_round(lib)
        finally:
            lib.close()
        message = f"seed {seed}, kill {kill}: library at round {found}, child said {committed}"
        assert found >= max(committed, default=round_), message  # nothing committed is lost
        assert found <= max(committed, default=round_) + 1, message
        round_ = found


RESTORER = """
import sys
from desktop.library.backup import restore_backup
from desktop.library.store import open_library
lib = open_library(sys.argv[1], daily_backup=False)
print("open", flush=True)
restore_backup(lib, sys.argv[2])
print("restored", flush=True)
"""


def test_a_killed_restore_leaves_the_old_library_or_the_backup(seeded_path: Path, tmp_path):
    seed = random.getrandbits(32)
    rng = random.Random(seed)
    lib = open_library(seeded_path, daily_backup=False)
    for number in range(6):  # a larger backup, so the copy takes a while
        import_bytes(lib, listing(number), name=f"file{number}.txt")
    bigger = backup_now(lib).path
    lib.db.execute("DELETE FROM papers WHERE id > 80")
    lib.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    lib.close()
    pristine = tmp_path / "pristine.sqlite"
    shutil.copyfile(seeded_path, pristine)
    child = python_child(RESTORER, str(seeded_path), str(bigger))
    assert child.stdout.readline() == "open\n"
    started = time.monotonic()
    assert kill_after(child, 60) == ["restored"]
    duration = time.monotonic() - started  # kills are spread over the time a restore takes
    outcomes = []
    for kill in range(10):
        shutil.copyfile(pristine, seeded_path)  # closed and whole: start each round afresh
        lines = run_and_kill(RESTORER, [str(seeded_path), str(bigger)], rng, 1.2 * duration)
        lib = opened(seeded_path)
        try:
            papers = lib.db.execute("SELECT count(*) FROM papers").fetchone()[0]
        finally:
            lib.close()
        message = f"seed {seed}, kill {kill}: {papers} papers, child said {lines}"
        assert papers in (80, 80 + 6 * PAPERS_PER_FILE), message
        assert papers == 80 + 6 * PAPERS_PER_FILE or "restored" not in lines, message
        outcomes.append(papers)
    print(f"restore took {duration:.3f} s; papers after each kill: {outcomes}")
