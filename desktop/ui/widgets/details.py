"""The details pane: one paper in full, with its title, tags, status and notes editable."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.library.papers import STATUSES, Paper

from desktop.ui.links import open_web_link
from desktop.ui.widgets.notes_editor import NotesEditor, safe_browser
from desktop.ui.widgets.tag_editor import TagEditor
from desktop.ui.widgets.title_edit import TitleEdit

STATUS_LABELS = {"unread": "Unread", "reading": "Reading", "read": "Read"}


def format_date(iso: str | None, inferred: bool) -> str:
    """ "Oct 25, 2017", or "May 28, 2026 (year inferred)"; empty when there is no date."""
    if not iso:
        return ""
    day = date.fromisoformat(iso)
    text = f"{day:%b} {day.day}, {day.year}"
    return f"{text} (year inferred)" if inferred else text


def _links(urls: list[str]) -> str:
    return "<br>".join(
        f'<a href="{html.escape(url, quote=True)}">{html.escape(url)}</a>' for url in urls
    )


class DetailsPane(QWidget):
    """Shows `Paper`s; announces edits, and leaves doing them to the window."""

    title_edited = Signal(int, str)
    tags_edited = Signal(int, list)
    status_chosen = Signal(int, str)

    def __init__(self, save_note: Callable[[int, str], bool], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsPane")
        self.setAccessibleName("Paper details")
        self._paper: Paper | None = None

        self.title = TitleEdit()
        self.title.edited.connect(self._on_title_edited)

        self.authors = self._label("Authors")
        self.meta = self._label("Date and category")
        self.affiliation = self._label("Affiliation")
        self.links = self._label("Code and links")
        self.links.setTextFormat(Qt.TextFormat.RichText)
        self.links.setOpenExternalLinks(False)
        self.links.linkActivated.connect(open_web_link)
        self.sources = self._label("Sources")

        self.status = QComboBox()
        self.status.setObjectName("statusSelector")
        self.status.setAccessibleName("Read status")
        for status in STATUSES:
            self.status.addItem(STATUS_LABELS[status], status)
        self.status.activated.connect(self._on_status_chosen)

        self.tags = TagEditor()
        self.tags.tags_edited.connect(self._on_tags_edited)

        self.abstract = safe_browser()
        self.abstract.setAccessibleName("Abstract")

        self.notes = NotesEditor(save_note)

        self._empty = QLabel("Select a paper to see its details.")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setEnabled(False)
        self._build_layout()
        self.show_paper(None)

    def _label(self, name: str) -> QLabel:
        label = QLabel()
        label.setAccessibleName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # imported text is never read as HTML
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        return label

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Status", self.status)
        form.addRow("Tags", self.tags)
        header = QWidget()
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(8, 8, 8, 4)
        for widget in (self.title, self.authors, self.meta, self.affiliation, self.links):
            header_layout.addWidget(widget)
        header_layout.addLayout(form)
        header_layout.addWidget(self.sources)
        header_layout.addStretch()  # keep the fields together at the top
        scroll = QScrollArea()
        scroll.setWidget(header)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("detailsSplitter")
        split.addWidget(scroll)
        split.addWidget(self.abstract)
        split.addWidget(self.notes)
        split.setStretchFactor(1, 2)
        split.setStretchFactor(2, 2)
        self._content = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._empty)
        layout.addWidget(split)

    def paper_id(self) -> int | None:
        """The paper shown, if any."""
        return self._paper.id if self._paper else None

    def show_paper(self, paper: Paper | None) -> None:
        """Show ``paper`` (None: nothing selected). Unsaved note text is saved first."""
        self.notes.show_note(paper.id if paper else None, paper.note if paper else "")
        self._paper = paper
        self._empty.setVisible(paper is None)
        self._content.setVisible(paper is not None)
        if paper is None:
            return
        if not self.title.hasFocus():
            self.title.show_title(paper.title or "")
        authors = ", ".join(paper.authors) + (" et al." if paper.et_al else "")
        self.authors.setText(authors or "Authors not given")
        meta = [format_date(paper.date, paper.date_inferred), paper.category]
        self.meta.setText("  ·  ".join(part for part in meta if part))
        self.affiliation.setText(paper.affiliation)
        self.affiliation.setVisible(bool(paper.affiliation))
        self.links.setText(_links(paper.code_urls))
        self.links.setVisible(bool(paper.code_urls))
        self.sources.setText("From " + ", ".join(paper.sources) if paper.sources else "")
        if paper.lists:
            self.sources.setText(f"{self.sources.text()}\nOn lists: {', '.join(paper.lists)}")
        self.status.setCurrentIndex(STATUSES.index(paper.status))
        if not self.tags.hasFocus():
            self.tags.show_tags(paper.tags)
        self.abstract.setPlainText(paper.abstract or "No abstract.")

    def set_read_only(self, read_only: bool) -> None:
        """Show papers without letting them be changed (a library opened read-only)."""
        self.title.setReadOnly(read_only)
        self.tags.setReadOnly(read_only)
        self.status.setEnabled(not read_only)
        self.notes.editor.setReadOnly(read_only)

    def set_known_tags(self, names: list[str]) -> None:
        """The tags the tag editor completes from."""
        self.tags.set_known_tags(names)

    def _on_title_edited(self, title: str) -> None:
        if self._paper is not None and title != (self._paper.title or ""):
            self.title_edited.emit(self._paper.id, title)

    def _on_tags_edited(self, names: list[str]) -> None:
        if self._paper is not None:
            self.tags_edited.emit(self._paper.id, names)

    def _on_status_chosen(self, index: int) -> None:
        if self._paper is not None and STATUSES[index] != self._paper.status:
            self.status_chosen.emit(self._paper.id, STATUSES[index])
