"""Imports run off the GUI thread, on their own connection, and report back with signals.

The worker opens its own connection to the library file (SQLite connections belong to
the thread that made them); WAL lets the window keep reading while it writes. Each file
is one transaction; cancelling rolls back the file under way and skips the rest.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop.formats.records import ImportFormatError
from desktop.library.importing import ImportCancelled, ImportReport, import_bytes, import_file
from desktop.library.store import LibraryError, open_library


@dataclass(frozen=True)
class ImportItem:
    """One thing to import: a file, or pasted text under a name."""

    name: str
    path: Path | None = None
    data: bytes | None = None


@dataclass(frozen=True)
class ImportFailure:
    """A file that could not be imported, and why (the message names file and line)."""

    name: str
    message: str


class _ImportWorker(QObject):
    progress = Signal(int, int, str)  # papers done in this file, papers in it, file name
    file_done = Signal(object)  # ImportReport
    file_failed = Signal(object)  # ImportFailure
    finished = Signal(bool)  # cancelled

    def __init__(self, library_path: Path, items: list[ImportItem], today: date | None) -> None:
        super().__init__()
        self._library_path = library_path
        self._items = items
        self._today = today
        self.cancel_requested = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            lib = open_library(self._library_path)
        except LibraryError as exc:
            self.file_failed.emit(ImportFailure("library", str(exc)))
            self.finished.emit(False)
            return
        try:
            for item in self._items:
                if self.cancel_requested.is_set():
                    break
                self._import_one(lib, item)
        finally:
            lib.close()
        self.finished.emit(self.cancel_requested.is_set())

    def _import_one(self, lib, item: ImportItem) -> None:
        def progress(done: int, total: int) -> bool:
            self.progress.emit(done, total, item.name)
            return not self.cancel_requested.is_set()

        try:
            if item.path is not None:
                report: ImportReport = import_file(
                    lib, item.path, today=self._today, progress=progress
                )
            else:
                report = import_bytes(
                    lib, item.data or b"", name=item.name, today=self._today, progress=progress
                )
        except ImportCancelled:
            return
        except (ImportFormatError, LibraryError) as exc:
            self.file_failed.emit(ImportFailure(item.name, str(exc)))
            return
        self.file_done.emit(report)


class ImportTask(QObject):
    """Imports a batch of items on a worker thread.

    Signals arrive on the GUI thread: ``progress(done, total, name)`` during each file,
    ``file_done(report)`` / ``file_failed(failure)`` per item, then ``finished(cancelled)``.
    """

    progress = Signal(int, int, str)
    file_done = Signal(object)
    file_failed = Signal(object)
    finished = Signal(bool)

    def __init__(
        self,
        library_path: Path,
        items: list[ImportItem],
        *,
        today: date | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._worker = _ImportWorker(library_path, items, today)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.progress)
        self._worker.file_done.connect(self.file_done)
        self._worker.file_failed.connect(self.file_failed)
        self._worker.finished.connect(self._finish)

    def start(self) -> None:
        """Begin importing; returns at once."""
        self._thread.start()

    def cancel(self) -> None:
        """Stop after the current batch; the file under way is rolled back."""
        self._worker.cancel_requested.set()

    def wait(self) -> None:
        """Block until the worker thread has ended (closing the window waits for it)."""
        self._thread.quit()
        self._thread.wait()

    @Slot(bool)
    def _finish(self, cancelled: bool) -> None:
        self._thread.quit()
        self._thread.wait()
        self.finished.emit(cancelled)
