"""The window's menu bar and toolbar, laid out from its actions.

Every entry is an action from `desktop.ui.actions` (or the undo stack), so menus, the
toolbar and context menus show the same text, icon and shortcut.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QMainWindow, QMenu, QToolBar, QWidget

from desktop.ui.models.paper_table import COLUMNS

FILE = ["import", "import_clipboard", "import_samples", None, "export", "export_selection",
        None, "check_library", "backup_now", "restore_backup", None, "quit"]  # fmt: skip
EDIT = ["find", "import_clipboard", None, "trash", "restore", "empty_trash", None,
        "find_duplicates"]  # fmt: skip
PAPER = ["mark_unread", "mark_reading", "mark_read", "toggle_read", None,
         "add_tags", "remove_tags", None, "add_to_list", "new_list", "move_up", "move_down",
         None, "edit_title", "show_details"]  # fmt: skip
TABLE_MENU = ["mark_unread", "mark_reading", "mark_read", None,
              "add_tags", "remove_tags", "add_to_list", None, "edit_title"]  # fmt: skip
TOOLBAR = ["import", "import_clipboard", None, "mark_unread", "mark_reading", "mark_read",
           None, "add_tags", "add_to_list", "trash"]  # fmt: skip


def add_actions(menu: QMenu | QToolBar, actions: dict[str, QAction], keys: Sequence[str | None]):
    """Add the actions named by ``keys`` in order; None is a separator."""
    for key in keys:
        if key is None:
            menu.addSeparator()
        else:
            menu.addAction(actions[key])


def build_menu_bar(
    window: QMainWindow, actions: dict[str, QAction], undo: QAction, redo: QAction,
    header: QHeaderView,
) -> None:  # fmt: skip
    """File, Edit, Paper, View (with a Columns menu over ``header``) and Help."""
    bar = window.menuBar()
    add_actions(bar.addMenu("&File"), actions, FILE)
    edit = bar.addMenu("&Edit")
    edit.addActions([undo, redo])
    edit.addSeparator()
    add_actions(edit, actions, EDIT)
    add_actions(bar.addMenu("&Paper"), actions, PAPER)
    view = bar.addMenu("&View")
    add_actions(view, actions, ["toggle_sidebar", "toggle_details"])
    _columns_menu(view.addMenu("&Columns"), header)
    add_actions(view, actions, [None, "reset_layout"])
    add_actions(bar.addMenu("&Help"), actions, ["search_help", "about"])


def _columns_menu(menu: QMenu, header: QHeaderView) -> None:
    """One checkable entry per column; ticks follow the header each time the menu opens."""
    for logical, column in enumerate(COLUMNS):
        action = menu.addAction(column.header)
        action.setCheckable(True)
        action.toggled.connect(lambda on, i=logical: header.setSectionHidden(i, not on))

    def sync() -> None:
        for logical, action in enumerate(menu.actions()):
            action.setChecked(not header.isSectionHidden(logical))

    sync()
    menu.aboutToShow.connect(sync)


def build_toolbar(
    window: QMainWindow, actions: dict[str, QAction], search: Sequence[QWidget]
) -> QToolBar:
    """The main toolbar: the common commands, then the search box and its hint."""
    toolbar = QToolBar("Main")
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    add_actions(toolbar, actions, [*TOOLBAR, None])
    for widget in search:
        toolbar.addWidget(widget)
    window.addToolBar(toolbar)
    return toolbar
