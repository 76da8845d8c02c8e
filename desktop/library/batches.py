"""Statements about many ids at once, cut into pieces SQLite accepts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

# Older SQLite builds cap a statement at 999 parameters; leave room for the others.
MAX_PARAMS = 900


def in_chunks(items: Sequence[T]) -> Iterator[tuple[list[T], str]]:
    """Pieces of ``items`` small enough for one statement, each with its "?,?,…" marks."""
    for start in range(0, len(items), MAX_PARAMS):
        chunk = list(items[start : start + MAX_PARAMS])
        yield chunk, ",".join("?" * len(chunk))
