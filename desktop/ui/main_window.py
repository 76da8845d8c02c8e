"""The main window: sidebar, paper table and details pane over one library file.

`MainWindow(library_path)` is the interface acceptance checks build on; the object names
of its main widgets (paperTable, searchBox, sidebar, detailsPane, notesEditor, tagEditor,
statusSelector) are part of it.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
)

from desktop import __version__
from desktop.library import edits, tags
from desktop.library.changes import ChangeSet
from desktop.library.exporting import ExportSource
from desktop.library.papers import get_paper
from desktop.library.search import SearchResult
from desktop.library.store import LibraryError, open_library
from desktop.library.views import Scope

from desktop.ui.actions import build_actions
from desktop.ui.bus import ChangeBus
from desktop.ui.dialogs.duplicates import show_duplicates_view
from desktop.ui.exporter import ExportController, run_export_dialog
from desktop.ui.icons import app_icon
from desktop.ui.importer import ImportController
from desktop.ui.maintenance import MaintenanceController, read_only_notice
from desktop.ui.menus import TABLE_MENU, add_actions, build_menu_bar, build_toolbar
from desktop.ui.models.paper_table import PaperTableModel
from desktop.ui.models.view_loader import ViewLoader
from desktop.ui.paper_edits import PaperEdits
from desktop.ui.plain_text import escaped_rich_text
from desktop.ui.sidebar_menu import SidebarMenu
from desktop.ui.undo import UndoRunner
from desktop.ui.widgets.details import DetailsPane
from desktop.ui.widgets.paper_table import PaperTable
from desktop.ui.widgets.search_box import SEARCH_HELP, SearchBox
from desktop.ui.widgets.sidebar import Sidebar
from desktop.ui.widgets.welcome import Welcome

DEFAULT_SPLIT = [200, 830, 370]  # sidebar, table, details
SEARCHING_NOTE_MS = 300

# Commands that change the library, off in a read-only window.
READ_ONLY_OFF = (
    "import", "import_samples", "import_clipboard", "trash", "restore", "empty_trash",
    "mark_unread", "mark_reading", "mark_read", "toggle_read", "add_tags", "remove_tags",
    "add_to_list", "new_list", "move_up", "move_down", "edit_title", "restore_backup",
)  # fmt: skip


def default_settings() -> QSettings:
    """Lectern's settings file in the user's configuration folder."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Lectern", "Lectern")


class MainWindow(QMainWindow):
    """Lectern's window over the library at ``library_path``.

    Raises:
        LibraryError: the library cannot be opened (the message says why).
    """

    def __init__(
        self,
        library_path: str | os.PathLike[str],
        *,
        settings: QSettings | None = None,
        today: date | None = None,
        read_only: bool = False,
    ) -> None:
        super().__init__()
        self.library_path = Path(library_path)
        # A writable window claims its library, so a second window is told it is in use.
        self.lib = open_library(
            self.library_path,
            read_only=read_only,
            claim=not read_only,
            background_checkpoints=True,
            compact_when_idle=True,
        )
        self.settings = settings or default_settings()
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"{self.library_path.stem} — Lectern")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)

        self.bus = ChangeBus(self)
        self.undo_stack = QUndoStack(self)
        self.runner = UndoRunner(self.lib, self.bus, self.undo_stack, self.show_error)
        self.view_loader = ViewLoader(self.library_path, self)
        self.model = PaperTableModel(self.lib, self, loader=self.view_loader)
        self.table = PaperTable(self.model)
        self.sidebar = Sidebar(self.lib)
        self.search_box = SearchBox()
        self.search_hint = QLabel()
        self.search_hint.setObjectName("searchHint")
        self.details = DetailsPane(self._save_note)
        self.welcome = Welcome()
        self.edits = PaperEdits(self.runner, self, self.table.selected_ids)
        self.sidebar_menu = SidebarMenu(
            self.runner, self.bus, self.sidebar, self, export_list=self.export_list
        )
        self.importer = ImportController(self.library_path, self.bus, self, today=today)
        self.importer.busy_message.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.exporter = ExportController(self.library_path, self)
        self.actions = build_actions(self, self.table)
        self.maintenance = MaintenanceController(
            self,
            lambda: self.lib,
            on_restored=self.reload_library,
            ready=self._ready_for_maintenance,
        )
        self.actions.update(self.maintenance.actions)

        self._build_layout()
        self._build_menus()
        self._connect()
        self._restore_settings()  # sorts the model, which loads the first view
        self._after_change(ChangeSet(membership=True))
        if self.lib.read_only:
            self._become_read_only()

    # --- building ---------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes(DEFAULT_SPLIT)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.splitter)
        self.setCentralWidget(self.pages)
        self.status_counts = QLabel()
        self.status_counts.setObjectName("statusCounts")
        self.statusBar().addPermanentWidget(self.status_counts)
        # a search still being read after this long says so (the rows shown are the old ones)
        self._searching_note = QTimer(self, singleShot=True, interval=SEARCHING_NOTE_MS)
        self._searching_note.timeout.connect(self._note_searching)
        self.resize(1400, 860)

    def _build_menus(self) -> None:
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut("Ctrl+Z")
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts(["Ctrl+Shift+Z", "Ctrl+Y"])
        self.undo_action, self.redo_action = undo, redo
        build_menu_bar(self, self.actions, undo, redo, self.table.horizontalHeader())
        self.search_box.setMinimumWidth(320)
        build_toolbar(self, self.actions, [self.search_box, self.search_hint])

    def _connect(self) -> None:
        a = self.actions
        a["import"].triggered.connect(self.importer.import_files_dialog)
        a["import_samples"].triggered.connect(self.importer.import_samples)
        a["import_clipboard"].triggered.connect(self.importer.import_clipboard)
        a["export"].triggered.connect(self.export_view)
        a["export_selection"].triggered.connect(self.export_selection)
        a["quit"].triggered.connect(self.close)
        a["find"].triggered.connect(self.focus_search)
        a["trash"].triggered.connect(self.edits.trash)
        a["restore"].triggered.connect(self.edits.restore)
        a["empty_trash"].triggered.connect(self.sidebar_menu.empty_trash)
        a["find_duplicates"].triggered.connect(lambda: show_duplicates_view(self))
        for status in ("unread", "reading", "read"):
            a[f"mark_{status}"].triggered.connect(
                lambda _=False, s=status: self.edits.set_status(s)
            )
        a["toggle_read"].triggered.connect(self.edits.toggle_read)
        a["add_tags"].triggered.connect(lambda: self.edits.add_tags())
        a["remove_tags"].triggered.connect(lambda: self.edits.remove_tags())
        a["add_to_list"].triggered.connect(lambda: self.edits.add_to_list())
        a["new_list"].triggered.connect(
            lambda: self.sidebar_menu.new_list(self.table.selected_ids())
        )
        a["move_up"].triggered.connect(lambda: self._move_in_list(-1))
        a["move_down"].triggered.connect(lambda: self._move_in_list(1))
        a["edit_title"].triggered.connect(self.edit_title)
        a["show_details"].triggered.connect(self.show_details)
        a["toggle_sidebar"].toggled.connect(self.sidebar.setVisible)
        a["toggle_details"].toggled.connect(self.details.setVisible)
        a["reset_layout"].triggered.connect(self.reset_layout)
        a["search_help"].triggered.connect(
            lambda: QMessageBox.information(self, "Search Syntax", SEARCH_HELP)
        )
        a["about"].triggered.connect(self.about)

        self.bus.changed.connect(self._after_change)
        self.sidebar.scope_selected.connect(self._on_scope)
        self.sidebar.papers_dropped_on_tag.connect(
            lambda ids, name: self.edits.add_tags([name], ids)
        )
        self.sidebar.papers_dropped_on_list.connect(
            lambda ids, list_id: self.edits.add_to_list(list_id, ids)
        )
        self.search_box.search_changed.connect(self._on_search)
        self.search_box.hint_changed.connect(self.search_hint.setText)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.table.doubleClicked.connect(self.show_details)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.model.modelReset.connect(self._update_list_actions)
        self.model.search_shown.connect(self._update_status)
        self.model.reorder_requested.connect(self._reorder)
        self.details.title_edited.connect(self.edits.set_title)
        self.details.tags_edited.connect(self.edits.set_tags)
        self.details.status_chosen.connect(lambda pid, s: self.edits.set_status(s, [pid]))
        self.welcome.import_samples.connect(self.importer.import_samples)
        self.welcome.import_files.connect(self.importer.import_files_dialog)

    # --- what is shown ----------------------------------------------------------------------

    def _on_scope(self, scope: Scope) -> None:
        self.model.set_view(scope=scope)
        self.actions["restore"].setEnabled(scope.kind == "trash")
        self._update_status()

    def _update_list_actions(self) -> None:
        in_list = self.model.scope().kind == "list"
        self.actions["move_up"].setEnabled(in_list)
        self.actions["move_down"].setEnabled(in_list)
        self.table.allow_reordering(self.model.is_reorderable())

    def _move_in_list(self, step: int) -> None:
        scope = self.model.scope()
        if scope.kind == "list":
            self.edits.move_in_list(int(scope.value), step)

    def _reorder(self, ids: list[int], before: int | None) -> None:
        scope = self.model.scope()
        if scope.kind == "list":
            self.edits.move_before(int(scope.value), ids, before)

    def _on_search(self, result: SearchResult) -> None:
        self.model.search_in_background(result)  # search_shown updates the status
        self._searching_note.start()

    def _note_searching(self) -> None:
        if self.model.loading():
            self.status_counts.setText("Searching…")

    def _after_change(self, changes: ChangeSet) -> None:
        self.model.apply_changes(changes)
        self.sidebar.refresh()
        if changes.tags or changes.membership:
            self.details.set_known_tags(tags.tag_names(self.lib))
        shown = self.details.paper_id()
        if shown is not None and (shown in changes.paper_ids or changes.membership):
            self.details.show_paper(get_paper(self.lib, shown))
        self.pages.setCurrentWidget(self.splitter if self._library_has_papers() else self.welcome)
        self._update_status()

    def _library_has_papers(self) -> bool:
        counts = self.sidebar.counts()
        return bool(counts.total or counts.trash)

    def _show_current(self) -> None:
        paper_id = self.table.current_id()
        self.details.show_paper(get_paper(self.lib, paper_id) if paper_id is not None else None)

    def _on_selection(self) -> None:
        self._update_status()

    def _update_status(self) -> None:
        counts = self.sidebar.counts()
        shown = self.model.rowCount()
        selected = len(self.table.selected_rows())
        parts = [
            f"{shown:,} shown",
            f"{counts.total:,} papers",
            f"{counts.by_status['unread']:,} unread",
        ]
        if selected:
            parts.append(f"{selected:,} selected")
        self.status_counts.setText("  ·  ".join(parts))

    def focus_search(self) -> None:
        """Put the cursor in the search box, with its text selected."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def show_details(self) -> None:
        """Show the current paper in the details pane and move the focus there."""
        self.actions["toggle_details"].setChecked(True)
        self._show_current()
        self.details.tags.setFocus()

    def edit_title(self) -> None:
        """Focus the title field of the current paper."""
        self.show_details()
        self.details.title.setFocus()
        self.details.title.selectAll()

    def _table_menu(self, position) -> None:
        menu = QMenu(self)
        add_actions(menu, self.actions, TABLE_MENU)
        scope = self.model.scope()
        if scope.kind == "list":
            list_id = int(scope.value)
            add_actions(menu, self.actions, [None, "move_up", "move_down"])
            menu.addAction("Remove from This List", lambda: self.edits.remove_from_list(list_id))
        add_actions(menu, self.actions, [None, "export_selection"])
        menu.addSeparator()
        menu.addAction(self.actions["restore" if scope.kind == "trash" else "trash"])
        menu.exec(self.table.viewport().mapToGlobal(position))

    # --- export ---------------------------------------------------------------------------------

    def export_view(self) -> None:
        """Export what the view shows (a reading list as the list itself, in its order)."""
        scope = self.model.scope()
        if scope.kind == "list" and not self.search_box.text().strip():
            self.export_list(self.sidebar.item_name(scope))
            return
        what = "the search results" if self.search_box.text().strip() else "the papers shown"
        self._export(what, ExportSource(ids=tuple(self.model.ids())))

    def export_selection(self) -> None:
        """Export the selected papers, in view order."""
        ids = self.table.selected_ids()
        what = "1 selected paper" if len(ids) == 1 else f"{len(ids)} selected papers"
        self._export(what, ExportSource(ids=tuple(ids)))

    def export_list(self, name: str) -> None:
        """Export a reading list in its own order."""
        self._export(f"the reading list “{name}”", ExportSource(list_name=name))

    def _export(self, what: str, source: ExportSource) -> None:
        run_export_dialog(self, self.library_path, self.lib, what, source, controller=self.exporter)

    # --- notes ----------------------------------------------------------------------------------

    def _save_note(self, paper_id: int, text: str) -> bool:
        try:
            changes, _old = edits.set_note(self.lib, paper_id, text)
        except LibraryError as exc:
            self.show_error(f"The note could not be saved yet (it is kept and retried): {exc}")
            return False
        self.statusBar().showMessage("Note saved", 1500)
        self.model.apply_changes(changes)
        return True

    # --- import ---------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.importer.import_paths(paths)
            event.acceptProposedAction()

    # --- window ---------------------------------------------------------------------------------

    def _become_read_only(self) -> None:
        """Nothing can change: every editing command off, the editors read-only, no drops."""
        self.setWindowTitle(f"{self.library_path.stem} (read-only) — Lectern")
        self.statusBar().showMessage(read_only_notice(self.lib))
        for key in READ_ONLY_OFF:
            self.actions[key].setEnabled(False)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.details.set_read_only(True)
        self.setAcceptDrops(False)
        self.sidebar.setAcceptDrops(False)
        self.table.allow_reordering(False)
        self.welcome.setEnabled(False)

    def _ready_for_maintenance(self) -> str:
        """Why maintenance must wait ("" when it need not): notes saved, no import running."""
        self.details.notes.flush()
        if self.importer.busy():
            return "An import is running; try again when it has finished."
        return ""

    def reload_library(self) -> None:
        """Show the library afresh (after a restore put a backup in its place)."""
        self.undo_stack.clear()  # its steps speak of the library as it was
        self._after_change(
            ChangeSet(membership=True, tags=True, lists=True, sources=True, notes=True)
        )

    def show_error(self, message: str) -> None:
        """Tell the user something could not be done (nothing was changed)."""
        QMessageBox.warning(self, "Lectern", escaped_rich_text(message))

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About Lectern",
            f"<b>Lectern {__version__}</b><p>A reading-list manager for research papers.</p>"
            f"<p>Library: {self.library_path}</p>",
        )

    def reset_layout(self) -> None:
        """Columns, panes and splitters back to how a new window has them."""
        self.table.reset_columns()
        self.splitter.setSizes(DEFAULT_SPLIT)
        self.actions["toggle_sidebar"].setChecked(True)
        self.actions["toggle_details"].setChecked(True)

    def _restore_settings(self) -> None:
        s = self.settings
        if isinstance(geometry := s.value("window/geometry"), QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state := s.value("window/state"), QByteArray):
            self.restoreState(state)
        if isinstance(sizes := s.value("window/splitter"), QByteArray):
            self.splitter.restoreState(sizes)
        if isinstance(columns := s.value("table/header"), QByteArray):
            self.table.horizontalHeader().restoreState(columns)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.actions["toggle_sidebar"].setChecked(s.value("window/sidebar", True, type=bool))
        self.actions["toggle_details"].setChecked(s.value("window/details", True, type=bool))

    def save_settings(self) -> None:
        """Remember geometry, panes and columns for the next start."""
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("table/header", self.table.horizontalHeader().saveState())
        s.setValue("window/sidebar", self.actions["toggle_sidebar"].isChecked())
        s.setValue("window/details", self.actions["toggle_details"].isChecked())
        s.setValue("library/last", str(self.library_path))
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.details.notes.flush()
        self.importer.cancel_and_wait()
        self.exporter.cancel_and_wait()
        self.view_loader.stop()
        self.save_settings()
        self.lib.close()
        super().closeEvent(event)
