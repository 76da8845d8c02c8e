"""Export from the window: the dialog, then the export off the GUI thread with progress.

The window calls `run_export_dialog` from File > Export… and from the context menus of
a reading list, the selection or the search. The export runs on a worker thread with its
own connection to the library (SQLite connections belong to the thread that made them);
a progress dialog appears when it takes a while and can cancel it. The file is written
whole or not at all (`desktop.library.exporting.export_to_file`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QProgressDialog, QWidget

from desktop.formats.export import ExportCancelled
from desktop.library.exporting import ExportSource, export_to_file, select_ids
from desktop.library.store import Library, LibraryError, open_library

from desktop.ui.dialogs.export_dialog import ExportChoice, ExportDialog, suggested_file_name


@dataclass(frozen=True)
class ExportJob:
    """One export: what, how and where."""

    source: ExportSource
    choice: ExportChoice


class _ExportWorker(QObject):
    progress = Signal(int, int)  # steps done, steps in all
    done = Signal(str, int)  # the file written, papers in it
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, library_path: Path, job: ExportJob) -> None:
        super().__init__()
        self._library_path = library_path
        self._job = job
        self.cancel_requested = threading.Event()

    def _progress(self, done: int, total: int) -> bool:
        self.progress.emit(done, total)
        return not self.cancel_requested.is_set()

    @Slot()
    def run(self) -> None:
        job = self._job
        try:
            lib = open_library(self._library_path)
            try:
                count = export_to_file(
                    lib,
                    job.source,
                    job.choice.format_name,
                    job.choice.path,
                    include=job.choice.include,
                    progress=self._progress,
                )
            finally:
                lib.close()
        except ExportCancelled:
            self.cancelled.emit()
        except (LibraryError, ValueError) as exc:
            self.failed.emit(str(exc))
        else:
            self.done.emit(str(job.choice.path), count)


class ExportController(QObject):
    """Runs one export at a time on a worker thread and tells the user how it went.

    ``finished(path, count)`` follows a written file; ``failed(message)`` an export that
    wrote nothing (the user has seen the message in a box); ``cancelled()`` a cancel.
    """

    finished = Signal(str, int)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, library_path: Path, window: QWidget) -> None:
        super().__init__(window)
        self._library_path = Path(library_path)
        self._window = window
        self._thread: QThread | None = None
        self._worker: _ExportWorker | None = None
        self._progress: QProgressDialog | None = None
        self.last_directory = Path.home()

    def busy(self) -> bool:
        """True while an export runs."""
        return self._thread is not None

    def start(self, job: ExportJob) -> bool:
        """Begin the export; False (and nothing done) while another one runs."""
        if self._thread is not None:
            return False
        self.last_directory = job.choice.path.parent
        self._thread = QThread()
        self._worker = _ExportWorker(self._library_path, job)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self._on_progress)
        self._worker.done.connect(self._on_done)
        self._worker.failed.connect(self._on_failed)
        self._worker.cancelled.connect(self._on_cancelled)
        self._progress = QProgressDialog("Exporting…", "Cancel", 0, 0, self._window)
        self._progress.setWindowTitle("Export")
        self._progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._progress.setMinimumDuration(400)  # quick exports never show it
        self._progress.canceled.connect(self._worker.cancel_requested.set)
        self._thread.start()
        return True

    def cancel_and_wait(self) -> None:
        """Stop a running export and wait for its thread (the window is closing)."""
        if self._worker is not None and self._thread is not None:
            self._worker.cancel_requested.set()
            self._thread.quit()
            self._thread.wait()

    def _on_progress(self, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress.setMaximum(total)
            self._progress.setValue(done)

    def _end(self) -> None:
        """Stop the thread and close the progress dialog."""
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
        self._thread = self._worker = self._progress = None

    def _on_done(self, path: str, count: int) -> None:
        self._end()
        papers = "1 paper" if count == 1 else f"{count:,} papers"
        if isinstance(self._window, QMainWindow):
            self._window.statusBar().showMessage(f"Exported {papers} to {path}", 8000)
        self.finished.emit(path, count)

    def _on_failed(self, message: str) -> None:
        self._end()
        QMessageBox.warning(self._window, "Export failed", message)
        self.failed.emit(message)

    def _on_cancelled(self) -> None:
        self._end()
        self.cancelled.emit()


def run_export_dialog(
    parent: QWidget,
    library_path: Path,
    lib: Library,
    scope_description: str,
    source: ExportSource,
    *,
    controller: ExportController | None = None,
) -> ExportController | None:
    """Ask how to export ``source``'s papers, then export them in the background.

    Args:
        parent: the window the dialogs belong to.
        library_path: the library file (the export opens its own connection to it).
        lib: the window's open library, to count the papers before asking.
        scope_description: what is exported, for the dialog: "the reading list 'ML'",
            "3 selected papers", "the search results"...
        source: the papers (`ExportSource(list_name=...)`, ``query=`` or ``ids=``).
        controller: the window's controller; a new one (child of ``parent``) if None.

    Returns:
        The controller running the export (watch its ``finished`` signal), or None when
        there was nothing to export, an error was shown, or the user cancelled.
    """
    controller = controller or ExportController(library_path, parent)
    if controller.busy():
        QMessageBox.information(parent, "Export", "An export is still running.")
        return None
    try:
        count = len(select_ids(lib, source))
    except LibraryError as exc:
        QMessageBox.warning(parent, "Export", str(exc))
        return None
    if count == 0:
        QMessageBox.information(parent, "Export", f"There are no papers in {scope_description}.")
        return None
    path = controller.last_directory / suggested_file_name(source.describe())
    dialog = ExportDialog(count, scope_description, path, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    controller.start(ExportJob(source, dialog.choice()))
    return controller
