"""Shared fixtures. Qt runs offscreen; every test gets its own library file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent


def python_child(code: str, *args: str) -> subprocess.Popen:
    """A Python process running ``code`` with the repository importable."""
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


SEEDS = REPO / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
# Imports in tests are dated, so inferred years do not move with the calendar.
IMPORT_DAY = date(2026, 11, 22)


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite"


@pytest.fixture
def lib(library_path: Path):
    from desktop.library.store import open_library

    library = open_library(library_path)
    yield library
    library.close()


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library holding the 80 sample papers, built once per session."""
    from desktop.library.importing import import_file
    from desktop.library.store import open_library

    path = tmp_path_factory.mktemp("seeded") / "library.sqlite"
    library = open_library(path)
    for seed in SEED_FILES:
        import_file(library, seed, today=IMPORT_DAY)
    library.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    library.close()
    return path


@pytest.fixture
def seeded_path(seeded_template: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded library."""
    path = tmp_path / "seeded.sqlite"
    shutil.copyfile(seeded_template, path)
    return path


@pytest.fixture
def seeded(seeded_path: Path):
    from desktop.library.store import open_library

    library = open_library(seeded_path)
    yield library
    library.close()
