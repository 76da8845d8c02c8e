"""The view of a typed search is read on a thread of its own; the next search interrupts it.

Counting a broad prefix at a million papers takes a few hundred milliseconds, and the
window would not take the next key until it was done. The loader reads the view (its
count, and its ids or first page: `ViewIds`) through a read-only connection of its own
(SQLite connections belong to the thread that made them). A newer request interrupts the
statement under way (`Library.interrupt`); requests that queued meanwhile are skipped
but the last.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop.library.store import Interrupted, Library, open_library
from desktop.library.views import ViewQuery

from desktop.ui.models.view_ids import ViewIds


class _Reader(QObject):
    """Lives on the loader's thread; reads one view per request."""

    read = Signal(int, object)  # generation, ViewIds (None: it could not be read here)

    def __init__(self, library_path: Path) -> None:
        super().__init__()
        self._path = library_path
        self.lib: Library | None = None
        self.latest = 0  # set by the GUI thread before each request; read here

    @Slot(int, object, object)
    def read_view(self, generation: int, query: ViewQuery, library_size: int | None) -> None:
        if generation != self.latest:
            return  # a newer request is queued behind this one
        try:
            if self.lib is None:
                self.lib = open_library(
                    self._path, read_only=True, daily_backup=False, read_in_halves=True
                )
            with self.lib.interruptible():
                ids = ViewIds(self.lib, query, library_size).read_ahead()
        except Interrupted:
            if generation != self.latest:
                return  # by the next request
            ids = None
        except Exception:
            # the model reads the view again on the GUI thread, where any error has its
            # usual handling; none may end this thread
            ids = None
        self.read.emit(generation, ids)

    @Slot()
    def close(self) -> None:
        if self.lib is not None:
            self.lib.close()
            self.lib = None


class ViewLoader(QObject):
    """Reads views off the GUI thread; ``read(generation, ids)`` arrives on the GUI thread.

    ``ids`` is None when the view could not be read there (the caller reads it itself).
    """

    read = Signal(int, object)
    _request = Signal(int, object, object)
    _close = Signal()

    def __init__(self, library_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._thread = QThread()
        self._thread.setObjectName("lectern-view-loader")
        self._reader = _Reader(library_path)
        self._reader.moveToThread(self._thread)
        self._request.connect(self._reader.read_view)
        self._close.connect(self._reader.close)
        self._reader.read.connect(self.read)

    def request(self, query: ViewQuery, library_size: int | None) -> int:
        """Read this view; returns its generation (the one ``read`` will carry)."""
        self.cancel()
        if not self._thread.isRunning():  # started by the first search, not by every window
            self._thread.start()
        self._request.emit(self._generation, query, library_size)
        return self._generation

    def cancel(self) -> None:
        """Forget the request under way (its result is never sent) and interrupt it."""
        self._generation += 1
        self._reader.latest = self._generation
        if self._reader.lib is not None:
            self._reader.lib.interrupt()

    def stop(self) -> None:
        """End the thread (closing its connection); the window is closing."""
        self.cancel()
        if self._thread.isRunning():
            self._close.emit()
            self._thread.quit()
            self._thread.wait()
