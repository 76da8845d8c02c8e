"""Reading lists: named, ordered collections of papers. A paper can be on many lists.

An item's position is its place in the list, 0..n-1 with no gaps after every change.
Every change of members or order is written as "old order -> new order", and returns
the order it replaced, so undo is one `set_list_order` call whatever the edit was.
Orders count every item, papers in the Trash included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

from desktop.library.changes import ChangeSet
from desktop.library.edits import clean_name, existing_papers, require_papers
from desktop.library.store import Library, LibraryError, now, write_transaction


@dataclass(frozen=True)
class DeletedList:
    """A reading list as it was before it went: enough to bring it back."""

    id: int
    name: str
    description: str
    created: str
    paper_ids: tuple[int, ...]  # in list order


@dataclass(frozen=True)
class _List:
    id: int
    name: str
    description: str
    created: str


def list_id(lib: Library, name: str) -> int | None:
    """The id of the list with this name (case does not matter), or None."""
    spaced = " ".join(name.split())
    row = lib.db.execute("SELECT id FROM reading_lists WHERE name = ?", [spaced]).fetchone()
    return row[0] if row else None


def create_list(lib: Library, name: str, description: str = "") -> tuple[ChangeSet, int]:
    """Create an empty reading list.

    Returns:
        The change, and the new list's id.

    Raises:
        LibraryError: the name is empty, too long, or another list has it.
    """
    name = clean_name(name, "reading list")
    with write_transaction(lib) as db:
        _refuse_taken(db, name)
        cursor = db.execute(
            "INSERT INTO reading_lists (name, description, created) VALUES (?, ?, ?)",
            [name, description.strip(), now()],
        )
    return ChangeSet(lists=True), int(cursor.lastrowid)


def rename_list(lib: Library, list_id: int, name: str) -> tuple[ChangeSet, str]:
    """Give a list another name; changing only its case is allowed.

    Returns:
        The change, and the name it had.

    Raises:
        LibraryError: no such list, or the name is empty, too long or another list's.
    """
    name = clean_name(name, "reading list")
    with write_transaction(lib) as db:
        found = _require_list(db, list_id)
        _refuse_taken(db, name, but=list_id)
        if name == found.name:
            return ChangeSet(), found.name
        db.execute("UPDATE reading_lists SET name = ? WHERE id = ?", [name, list_id])
        members = _order(db, list_id)
    # the papers' details show the names of their lists
    return ChangeSet(paper_ids=frozenset(members), lists=True), found.name


def describe_list(lib: Library, list_id: int, description: str) -> tuple[ChangeSet, str]:
    """Replace a list's description; returns the change and the description it replaced.

    Raises:
        LibraryError: there is no such list.
    """
    description = description.strip()
    with write_transaction(lib) as db:
        found = _require_list(db, list_id)
        if description == found.description:
            return ChangeSet(), found.description
        db.execute("UPDATE reading_lists SET description = ? WHERE id = ?", [description, list_id])
    return ChangeSet(lists=True), found.description


def delete_list(lib: Library, list_id: int) -> tuple[ChangeSet, DeletedList]:
    """Delete a list (its papers stay in the library).

    Returns:
        The change, and the deleted list for `restore_list`.

    Raises:
        LibraryError: there is no such list.
    """
    with write_transaction(lib) as db:
        found = _require_list(db, list_id)
        members = tuple(_order(db, list_id))
        db.execute("DELETE FROM reading_lists WHERE id = ?", [list_id])  # items cascade
    deleted = DeletedList(found.id, found.name, found.description, found.created, members)
    return _list_change(members), deleted


def restore_list(lib: Library, deleted: DeletedList) -> tuple[ChangeSet, int]:
    """Bring a deleted list back with its name, description, created time and order.

    It keeps its old id when that is still free. Papers removed from the library since
    (an emptied Trash) are left out.

    Returns:
        The change, and the list's id.

    Raises:
        LibraryError: another list has taken the name meanwhile.
    """
    with write_transaction(lib) as db:
        _refuse_taken(db, deleted.name)
        taken = db.execute("SELECT 1 FROM reading_lists WHERE id = ?", [deleted.id]).fetchone()
        cursor = db.execute(
            "INSERT INTO reading_lists (id, name, description, created) VALUES (?, ?, ?, ?)",
            [None if taken else deleted.id, deleted.name, deleted.description, deleted.created],
        )
        new_id = int(cursor.lastrowid)
        present = existing_papers(db, deleted.paper_ids)
        order = [pid for pid in deleted.paper_ids if pid in present]
        _write_order(db, new_id, [], order)
    return _list_change(order), new_id


def list_order(lib: Library, list_id: int) -> list[int]:
    """The ids of the list's papers, in list order.

    Raises:
        LibraryError: there is no such list.
    """
    _require_list(lib.db, list_id)
    return _order(lib.db, list_id)


def set_list_order(
    lib: Library, list_id: int, ordered_ids: Sequence[int]
) -> tuple[ChangeSet, list[int]]:
    """Make the list hold exactly these papers, in this order (a repeated id counts once).

    Returns:
        The change, and the order it replaced (undo of any list edit sets that back).

    Raises:
        LibraryError: no such list, or a paper the library does not hold.
    """
    with write_transaction(lib) as db:
        _require_list(db, list_id)
        new = require_papers(db, ordered_ids)
        old = _order(db, list_id)
        return _write_order(db, list_id, old, new), old


def add_to_list(
    lib: Library, list_id: int, paper_ids: Sequence[int]
) -> tuple[ChangeSet, list[int]]:
    """Append papers to the end of a list in the order given; papers already on it stay put.

    Returns:
        The change, and the ids actually added.

    Raises:
        LibraryError: no such list, or a paper the library does not hold.
    """
    with write_transaction(lib) as db:
        _require_list(db, list_id)
        wanted = require_papers(db, paper_ids)
        old = _order(db, list_id)
        on_list = set(old)
        added = [pid for pid in wanted if pid not in on_list]
        return _write_order(db, list_id, old, old + added), added


def remove_from_list(
    lib: Library, list_id: int, paper_ids: Sequence[int]
) -> tuple[ChangeSet, list[int]]:
    """Take papers off a list; the others close up.

    Returns:
        The change, and the ids that were on the list and are now off it.

    Raises:
        LibraryError: no such list, or a paper the library does not hold.
    """
    with write_transaction(lib) as db:
        _require_list(db, list_id)
        unwanted = set(require_papers(db, paper_ids))
        old = _order(db, list_id)
        removed = [pid for pid in old if pid in unwanted]
        kept = [pid for pid in old if pid not in unwanted]
        return _write_order(db, list_id, old, kept), removed


def move_in_list(
    lib: Library, list_id: int, paper_ids: Sequence[int], to_index: int
) -> tuple[ChangeSet, list[int]]:
    """Move papers together, in their list order, so the first lands at ``to_index``.

    ``to_index`` is a place in the resulting order; one past the others moves to the end.

    Returns:
        The change, and the order it replaced.

    Raises:
        LibraryError: no such list, or a paper that is not on it.
    """
    with write_transaction(lib) as db:
        found = _require_list(db, list_id)
        old = _order(db, list_id)
        moving = set(paper_ids)
        if missing := sorted(moving.difference(old)):
            shown = ", ".join(str(pid) for pid in missing[:10])
            raise LibraryError(f"Paper {shown} is not on the reading list {found.name!r}.")
        rest = [pid for pid in old if pid not in moving]
        at = max(0, min(to_index, len(rest)))
        new = rest[:at] + [pid for pid in old if pid in moving] + rest[at:]
        return _write_order(db, list_id, old, new), old


def _refuse_taken(db: sqlite_utils.Database, name: str, *, but: int | None = None) -> None:
    # the name column compares without case, so "Queue" and "queue" clash
    row = db.execute(
        "SELECT name FROM reading_lists WHERE name = ? AND id IS NOT ?", [name, but]
    ).fetchone()
    if row:
        raise LibraryError(f"There is already a reading list named {row[0]!r}.")


def _require_list(db: sqlite_utils.Database, list_id: int) -> _List:
    row = db.execute(
        "SELECT id, name, description, created FROM reading_lists WHERE id = ?", [list_id]
    ).fetchone()
    if row is None:
        raise LibraryError(f"There is no reading list with id {list_id}.")
    return _List(*row)


def _order(db: sqlite_utils.Database, list_id: int) -> list[int]:
    rows = db.execute(
        "SELECT paper_id FROM reading_list_items WHERE list_id = ? ORDER BY position", [list_id]
    )
    return [row[0] for row in rows]


def _write_order(
    db: sqlite_utils.Database, list_id: int, old: list[int], new: list[int]
) -> ChangeSet:
    """Turn the list's order ``old`` into ``new``, writing only the items that differ."""
    old_at = {pid: at for at, pid in enumerate(old)}
    new_at = {pid: at for at, pid in enumerate(new)}
    gone = [pid for pid in old if pid not in new_at]
    placed = [(list_id, pid, at) for pid, at in new_at.items() if old_at.get(pid) != at]
    db.conn.executemany(
        "DELETE FROM reading_list_items WHERE list_id = ? AND paper_id = ?",
        [(list_id, pid) for pid in gone],
    )
    db.conn.executemany(
        "INSERT INTO reading_list_items (list_id, paper_id, position) VALUES (?, ?, ?)"
        " ON CONFLICT (list_id, paper_id) DO UPDATE SET position = excluded.position",
        placed,
    )
    touched = gone + [pid for _, pid, _ in placed]
    # nothing moved: nothing for the views to refresh
    return _list_change(touched) if touched else ChangeSet()


def _list_change(papers: Sequence[int]) -> ChangeSet:
    return ChangeSet(paper_ids=frozenset(papers), membership=bool(papers), lists=True)


def append_to_named_lists(db: sqlite_utils.Database, members: dict[str, list[int]]) -> None:
    """Inside an open transaction: put papers at the end of lists named in an import.

    A list that does not exist yet is made (names match regardless of case); papers
    already on a list stay where they are. ``members``: list name -> paper ids, in order.
    """
    stamp = now()
    for name, paper_ids in members.items():
        db.execute(
            "INSERT OR IGNORE INTO reading_lists (name, created) VALUES (?, ?)", [name, stamp]
        )
        [list_id] = db.execute("SELECT id FROM reading_lists WHERE name = ?", [name]).fetchone()
        old = _order(db, list_id)
        on_list = set(old)
        _write_order(db, list_id, old, old + [pid for pid in paper_ids if pid not in on_list])
