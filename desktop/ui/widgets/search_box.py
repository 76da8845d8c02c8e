"""The search box: filters as you type, and never fails on what is typed.

Typing is compiled forgivingly (`forgiving_where_clause`): half-typed quotes or stray
operators still filter, and the box says in a short hint what it did instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

from desktop.library.search import SearchResult, forgiving_where_clause

from desktop.ui.icons import icon

SEARCH_HELP = (
    "Search title, authors, abstract, tags and notes.\n"
    'Field terms: author:  tag:  status:read  cat:LG  year:2020  year:2019..2021  "a phrase"\n'
    "has:code  has:note  -word excludes  a or b  (grouping)"
)


class SearchBox(QLineEdit):
    """A QLineEdit that publishes a compiled search shortly after typing pauses."""

    search_changed = Signal(object)  # SearchResult
    hint_changed = Signal(str)  # "" when the text was read as typed

    DEBOUNCE_MS = 120

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.setAccessibleName("Search papers")
        self.setPlaceholderText("Search papers  (Ctrl+F)")
        self.setToolTip(SEARCH_HELP)
        self.setClearButtonEnabled(True)
        self.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self._timer = QTimer(self, singleShot=True, interval=self.DEBOUNCE_MS)
        self._timer.timeout.connect(self.apply_now)
        self.textChanged.connect(self._timer.start)
        self._hint = ""

    def apply_now(self) -> SearchResult:
        """Compile the current text and announce it (tests and Enter use this directly)."""
        self._timer.stop()
        result = forgiving_where_clause(self.text())
        hint = result.hint or ""
        if hint != self._hint:
            self._hint = hint
            self.setProperty("hasHint", bool(hint))
            self.hint_changed.emit(hint)
        self.search_changed.emit(result)
        return result

    def hint(self) -> str:
        """What the box last said about the text ("" when it was read as typed)."""
        return self._hint

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.apply_now()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.apply_now()
            return
        super().keyPressEvent(event)
