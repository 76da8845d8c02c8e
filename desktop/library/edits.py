"""The user's edits to papers: tags, read status, notes, titles.

Each edit is one transaction and returns its ChangeSet with what it replaced, so the
window's undo commands can put the old values back through the same functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import sqlite_utils

from desktop.library.batches import IDS_IN_JSON, json_ids
from desktop.library.changes import ChangeSet
from desktop.library.papers import STATUSES
from desktop.library.store import Library, LibraryError, now, write_transaction

TagPair = tuple[int, str]  # (paper id, tag name)

_SPACES = re.compile(r"\s+")


def clean_name(name: str, what: str = "tag") -> str:
    """A tag's or list's name as stored: inner white space folded, ends trimmed.

    Raises:
        LibraryError: the name is empty or too long; ``what`` names the thing in the message.
    """
    cleaned = _SPACES.sub(" ", name).strip()
    if not cleaned:
        raise LibraryError(f"A {what} needs a name.")
    if len(cleaned) > 100:
        raise LibraryError(f"A {what} name is at most 100 characters: {cleaned[:40]}…")
    return cleaned


def existing_papers(db: sqlite_utils.Database, ids: Iterable[int]) -> set[int]:
    """Which of these ids the library holds (in the Trash or not)."""
    rows = db.execute(f"SELECT id FROM papers WHERE id IN ({IDS_IN_JSON})", [json_ids(ids)])
    return {row[0] for row in rows}


def require_papers(db: sqlite_utils.Database, ids: Iterable[int]) -> list[int]:
    """The ids, checked to exist.

    Raises:
        LibraryError: naming the ids the library does not hold.
    """
    wanted = list(dict.fromkeys(ids))
    present = existing_papers(db, wanted)
    missing = [paper_id for paper_id in wanted if paper_id not in present]
    if missing:
        shown = ", ".join(str(m) for m in missing[:10])
        raise LibraryError(f"No paper with id {shown} in the library.")
    return wanted


def set_status(lib: Library, ids: Sequence[int], status: str) -> tuple[ChangeSet, dict[int, str]]:
    """Give these papers one status; returns the change and the statuses it replaced."""
    return set_statuses(lib, dict.fromkeys(ids, status))


def set_statuses(lib: Library, statuses: Mapping[int, str]) -> tuple[ChangeSet, dict[int, str]]:
    """Give each paper its own status (undo uses this to put back mixed old statuses)."""
    for status in set(statuses.values()):
        if status not in STATUSES:
            raise LibraryError(f"Unknown status {status!r}: use unread, reading or read.")
    with write_transaction(lib) as db:
        ids = require_papers(db, statuses)
        old = _current_statuses(db, ids)
        changed = {pid: statuses[pid] for pid in ids if old[pid] != statuses[pid]}
        stamp = now()
        # one statement per status: a bulk edit is usually a single status
        for status in set(changed.values()):
            same = [pid for pid, new in changed.items() if new == status]
            db.execute(
                "UPDATE papers SET status = ?, status_changed = ?, updated = ?"
                f" WHERE id IN ({IDS_IN_JSON})",
                [status, stamp, stamp, json_ids(same)],
            )
    replaced = {pid: old[pid] for pid in changed}
    fields = frozenset({"status"} if changed else ())
    return ChangeSet(paper_ids=frozenset(changed), fields=fields), replaced


def _current_statuses(db: sqlite_utils.Database, ids: list[int]) -> dict[int, str]:
    rows = db.execute(f"SELECT id, status FROM papers WHERE id IN ({IDS_IN_JSON})", [json_ids(ids)])
    return dict(rows)


def add_tags(
    lib: Library, ids: Sequence[int], names: Iterable[str]
) -> tuple[ChangeSet, list[TagPair]]:
    """Tag papers, creating tags as needed; returns the links that were not there before."""
    names = [clean_name(name) for name in names]
    pairs = [(paper_id, name) for paper_id in ids for name in names]
    return add_tag_pairs(lib, pairs)


def add_tag_pairs(lib: Library, pairs: Sequence[TagPair]) -> tuple[ChangeSet, list[TagPair]]:
    """Add exactly these (paper, tag) links; returns the ones that were new."""
    with write_transaction(lib) as db:
        require_papers(db, (pid for pid, _ in pairs))
        tag_ids = ensure_tags(db, {name for _, name in pairs})
        links = [(paper_id, tag_ids[name]) for paper_id, name in pairs]
        existing = _existing_links(db, links)
        added = [pair for pair, link in zip(pairs, links, strict=True) if link not in existing]
        new_links = [link for link in links if link not in existing]
        for tag_id, paper_ids in _papers_by_tag(new_links).items():
            db.execute(
                "INSERT INTO paper_tags (paper_id, tag_id) SELECT value, ? FROM json_each(?)",
                [tag_id, json_ids(paper_ids)],
            )
    return _tag_change(added), list(dict.fromkeys(added))


def remove_tags(
    lib: Library, ids: Sequence[int], names: Iterable[str]
) -> tuple[ChangeSet, list[TagPair]]:
    """Untag papers; returns the links that were there and are now gone."""
    names = [clean_name(name) for name in names]
    return remove_tag_pairs(lib, [(paper_id, name) for paper_id in ids for name in names])


def remove_tag_pairs(lib: Library, pairs: Sequence[TagPair]) -> tuple[ChangeSet, list[TagPair]]:
    """Remove exactly these (paper, tag) links; returns the ones that existed."""
    with write_transaction(lib) as db:
        require_papers(db, (pid for pid, _ in pairs))
        tag_ids = _tag_ids(db, {name for _, name in pairs})
        links = [(paper_id, tag_ids.get(name)) for paper_id, name in pairs]
        existing = _existing_links(db, [link for link in links if link[1] is not None])
        removed = [pair for pair, link in zip(pairs, links, strict=True) if link in existing]
        for tag_id, paper_ids in _papers_by_tag(link for link in links if link in existing).items():
            db.execute(
                f"DELETE FROM paper_tags WHERE tag_id = ? AND paper_id IN ({IDS_IN_JSON})",
                [tag_id, json_ids(paper_ids)],
            )
    return _tag_change(removed), list(dict.fromkeys(removed))


def _existing_links(
    db: sqlite_utils.Database, links: Sequence[tuple[int, int | None]]
) -> set[tuple[int, int]]:
    """Which of these (paper id, tag id) links are in the library, one query per tag."""
    found: set[tuple[int, int]] = set()
    for tag_id, paper_ids in _papers_by_tag(links).items():
        rows = db.execute(
            f"SELECT paper_id FROM paper_tags WHERE tag_id = ? AND paper_id IN ({IDS_IN_JSON})",
            [tag_id, json_ids(paper_ids)],
        )
        found.update((row[0], tag_id) for row in rows)
    return found


def _papers_by_tag(links: Iterable[tuple[int, int | None]]) -> dict[int, set[int]]:
    by_tag: dict[int, set[int]] = {}
    for paper_id, tag_id in links:
        if tag_id is not None:
            by_tag.setdefault(tag_id, set()).add(paper_id)
    return by_tag


def _tag_ids(db: sqlite_utils.Database, names: set[str]) -> dict[str, int]:
    """Ids of the tags with these names (any case); names with no tag are left out."""
    found = {}
    for name in names:
        row = db.execute("SELECT id FROM tags WHERE name = ?", [name]).fetchone()
        if row:
            found[name] = row[0]
    return found


def ensure_tags(db: sqlite_utils.Database, names: set[str]) -> dict[str, int]:
    """Tag ids by the names asked for, creating the tags that do not exist yet.

    Names match existing tags regardless of case ("ML" finds "ml"), so the first spelling
    a tag was given stays its name.
    """
    db.conn.executemany("INSERT OR IGNORE INTO tags (name) VALUES (?)", [(n,) for n in names])
    return _tag_ids(db, names)


def _tag_change(pairs: list[TagPair]) -> ChangeSet:
    fields = frozenset({"tags"} if pairs else ())
    return ChangeSet(paper_ids=frozenset(p for p, _ in pairs), fields=fields, tags=True)


def set_note(lib: Library, paper_id: int, text: str) -> tuple[ChangeSet, str]:
    """Replace a paper's note (an empty text removes it); returns the text it replaced."""
    with write_transaction(lib) as db:
        require_papers(db, [paper_id])
        row = db.execute("SELECT body FROM notes WHERE paper_id = ?", [paper_id]).fetchone()
        old = row[0] if row else ""
        if text == old:
            return ChangeSet(), old
        if text:
            db.execute(
                "INSERT INTO notes (paper_id, body, updated) VALUES (?, ?, ?) ON CONFLICT"
                " (paper_id) DO UPDATE SET body = excluded.body, updated = excluded.updated",
                [paper_id, text, now()],
            )
        else:
            db.execute("DELETE FROM notes WHERE paper_id = ?", [paper_id])
    return ChangeSet(paper_ids=frozenset([paper_id]), notes=True), old


def set_title(lib: Library, paper_id: int, title: str | None) -> tuple[ChangeSet, str | None]:
    """Give a paper a title (None or blank: no title); returns the title it replaced."""
    title = _SPACES.sub(" ", title or "").strip() or None
    with write_transaction(lib) as db:
        require_papers(db, [paper_id])
        old = db.execute("SELECT title FROM papers WHERE id = ?", [paper_id]).fetchone()[0]
        if title != old:
            db.execute(
                "UPDATE papers SET title = ?, updated = ? WHERE id = ?", [title, now(), paper_id]
            )
    # a new title can move the paper in a view sorted by title
    fields = frozenset({"title"} if title != old else ())
    return ChangeSet(paper_ids=frozenset([paper_id]), fields=fields), old
