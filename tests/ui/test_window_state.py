"""A proper desktop window: object names, shortcuts in menus, layout remembered, icons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QTableView, QTreeWidget, QWidget

from desktop.ui.models.paper_table import COLUMNS

CONTRACT = {
    "paperTable": QTableView,
    "searchBox": QLineEdit,
    "sidebar": QTreeWidget,
    "detailsPane": QWidget,
    "notesEditor": QPlainTextEdit,
    "tagEditor": QLineEdit,
    "statusSelector": QComboBox,
}


def test_main_widgets_have_their_object_names_and_accessible_names(window):
    for name, kind in CONTRACT.items():
        widget = window.findChild(kind, name)
        assert widget is not None, name
        assert widget.accessibleName(), name


def test_every_menu_action_has_a_shortcut_or_is_rare(window):
    shortcuts = {
        action.text().replace("&", ""): action.shortcut().toString()
        for menu in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu()))
        for action in menu.actions()
        if not action.isSeparator() and action.menu() is None
    }
    assert shortcuts["Undo"] == QKeySequence("Ctrl+Z").toString()
    assert shortcuts["Find"] == QKeySequence(QKeySequence.StandardKey.Find).toString()
    assert shortcuts["Mark Read"] == "Ctrl+3"
    assert shortcuts["Import from Clipboard"] == "Ctrl+Shift+V"
    assert shortcuts["Add Tags…"] == "Ctrl+T"


def test_columns_and_panes_are_remembered(open_window, library_path):
    first = open_window(library_path)
    header = first.table.horizontalHeader()
    authors = [c.key for c in COLUMNS].index("authors")
    tags = [c.key for c in COLUMNS].index("tags")
    header.setSectionHidden(tags, True)
    header.moveSection(header.visualIndex(authors), 0)
    header.resizeSection(authors, 333)
    header.setSortIndicator(authors, Qt.SortOrder.AscendingOrder)
    first.actions["toggle_details"].setChecked(False)
    first.close()

    second = open_window(library_path)
    header = second.table.horizontalHeader()
    assert header.isSectionHidden(tags)
    assert header.visualIndex(authors) == 0
    assert header.sectionSize(authors) == 333
    assert header.sortIndicatorSection() == authors
    assert second.model.sort_key() == ("authors", False)
    assert not second.details.isVisibleTo(second)


def test_reset_layout_brings_everything_back(seeded_window):
    window = seeded_window
    header = window.table.horizontalHeader()
    header.setSectionHidden(1, True)
    window.actions["toggle_sidebar"].setChecked(False)
    window.reset_layout()
    assert not header.isSectionHidden(1)
    assert window.sidebar.isVisibleTo(window)


def test_icons_render_sharp_at_high_dpi(window):
    icon = window.actions["mark_read"].icon()
    pixmap = icon.pixmap(32, 32)
    big = icon.pixmap(128, 128)
    assert not pixmap.isNull() and big.width() == 128
    image = big.toImage()
    assert any(image.pixelColor(x, 64).alpha() > 0 for x in range(128))  # drawn, not blank
