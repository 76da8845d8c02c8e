"""Writes ``library_v1.sqlite``: a library of schema version 1, as the first Lectern made it.

Run from the repository root: ``python tests/library/data/make_library_v1.py``. The file is
stored, not built by the tests, so later Lectern versions are tested against a library
really written by version 1. It uses ``MIGRATIONS[0]`` (migrations are append-only, so that
is the version 1 schema for ever) and plain SQL, so it does not change when the library
code does. `tests/library/test_migration.py` checks what it holds.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from desktop.library.schema import MIGRATIONS  # noqa: E402 (needs the path above)

STAMP = "2025-01-15T09:30:00+00:00"
PAPERS = [
    # id, title, abstract, date, category, has_code, affiliation, authors, status, deleted
    (1, "Attention Is Not All You Need", "We revisit attention.", "2021-03-01", "LG", 1,
     "mit", ["Ada Lovelace", "Charles Babbage"], "read", None),
    (2, "Speaker Separation with Inventories", "Speech, separated.", "2020-06-12", "SD", 0,
     "", ["DeLiang Wang"], "reading", None),
    (3, None, "An abstract without a title: ünïcode and $\\alpha$ survive.", None, "", 0,
     "harvard", [], "unread", None),
    (4, "A Paper in the Trash", "Deleted but kept.", "2019-01-01", "CV", 0, "",
     ["Grace Hopper"], "unread", STAMP),
]  # fmt: skip
TAGS = [(1, "to-read", "#3d6fb0"), (2, "speech", None)]
PAPER_TAGS = [(1, 1), (2, 1), (2, 2)]
NOTES = [(1, "Good *baseline*.\nSecond line — ünïcode."), (3, "Needs a title.")]


def build(path: Path) -> None:
    """Write the version 1 library at ``path`` (replacing any file there)."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(f"BEGIN;\n{MIGRATIONS[0]}\nPRAGMA user_version = 1;\nCOMMIT;")
    conn.execute("BEGIN")
    for pid, title, abstract, day, cat, code, aff, authors, status, deleted in PAPERS:
        conn.execute(
            "INSERT INTO papers (id, title, abstract, date, category, has_code, affiliation,"
            " authors_display, status, status_changed, added, updated, deleted)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [pid, title, abstract, day, cat, code, aff, ", ".join(authors), status,
             STAMP if status != "unread" else None, STAMP, STAMP, deleted],
        )  # fmt: skip
        for position, name in enumerate(authors):
            conn.execute("INSERT OR IGNORE INTO authors (name) VALUES (?)", [name])
            conn.execute(
                "INSERT INTO paper_authors (paper_id, position, author_id)"
                " SELECT ?, ?, id FROM authors WHERE name = ?",
                [pid, position, name],
            )
        conn.execute("INSERT INTO paper_keys (key, paper_id) VALUES (?, ?)", [f"a:{pid}", pid])
    conn.execute(
        "INSERT INTO paper_urls (paper_id, position, url) VALUES (1, 0, 'https://example.org/code')"
    )
    conn.executemany("INSERT INTO tags (id, name, color) VALUES (?, ?, ?)", TAGS)
    conn.executemany("INSERT INTO paper_tags (paper_id, tag_id) VALUES (?, ?)", PAPER_TAGS)
    conn.executemany(
        "INSERT INTO notes (paper_id, body, updated) VALUES (?, ?, ?)",
        [(pid, body, STAMP) for pid, body in NOTES],
    )
    conn.execute(
        "INSERT INTO reading_lists (id, name, description, created)"
        " VALUES (1, 'Thesis', 'Chapter 2', ?)",
        [STAMP],
    )
    conn.executemany(
        "INSERT INTO reading_list_items (list_id, paper_id, position) VALUES (1, ?, ?)",
        [(2, 0), (1, 1)],
    )
    conn.execute(
        "INSERT INTO sources (id, format, name, checksum, imported, profile_name,"
        " profile_figures) VALUES (1, 'profile', 'profile.txt', 'c0ffee', ?, 'Ada Lovelace',"
        ' \'{"h-index": "12"}\')',
        [STAMP],
    )
    conn.executemany(
        "INSERT INTO paper_sources (paper_id, source_id) VALUES (?, 1)", [(1,), (2,), (3,), (4,)]
    )
    conn.execute("COMMIT")
    conn.execute("VACUUM")  # one tidy file, no journal beside it
    conn.close()


if __name__ == "__main__":
    build(HERE / "library_v1.sqlite")
    print(HERE / "library_v1.sqlite")
