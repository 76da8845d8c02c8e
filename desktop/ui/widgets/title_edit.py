"""A paper's title, shown large and wrapped, and edited in place."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTextOption
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QSizePolicy


class TitleEdit(QPlainTextEdit):
    """Wraps like a heading; Enter or leaving the field commits, Escape puts the title back."""

    edited = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("titleEdit")
        self.setAccessibleName("Title")
        self.setPlaceholderText("No title. Type one here")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.setFont(font)
        self.viewport().setAutoFillBackground(False)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._shown = ""
        self._fit_height()

    def show_title(self, title: str) -> None:
        """Show a title (without announcing an edit)."""
        self._shown = title
        self.setPlainText(title)
        self._fit_height()

    def text(self) -> str:
        """The title as typed, on one line."""
        return " ".join(self.toPlainText().split())

    def _commit(self) -> None:
        if self.text() != self._shown:
            self._shown = self.text()
            self.edited.emit(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._commit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.setPlainText(self._shown)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._commit()
        super().focusOutEvent(event)

    def _fit_height(self) -> None:
        # a plain-text document measures its height in lines
        lines = max(1, round(self.document().size().height()))
        height = lines * self.fontMetrics().lineSpacing()
        margins = self.contentsMargins()
        self.setFixedHeight(height + margins.top() + margins.bottom() + 10)
