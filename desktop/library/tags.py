"""Managing tags themselves: renaming, merging, colouring and deleting them.

Each edit is one transaction and returns its ChangeSet with what it replaced or removed,
so the window's undo commands can put things back through the functions here. The search
index follows by itself: triggers re-index the papers of a renamed or deleted tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlite_utils

from desktop.library.batches import in_chunks
from desktop.library.changes import ChangeSet
from desktop.library.edits import clean_name
from desktop.library.store import Library, LibraryError, write_transaction

_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class DeletedTag:
    """A tag as it was before it went: enough to bring it back exactly."""

    id: int
    name: str
    color: str | None
    paper_ids: tuple[int, ...]


@dataclass(frozen=True)
class TagMerge:
    """What a merge did, so it can be taken back."""

    target: str
    target_created: bool
    sources: tuple[DeletedTag, ...]
    added: tuple[int, ...]  # papers that gained the target tag through the merge


@dataclass(frozen=True)
class _Tag:
    id: int
    name: str
    color: str | None


def tag_names(lib: Library) -> list[str]:
    """Every tag's name, sorted case-insensitively (for completion)."""
    return [row[0] for row in lib.db.execute("SELECT name FROM tags ORDER BY name COLLATE NOCASE")]


def rename_tag(lib: Library, old: str, new: str) -> tuple[ChangeSet, str]:
    """Give a tag another name; changing only its case is allowed.

    Returns:
        The change, and the name the tag had (rename back to it to undo).

    Raises:
        LibraryError: there is no such tag, the new name is not a valid tag name, or another
            tag already has it (then the two tags should be merged instead).
    """
    new = clean_name(new)
    with write_transaction(lib) as db:
        tag = _require_tag(db, old)
        clash = db.execute("SELECT name FROM tags WHERE name = ? AND id != ?", [new, tag.id])
        if row := clash.fetchone():
            raise LibraryError(
                f"There is already a tag named {row[0]!r}. "
                f"Merge {tag.name!r} into it to combine the two tags."
            )
        if new == tag.name:
            return ChangeSet(), tag.name
        db.execute("UPDATE tags SET name = ? WHERE id = ?", [new, tag.id])
        papers = _carriers(db, tag.id)
    return _change(papers), tag.name


def merge_tags(lib: Library, sources: Sequence[str], target: str) -> tuple[ChangeSet, TagMerge]:
    """Fold tags into one: every paper with a source tag gets the target, the sources go.

    The target is created when no tag has its name. A source naming the target itself is
    ignored, so "merge ML and ml-papers into ML" works.

    Returns:
        The change, and the merge record that `unmerge_tags` takes back.

    Raises:
        LibraryError: a source tag does not exist, or nothing but the target was named.
    """
    target = clean_name(target)
    with write_transaction(lib) as db:
        found = {tag.id: tag for tag in (_require_tag(db, name) for name in sources)}
        existing = _find_tag(db, target)
        if existing is not None:
            found.pop(existing.id, None)
        if not found:
            raise LibraryError(f"Choose at least one tag other than {target!r} to merge into it.")
        deleted = _deleted_tags(db, found.values())
        target_id = existing.id if existing else _insert_tag(db, None, target, None)
        had_target = set(_carriers(db, target_id))
        papers = {pid for tag in deleted for pid in tag.paper_ids}
        added = tuple(sorted(papers - had_target))
        db.conn.executemany(
            "INSERT INTO paper_tags (paper_id, tag_id) VALUES (?, ?)",
            [(pid, target_id) for pid in added],
        )
        _delete_tags(db, list(found))
    merge = TagMerge(
        target=existing.name if existing else target,
        target_created=existing is None,
        sources=deleted,
        added=added,
    )
    return _change(papers), merge


def unmerge_tags(lib: Library, merge: TagMerge) -> ChangeSet:
    """Take a merge back: the source tags return, the target loses what the merge gave it.

    Raises:
        LibraryError: the target tag is gone, or a source's name is taken by another tag.
    """
    with write_transaction(lib) as db:
        target = _require_tag(db, merge.target)
        if merge.target_created:
            _delete_tags(db, [target.id])
        else:
            db.conn.executemany(
                "DELETE FROM paper_tags WHERE paper_id = ? AND tag_id = ?",
                [(pid, target.id) for pid in merge.added],
            )
        for tag in merge.sources:
            _restore(db, tag)
    return _change({pid for tag in merge.sources for pid in tag.paper_ids} | set(merge.added))


def set_tag_color(lib: Library, name: str, color: str | None) -> tuple[ChangeSet, str | None]:
    """Give a tag a colour written ``#rrggbb``, or None for no colour.

    Returns:
        The change, and the colour the tag had.

    Raises:
        LibraryError: there is no such tag, or the colour is not written ``#rrggbb``.
    """
    if color is not None:
        if not _COLOR.fullmatch(color):
            raise LibraryError(f"A tag colour is written #rrggbb, like #1f77b4; not {color!r}.")
        color = color.lower()
    with write_transaction(lib) as db:
        tag = _require_tag(db, name)
        if color == tag.color:
            return ChangeSet(), tag.color
        db.execute("UPDATE tags SET color = ? WHERE id = ?", [color, tag.id])
    return ChangeSet(tags=True), tag.color


def delete_tag(lib: Library, name: str) -> tuple[ChangeSet, DeletedTag]:
    """Delete a tag and its links to papers (the papers stay).

    Returns:
        The change, and the deleted tag for `restore_tag`.

    Raises:
        LibraryError: there is no such tag.
    """
    with write_transaction(lib) as db:
        (deleted,) = _deleted_tags(db, [_require_tag(db, name)])
        _delete_tags(db, [deleted.id])
    return _change(set(deleted.paper_ids)), deleted


def restore_tag(lib: Library, deleted: DeletedTag) -> ChangeSet:
    """Bring a deleted tag back with its name, colour and links.

    Papers removed from the library since (an emptied Trash) are skipped.

    Raises:
        LibraryError: another tag has taken the name meanwhile.
    """
    with write_transaction(lib) as db:
        _restore(db, deleted)
    return _change(set(deleted.paper_ids))


def _find_tag(db: sqlite_utils.Database, name: str) -> _Tag | None:
    # the name column compares without case, so "ml" finds "ML"
    row = db.execute("SELECT id, name, color FROM tags WHERE name = ?", [name]).fetchone()
    return _Tag(*row) if row else None


def _require_tag(db: sqlite_utils.Database, name: str) -> _Tag:
    tag = _find_tag(db, clean_name(name))
    if tag is None:
        raise LibraryError(f"There is no tag named {name!r}.")
    return tag


def _carriers(db: sqlite_utils.Database, tag_id: int) -> list[int]:
    sql = "SELECT paper_id FROM paper_tags WHERE tag_id = ? ORDER BY paper_id"
    return [row[0] for row in db.execute(sql, [tag_id])]


def _deleted_tags(db: sqlite_utils.Database, tags: Iterable[_Tag]) -> tuple[DeletedTag, ...]:
    return tuple(
        DeletedTag(tag.id, tag.name, tag.color, tuple(_carriers(db, tag.id))) for tag in tags
    )


def _delete_tags(db: sqlite_utils.Database, tag_ids: list[int]) -> None:
    # links go by the foreign key's cascade, and the index follows through its triggers
    db.conn.executemany("DELETE FROM tags WHERE id = ?", [(tag_id,) for tag_id in tag_ids])


def _insert_tag(db: sqlite_utils.Database, tag_id: int | None, name: str, color: str | None) -> int:
    cursor = db.execute(
        "INSERT INTO tags (id, name, color) VALUES (?, ?, ?)", [tag_id, name, color]
    )
    return int(cursor.lastrowid)


def _restore(db: sqlite_utils.Database, tag: DeletedTag) -> None:
    clash = _find_tag(db, tag.name)
    if clash is not None:
        raise LibraryError(
            f"Cannot bring back the tag {tag.name!r}: the tag {clash.name!r} has its name now."
        )
    # the old id when it is still free, so the tag sorts and indexes as it did before
    taken = db.execute("SELECT 1 FROM tags WHERE id = ?", [tag.id]).fetchone()
    tag_id = _insert_tag(db, None if taken else tag.id, tag.name, tag.color)
    ids = list(tag.paper_ids)
    for chunk, marks in in_chunks(ids):
        db.execute(
            f"INSERT INTO paper_tags (paper_id, tag_id) SELECT id, ? FROM papers"
            f" WHERE id IN ({marks})",
            [tag_id, *chunk],
        )


def _change(papers: set[int] | list[int]) -> ChangeSet:
    # a filter on the tag may now match other papers, so views re-query when any had it
    return ChangeSet(paper_ids=frozenset(papers), membership=bool(papers), tags=True)
