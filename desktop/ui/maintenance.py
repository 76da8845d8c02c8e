"""Looking after the library from the window: check it, back it up, put a backup back.

The window makes one `MaintenanceController`, puts its ``actions`` in a menu, and gives it
two hooks: ``ready()`` runs before a backup or restore (save the note being typed; say why
not now, e.g. while an import runs) and ``on_restored()`` runs after a restore (the
library's content changed under every view: refresh them all and clear the undo history,
whose steps belong to the library as it was). `ask_open_read_only` is the question a
second window asks when another Lectern window has the library.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.library.backup import Backup, backup_now, list_backups, restore_backup
from desktop.library.integrity import check_library
from desktop.library.store import Library, LibraryError

TITLE = "Lectern"
Ready = Callable[[], str]  # "" when a backup or restore may go ahead, else why not


class MaintenanceController(QObject):
    """The Check Library…, Back Up Now and Restore from Backup… commands of a window."""

    def __init__(
        self,
        window: QWidget,
        library: Callable[[], Library],
        *,
        on_restored: Callable[[], None],
        ready: Ready = lambda: "",
    ) -> None:
        super().__init__(window)
        self._window = window
        self._library = library
        self._on_restored = on_restored
        self._ready = ready
        self.choose_backup: Callable[[QWidget, list[Backup]], Backup | None] = choose_backup
        self.actions = {
            "check_library": self._action("Check &Library…", self.check, "Check the library"),
            "backup_now": self._action("&Back Up Now", self.back_up, "Snapshot the library"),
            "restore_backup": self._action(
                "&Restore from Backup…", self.restore, "Put a backup back in place of the library"
            ),
        }
        self.update_actions()

    def _action(self, text: str, slot: Callable[[], object], tip: str) -> QAction:
        action = QAction(text, self)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def update_actions(self) -> None:
        """Offer Restore only when the library can be written."""
        self.actions["restore_backup"].setEnabled(not self._library().read_only)

    def check(self) -> bool:
        """Check the library (rebuilding a search index that disagrees) and show the report."""
        lib = self._library()
        try:
            with _waiting():
                report = check_library(lib, repair=not lib.read_only)
        except LibraryError as exc:
            QMessageBox.warning(self._window, TITLE, f"The library could not be checked: {exc}")
            return False
        text = "\n".join(report.lines)
        if lib.notices:  # e.g. a daily backup that failed: the user should hear of it
            text = "\n".join(lib.notices) + "\n\n" + text
        show = QMessageBox.information if report.sound else QMessageBox.warning
        show(self._window, "Check Library", text)
        return report.sound

    def back_up(self) -> Backup | None:
        """Snapshot the library now and say where the snapshot is."""
        if not self._go_ahead():
            return None
        try:
            made = backup_now(self._library())
        except LibraryError as exc:
            QMessageBox.warning(self._window, TITLE, str(exc))
            return None
        QMessageBox.information(
            self._window, "Back Up Now", f"The library was backed up to\n{made.path}"
        )
        return made

    def restore(self) -> bool:
        """Pick a backup, confirm, restore it, then let the window show the restored library."""
        lib = self._library()
        backups = list_backups(lib.path)
        if not backups:
            QMessageBox.information(
                self._window, TITLE, "There are no backups of this library yet."
            )
            return False
        chosen = self.choose_backup(self._window, backups)
        if chosen is None or not self._confirm(chosen) or not self._go_ahead():
            return False
        try:
            restored = restore_backup(lib, chosen.path)
        except LibraryError as exc:
            QMessageBox.warning(self._window, TITLE, str(exc))
            return False
        self._on_restored()
        QMessageBox.information(
            self._window,
            "Restore from Backup",
            f"The library was restored from the backup of {_when(chosen)}.\n\n"
            f"The library as it was before is kept as the backup {restored.safety.path.name}.",
        )
        return True

    def _confirm(self, chosen: Backup) -> bool:
        answer = QMessageBox.question(
            self._window,
            "Restore from Backup",
            f"Replace the library with the backup of {_when(chosen)}?\n\n"
            "Changes made since then are set aside: the library as it is now is backed up "
            "first, so restoring that backup brings them back.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _go_ahead(self) -> bool:
        reason = self._ready()
        if reason:
            QMessageBox.information(self._window, TITLE, reason)
        return not reason


@contextmanager
def _waiting() -> Iterator[None]:
    """A wait cursor while the window is busy on its own thread."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def _when(backup: Backup) -> str:
    return f"{backup.taken.astimezone():%Y-%m-%d %H:%M}"


def choose_backup(parent: QWidget, backups: list[Backup]) -> Backup | None:
    """Ask which backup to restore (newest first); None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Restore from Backup")
    choices = QListWidget()
    choices.setObjectName("backupList")
    for backup in backups:
        item = QListWidgetItem(backup.describe())
        item.setToolTip(str(backup.path))
        choices.addItem(item)
    choices.setCurrentRow(0)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    choices.itemDoubleClicked.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    label = QLabel("Restore the library as it was in this backup:")
    label.setBuddy(choices)
    layout.addWidget(label)
    layout.addWidget(choices)
    layout.addWidget(buttons)
    dialog.resize(520, 360)
    if dialog.exec() != QDialog.DialogCode.Accepted or choices.currentRow() < 0:
        return None
    return backups[choices.currentRow()]


def ask_open_read_only(parent: QWidget | None, library: Path) -> bool:
    """Ask whether to open a library another window holds, read-only; True for yes."""
    answer = QMessageBox.question(
        parent,
        TITLE,
        "This library is open in another Lectern window. Open it read-only?\n\n"
        f"{library}\n\nYou can browse and search it here; changes are made in the other "
        "window.",
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Open,
    )
    return answer == QMessageBox.StandardButton.Open


def read_only_notice(lib: Library) -> str:
    """A line for the status bar of a window on a read-only library ("" when writable)."""
    if not lib.read_only:
        return ""
    return f"Read-only: {lib.read_only_reason}. Nothing here can be changed."
