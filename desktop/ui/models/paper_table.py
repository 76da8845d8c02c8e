"""The paper table's model: the ids of the current view, and a small cache of visible rows.

The model never holds the library in Python objects. It asks the library for the ids of
the current scope, search and sort (one SQL query), and on a cache miss loads the rows
around the one asked for in a single query (calibre's and Anki's browser models).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from desktop.library.changes import ChangeSet
from desktop.library.rows import TableRow, table_rows
from desktop.library.search import EVERYTHING, SearchResult
from desktop.library.store import Library
from desktop.library.views import ALL, Scope, ViewQuery

from desktop.ui.mime import PAPER_IDS_MIME, decode_paper_ids, encode_paper_ids
from desktop.ui.models.view_ids import ViewIds
from desktop.ui.models.view_loader import ViewLoader
from desktop.ui.plain_text import escaped_rich_text

IdRole = Qt.ItemDataRole.UserRole + 1
ReadStatusRole = Qt.ItemDataRole.UserRole + 2

NO_TITLE = "(no title)"
CACHE_ROWS = 2000

AnyIndex = QModelIndex | QPersistentModelIndex
ReadFor = Literal["edit", "sort", "view"]  # why a view was read (`PaperTableModel.read_for`)


@dataclass(frozen=True)
class Column:
    """A table column: its key, header, and the sort key it offers (None: not sortable)."""

    key: str
    header: str
    sort: str | None


COLUMNS = (
    Column("title", "Title", "title"),
    Column("authors", "Authors", "authors"),
    Column("date", "Date", "date"),
    Column("category", "Category", "category"),
    Column("status", "Status", "status"),
    Column("tags", "Tags", None),
    Column("code", "Code", None),
    Column("added", "Added", "added"),
)
STATUS_LABELS = {"unread": "Unread", "reading": "Reading", "read": "Read"}
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_DROP = Qt.ItemFlag.ItemIsDropEnabled
_CELL = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemNeverHasChildren
)
_CELL_IN_ORDERED_LIST = _CELL | _DROP


def _display(row: TableRow, key: str) -> str:
    if key == "title":
        return row.title or NO_TITLE
    if key == "date":
        return row.date or ""
    if key == "status":
        return STATUS_LABELS[row.status]
    if key == "code":
        return "Code" if row.has_code else ""
    if key == "added":
        return row.added[:10]
    return getattr(row, key)


def _tooltip(row: TableRow, key: str) -> str:
    if key == "date" and row.date_inferred:
        return f"{row.date}: the listing gave no year; it is taken to be the year of import"
    if key == "title" and row.title is None:
        return "This listing gave no title. Select the paper and type one in the details pane."
    return _display(row, key)


class PaperTableModel(QAbstractTableModel):
    """Rows are papers of one view; columns are `COLUMNS`.

    In a reading list shown in its own order, papers dropped on a row ask to be moved
    there (`reorder_requested(ids, before_id)`, None for the end); the window does it
    as an undoable command and the model re-queries.
    """

    reorder_requested = Signal(list, object)
    search_shown = Signal()  # the view `search_in_background` asked for is shown

    def __init__(self, lib: Library, parent=None, *, loader: ViewLoader | None = None) -> None:
        """``loader``: reads the views of typed searches off the GUI thread (see
        `search_in_background`); without one they are read here."""
        super().__init__(parent)
        self._lib = lib
        self._ids = ViewIds.empty(lib)
        self._loader = loader
        self._waiting_for: int | None = None  # the loader's generation this model awaits
        if loader is not None:
            loader.read.connect(self._on_read)
        # Sorting before the first query only records the order: the window sets it from its
        # settings first, so a large library is counted and paged once, not once per setting.
        self._loaded = False
        self._read_for: ReadFor = "view"
        self._library_size: int | None = None
        self._cache: OrderedDict[int, TableRow] = OrderedDict()
        self._scope: Scope = ALL
        self._search = EVERYTHING
        self._sort = ("date", True)
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    # --- what the view shows -------------------------------------------------------------

    def set_view(self, scope: Scope | None = None, search: SearchResult | None = None) -> None:
        """Show another scope and/or search; re-queries the ids."""
        if scope is not None:
            self._scope = scope
            if scope.kind == "list":
                self._sort = ("position", False)
            elif self._sort[0] == "position":
                self._sort = ("date", True)
        if search is not None:
            self._search = search
        self.reload(read_for="view")

    def search_in_background(self, search: SearchResult) -> None:
        """Show another search; its view is read by the loader and shown when it comes
        (rows stay as they were meanwhile). A later change of any kind supersedes it."""
        if self._asked_for(search):
            return  # a key that changes nothing (a space, a lone "-"): the view is right
        if self._loader is None:
            self.set_view(search=search)
            return
        self._search = search
        query, library_size = self._query()
        self._waiting_for = self._loader.request(query, library_size)

    def _asked_for(self, search: SearchResult) -> bool:
        """Whether the view shown, or the one on its way, is of ``search`` (edits re-read
        the view themselves, so it is current)."""
        same = (search.sql, search.params) == (self._search.sql, self._search.params)
        return self._loaded and same

    def look_for(self, paper_ids: Iterable[int], near_rows: Iterable[int]) -> None:
        """Learn the rows of papers shown before the view was read again, where they were
        ``near_rows`` (a large view knows only the rows of the pages it has read)."""
        self._ids.look_for(paper_ids, near_rows)

    def read_for(self) -> ReadFor:
        """Why the view shown was read: after an edit papers are likely still near the
        rows they were on; after a sort they are elsewhere; in another view (a scope, a
        typed search) the rows before say nothing."""
        return self._read_for

    def loading(self) -> bool:
        """True while a view asked of the loader has not been shown yet."""
        return self._waiting_for is not None

    def _on_read(self, generation: int, ids: ViewIds | None) -> None:
        if generation != self._waiting_for:
            return  # superseded
        if ids is None:
            self.reload(read_for="view")  # the loader could not read it; read it here
        else:
            self._waiting_for = None
            # a search changes which papers are shown, not what any of them says, and
            # every edit meanwhile has dropped the rows it touched (`apply_changes`)
            self._show(ids.moved_to(self._lib), read_for="view", keep_rows=True)
        self.search_shown.emit()

    def scope(self) -> Scope:
        """The sidebar scope the model shows."""
        return self._scope

    def sort_key(self) -> tuple[str, bool]:
        """(sort key, descending)."""
        return self._sort

    def reload(self, read_for: ReadFor = "edit") -> None:
        """Query the ids again (membership or order may have changed)."""
        if self._waiting_for is not None and self._loader is not None:
            self._loader.cancel()  # this reads the same search, and more recent tables
            self._waiting_for = None
        query, library_size = self._query()
        self._show(ViewIds(self._lib, query, library_size), read_for=read_for)

    def _query(self) -> tuple[ViewQuery, int | None]:
        """The view asked for, and the library's size for `ViewIds` (None: the view is the
        whole library, and its count is that size)."""
        sort, descending = self._sort
        query = ViewQuery(self._scope, self._search, sort, descending)
        if self._scope == ALL and self._search.sql == "1":
            return query, None
        if self._library_size is None:  # counted again when papers come or go
            self._library_size = ViewQuery().count(self._lib)
        return query, self._library_size

    def _show(self, ids: ViewIds, *, read_for: ReadFor, keep_rows: bool = False) -> None:
        """Show ``ids``; ``keep_rows``: the rows read so far are still current (a typed
        search's: the papers it shows again are painted without reading them again)."""
        self.beginResetModel()
        self._ids = ids
        self._read_for = read_for
        if self._library_size is None:  # `_query` leaves it unset only for the whole library
            self._library_size = ids.count
        self._loaded = True
        if not keep_rows:
            self._cache.clear()
        self.endResetModel()

    def apply_changes(self, changes: ChangeSet) -> None:
        """Refresh after an edit: a re-query when members may differ, else just those rows."""
        if changes.membership:
            self._library_size = None
            self.reload()
            return
        if changes.fields and self._depends_on(changes.fields):
            self.reload()
            return
        rows = sorted(row for row in map(self._ids.row_of, changes.paper_ids) if row is not None)
        for paper_id in changes.paper_ids:
            self._cache.pop(paper_id, None)
        for first, last in row_runs(rows):
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def _depends_on(self, fields: frozenset[str]) -> bool:
        """Whether this view's members or order may follow these fields of its papers."""
        if self._search.sql != "1":
            return True  # a search can name any of them (words match titles and tags)
        scope, sort = self._scope.kind, self._sort[0]
        return (
            ("status" in fields and "status" in (scope, sort))
            or ("tags" in fields and scope == "tag")
            or ("title" in fields and sort == "title")
        )

    def paper_id(self, row: int) -> int:
        """The id of the paper shown in ``row``."""
        return self._ids.id_at(row)

    def row_of(self, paper_id: int) -> int | None:
        """The row showing ``paper_id``, or None when the view does not hold it."""
        return self._ids.row_of(paper_id)

    def ids(self) -> Sequence[int]:
        """All ids of the view asked for, in order (a large view reads them all: for
        exports); a search still being read elsewhere is read here first."""
        if self.loading():
            self.reload(read_for="view")
        return self._ids.all()

    def is_reorderable(self) -> bool:
        """True when the view is a reading list in its own order (dragging reorders it)."""
        return self._scope.kind == "list" and self._sort[0] == "position"

    # --- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else self._ids.count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].header
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        # Qt asks for every cell it paints or checks, so the answers are computed once
        # (combining enum flags in Python costs microseconds each)
        if not index.isValid():
            # dropping below the last row moves papers to the end
            return _DROP if self.is_reorderable() else _NO_FLAGS
        return _CELL_IN_ORDERED_LIST if self.is_reorderable() else _CELL

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        role = int(role)
        if role == _ID:
            return self._ids.id_at(index.row())
        if role not in _ROLES_WITH_DATA:
            return None
        row = self._row(index.row())
        if row is None:  # deleted under the view; the reset that follows will drop it
            return None
        return self._value(row, COLUMNS[index.column()].key, role)

    def multiData(self, index: AnyIndex, roleDataSpan: QModelRoleDataSpan) -> None:
        # The table's delegate asks for seven roles of every cell it paints: one call
        # answering them all, comparing plain ints, costs a fifth of seven data() calls
        if not index.isValid():
            return
        row = self._row(index.row())
        if row is None:
            return
        key = COLUMNS[index.column()].key
        for role_data in roleDataSpan:
            role = role_data.role()
            if role in _ROLES_WITH_DATA:
                role_data.setData(self._value(row, key, role))
            elif role == _ID:
                role_data.setData(row.id)

    def _value(self, row: TableRow, key: str, role: int) -> object:
        """What cell ``key`` of ``row`` shows in ``role`` (one of `_ROLES_WITH_DATA`)."""
        if role == _DISPLAY:
            return _display(row, key)
        if role == _FONT:
            if (key == "title" and row.title is None) or (key == "date" and row.date_inferred):
                return self._italic
            return self._bold if row.status == "unread" else None
        if role == _FOREGROUND:
            if key == "title" and row.title is None:
                return QApplication.palette().color(
                    QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
                )
            return None
        if role == _TOOLTIP:
            return escaped_rich_text(_tooltip(row, key))
        if role == _READ_STATUS:
            return row.status
        return f"{_display(row, key)}, {STATUS_LABELS[row.status]}"  # accessible text

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort
        if key is None:
            return
        self._sort = (key, order == Qt.SortOrder.DescendingOrder)
        if self._loaded:
            self.reload(read_for="sort")

    def mimeTypes(self) -> list[str]:
        return [PAPER_IDS_MIME]

    def mimeData(self, indexes: Iterable[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes})
        mime = QMimeData()
        mime.setData(PAPER_IDS_MIME, encode_paper_ids([self._ids.id_at(row) for row in rows]))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return self.is_reorderable() and bool(decode_paper_ids(data))

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        ids = decode_paper_ids(data)
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = parent.row() if row < 0 and parent.isValid() else row
        before = self._ids.id_at(target) if 0 <= target < self._ids.count else None
        self.reorder_requested.emit(ids, before)
        return True

    # --- the row cache ------------------------------------------------------------------------

    def _row(self, row: int) -> TableRow | None:
        first, page = self._ids.page_of(row)
        paper_id = page[row - first]
        cached = self._cache.get(paper_id)
        if cached is not None:
            self._cache.move_to_end(paper_id)
            return cached
        cache = self._cache
        cache.update(table_rows(self._lib, [pid for pid in page if pid not in cache]))
        while len(cache) > CACHE_ROWS:
            cache.popitem(last=False)
        return cache.get(paper_id)


# Roles as plain ints: Qt passes ints, and comparing them with enum members costs a
# microsecond each, thousands of times per repaint.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_ID = int(IdRole)
_READ_STATUS = int(ReadStatusRole)
_ROLES_WITH_DATA = frozenset({_DISPLAY, _FONT, _FOREGROUND, _TOOLTIP, _ACCESSIBLE, _READ_STATUS})


def row_runs(rows: list[int]) -> Iterable[tuple[int, int]]:
    """Contiguous runs of sorted row numbers, as (first, last) pairs."""
    start = previous = None
    for row in rows:
        if start is None:
            start = previous = row
        elif row == previous + 1:
            previous = row
        else:
            yield start, previous
            start = previous = row
    if start is not None:
        yield start, previous
