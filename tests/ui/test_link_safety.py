"""Imported text and notes never become something that runs or reaches out.

Links open only for http(s), only when clicked. The notes preview and the details pane
load nothing: no local file, no remote image. Text from a listing is shown as text, never
read as HTML (which could pull in ``<img src="file:///...">``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage, Qt, QTextDocument

from desktop.library.importing import import_bytes
from desktop.library.papers import Paper
from desktop.library.views import Scope

from desktop.ui import links
from desktop.ui.models.paper_table import PaperTableModel
from desktop.ui.widgets.details import DetailsPane
from desktop.ui.widgets.notes_editor import NotesEditor

REFUSED = [
    "javascript:alert(1)",
    "file:///etc/passwd",
    "data:text/html,<script>alert(1)</script>",
    "mailto:someone@example.org",
    "ftp://example.org/file",
    "smb://server/share",
    "http:///no-host",
    "/etc/passwd",
    "",
]


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """URLs handed to the system browser (none really is)."""
    handed: list[str] = []
    monkeypatch.setattr(
        links.QDesktopServices, "openUrl", lambda url: handed.append(url.toString()) or True
    )
    return handed


@pytest.mark.parametrize("url", REFUSED)
def test_only_web_links_open(opened: list[str], url: str):
    assert links.open_web_link(url) is False
    assert links.open_web_link(QUrl(url)) is False
    assert opened == []


def test_web_links_open_in_the_system_browser(opened: list[str]):
    assert links.open_web_link("https://github.com/x/y")
    assert links.open_web_link(QUrl("HTTP://Example.org/a"))
    assert opened == ["https://github.com/x/y", "http://example.org/a"]


def test_clicked_links_in_notes_and_details_go_through_the_filter(qtbot, opened: list[str]):
    notes = NotesEditor(lambda _id, _text: True)
    pane = DetailsPane(lambda _id, _text: True)
    qtbot.addWidget(notes)
    qtbot.addWidget(pane)
    for url in ("javascript:alert(1)", "file:///etc/passwd", "https://example.org/ok"):
        notes.preview.anchorClicked.emit(QUrl(url))
        pane.links.linkActivated.emit(url)
    assert opened == ["https://example.org/ok", "https://example.org/ok"]
    assert notes.preview.source().isEmpty()  # the preview itself never navigates


@pytest.fixture
def local_image(tmp_path: Path) -> QUrl:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    path = tmp_path / "private.png"
    image.save(str(path))
    return QUrl.fromLocalFile(str(path))


def test_notes_preview_reads_no_local_file(qtbot, local_image: QUrl):
    notes = NotesEditor(lambda _id, _text: True)
    qtbot.addWidget(notes)
    notes.show()
    notes.show_note(1, f"![x]({local_image.toString()}) <img src='{local_image.toString()}'>")
    notes.setCurrentWidget(notes.preview)
    notes.preview.grab()  # lay out and paint, which is when images are fetched
    document = notes.preview.document()
    image = document.resource(QTextDocument.ResourceType.ImageResource, local_image)
    assert image is None or image.isNull()


def shown_text(label) -> str:
    """What a reader sees in a label: its text as plain text, or rendered as HTML."""
    as_html = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(label.text())
    )
    if not as_html:
        return label.text()
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()


def test_imported_text_in_the_details_pane_is_shown_as_text(qtbot, local_image: QUrl):
    pane = DetailsPane(lambda _id, _text: True)
    qtbot.addWidget(pane)
    hostile = f"<img src='{local_image.toString()}'><b>MIT</b>"
    paper = Paper(
        id=1, title="T", authors=[hostile], et_al=False, affiliation=hostile, category="LG",
        date=None, date_inferred=False, has_code=False, code_urls=[], abstract=hostile,
        status="unread",
    )  # fmt: skip
    pane.show_paper(paper)
    assert shown_text(pane.affiliation) == hostile
    assert hostile in shown_text(pane.authors)
    assert pane.abstract.toPlainText() == hostile


def shown_tooltip(text: str) -> str:
    """What QToolTip shows for ``text``: it renders anything that looks like HTML."""
    if not Qt.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def test_imported_text_in_tooltips_is_shown_as_text(lib, local_image: QUrl):
    hostile = f"<img src='{local_image.toString()}'>Title"
    listing = f"CLOct 25, 2017\n{hostile}Ada Lovelace\nAn abstract.\n".encode()
    import_bytes(lib, listing, name="hostile.txt")
    model = PaperTableModel(lib)
    model.set_view(Scope())
    tips = [
        model.data(model.index(0, column), Qt.ItemDataRole.ToolTipRole)
        for column in range(model.columnCount())
    ]
    assert hostile in [shown_tooltip(tip) for tip in tips if tip]
