"""Notes: Markdown typed on one tab, rendered by Qt on the other, saved without a button.

A note is saved a moment after typing pauses, when another paper is shown, and when the
window closes (`flush`). The preview loads nothing from outside: no remote images, no
files; links in it open only http(s), and only when clicked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QTimer, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QTabWidget, QTextBrowser

from desktop.ui.links import open_web_link

AUTOSAVE_MS = 800


class _QuietBrowser(QTextBrowser):
    """A text browser that fetches no resource (images, style sheets) from anywhere."""

    def loadResource(self, kind: int, name: QUrl) -> object:
        # An empty resource, not None: given nothing, QTextDocument would go and read a
        # local file by itself.
        if kind == QTextDocument.ResourceType.ImageResource:
            return QImage()
        return QByteArray()


def safe_browser(parent=None) -> QTextBrowser:
    """A read-only rich-text view whose links open only on click, and only for the web."""
    browser = _QuietBrowser(parent)
    browser.setOpenLinks(False)
    browser.setOpenExternalLinks(False)
    browser.anchorClicked.connect(open_web_link)
    return browser


class NotesEditor(QTabWidget):
    """Write / Preview tabs for one paper's note.

    ``save(paper_id, text)`` stores a note and returns False when it could not; the text
    then stays unsaved and is tried again at the next pause, switch or close.
    """

    def __init__(self, save: Callable[[int, str], bool], parent=None) -> None:
        super().__init__(parent)
        self._save = save
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("notesEditor")
        self.editor.setAccessibleName("Notes")
        self.editor.setPlaceholderText("Notes in Markdown. They save themselves as you type.")
        self.editor.setTabChangesFocus(True)
        self.preview = safe_browser()
        self.preview.setAccessibleName("Notes preview")
        self.addTab(self.editor, "Write")
        self.addTab(self.preview, "Preview")
        self.currentChanged.connect(self._render_if_previewing)
        self._paper_id: int | None = None
        self._saved = ""  # the text last handed to the library for the paper shown
        self._pending: dict[int, str] = {}  # notes whose save failed, kept until one works
        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)
        self.editor.textChanged.connect(self._on_typed)

    def show_note(self, paper_id: int | None, text: str) -> None:
        """Save what was typed for the paper shown so far, then show this paper's note."""
        self.flush()
        text = self._pending.get(paper_id, text) if paper_id is not None else text
        if paper_id == self._paper_id and self.editor.toPlainText() == text:
            return
        self._paper_id = paper_id
        self._saved = text
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self.editor.setEnabled(paper_id is not None)
        self._render_if_previewing()

    def has_unsaved_text(self) -> bool:
        """True while anything typed has not reached the library."""
        typing = self._paper_id is not None and self.editor.toPlainText() != self._saved
        return typing or bool(self._pending)

    def flush(self) -> None:
        """Save now whatever typed text is unsaved, including earlier failed saves."""
        self._timer.stop()
        if self._paper_id is not None and self.editor.toPlainText() != self._saved:
            self._saved = self.editor.toPlainText()
            self._pending[self._paper_id] = self._saved
        for paper_id, text in list(self._pending.items()):
            if self._save(paper_id, text):
                del self._pending[paper_id]

    def _on_typed(self) -> None:
        self._timer.start()

    def _render_if_previewing(self) -> None:
        if self.currentWidget() is self.preview:
            self.preview.document().setMarkdown(
                self.editor.toPlainText(), QTextDocument.MarkdownFeature.MarkdownDialectGitHub
            )
