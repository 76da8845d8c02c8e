"""Long prefixes searched as the index's own words: ``netw*`` as ``network OR networks``.

FTS5 answers a prefix from an index of prefixes of its length (the library keeps those
of 2 and 3 letters). A longer one it answers by merging the lists of every word the
prefix begins into one, anew for each query. At a million papers, counting ``model*``
took 73 ms that way and 37 ms as ``model OR models``; asking whether one paper matches
took 51 ms against 0.09 ms, which is what lets the first page of a large view be found
by walking its sort index (`views.ViewQuery.page`).

The words come from the index's own vocabulary (an fts5vocab table). Reading them costs
about as much as one merge (30 ms for "mode" at a million papers), so each connection
keeps what it has read until the library changes; a longer prefix is then answered from
a shorter one read before (typing "model" after "mode" reads nothing).
"""

from __future__ import annotations

import sqlite3
from typing import Protocol

import sqlite_utils

# Spelled out as more words than this, a prefix costs more than FTS5's merge: each word
# is one more list to seek in for every paper asked about.
MAX_WORDS = 32

_VOCABULARY = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.papers_words USING fts5vocab(main, papers_fts, row)"
)
_WORDS = "SELECT term FROM temp.papers_words WHERE term >= ? AND term < ? ORDER BY term LIMIT ?"
# What changes when the library does: another connection's commit moves data_version,
# this connection's own writes move total_changes().
_VERSION = "SELECT (SELECT data_version FROM pragma_data_version), total_changes()"


Connection = sqlite_utils.Database | sqlite3.Connection


class _Connected(Protocol):
    db: Connection
    prefix_words: PrefixWords


class PrefixWords:
    """The words of one connection's full-text index that begin with a prefix, kept
    until the library changes."""

    def __init__(self) -> None:
        self._version: tuple[int, int] | None = None
        self._found: dict[str, tuple[str, ...] | None] = {}

    def lookup(self, db: Connection, prefix: str) -> tuple[str, ...] | None:
        """The index's words beginning with ``prefix`` (as the index spells words: lower
        case), or None when there are more than `MAX_WORDS` of them."""
        version = tuple(db.execute(_VERSION).fetchone())
        if version != self._version:
            self._version, self._found = version, {}
        if prefix not in self._found:
            known = self._from_shorter(prefix)
            self._found[prefix] = known if known is not None else _read(db, prefix)
        return self._found[prefix]

    def _from_shorter(self, prefix: str) -> tuple[str, ...] | None:
        """The words of ``prefix`` among those of a shorter prefix read before, if any."""
        for end in range(len(prefix) - 1, 0, -1):
            shorter = self._found.get(prefix[:end])
            if shorter is not None:
                return tuple(word for word in shorter if word.startswith(prefix))
        return None


def words_beginning(lib: _Connected, prefix: str) -> tuple[str, ...] | None:
    """The words of ``lib``'s full-text index beginning with ``prefix`` (lower case), or
    None when there are too many to search for one by one."""
    return lib.prefix_words.lookup(lib.db, prefix)


def _read(db: Connection, prefix: str) -> tuple[str, ...] | None:
    _open_vocabulary(db)
    after = prefix[:-1] + chr(ord(prefix[-1]) + 1)  # the first string past the prefix's
    words = tuple(row[0] for row in db.execute(_WORDS, [prefix, after, MAX_WORDS + 1]))
    return words if len(words) <= MAX_WORDS else None


def _open_vocabulary(db: Connection) -> None:
    """Make the connection's own table of the index's words, if it has none yet."""
    if db.execute("SELECT 1 FROM temp.sqlite_master WHERE name = 'papers_words'").fetchone():
        return
    # A read-only library's connection refuses even a table of its own (query_only);
    # it opened the file read-only as well, so lifting that for this one statement
    # lets nothing write the library.
    query_only = db.execute("PRAGMA query_only").fetchone()[0]
    db.execute("PRAGMA query_only = 0")
    try:
        db.execute(_VOCABULARY)
    finally:
        db.execute(f"PRAGMA query_only = {int(query_only)}")
