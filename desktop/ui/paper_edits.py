"""Edits of the selected papers: status, tags, reading lists, title, Trash; each one undoable."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QWidget

from desktop.library import lists, tags
from desktop.library.papers import get_papers
from desktop.library.sidebar import sidebar_counts

from desktop.ui.dialogs.ask import ask_list, ask_tags
from desktop.ui.undo import (
    AddTags,
    ChangeListItems,
    CreateList,
    MoveToTrash,
    RemoveTags,
    RestoreFromTrash,
    SetStatus,
    SetTitle,
    UndoRunner,
)


class PaperEdits:
    """Runs the window's paper commands on whatever ``selection()`` returns."""

    def __init__(
        self, runner: UndoRunner, window: QWidget, selection: Callable[[], list[int]]
    ) -> None:
        self._runner = runner
        self._window = window
        self._selection = selection
        self.lib = runner.lib

    def set_status(self, status: str, ids: Sequence[int] | None = None) -> None:
        """Mark papers (default: the selection) with ``status``."""
        ids = list(ids) if ids is not None else self._selection()
        if ids:
            self._runner.run(SetStatus(ids, status))

    def toggle_read(self) -> None:
        """Read papers become unread; any other selection becomes read."""
        ids = self._selection()
        if not ids:
            return
        papers = get_papers(self.lib, ids)
        all_read = all(paper.status == "read" for paper in papers)
        self.set_status("unread" if all_read else "read", ids)

    def add_tags(
        self, names: Sequence[str] | None = None, ids: Sequence[int] | None = None
    ) -> None:
        """Tag papers; asks for the tags when none are given."""
        ids = list(ids) if ids is not None else self._selection()
        if not ids:
            return
        if names is None:
            names = ask_tags(
                self._window, "Add Tags", f"Tags for {_count(ids)}:", tags.tag_names(self.lib)
            )
        if names:
            self._runner.run(AddTags(ids, names))

    def remove_tags(self, names: Sequence[str] | None = None) -> None:
        """Untag the selection; asks which tags (completing from the ones it has)."""
        ids = self._selection()
        if not ids:
            return
        if names is None:
            present = sorted(
                {t for p in get_papers(self.lib, ids) for t in p.tags}, key=str.casefold
            )
            names = ask_tags(self._window, "Remove Tags", f"Remove from {_count(ids)}:", present)
        if names:
            self._runner.run(RemoveTags(ids, names))

    def set_tags(self, paper_id: int, names: list[str]) -> None:
        """Make one paper's tags exactly ``names`` (from the tag editor), as one undo step."""
        [paper] = get_papers(self.lib, [paper_id])
        wanted = {n.casefold() for n in names}
        have = {t.casefold() for t in paper.tags}
        to_add = [n for n in names if n.casefold() not in have]
        to_remove = [t for t in paper.tags if t.casefold() not in wanted]
        stack = self._runner.stack
        stack.beginMacro(f"Edit tags of “{paper.title or 'untitled paper'}”")
        if to_remove:
            self._runner.run(RemoveTags([paper_id], to_remove))
        if to_add:
            self._runner.run(AddTags([paper_id], to_add))
        stack.endMacro()

    def add_to_list(self, list_id: int | None = None, ids: Sequence[int] | None = None) -> None:
        """Add papers to a reading list; asks which (or a new one) when not given."""
        ids = list(ids) if ids is not None else self._selection()
        if not ids:
            return
        if list_id is None:
            names = [entry.name for entry in sidebar_counts(self.lib).lists]
            name = ask_list(self._window, names, len(ids))
            if not name:
                return
            list_id = lists.list_id(self.lib, name)
            if list_id is None:
                self._runner.run(CreateList(name, ids))
                return
        self._runner.run(
            ChangeListItems(
                f"Add {_count(ids)} to a reading list",
                list_id,
                lambda: lists.add_to_list(self.lib, list_id, ids),
            )
        )

    def remove_from_list(self, list_id: int) -> None:
        """Take the selection off a reading list (the papers stay in the library)."""
        ids = self._selection()
        if ids:
            self._runner.run(
                ChangeListItems(
                    f"Remove {_count(ids)} from a reading list",
                    list_id,
                    lambda: lists.remove_from_list(self.lib, list_id, ids),
                )
            )

    def move_before(self, list_id: int, ids: Sequence[int], before: int | None) -> None:
        """Move papers in a reading list so they stand before ``before`` (None: the end)."""
        moved = set(ids)
        remaining = [i for i in lists.list_order(self.lib, list_id) if i not in moved]
        after_drop = remaining.index(before) if before in remaining else len(remaining)
        if before in moved:  # dropped onto one of themselves: stay where the group starts
            order = lists.list_order(self.lib, list_id)
            after_drop = len([i for i in order[: order.index(before)] if i not in moved])
        self._runner.run(
            ChangeListItems(
                "Reorder reading list",
                list_id,
                lambda: lists.move_in_list(self.lib, list_id, list(ids), after_drop),
            )
        )

    def move_in_list(self, list_id: int, step: int) -> None:
        """Move the selection up (step -1) or down (+1) in a reading list."""
        ids = self._selection()
        if not ids:
            return
        order = lists.list_order(self.lib, list_id)
        first = min(order.index(i) for i in ids if i in order)
        target = max(0, min(len(order) - len(ids), first + step))
        self._runner.run(
            ChangeListItems(
                "Reorder reading list",
                list_id,
                lambda: lists.move_in_list(self.lib, list_id, ids, target),
            )
        )

    def set_title(self, paper_id: int, title: str) -> None:
        """Give one paper a title."""
        self._runner.run(SetTitle(paper_id, title))

    def trash(self) -> None:
        """Move the selection to the Trash (undoable; Empty Trash deletes for good)."""
        ids = self._selection()
        if ids:
            self._runner.run(MoveToTrash(ids))

    def restore(self) -> None:
        """Take the selection out of the Trash."""
        ids = self._selection()
        if ids:
            self._runner.run(RestoreFromTrash(ids))


def _count(ids: Sequence[int]) -> str:
    return "1 paper" if len(ids) == 1 else f"{len(ids):,} papers"
