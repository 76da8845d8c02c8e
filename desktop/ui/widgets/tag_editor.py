"""A line of comma-separated tags, completing each one from the tags the library has."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit


def split_tags(text: str) -> list[str]:
    """The tags in "a, b ,, c": stripped, blanks dropped, first spelling of a repeat kept."""
    seen: dict[str, str] = {}
    for part in text.split(","):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


class _LastTagCompleter(QCompleter):
    """Completes the tag after the last comma, keeping the ones before it."""

    def splitPath(self, path: str) -> list[str]:
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index) -> str:
        head = self.widget().text().rsplit(",", 1)
        chosen = super().pathFromIndex(index)
        return f"{head[0]}, {chosen}, " if len(head) == 2 else f"{chosen}, "


class TagEditor(QLineEdit):
    """Edits one paper's tags; `tags_edited` carries the whole new list when editing ends."""

    tags_edited = Signal(list)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("tagEditor")
        self.setAccessibleName("Tags")
        self.setPlaceholderText("Add tags, separated by commas")
        self._names = QStringListModel(self)
        completer = _LastTagCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.setCompleter(completer)
        self._shown: list[str] = []
        self.editingFinished.connect(self._commit)

    def set_known_tags(self, names: list[str]) -> None:
        """The tags offered for completion."""
        self._names.setStringList(names)

    def show_tags(self, names: list[str]) -> None:
        """Show a paper's tags (without announcing an edit)."""
        self._shown = list(names)
        self.setText(", ".join(names))

    def _commit(self) -> None:
        names = split_tags(self.text())
        if [n.casefold() for n in names] != [n.casefold() for n in self._shown]:
            self._shown = names
            self.tags_edited.emit(names)
        self.setText(", ".join(names))
