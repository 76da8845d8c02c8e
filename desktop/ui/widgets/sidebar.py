"""The sidebar: every way into the library, each with a count that follows every edit.

Entries carry a `Scope`; selecting one filters the table. Papers dropped on a tag are
tagged, dropped on a reading list are added to it. The counts come from one call to the
library, redone (coalesced) after changes.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QIcon
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from desktop.library.sidebar import SidebarCounts, sidebar_counts
from desktop.library.store import Library
from desktop.library.views import ALL, Scope

from desktop.ui.icons import icon
from desktop.ui.mime import decode_paper_ids
from desktop.ui.plain_text import escaped_rich_text

ScopeRole = Qt.ItemDataRole.UserRole + 1
NameRole = Qt.ItemDataRole.UserRole + 2  # a tag's or list's name, for menus

SECTIONS = ("Library", "Reading lists", "Tags", "Categories", "Sources")


class Sidebar(QTreeWidget):
    """Library / Reading lists / Tags / Categories / Sources / Trash, with counts."""

    scope_selected = Signal(object)  # Scope
    papers_dropped_on_tag = Signal(list, str)  # paper ids, tag name
    papers_dropped_on_list = Signal(list, int)  # paper ids, list id
    context_menu_requested = Signal(object, QPoint)  # the item's Scope, global position

    def __init__(self, lib: Library, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setAccessibleName("Library sidebar")
        self._lib = lib
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setRootIsDecorated(True)
        self.setIndentation(12)
        self.setUniformRowHeights(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_context_menu)
        self.currentItemChanged.connect(self._on_current_changed)
        self._current_scope: Scope = ALL
        self._counts: SidebarCounts | None = None  # read by the first `refresh()`

    def counts(self) -> SidebarCounts:
        """The counts shown now."""
        assert self._counts is not None
        return self._counts

    def current_scope(self) -> Scope:
        """The scope of the selected entry."""
        return self._current_scope

    def select_scope(self, scope: Scope) -> None:
        """Select the entry for ``scope`` (All papers when there is none)."""
        item = self._find(scope) or self._find(ALL)
        self.setCurrentItem(item)

    def refresh(self) -> None:
        """Rebuild the entries from fresh counts, keeping the selection."""
        self._counts = sidebar_counts(self._lib)
        scope = self._current_scope
        self.blockSignals(True)
        try:
            self._rebuild(self._counts)
            item = self._find(scope)
            self.setCurrentItem(item or self._find(ALL))
        finally:
            self.blockSignals(False)
        if item is None and scope != ALL:  # its tag or list is gone: fall back to everything
            self._on_current_changed(self.currentItem(), None)

    # --- building ----------------------------------------------------------------------------

    def _rebuild(self, counts: SidebarCounts) -> None:
        expanded = {
            self.topLevelItem(i).text(0): self.topLevelItem(i).isExpanded()
            for i in range(self.topLevelItemCount())
        }
        self.clear()
        library = self._section("Library", expanded)
        self._entry(library, "All papers", counts.total, ALL, icon("library"))
        for status, label in (("unread", "Unread"), ("reading", "Reading"), ("read", "Read")):
            self._entry(
                library, label, counts.by_status[status], Scope("status", status), icon(status)
            )
        lists = self._section("Reading lists", expanded)
        for entry in counts.lists:
            item = self._entry(
                lists,
                entry.name,
                f"{entry.unread}/{entry.total}",
                Scope("list", entry.id),
                icon("list"),
            )
            item.setData(0, NameRole, entry.name)
            item.setToolTip(
                0, escaped_rich_text(entry.description or f"{entry.unread} unread of {entry.total}")
            )
        if not counts.lists:
            self._placeholder(lists, "No lists yet (Ctrl+L)")
        tags = self._section("Tags", expanded)
        for tag in counts.tags:
            item = self._entry(tags, tag.name, tag.count, Scope("tag", tag.id), icon("tag"))
            item.setData(0, NameRole, tag.name)
            if tag.color:
                item.setForeground(0, QBrush(QColor(tag.color)))
        if not counts.tags:
            self._placeholder(tags, "No tags yet (Ctrl+T)")
        categories = self._section("Categories", expanded)
        for code, count in counts.categories:
            self._entry(categories, code, count, Scope("category", code), icon("category"))
        sources = self._section("Sources", expanded)
        for source in counts.sources:
            label = source.profile_name or source.name
            entry_icon = icon("profile") if source.profile_name else icon("source")
            item = self._entry(sources, label, source.count, Scope("source", source.id), entry_icon)
            item.setToolTip(0, escaped_rich_text(f"{source.name} ({source.format})"))
        trash = QTreeWidgetItem(self, ["Trash", str(counts.trash) if counts.trash else ""])
        trash.setIcon(0, icon("trash"))
        trash.setData(0, ScopeRole, Scope("trash"))
        self._align_counts()

    def _section(self, title: str, expanded: dict[str, bool]) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self, [title])
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setExpanded(expanded.get(title, title in ("Library", "Reading lists", "Tags")))
        return item

    def _placeholder(self, parent: QTreeWidgetItem, hint: str) -> None:
        item = QTreeWidgetItem(parent, [hint])
        item.setFlags(Qt.ItemFlag.NoItemFlags)  # shown greyed, never selected

    def _entry(
        self, parent: QTreeWidgetItem, label: str, count: object, scope: Scope, entry_icon: QIcon
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [label, str(count)])
        item.setIcon(0, entry_icon)
        item.setData(0, ScopeRole, scope)
        return item

    def _align_counts(self) -> None:
        for item in self._items():
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def _items(self):
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop()
            yield item
            stack.extend(item.child(i) for i in range(item.childCount()))

    def _find(self, scope: Scope) -> QTreeWidgetItem | None:
        return next((item for item in self._items() if item.data(0, ScopeRole) == scope), None)

    # --- interaction ----------------------------------------------------------------------------

    def _on_current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        scope = current.data(0, ScopeRole) if current else None
        if scope is None:
            return
        self._current_scope = scope
        self.scope_selected.emit(scope)

    def _on_context_menu(self, position: QPoint) -> None:
        item = self.itemAt(position)
        scope = item.data(0, ScopeRole) if item else None
        if item is not None and scope is None and item.text(0) == "Reading lists":
            scope = Scope("list", None)  # the section itself: offers a new list
        if scope is not None:
            self.context_menu_requested.emit(scope, self.viewport().mapToGlobal(position))

    def item_name(self, scope: Scope) -> str:
        """The name shown for a tag or list entry."""
        item = self._find(scope)
        return item.data(0, NameRole) or item.text(0) if item else ""

    def _drop_target(self, event: QDropEvent | QDragMoveEvent) -> QTreeWidgetItem | None:
        item = self.itemAt(event.position().toPoint())
        scope = item.data(0, ScopeRole) if item else None
        if (
            scope is not None
            and scope.kind in ("tag", "list")
            and decode_paper_ids(event.mimeData())
        ):
            return item
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if decode_paper_ids(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._drop_target(event) is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        item = self._drop_target(event)
        if item is None:
            event.ignore()
            return
        ids = decode_paper_ids(event.mimeData())
        scope = item.data(0, ScopeRole)
        if scope.kind == "tag":
            self.papers_dropped_on_tag.emit(ids, item.data(0, NameRole))
        else:
            self.papers_dropped_on_list.emit(ids, scope.value)
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
