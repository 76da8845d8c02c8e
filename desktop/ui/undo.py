"""Undo commands: each edit of the window is one QUndoCommand over a library function.

A command does its edit once in `apply()` (run by `UndoRunner.run` before the push, so an
error can be shown and nothing lands on the stack), remembers what the library says it
replaced, and `undo()` / `redo()` go back and forth through the same library functions.
Every step ends by publishing its ChangeSet on the bus.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.library import edits, lists, merging, tags, trash
from desktop.library.changes import ChangeSet
from desktop.library.store import Library, LibraryError

from desktop.ui.bus import ChangeBus


class LibraryCommand(QUndoCommand):
    """An undoable edit. Subclasses give `apply`, `revert` and, when it differs, `reapply`."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.lib: Library
        self._publish: Callable[[ChangeSet], None]
        self._report: Callable[[str], None]
        self._applied = False

    def apply(self) -> ChangeSet:
        raise NotImplementedError

    def revert(self) -> ChangeSet:
        raise NotImplementedError

    def reapply(self) -> ChangeSet:
        return self.apply()

    def redo(self) -> None:
        if not self._applied:  # the first redo is the apply() UndoRunner already ran
            self._applied = True
            return
        self._step(self.reapply)

    def undo(self) -> None:
        self._step(self.revert)

    def _step(self, step: Callable[[], ChangeSet]) -> None:
        try:
            self._publish(step())
        except LibraryError as exc:
            self._report(str(exc))


class UndoRunner:
    """Runs commands against one library and keeps them on one undo stack."""

    def __init__(
        self, lib: Library, bus: ChangeBus, stack: QUndoStack, report: Callable[[str], None]
    ) -> None:
        self.lib = lib
        self.stack = stack
        self._bus = bus
        self._report = report

    def run(self, command: LibraryCommand) -> bool:
        """Do the edit; on success it goes on the stack. False (and a message) on failure."""
        command.lib = self.lib
        command._publish = self._bus.publish
        command._report = self._report
        try:
            changes = command.apply()
        except LibraryError as exc:
            self._report(str(exc))
            return False
        self.stack.push(command)
        self._bus.publish(changes)
        return True


def _papers(count: int) -> str:
    return "1 paper" if count == 1 else f"{count:,} papers"


class SetStatus(LibraryCommand):
    def __init__(self, ids: Sequence[int], status: str) -> None:
        super().__init__(f"Mark {_papers(len(ids))} {status}")
        self.ids, self.status = list(ids), status
        self.old: dict[int, str] = {}

    def apply(self) -> ChangeSet:
        changes, self.old = edits.set_status(self.lib, self.ids, self.status)
        return changes

    def revert(self) -> ChangeSet:
        return edits.set_statuses(self.lib, self.old)[0]


class AddTags(LibraryCommand):
    def __init__(self, ids: Sequence[int], names: Sequence[str]) -> None:
        super().__init__(f"Tag {_papers(len(ids))} “{', '.join(names)}”")
        self.ids, self.names = list(ids), list(names)
        self.pairs: list[edits.TagPair] = []

    def apply(self) -> ChangeSet:
        changes, self.pairs = edits.add_tags(self.lib, self.ids, self.names)
        return changes

    def revert(self) -> ChangeSet:
        return edits.remove_tag_pairs(self.lib, self.pairs)[0]

    def reapply(self) -> ChangeSet:
        return edits.add_tag_pairs(self.lib, self.pairs)[0]


class RemoveTags(LibraryCommand):
    def __init__(self, ids: Sequence[int], names: Sequence[str]) -> None:
        super().__init__(f"Untag {_papers(len(ids))} “{', '.join(names)}”")
        self.ids, self.names = list(ids), list(names)
        self.pairs: list[edits.TagPair] = []

    def apply(self) -> ChangeSet:
        changes, self.pairs = edits.remove_tags(self.lib, self.ids, self.names)
        return changes

    def revert(self) -> ChangeSet:
        return edits.add_tag_pairs(self.lib, self.pairs)[0]

    def reapply(self) -> ChangeSet:
        return edits.remove_tag_pairs(self.lib, self.pairs)[0]


class SetTitle(LibraryCommand):
    def __init__(self, paper_id: int, title: str) -> None:
        super().__init__("Edit title")
        self.paper_id, self.title = paper_id, title
        self.old: str | None = None

    def apply(self) -> ChangeSet:
        changes, self.old = edits.set_title(self.lib, self.paper_id, self.title)
        return changes

    def revert(self) -> ChangeSet:
        return edits.set_title(self.lib, self.paper_id, self.old)[0]


class MoveToTrash(LibraryCommand):
    def __init__(self, ids: Sequence[int]) -> None:
        super().__init__(f"Move {_papers(len(ids))} to the Trash")
        self.ids = list(ids)
        self.moved: list[int] = []

    def apply(self) -> ChangeSet:
        changes = trash.move_to_trash(self.lib, self.ids)
        self.moved = sorted(changes.paper_ids)
        return changes

    def revert(self) -> ChangeSet:
        return trash.restore_from_trash(self.lib, self.moved)

    def reapply(self) -> ChangeSet:
        return trash.move_to_trash(self.lib, self.moved)


class RestoreFromTrash(LibraryCommand):
    def __init__(self, ids: Sequence[int]) -> None:
        super().__init__(f"Restore {_papers(len(ids))}")
        self.ids = list(ids)

    def apply(self) -> ChangeSet:
        return trash.restore_from_trash(self.lib, self.ids)

    def revert(self) -> ChangeSet:
        return trash.move_to_trash(self.lib, self.ids)


class RenameTag(LibraryCommand):
    def __init__(self, old: str, new: str) -> None:
        super().__init__(f"Rename tag “{old}” to “{new}”")
        self.old, self.new = old, new

    def apply(self) -> ChangeSet:
        changes, self.old = tags.rename_tag(self.lib, self.old, self.new)
        return changes

    def revert(self) -> ChangeSet:
        return tags.rename_tag(self.lib, self.new, self.old)[0]


class MergeTags(LibraryCommand):
    def __init__(self, sources: Sequence[str], target: str) -> None:
        super().__init__(f"Merge {', '.join(sources)} into “{target}”")
        self.sources, self.target = list(sources), target
        self.merge: tags.TagMerge | None = None

    def apply(self) -> ChangeSet:
        changes, self.merge = tags.merge_tags(self.lib, self.sources, self.target)
        return changes

    def revert(self) -> ChangeSet:
        assert self.merge is not None
        return tags.unmerge_tags(self.lib, self.merge)


class SetTagColor(LibraryCommand):
    def __init__(self, name: str, color: str | None) -> None:
        super().__init__(f"Recolour tag “{name}”")
        self.name, self.color = name, color
        self.old: str | None = None

    def apply(self) -> ChangeSet:
        changes, self.old = tags.set_tag_color(self.lib, self.name, self.color)
        return changes

    def revert(self) -> ChangeSet:
        return tags.set_tag_color(self.lib, self.name, self.old)[0]


class DeleteTag(LibraryCommand):
    def __init__(self, name: str) -> None:
        super().__init__(f"Delete tag “{name}”")
        self.name = name
        self.deleted: tags.DeletedTag | None = None

    def apply(self) -> ChangeSet:
        changes, self.deleted = tags.delete_tag(self.lib, self.name)
        return changes

    def revert(self) -> ChangeSet:
        assert self.deleted is not None
        return tags.restore_tag(self.lib, self.deleted)


class CreateList(LibraryCommand):
    def __init__(self, name: str, paper_ids: Sequence[int] = ()) -> None:
        super().__init__(f"New reading list “{name}”")
        self.name, self.paper_ids = name, list(paper_ids)
        self.list_id: int | None = None
        self.deleted: lists.DeletedList | None = None

    def apply(self) -> ChangeSet:
        changes, self.list_id = lists.create_list(self.lib, self.name)
        if self.paper_ids:
            changes = changes | lists.add_to_list(self.lib, self.list_id, self.paper_ids)[0]
        return changes

    def revert(self) -> ChangeSet:
        assert self.list_id is not None
        changes, self.deleted = lists.delete_list(self.lib, self.list_id)
        return changes

    def reapply(self) -> ChangeSet:
        assert self.deleted is not None
        changes, self.list_id = lists.restore_list(self.lib, self.deleted)
        return changes


class RenameList(LibraryCommand):
    def __init__(self, list_id: int, name: str) -> None:
        super().__init__(f"Rename reading list to “{name}”")
        self.list_id, self.name = list_id, name
        self.old = ""

    def apply(self) -> ChangeSet:
        changes, self.old = lists.rename_list(self.lib, self.list_id, self.name)
        return changes

    def revert(self) -> ChangeSet:
        return lists.rename_list(self.lib, self.list_id, self.old)[0]


class DescribeList(LibraryCommand):
    def __init__(self, list_id: int, description: str) -> None:
        super().__init__("Describe reading list")
        self.list_id, self.description = list_id, description
        self.old = ""

    def apply(self) -> ChangeSet:
        changes, self.old = lists.describe_list(self.lib, self.list_id, self.description)
        return changes

    def revert(self) -> ChangeSet:
        return lists.describe_list(self.lib, self.list_id, self.old)[0]


class DeleteList(LibraryCommand):
    def __init__(self, list_id: int, name: str) -> None:
        super().__init__(f"Delete reading list “{name}”")
        self.list_id = list_id
        self.deleted: lists.DeletedList | None = None

    def apply(self) -> ChangeSet:
        changes, self.deleted = lists.delete_list(self.lib, self.list_id)
        return changes

    def revert(self) -> ChangeSet:
        assert self.deleted is not None
        changes, self.list_id = lists.restore_list(self.lib, self.deleted)
        return changes


class ChangeListItems(LibraryCommand):
    """Adding, removing or moving papers on a list: undone by restoring the previous order."""

    def __init__(self, text: str, list_id: int, edit: Callable[[], tuple[ChangeSet, object]]):
        super().__init__(text)
        self.list_id = list_id
        self._edit = edit
        self.before: list[int] = []
        self.after: list[int] = []

    def apply(self) -> ChangeSet:
        self.before = lists.list_order(self.lib, self.list_id)
        changes, _ = self._edit()
        self.after = lists.list_order(self.lib, self.list_id)
        return changes

    def revert(self) -> ChangeSet:
        return lists.set_list_order(self.lib, self.list_id, self.before)[0]

    def reapply(self) -> ChangeSet:
        return lists.set_list_order(self.lib, self.list_id, self.after)[0]


class MergeDuplicates(LibraryCommand):
    """Merging groups of duplicates, each (kept id, other ids): one step however many."""

    def __init__(self, groups: Sequence[tuple[int, Sequence[int]]]) -> None:
        count = sum(1 + len(others) for _keep, others in groups)
        what = "duplicates" if len(groups) == 1 else f"{len(groups)} groups of duplicates"
        super().__init__(f"Merge {what} ({_papers(count)})")
        self.groups = [(keep, list(others)) for keep, others in groups]
        self.records: list[merging.MergeRecord] = []

    def apply(self) -> ChangeSet:
        changes, self.records = merging.merge_groups(self.lib, self.groups)
        return changes

    def revert(self) -> ChangeSet:
        return merging.unmerge_groups(self.lib, self.records)
