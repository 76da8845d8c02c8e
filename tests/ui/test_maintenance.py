"""Check, back up and restore from the window; the second-window question; a killed window.

The controller is tested on a real window and library, with the dialogs answered by the
test. The last test runs a window in its own process, types a note, lets the autosave
pause pass, kills the process with SIGKILL and finds the note on restart.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.library import edits
from desktop.library.backup import backup_now, list_backups
from desktop.library.papers import get_paper
from desktop.library.store import open_library
from tests.conftest import REPO

from desktop.ui.maintenance import (
    MaintenanceController,
    ask_open_read_only,
    choose_backup,
    read_only_notice,
)


class Boxes:
    """Message boxes answered by the test: ``shown`` holds (kind, text); questions get
    ``answer``."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes

    def box(self, kind: str):
        def show(_parent, _title, text, *args, **kwargs):
            self.shown.append((kind, text))
            return self.answer

        return show


@pytest.fixture
def boxes(monkeypatch) -> Boxes:
    answered = Boxes()
    for kind in ("information", "warning", "question"):
        monkeypatch.setattr(QMessageBox, kind, answered.box(kind))
    return answered


@pytest.fixture
def restored() -> list[bool]:
    """Calls of the window's reload hook."""
    return []


@pytest.fixture
def controller(seeded_window, restored: list[bool]) -> MaintenanceController:
    return MaintenanceController(
        seeded_window, lambda: seeded_window.lib, on_restored=lambda: restored.append(True)
    )


def test_check_library_reports_in_plain_words(controller, seeded_window, boxes):
    seeded_window.lib.db.execute("DELETE FROM papers_fts WHERE rowid = 5")
    assert controller.check()
    [(kind, text)] = boxes.shown
    assert kind == "information"
    assert "disagreed with the library for 1 paper; it was rebuilt" in text
    assert controller.actions["check_library"].text() == "Check &Library…"


def test_back_up_now_says_where(controller, seeded_window, boxes):
    made = controller.back_up()
    assert made is not None and made.path.exists()
    assert boxes.shown == [("information", f"The library was backed up to\n{made.path}")]


def test_restore_picks_confirms_restores_and_lets_the_window_reload(
    controller, seeded_window, boxes, restored
):
    lib = seeded_window.lib
    edits.set_note(lib, 1, "before")
    before = controller.back_up()
    edits.set_note(lib, 1, "after")
    controller.choose_backup = lambda _parent, backups: next(
        b for b in backups if b.path == before.path
    )
    assert controller.restore()
    assert get_paper(lib, 1).note == "before"
    assert restored == [True]
    kinds = [kind for kind, _text in boxes.shown]
    assert kinds == ["information", "question", "information"]
    assert "as it is now is backed up first" in boxes.shown[1][1]
    assert "kept as the backup" in boxes.shown[2][1]
    assert any(b.reason == "before-restore" for b in list_backups(lib.path))


def test_restore_cancelled_at_either_question_changes_nothing(
    controller, seeded_window, boxes, restored
):
    lib = seeded_window.lib
    controller.back_up()
    edits.set_note(lib, 1, "kept")
    controller.choose_backup = lambda _parent, _backups: None
    assert not controller.restore()
    controller.choose_backup = lambda _parent, backups: backups[0]
    boxes.answer = QMessageBox.StandardButton.Cancel
    assert not controller.restore()
    assert get_paper(lib, 1).note == "kept" and restored == []


def test_restore_waits_while_the_window_is_busy(seeded_window, boxes):
    controller = MaintenanceController(
        seeded_window,
        lambda: seeded_window.lib,
        on_restored=lambda: None,
        ready=lambda: "An import is running; try again when it ends.",
    )
    controller.choose_backup = lambda _parent, backups: backups[0]
    assert controller.back_up() is None
    edits.set_note(seeded_window.lib, 1, "kept")
    assert not controller.restore()  # no backups yet: said so
    assert boxes.shown[0] == ("information", "An import is running; try again when it ends.")


def test_read_only_library_offers_no_restore(qtbot, seeded_path: Path, boxes):
    lib = open_library(seeded_path, read_only=True)
    parent = QWidget()
    qtbot.addWidget(parent)
    controller = MaintenanceController(parent, lambda: lib, on_restored=lambda: None)
    assert not controller.actions["restore_backup"].isEnabled()
    assert read_only_notice(lib).startswith("Read-only: it was opened for reading only.")
    assert controller.check()
    lib.close()


def test_backup_chooser_lists_newest_first_and_returns_the_pick(seeded_window):
    first, second = backup_now(seeded_window.lib), backup_now(seeded_window.lib)
    backups = list_backups(seeded_window.library_path)

    def pick(row: int) -> None:
        dialog = QApplication.activeModalWidget()
        dialog.findChild(QWidget, "backupList").setCurrentRow(row)
        dialog.accept()

    QTimer.singleShot(0, lambda: pick(0))
    assert choose_backup(seeded_window, backups) == backups[0]
    QTimer.singleShot(0, lambda: pick(backups.index(first)))
    assert choose_backup(seeded_window, backups).path == first.path
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert choose_backup(seeded_window, backups) is None
    assert backups.index(second) < backups.index(first)


def test_second_window_question(boxes, tmp_path: Path):
    boxes.answer = QMessageBox.StandardButton.Open
    assert ask_open_read_only(None, tmp_path / "library.sqlite")
    assert boxes.shown[0][1].startswith(
        "This library is open in another Lectern window. Open it read-only?"
    )
    boxes.answer = QMessageBox.StandardButton.Cancel
    assert not ask_open_read_only(None, tmp_path / "library.sqlite")


TYPIST = """
import sys
from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from desktop.ui.app import make_application
from desktop.ui.main_window import MainWindow
from desktop.ui.widgets.notes_editor import AUTOSAVE_MS
app = make_application([sys.argv[0]])
window = MainWindow(sys.argv[1], settings=QSettings(sys.argv[2], QSettings.Format.IniFormat))
window.show()
paper = window.model.paper_id(0)
window.table.select_ids([paper], paper)
QTest.keyClicks(window.details.notes.editor, sys.argv[3])
QTest.qWait(AUTOSAVE_MS + 400)  # the pause after typing passes, so the note saves itself
print(paper, flush=True)
QTest.qWait(60_000)  # killed here, long before this ends
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_note_typed_then_killed_after_the_pause_is_there_on_restart(
    qtbot, open_window, seeded_path: Path, settings_path: Path
):
    typed = "Typed, then the power went out (well, SIGKILL)."
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            TYPIST,
            str(seeded_path),
            str(settings_path),
            typed,
        ],
        env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        paper = int(child.stdout.readline())
    finally:
        child.send_signal(signal.SIGKILL)
        _out, err = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, err

    again = open_window(seeded_path)
    again.table.select_ids([paper], paper)
    assert again.details.notes.editor.toPlainText() == typed
    assert get_paper(again.lib, paper).note == typed
