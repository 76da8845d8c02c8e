"""Windows on temporary libraries, with their own settings file, for pytest-qt tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from tests.conftest import IMPORT_DAY
from tests.perf.probes import wait_for_view


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def open_window(qtbot, settings_path: Path):
    """Builds windows the way the app does, on any library, with settings kept per test."""
    from desktop.ui.main_window import MainWindow

    windows = []

    def make(library: Path) -> MainWindow:
        settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
        window = MainWindow(library, settings=settings, today=IMPORT_DAY)
        window.importer.show_report = False  # tests read the reports from the signal
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def window(open_window, library_path: Path):
    """A window on a new, empty library."""
    return open_window(library_path)


@pytest.fixture
def seeded_window(open_window, seeded_path: Path):
    """A window on a library holding the 80 sample papers."""
    return open_window(seeded_path)


def type_search(window, text: str) -> None:
    """Put ``text`` in the search box and wait until the table shows its view (the view
    of a typed search is read off the GUI thread)."""
    window.search_box.setText(text)
    window.search_box.apply_now()
    wait_for_view(QApplication.instance(), window.model, timeout=10)


def few_rows_on_screen(window) -> None:
    """Show five rows, so that a view of a dozen papers scrolls."""
    table = window.table
    table.setFixedHeight(table.horizontalHeader().height() + 5 * table.rowHeight(0) + 2)


def wait_for_import(qtbot, window, start) -> list:
    """Run ``start()`` and wait for the import it begins; returns (reports, failures, cancelled)."""
    with qtbot.waitSignal(window.importer.finished, timeout=60_000) as blocker:
        assert start() is not False
    return blocker.args


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch):
    """A modal box nobody clicks would hang the suite: make an unexpected one fail the test.

    Tests that expect a box patch the same function again with their own answer.
    """
    from PySide6.QtWidgets import QMessageBox

    def unexpected(*args, **kwargs):
        texts = [a for a in args if isinstance(a, str)]
        raise AssertionError(f"unexpected message box: {texts}")

    for name in ("warning", "critical", "question", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
