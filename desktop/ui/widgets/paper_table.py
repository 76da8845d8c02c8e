"""The paper table view: keeps the selection across re-queries, drags papers out."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.ui.models.paper_table import COLUMNS, PaperTableModel, row_runs
from desktop.ui.style import paint_without_outlines

# The title column takes whatever width the others leave.
DEFAULT_WIDTHS = {"authors": 170, "date": 90, "category": 70, "status": 66, "tags": 110,
                  "code": 46, "added": 90}  # fmt: skip
HIDDEN_BY_DEFAULT = {"added"}


class PaperTable(QTableView):
    """A QTableView over `PaperTableModel` that remembers which papers were selected."""

    def __init__(self, model: PaperTableModel, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("paperTable")
        self.setAccessibleName("Papers")
        paint_without_outlines(self)
        self.setModel(model)
        self._model = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # as each typed key changes the rows between none and many, a scroll bar that came
        # and went moved the columns sideways and had the whole table painted again
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.reset_columns()
        self._kept: tuple[list[int], int | None, list[int]] = ([], None, [])
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._lay_out_rows)
        model.modelReset.connect(self._restore_selection)

    def allow_reordering(self, allowed: bool) -> None:
        """Let rows be dragged within the view (a reading list in its own order)."""
        mode = QAbstractItemView.DragDropMode
        self.setDragDropMode(mode.DragDrop if allowed else mode.DragOnly)
        self.setDropIndicatorShown(allowed)
        self.setDragDropOverwriteMode(False)

    def reset_columns(self) -> None:
        """Columns in the default order, widths and visibility; newest papers first."""
        header = self.horizontalHeader()
        for visual, column in enumerate(COLUMNS):
            logical = COLUMNS.index(column)
            header.moveSection(header.visualIndex(logical), visual)
            header.setSectionHidden(logical, column.key in HIDDEN_BY_DEFAULT)
            if column.key == "title":
                header.setSectionResizeMode(logical, QHeaderView.ResizeMode.Stretch)
            else:
                header.resizeSection(logical, DEFAULT_WIDTHS[column.key])
        header.setSortIndicator(
            [c.key for c in COLUMNS].index("date"), Qt.SortOrder.DescendingOrder
        )

    def selected_ids(self) -> list[int]:
        """The selected papers, in view order."""
        return [self._model.paper_id(row) for row in self.selected_rows()]

    def selected_rows(self) -> list[int]:
        """The selected rows, in order.

        Read from the selection's ranges: asking for selectedRows() checks every cell of
        every selected row (100,000 calls to flags() for 10,000 selected papers).
        """
        ranges = self.selectionModel().selection()
        return sorted({row for part in ranges for row in range(part.top(), part.bottom() + 1)})

    def current_id(self) -> int | None:
        """The paper with the keyboard focus, if any."""
        index = self.currentIndex()
        return self._model.paper_id(index.row()) if index.isValid() else None

    def select_ids(self, ids: Iterable[int], current: int | None = None) -> None:
        """Select these papers (those in the view), making ``current`` the current one."""
        rows = sorted(r for r in (self._model.row_of(i) for i in ids) if r is not None)
        selection = QItemSelection()
        last_column = self._model.columnCount() - 1
        for first, last in row_runs(rows):
            selection.select(self._model.index(first, 0), self._model.index(last, last_column))
        flags = QItemSelectionModel.SelectionFlag
        current_row = self._model.row_of(current) if current is not None else None
        if current_row is not None:
            self.selectionModel().setCurrentIndex(self._model.index(current_row, 0), flags.NoUpdate)
            self.scrollTo(self._model.index(current_row, 0))
        self.selectionModel().select(selection, flags.ClearAndSelect | flags.Rows)

    def _lay_out_rows(self) -> None:
        """Lay out a new view's rows now, before the table is painted.

        Qt does it on a zero timer, which fires after the first paint, and repaints the
        whole table when it does: every typed search painted its rows twice.
        """
        self.executeDelayedItemsLayout()

    def _remember_selection(self) -> None:
        current = self.currentIndex()
        rows = ([current.row()] if current.isValid() else []) + self.selected_rows()
        self._kept = (self.selected_ids(), self.current_id(), rows)

    def _restore_selection(self) -> None:
        read_for = self._model.read_for()
        if read_for != "edit":
            # another view or another order starts at its top, wherever the last one was
            # scrolled to (else a search typed at row 5,000 showed its 5,000th match); a
            # selected paper found among the rows read is scrolled to below
            self.scrollToTop()
        ids, current, rows = self._kept
        if not ids and current is None:
            return
        kept = ids if current is None else [current, *ids]
        if read_for == "edit":  # a large view looks where they were, then from the top
            self._model.look_for(kept, rows)
        elif read_for == "sort":
            self._model.look_for(kept, [])
        self.select_ids(ids, current)
