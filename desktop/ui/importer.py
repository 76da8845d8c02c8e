"""Import from the window: files, drops and pastes, with progress, cancel and a report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from desktop.assets import sample_listings
from desktop.library.importing import ImportReport

from desktop.ui.bus import ChangeBus
from desktop.ui.dialogs.import_report import ImportReportDialog
from desktop.ui.tasks import ImportFailure, ImportItem, ImportTask


class ImportController(QObject):
    """Runs one import at a time off the GUI thread and reports on it.

    Views refresh after each file (the bus carries its ChangeSet), so papers appear while
    a long import goes on. ``finished(reports, failures, cancelled)`` ends each import.
    """

    finished = Signal(list, list, bool)
    busy_message = Signal(str)  # why nothing started, for the status bar

    def __init__(
        self, library_path: Path, bus: ChangeBus, window: QWidget, *, today: date | None = None
    ) -> None:
        super().__init__(window)
        self._library_path = library_path
        self._bus = bus
        self._window = window
        self._today = today
        self._task: ImportTask | None = None
        self._progress: QProgressDialog | None = None
        self._reports: list[ImportReport] = []
        self._failures: list[ImportFailure] = []
        self.show_report = True
        self.last_report: ImportReportDialog | None = None

    def busy(self) -> bool:
        """True while an import runs."""
        return self._task is not None

    def start(self, items: list[ImportItem]) -> bool:
        """Import ``items``; False when another import is still running."""
        if self._task is not None or not items:
            return False
        self._reports, self._failures = [], []
        self._task = ImportTask(self._library_path, items, today=self._today, parent=self)
        self._task.progress.connect(self._on_progress)
        self._task.file_done.connect(self._on_file_done)
        self._task.file_failed.connect(self._failures.append)
        self._task.finished.connect(self._on_finished)
        self._progress = QProgressDialog("Importing…", "Cancel", 0, 0, self._window)
        self._progress.setWindowTitle("Import")
        self._progress.setWindowModality(Qt.WindowModality.NonModal)
        self._progress.setMinimumDuration(400)
        self._progress.canceled.connect(self._task.cancel)
        self._task.start()
        return True

    def import_paths(self, paths: list[Path]) -> bool:
        """Import files; False (and a word in the status bar) when one is already running."""
        started = self.start([ImportItem(name=p.name, path=p) for p in paths])
        if not started and paths:
            self.busy_message.emit("An import is still running; try again when it ends.")
        return started

    def import_samples(self) -> bool:
        """Import the sample listings that ship with Lectern."""
        return self.import_paths(sample_listings())

    def import_files_dialog(self) -> None:
        """Ask for listing files and import them."""
        names, _ = QFileDialog.getOpenFileNames(
            self._window,
            "Import Listings",
            str(Path.home()),
            "Listings and bibliographies (*.txt *.bib *.ris *.json);;All files (*)",
        )
        if names:
            self.import_paths([Path(n) for n in names])

    def import_clipboard(self) -> bool:
        """Import the listing text on the clipboard."""
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.busy_message.emit("The clipboard holds no text to import.")
            return False
        stamp = date.today().isoformat()
        return self.start([ImportItem(name=f"Pasted {stamp}", data=text.encode())])

    def cancel_and_wait(self) -> None:
        """Stop a running import and wait for its thread (the window is closing)."""
        if self._task is not None:
            self._task.cancel()
            self._task.wait()

    def _on_progress(self, done: int, total: int, name: str) -> None:
        if self._progress is not None:
            self._progress.setLabelText(f"Importing {name}: {done:,} of {total:,} papers")
            self._progress.setMaximum(total)
            self._progress.setValue(done)

    def _on_file_done(self, report: ImportReport) -> None:
        self._reports.append(report)
        self._bus.publish(report.changes)

    def _on_finished(self, cancelled: bool) -> None:
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None
        if self._task is not None:
            self._task.deleteLater()
        self._task = None
        if self.show_report:
            self.last_report = ImportReportDialog(
                self._reports, self._failures, cancelled, self._window
            )
            self.last_report.open()
        self.finished.emit(self._reports, self._failures, cancelled)
