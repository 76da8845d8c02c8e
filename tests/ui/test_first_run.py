"""A new user: an empty library explains itself, and the samples come in with one click."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableView, QTextBrowser

from tests.conftest import SEED_FILES
from tests.ui.conftest import wait_for_import


def test_empty_library_offers_the_samples_and_imports_them(qtbot, window):
    assert window.pages.currentWidget() is window.welcome
    button = window.findChild(QPushButton, "importSamplesButton")
    assert button.isVisible()

    reports, failures, cancelled = wait_for_import(
        qtbot, window, lambda: qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    )

    assert (sum(r.added for r in reports), failures, cancelled) == (80, [], False)
    assert window.pages.currentWidget() is window.splitter
    table = window.findChild(QTableView, "paperTable")
    assert table.model().rowCount() == 80
    counts = window.sidebar.counts()
    assert (counts.total, counts.by_status["unread"]) == (80, 80)
    assert "80 papers" in window.status_counts.text()


def test_import_runs_off_the_gui_thread_and_reports_bad_files(qtbot, window, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("Dear diary, nothing to see.\n", encoding="utf-8")

    reports, failures, _ = wait_for_import(
        qtbot, window, lambda: window.importer.import_paths([bad, SEED_FILES[2]])
    )
    assert [r.added for r in reports] == [4]
    assert [f.name for f in failures] == ["notes.txt"]
    assert "notes.txt" in failures[0].message
    assert window.model.rowCount() == 4


def test_the_report_dialog_says_what_happened(qtbot, window, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    window.importer.show_report = True
    wait_for_import(qtbot, window, lambda: window.importer.import_paths([SEED_FILES[2], bad]))
    dialog = window.importer.last_report
    assert dialog is not None and dialog.isVisible()
    text = dialog.findChild(QTextBrowser).toPlainText()
    assert "4 added, 0 already in the library" in text
    assert SEED_FILES[2].name in text
    assert "empty.txt could not be read" in text
    dialog.close()


def test_dropping_files_on_the_window_imports_them(qtbot, window):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SEED_FILES[0])), QUrl.fromLocalFile(str(SEED_FILES[2]))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    reports, failures, _ = wait_for_import(qtbot, window, lambda: window.dropEvent(event))
    assert ([r.added for r in reports], failures) == ([7, 4], [])
    assert window.model.rowCount() == 11
