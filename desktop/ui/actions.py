"""Every command of the window as a QAction: its text, shortcut, icon and tooltip in one table.

Menus, the toolbar and context menus all use these actions, so a shortcut shown in a menu
is the one that works everywhere. Standard key sequences are used where Qt has them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop.ui.icons import icon

Keys = QKeySequence.StandardKey | str | None


@dataclass(frozen=True)
class ActionSpec:
    key: str
    text: str
    shortcut: Keys = None
    icon: str | None = None
    tip: str = ""


SPECS = (
    ActionSpec(
        "import",
        "&Import Files…",
        QKeySequence.StandardKey.Open,
        "import",
        "Import listing files (profile pages, compact listings, abstract dumps)",
    ),
    ActionSpec(
        "import_samples",
        "Import &Sample Papers",
        None,
        None,
        "Import the sample listings that come with Lectern",
    ),
    ActionSpec(
        "import_clipboard",
        "Import from &Clipboard",
        "Ctrl+Shift+V",
        "clipboard",
        "Import a listing pasted from the clipboard",
    ),
    ActionSpec(
        "export",
        "&Export…",
        "Ctrl+E",
        None,
        "Export the papers shown (or the selection) to BibTeX, RIS, CSL-JSON, CSV, "
        "Markdown or HTML",
    ),
    ActionSpec(
        "export_selection", "Export &Selection…", "Ctrl+Shift+E", None, "Export the selected papers"
    ),
    ActionSpec("quit", "&Quit", QKeySequence.StandardKey.Quit),
    ActionSpec("find", "&Find", QKeySequence.StandardKey.Find, "search", "Search papers"),
    ActionSpec(
        "trash",
        "Move to &Trash",
        QKeySequence.StandardKey.Delete,
        "trash",
        "Move the selected papers to the Trash",
    ),
    ActionSpec(
        "restore",
        "&Restore from Trash",
        None,
        "restore",
        "Put the selected papers back in the library",
    ),
    ActionSpec(
        "empty_trash", "&Empty Trash…", None, None, "Delete the papers in the Trash for good"
    ),
    ActionSpec(
        "find_duplicates",
        "Find &Duplicates…",
        None,
        None,
        "List papers that are probably in the library twice, and merge them",
    ),
    ActionSpec(
        "mark_unread", "Mark &Unread", "Ctrl+1", "unread", "Mark the selected papers unread"
    ),
    ActionSpec(
        "mark_reading",
        "Mark Rea&ding",
        "Ctrl+2",
        "reading",
        "Mark the selected papers as being read",
    ),
    ActionSpec("mark_read", "Mark &Read", "Ctrl+3", "read", "Mark the selected papers read"),
    ActionSpec("toggle_read", "&Toggle Read", "Space", None, "Read ↔ unread for the selection"),
    ActionSpec("add_tags", "&Add Tags…", "Ctrl+T", "tag", "Tag the selected papers"),
    ActionSpec(
        "remove_tags",
        "Re&move Tags…",
        "Ctrl+Shift+T",
        "untag",
        "Remove tags from the selected papers",
    ),
    ActionSpec(
        "add_to_list",
        "Add to Reading &List…",
        "Ctrl+L",
        "list-add",
        "Add the selected papers to a reading list",
    ),
    ActionSpec(
        "new_list",
        "&New Reading List…",
        "Ctrl+Shift+N",
        "list",
        "Make a reading list (of the selected papers, if any)",
    ),
    ActionSpec("move_up", "Move &Up in List", "Alt+Up", None, "Move the selection up the list"),
    ActionSpec(
        "move_down", "Move Do&wn in List", "Alt+Down", None, "Move the selection down the list"
    ),
    ActionSpec("edit_title", "Edit &Title", "F2", None, "Edit the title of the current paper"),
    ActionSpec(
        "show_details", "Show &Details", "Return", None, "Open the paper in the details pane"
    ),
    ActionSpec("toggle_sidebar", "&Sidebar", "Ctrl+Shift+B"),
    ActionSpec("toggle_details", "&Details Pane", "Ctrl+Shift+D"),
    ActionSpec("reset_layout", "&Reset Layout"),
    ActionSpec("search_help", "&Search Syntax"),
    ActionSpec("about", "&About Lectern"),
)

# Shortcuts that must not steal keys from text fields: they act only in the paper table.
TABLE_ONLY = {"toggle_read", "show_details", "trash"}


def build_actions(window: QWidget, table: QWidget) -> dict[str, QAction]:
    """The window's actions, keyed by `ActionSpec.key`."""
    actions = {}
    for spec in SPECS:
        action = QAction(spec.text, table if spec.key in TABLE_ONLY else window)
        if spec.icon:
            action.setIcon(icon(spec.icon))
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.key in TABLE_ONLY:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            table.addAction(action)
        if spec.tip:
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{spec.tip} ({shortcut})" if shortcut else spec.tip)
            action.setStatusTip(spec.tip)
        actions[spec.key] = action
    actions["toggle_sidebar"].setCheckable(True)
    actions["toggle_details"].setCheckable(True)
    return actions
