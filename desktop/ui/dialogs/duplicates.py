"""The Duplicates view: groups of papers the library probably holds twice, and merging them.

Finding duplicates reads every paper, so it runs on a worker thread with its own read-only
connection; the view polls for the answer with a timer, so no Qt object ever crosses
threads and closing the window mid-search is harmless. The view looks again whenever the
library changes (a merge, its undo, an import), keeping the user's choice of paper to
keep in each group that is still there. Merges go through the window's undo stack.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.library.duplicates import find_duplicates
from desktop.library.merging import richest_paper
from desktop.library.papers import Paper, get_papers
from desktop.library.store import LibraryError, open_library

from desktop.ui.bus import ChangeBus
from desktop.ui.plain_text import escaped_rich_text
from desktop.ui.undo import MergeDuplicates, UndoRunner

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

COLUMNS = ("Keep", "Title", "Authors", "Year", "Venue", "Identifier", "Tags", "Note", "Source")
# the widest each column is fitted to (0: the title, which takes the rest)
_WIDEST = (70, 0, 150, 50, 120, 150, 110, 50, 90)
EXPLAIN = (
    "Pick the paper to keep in each group. Merging gives it the best of every field and all "
    "the tags, notes, reading lists and sources of the others, which go to the Trash. "
    "Undo (Ctrl+Z) takes a merge back."
)
NOTHING_FOUND = (
    "Lectern compares identifiers (DOI, arXiv id, page URL),\n"
    "and titles together with the first author and year.\nPapers in the Trash are left out."
)
LOOKING = "Looking for duplicates…"
_POLL_MS = 50
# One search at a time, off the GUI thread; a search still running when Lectern quits is
# waited for (it only reads).
_finder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lectern-duplicates")


@dataclass(frozen=True)
class FoundGroup:
    """A group of likely duplicates as the view shows it."""

    ids: tuple[int, ...]
    evidence: tuple[str, ...]
    papers: tuple[Paper, ...]  # in id order
    richest: int  # the id offered to keep


def find_groups(library_path: Path) -> list[FoundGroup]:
    """The library's likely duplicates with their papers, read on a connection of its own."""
    lib = open_library(library_path, read_only=True, daily_backup=False)
    try:
        found = []
        for group in find_duplicates(lib):
            papers = get_papers(lib, group.ids)
            found.append(
                FoundGroup(
                    tuple(group.ids), tuple(group.evidence), tuple(papers), richest_paper(papers)
                )
            )
        return found
    finally:
        lib.close()


class DuplicatesView(QDialog):
    """Lists the groups, lets the user pick a paper to keep, and merges one group or all.

    ``groups_loaded`` follows every search, once the view shows its result.
    """

    groups_loaded = Signal()

    def __init__(
        self,
        runner: UndoRunner,
        bus: ChangeBus,
        parent: QWidget | None = None,
        *,
        shortcuts: Sequence[QAction] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesView")
        self.setWindowTitle("Duplicates")
        self._runner = runner
        self._groups: list[FoundGroup] = []
        self._keep: dict[tuple[int, ...], int] = {}  # the user's choices, by group
        self._search: Future[list[FoundGroup]] | None = None
        self._again = False
        self._poll = QTimer(self)
        self._poll.setInterval(_POLL_MS)
        self._poll.timeout.connect(self._check_search)
        self.addActions(list(shortcuts))  # the window's undo and redo work here too
        self._build()
        bus.changed.connect(self._library_changed)
        self.resize(1280, 600)

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.summary = QLabel()
        self.summary.setObjectName("duplicatesSummary")
        self.summary.setWordWrap(True)
        self.pages = QStackedWidget()
        self.status_page = _message_page(LOOKING, "")
        self.pages.addWidget(self.status_page)
        self.empty_page = _message_page("No likely duplicates", NOTHING_FOUND)
        self.pages.addWidget(self.empty_page)
        self.groups_page = self._build_groups_page()
        self.pages.addWidget(self.groups_page)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.merge_all_button = buttons.addButton(
            "Merge All Groups", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.merge_all_button.setObjectName("mergeAllButton")
        self.merge_all_button.setAutoDefault(False)
        self.merge_all_button.clicked.connect(self.merge_all)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)
        layout.addWidget(buttons)
        self.merge_all_button.hide()  # until there are groups to merge
        self.merge_button.setVisible(not self._runner.lib.read_only)

    def _build_groups_page(self) -> QWidget:
        self.group_list = QListWidget()
        self.group_list.setObjectName("duplicateGroups")
        self.group_list.setWordWrap(True)
        self.group_list.setSpacing(4)
        self.group_list.currentRowChanged.connect(self._show_group)
        self.evidence = QLabel()
        self.evidence.setObjectName("duplicateEvidence")
        self.evidence.setTextFormat(Qt.TextFormat.PlainText)
        self.evidence.setWordWrap(True)
        self.evidence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("duplicatePapers")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # the selected row is the paper to keep: a click or the arrow keys choose it, and
        # the choice shows as the highlight, in bold and by "Keep" in both palettes
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(
            QAbstractItemView.SelectionMode.NoSelection
            if self._runner.lib.read_only
            else QAbstractItemView.SelectionMode.SingleSelection
        )
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setToolTip("Select the paper to keep")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.table.itemSelectionChanged.connect(self._keep_selected)
        self.merge_button = QPushButton("Merge Group")
        self.merge_button.setObjectName("mergeGroupButton")
        self.merge_button.setAutoDefault(False)
        self.merge_button.clicked.connect(self.merge_current)
        self.read_only_note = QLabel("This library is open read-only: nothing can be merged.")
        self.read_only_note.setVisible(self._runner.lib.read_only)
        actions = QHBoxLayout()
        actions.addWidget(self.read_only_note)
        actions.addStretch()
        actions.addWidget(self.merge_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.evidence)
        right_layout.addWidget(self.table, 1)
        right_layout.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.group_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 1040])
        return splitter

    # --- searching --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Look for duplicates again (after the search under way, if one is)."""
        if self._search is not None:
            self._again = True
            return
        if not self._groups:
            _set_message(self.status_page, LOOKING, "")
            self.pages.setCurrentWidget(self.status_page)
        self.summary.setText(LOOKING)
        self._set_merging_enabled(False)
        self._search = _finder.submit(find_groups, self._runner.lib.path)
        self._poll.start()

    def _library_changed(self, _changes: object) -> None:
        if self.isVisible():  # a hidden view looks again when it is next opened
            self.refresh()

    def searching(self) -> bool:
        """True while a search runs."""
        return self._search is not None

    def _check_search(self) -> None:
        search = self._search
        if search is None or not search.done():
            return
        self._poll.stop()
        self._search = None
        if self._again:
            self._again = False
            self.refresh()
            return
        try:
            groups = search.result()
        except LibraryError as exc:
            self.summary.setText("")
            _set_message(self.status_page, "Duplicates could not be looked for", str(exc))
            self.pages.setCurrentWidget(self.status_page)
            self.groups_loaded.emit()
            return
        self._show_groups(groups)
        self.groups_loaded.emit()

    # --- showing ----------------------------------------------------------------------------

    def groups(self) -> list[FoundGroup]:
        """The groups shown."""
        return list(self._groups)

    def keep_choice(self, group: FoundGroup) -> int:
        """The paper to keep of ``group``: the user's pick, else the richest."""
        return self._keep.get(group.ids, group.richest)

    def _show_groups(self, groups: list[FoundGroup]) -> None:
        current = self._current_group()
        self._groups = groups
        self._keep = {g.ids: self._keep[g.ids] for g in groups if g.ids in self._keep}
        self.group_list.clear()
        for group in groups:
            item = QListWidgetItem(_group_label(group))
            item.setToolTip(escaped_rich_text("\n".join(group.evidence)))
            self.group_list.addItem(item)
        self.pages.setCurrentWidget(self.groups_page if groups else self.empty_page)
        self.summary.setText(_summary(groups))
        ids = [g.ids for g in groups]
        row = ids.index(current.ids) if current is not None and current.ids in ids else 0
        if groups:
            self.group_list.setCurrentRow(min(row, len(groups) - 1))
        self._set_merging_enabled(bool(groups))

    def _current_group(self) -> FoundGroup | None:
        row = self.group_list.currentRow()
        return self._groups[row] if 0 <= row < len(self._groups) else None

    def _show_group(self, row: int) -> None:
        self.table.setRowCount(0)
        if not 0 <= row < len(self._groups):
            return
        group = self._groups[row]
        self.evidence.setText("\n".join(f"• {line}" for line in group.evidence))
        self.table.setRowCount(len(group.papers))
        keep = self.keep_choice(group)
        self.table.blockSignals(True)  # filling in is not choosing
        for at, paper in enumerate(group.papers):
            for column, text in enumerate(["", *_cells(paper)]):
                item = QTableWidgetItem(text)
                item.setToolTip(escaped_rich_text(text) if len(text) > 30 else "")
                self.table.setItem(at, column, item)
        self.table.selectRow(group.ids.index(keep))
        self.table.blockSignals(False)
        self._mark_keep(keep)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Short columns fit their text (within reason); the title takes the rest."""
        for column, widest in enumerate(_WIDEST):
            if widest:
                self.table.resizeColumnToContents(column)
                self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))

    def _keep_selected(self) -> None:
        group = self._current_group()
        rows = self.table.selectionModel().selectedRows()
        if group is None:
            return
        if not rows:  # Ctrl+click took the selection away: the choice stands
            self.table.blockSignals(True)
            self.table.selectRow(group.ids.index(self.keep_choice(group)))
            self.table.blockSignals(False)
            return
        paper_id = group.papers[rows[0].row()].id
        self._keep[group.ids] = paper_id
        self._mark_keep(paper_id)

    def _mark_keep(self, paper_id: int) -> None:
        group = self._current_group()
        if group is None:
            return
        for row, paper in enumerate(group.papers):
            kept = paper.id == paper_id
            for column in range(len(COLUMNS)):
                item = self.table.item(row, column)
                font = item.font()
                font.setBold(kept)
                item.setFont(font)
            self.table.item(row, 0).setText("✓ Keep" if kept else "")

    def _set_merging_enabled(self, enabled: bool) -> None:
        enabled = enabled and not self._runner.lib.read_only
        self.merge_button.setEnabled(enabled)
        self.merge_all_button.setEnabled(enabled)
        self.merge_all_button.setVisible(bool(self._groups) and not self._runner.lib.read_only)

    # --- merging ----------------------------------------------------------------------------

    def merge_current(self) -> bool:
        """Merge the group shown into the paper chosen to keep; one undo step."""
        group = self._current_group()
        return group is not None and self._merge([group])

    def merge_all(self) -> bool:
        """Merge every group shown, each into its chosen paper; one undo step for all."""
        return bool(self._groups) and self._merge(self._groups)

    def _merge(self, groups: Sequence[FoundGroup]) -> bool:
        if self._runner.lib.read_only or self.searching():
            return False
        plan = []
        for group in groups:
            keep = self.keep_choice(group)
            plan.append((keep, [pid for pid in group.ids if pid != keep]))
        return self._runner.run(MergeDuplicates(plan))  # the bus then makes us look again


def show_duplicates_view(window: MainWindow) -> DuplicatesView:
    """Open (or bring forward) the window's Duplicates view and look for duplicates."""
    view = window.findChild(DuplicatesView, "duplicatesView")
    if view is None:
        shortcuts = [window.undo_action, window.redo_action]
        view = DuplicatesView(window.runner, window.bus, window, shortcuts=shortcuts)
    view.show()
    view.raise_()
    view.activateWindow()
    view.refresh()
    return view


def _message_page(title: str, text: str) -> QWidget:
    """A page with a heading and a quieter line or two, centred (see `_set_message`)."""
    page = QWidget()
    heading = QLabel(title)
    heading.setObjectName("duplicatesMessage")
    font = heading.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    heading.setFont(font)
    detail = QLabel(text)
    detail.setObjectName("duplicatesDetail")
    detail.setTextFormat(Qt.TextFormat.PlainText)  # an error message may quote a path
    detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
    detail.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # quieter, in both palettes
    layout = QVBoxLayout(page)
    layout.addStretch(1)
    layout.addWidget(heading, alignment=Qt.AlignmentFlag.AlignHCenter)
    layout.addSpacing(6)
    layout.addWidget(detail, alignment=Qt.AlignmentFlag.AlignHCenter)
    layout.addStretch(2)
    return page


def _set_message(page: QWidget, title: str, text: str) -> None:
    page.findChild(QLabel, "duplicatesMessage").setText(title)
    page.findChild(QLabel, "duplicatesDetail").setText(text)


def _summary(groups: list[FoundGroup]) -> str:
    if not groups:
        return ""
    papers = sum(len(group.ids) for group in groups)
    counted = "1 group" if len(groups) == 1 else f"{len(groups)} groups"
    return f"{counted} of likely duplicates ({papers} papers). {EXPLAIN}"


def _group_label(group: FoundGroup) -> str:
    richest = next(p for p in group.papers if p.id == group.richest)
    title = richest.title or "(no title)"
    why = group.evidence[0].rpartition(": ")[0]  # without the ids, which the table shows
    return f"{title}\n{len(group.ids)} papers · {why}"


def _cells(paper: Paper) -> list[str]:
    """The text of each column after Keep, for one paper."""
    authors = ", ".join(paper.authors) + (" et al." if paper.et_al else "")
    return [
        paper.title or "(no title)",
        authors,
        (paper.date or "")[:4],
        paper.venue,
        _identifier(paper),
        ", ".join(paper.tags),
        "Yes" if paper.note.strip() else "",
        ", ".join(paper.sources),
    ]


def _identifier(paper: Paper) -> str:
    if paper.doi:
        return f"DOI {paper.doi}"
    if paper.arxiv_id:
        return f"arXiv {paper.arxiv_id}"
    return paper.url
