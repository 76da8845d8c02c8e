"""Watching the real window: when its table was painted, what it showed, how big it is.

Timings end when the paper table's viewport has been painted *and* the rows on screen
were fetched from the library by that paint (the model's row cache holds them), so a
figure never stops at a model reset whose rows nobody has loaded yet.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTableView

from desktop.ui.models.paper_table import PaperTableModel


class PaintProbe(QObject):
    """Counts the paint events a widget receives (it is painted right after each)."""

    def __init__(self, widget: QObject) -> None:
        super().__init__(widget)
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


class WaitTimeout(Exception):
    """The window did not repaint in time."""


def wait_for_paint(app: QApplication, probe: PaintProbe, since: int, timeout: float) -> None:
    """Process events until ``probe`` counts more paints than ``since``.

    A paint event is handled synchronously inside `processEvents`, so once the count has
    moved and `processEvents` has returned, the painting itself is done.
    """
    deadline = time.monotonic() + timeout
    while probe.paints <= since:
        app.processEvents()
        if time.monotonic() > deadline:
            raise WaitTimeout(f"no repaint within {timeout:.0f} s")


def wait_for_view(app: QApplication, model: PaperTableModel, timeout: float) -> None:
    """Process events until the view the model asked its loader for is shown.

    Waits in the event loop, as the idle window does: spinning here would hold the GIL
    the loader's thread needs.
    """
    deadline = time.monotonic() + timeout
    wake = QTimer(interval=50)  # so a view that never comes is noticed
    wake.start()
    try:
        while model.loading():
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            if time.monotonic() > deadline:
                raise WaitTimeout(f"no view within {timeout:.0f} s")
    finally:
        wake.stop()


def visible_rows_loaded(table: QTableView) -> bool:
    """Whether the rows the table shows at its top are in the model's row cache.

    Reads the model's private cache on purpose: it is the evidence that the paint
    fetched the rows through ``data()``, and the check itself must not fetch anything.
    """
    model = table.model()
    assert isinstance(model, PaperTableModel)
    if model.rowCount() == 0:
        return True
    top = max(0, table.rowAt(0))
    return model.paper_id(top) in model._cache


def shown_count(status_text: str) -> int | None:
    """The "N shown" figure of the window's status bar text, if it has one."""
    first = status_text.split("·")[0].strip()
    if not first.endswith("shown"):
        return None
    return int(first.removesuffix("shown").strip().replace(",", ""))


def resident_memory_mb() -> dict[str, float]:
    """This process's resident memory now (VmRSS) and at its peak (VmHWM), in MB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024  # kB
    return {"rss_mb": fields["VmRSS"], "peak_rss_mb": fields["VmHWM"]}
