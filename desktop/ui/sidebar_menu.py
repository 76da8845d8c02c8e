"""The sidebar's context menus: rename, merge, recolour and delete tags; manage lists; Trash."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QWidget

from desktop.library import tags, trash
from desktop.library.store import LibraryError
from desktop.library.views import Scope

from desktop.ui.bus import ChangeBus
from desktop.ui.dialogs.ask import ask_color
from desktop.ui.undo import (
    CreateList,
    DeleteList,
    DeleteTag,
    DescribeList,
    MergeTags,
    RenameList,
    RenameTag,
    SetTagColor,
    UndoRunner,
)
from desktop.ui.widgets.sidebar import Sidebar


class SidebarMenu:
    """Builds and runs the menu for whichever sidebar entry was right-clicked."""

    def __init__(
        self,
        runner: UndoRunner,
        bus: ChangeBus,
        sidebar: Sidebar,
        window: QWidget,
        export_list: Callable[[str], None],
    ) -> None:
        self.export_list = export_list
        self._runner = runner
        self._bus = bus
        self._sidebar = sidebar
        self._window = window
        sidebar.context_menu_requested.connect(self.show)

    def show(self, scope: Scope, where: QPoint) -> None:
        """Pop up the menu for ``scope`` at ``where`` (global coordinates)."""
        menu = QMenu(self._window)
        name = self._sidebar.item_name(scope)
        if scope.kind == "tag":
            menu.addAction("Rename Tag…", lambda: self.rename_tag(name))
            menu.addAction("Merge into…", lambda: self.merge_tag(name))
            menu.addAction("Colour…", lambda: self.recolour_tag(name))
            menu.addAction("Remove Colour", lambda: self._runner.run(SetTagColor(name, None)))
            menu.addSeparator()
            menu.addAction("Delete Tag", lambda: self._runner.run(DeleteTag(name)))
        elif scope.kind == "list" and scope.value is None:
            menu.addAction("New Reading List…", self.new_list)
        elif scope.kind == "list":
            menu.addAction("New Reading List…", self.new_list)
            menu.addSeparator()
            menu.addAction("Rename List…", lambda: self.rename_list(int(scope.value), name))
            menu.addAction("Describe List…", lambda: self.describe_list(int(scope.value), name))
            menu.addAction("Export List…", lambda: self.export_list(name))
            menu.addAction(
                "Delete List", lambda: self._runner.run(DeleteList(int(scope.value), name))
            )
        elif scope.kind == "trash":
            menu.addAction("Empty Trash…", self.empty_trash)
        if not menu.isEmpty():
            menu.exec(where)

    def rename_tag(self, name: str) -> None:
        new, ok = QInputDialog.getText(self._window, "Rename Tag", "New name:", text=name)
        if ok and new.strip() and new.strip() != name:
            self._runner.run(RenameTag(name, new.strip()))

    def merge_tag(self, name: str) -> None:
        others = [t for t in tags.tag_names(self._runner.lib) if t.casefold() != name.casefold()]
        if not others:
            QMessageBox.information(
                self._window, "Merge Tags", "There is no other tag to merge into."
            )
            return
        target, ok = QInputDialog.getItem(
            self._window, "Merge Tags", f"Merge “{name}” into:", others, 0, True
        )
        if ok and target.strip():
            self._runner.run(MergeTags([name], target.strip()))

    def recolour_tag(self, name: str) -> None:
        color = ask_color(self._window, None)
        if color:
            self._runner.run(SetTagColor(name, color))

    def rename_list(self, list_id: int, name: str) -> None:
        new, ok = QInputDialog.getText(self._window, "Rename Reading List", "New name:", text=name)
        if ok and new.strip() and new.strip() != name:
            self._runner.run(RenameList(list_id, new.strip()))

    def new_list(self, paper_ids: list[int] | None = None) -> None:
        """Ask for a name and make a reading list (holding ``paper_ids``, if given)."""
        name, ok = QInputDialog.getText(self._window, "New Reading List", "Name:")
        if ok and name.strip():
            self._runner.run(CreateList(name.strip(), paper_ids or []))

    def describe_list(self, list_id: int, name: str) -> None:
        current = next((e.description for e in self._sidebar.counts().lists if e.id == list_id), "")
        text, ok = QInputDialog.getMultiLineText(
            self._window, "Describe Reading List", f"What is “{name}” for?", current
        )
        if ok and text != current:
            self._runner.run(DescribeList(list_id, text.strip()))

    def empty_trash(self) -> None:
        count = self._sidebar.counts().trash
        if not count:
            return
        answer = QMessageBox.question(
            self._window,
            "Empty Trash",
            f"Delete the {count} papers in the Trash for good? Their notes and tags go too. "
            "This cannot be undone.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            changes, _count = trash.empty_trash(self._runner.lib)
        except LibraryError as exc:
            QMessageBox.warning(self._window, "Empty Trash", str(exc))
            return
        self._runner.stack.clear()  # undo steps may name papers that no longer exist
        self._bus.publish(changes)
