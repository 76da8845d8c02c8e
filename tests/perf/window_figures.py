"""What the benchmark measures inside one open window: typing, sorting, scrolling, bulk edits.

Every timing starts just before a user-level input (a key event into the search box, a
click on a column header, a scroll bar move, one of the window's edit actions or its undo
stack) and ends when the table has repainted with the rows it shows fetched (`Stage.settle`).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.library.views import find_ids
from tests.perf.probes import (
    PaintProbe,
    shown_count,
    visible_rows_loaded,
    wait_for_paint,
    wait_for_view,
)
from tests.perf.stats import Budget, Figure

from desktop.ui.main_window import MainWindow
from desktop.ui.models.paper_table import COLUMNS

DEBOUNCE_NOTE = (
    "typed with QTest.keyClicks one character at a time; the search box's {ms} ms debounce"
    " timer is bypassed by calling its apply path (SearchBox.apply_now) right after each key"
)
BULK_TAG = "perf-bulk"
JUMPS_PER_RUN = 20


@dataclass
class Stage:
    """The window under test and the means to know when it has caught up."""

    app: QApplication
    window: MainWindow
    probe: PaintProbe
    paint_timeout: float

    def settle(self, since: int) -> None:
        """Wait until the table has repainted after paint number ``since``, rows loaded.

        A typed search's view is read off the GUI thread: first wait until it is shown.
        """
        wait_for_view(self.app, self.window.model, self.paint_timeout)
        wait_for_paint(self.app, self.probe, since, self.paint_timeout)
        while not visible_rows_loaded(self.window.table):
            wait_for_paint(self.app, self.probe, self.probe.paints, self.paint_timeout)

    def timed(self, action: Callable[[], object]) -> tuple[float, float]:
        """Milliseconds from ``action`` until the table shows its result, and until it returned.

        The second figure is the work done before the repaint (the model, the library);
        the difference is the repaint itself, with the rows it fetches. An action that
        returns False left the table as it was (a key that does not change the search):
        its figure ends once the events it posted have been handled.
        """
        self.app.processEvents()  # start from a quiet event queue
        since = self.probe.paints
        start = time.perf_counter()
        changed = action()
        returned = time.perf_counter()
        if changed is False:
            self.app.processEvents()
        else:
            self.settle(since)
        return (time.perf_counter() - start) * 1000, (returned - start) * 1000

    def measure(self, figure: Figure, action: Callable[[], object]) -> None:
        """Time ``action`` into ``figure``."""
        total, work = self.timed(action)
        figure.samples.append(total)
        figure.work_samples.append(work)

    def check_status_bar(self) -> None:
        """The status bar's "N shown" must be the model's row count."""
        text = self.window.status_counts.text()
        if shown_count(text) != self.window.model.rowCount():
            raise AssertionError(f"status bar says {text!r}, the model has {self.rows()} rows")

    def rows(self) -> int:
        """Rows of the current view."""
        return self.window.model.rowCount()


# --- search as you type ---------------------------------------------------------------------


def measure_typing(
    stage: Stage, queries: dict[str, str], runs: int, budget: Budget
) -> tuple[dict[str, Figure], Figure]:
    """Per-query keystroke figures, and one for the Escape that clears the box."""
    box = stage.window.search_box
    note = DEBOUNCE_NOTE.format(ms=box.DEBOUNCE_MS)
    figures = {
        name: Figure(
            f"keystroke:{name}", f"{name}: {text}", "ms", note=note, planned=runs * len(text)
        )
        for name, text in queries.items()
    }
    clearing = Figure("keystroke:clear", "Esc clears the search", "ms", planned=runs * len(queries))
    for run in range(runs):
        for name, text in queries.items():
            if budget.spent():
                for figure in [*figures.values(), clearing]:
                    if len(figure.samples) < (figure.planned or 0):
                        budget.stop(figure)
                return figures, clearing
            if box.text():
                stage.measure(clearing, lambda: _escape(box))
            for char in text:
                stage.measure(figures[name], lambda c=char: _type(stage, c))
                stage.check_status_bar()
            if run == 0:
                _check_against_library(stage, text)
    stage.measure(clearing, lambda: _escape(box))
    return figures, clearing


def _escape(box) -> None:
    QTest.keyClick(box, Qt.Key.Key_Escape)


def _type(stage: Stage, char: str) -> bool:
    """Type ``char``; False when the search it makes is the one shown (the window's
    model reads every other search through its loader, so it is then loading)."""
    box = stage.window.search_box
    QTest.keyClicks(box, char)
    box.apply_now()
    return stage.window.model.loading()


def _check_against_library(stage: Stage, text: str) -> None:
    """The view of a whole query holds exactly the papers the library finds for it."""
    expected = len(find_ids(stage.window.lib, text))
    if stage.rows() != expected:
        raise AssertionError(f"{text!r}: the view has {stage.rows()} rows, the library {expected}")


def keystroke_summary(figures: dict[str, Figure]) -> Figure:
    """All typed keystrokes of all queries as one figure (its p50 and p95 are the targets)."""
    merged = Figure("keystroke", "Keystroke to updated view (all queries)", "ms")
    merged.samples = [s for figure in figures.values() for s in figure.samples]
    merged.work_samples = [s for figure in figures.values() for s in figure.work_samples]
    merged.note = next(iter(figures.values())).note if figures else ""
    partial = [f for f in figures.values() if f.status != "ok"]
    if partial:
        merged.status = partial[0].status
        merged.note = f"{partial[0].note}; {merged.note}"
    return merged


# --- sorting ---------------------------------------------------------------------------------


def measure_sorting(stage: Stage, runs: int, budget: Budget) -> list[Figure]:
    """Each sortable column, by a click on its header (each run clicks twice: both orders)."""
    header = stage.window.table.horizontalHeader()
    columns = [(i, c) for i, c in enumerate(COLUMNS) if c.sort is not None]
    for logical, _column in columns:
        header.setSectionHidden(logical, False)  # View > Columns: show them all
    stage.app.processEvents()
    figures = []
    for logical, column in columns:
        figure = Figure(f"sort:{column.key}", f"Sort by {column.header}", "ms", planned=2 * runs)
        figure.note = "a click on the column header; samples cover both orders"
        for _ in range(2 * runs):
            if budget.spent():
                budget.stop(figure)
                break
            stage.measure(figure, lambda i=logical: _click_header(stage, i))
            if header.sortIndicatorSection() != logical:
                raise AssertionError(f"the click did not sort by {column.header}")
        figures.append(figure)
    date = [c.key for c in COLUMNS].index("date")
    table = stage.window.table
    stage.timed(lambda: table.sortByColumn(date, Qt.SortOrder.DescendingOrder))  # the default
    return figures


def _click_header(stage: Stage, logical: int) -> None:
    header = stage.window.table.horizontalHeader()
    x = header.sectionViewportPosition(logical) + header.sectionSize(logical) // 2
    if not 0 <= x < header.viewport().width():
        raise AssertionError(f"column {logical} is off screen (x={x})")
    QTest.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def sort_summary(figures: list[Figure]) -> Figure:
    """The slowest column's median, the figure the target is about."""
    slowest = max(figures, key=lambda f: f.median or 0.0)
    name = slowest.label.removeprefix("Sort by ")
    summary = Figure("sort", f"Sort by any column (slowest: {name})", "ms")
    summary.samples, summary.work_samples = slowest.samples, slowest.work_samples
    summary.status, summary.note = slowest.status, slowest.note
    return summary


# --- scrolling -------------------------------------------------------------------------------


def measure_scroll_jumps(stage: Stage, runs: int, budget: Budget, seed: int) -> Figure:
    """Jumps of the scroll bar to random places: each needs a page fetch."""
    figure = Figure(
        "scroll", "Jump to a random scroll position", "ms", planned=runs * JUMPS_PER_RUN
    )
    figure.note = "scroll bar set to a random value; ends when the rows on screen are painted"
    bar = stage.window.table.verticalScrollBar()
    rng = random.Random(seed)
    for _ in range(runs * JUMPS_PER_RUN):
        if budget.spent():
            budget.stop(figure)
            break
        value = rng.randint(0, bar.maximum())
        stage.measure(figure, lambda v=value: bar.setValue(v))
    if bar.value() != 0:
        stage.timed(lambda: bar.setValue(0))
    return figure


# --- bulk edits ------------------------------------------------------------------------------

BULK_STEPS = (
    ("bulk:tag", "Tag {n:,} selected papers (one undo step)"),
    ("bulk:read", "Mark {n:,} selected papers read"),
    ("bulk:undo_read", "Undo the mark read"),
    ("bulk:undo_tag", "Undo the tagging"),
)


def measure_bulk(stage: Stage, runs: int, budget: Budget, papers: int) -> list[Figure]:
    """Tag the first ``papers`` rows, mark them read, undo both; through the window's actions."""
    window = stage.window
    count = min(papers, stage.rows())
    figures = [Figure(key, label.format(n=count), "ms", planned=runs) for key, label in BULK_STEPS]
    for figure in figures:
        figure.note = f"the first {count:,} rows of the view selected; Paper menu action / Ctrl+Z"
    lost = 0
    for _ in range(runs):
        if budget.spent():
            for figure in figures:
                budget.stop(figure)
            break
        # the stack's index, not its count: the commands undone in the previous run stay
        # on the stack until the next edit replaces them
        before = window.undo_stack.index()
        steps = (
            lambda: window.edits.add_tags([BULK_TAG]),
            lambda: window.edits.set_status("read"),
            window.undo_stack.undo,
            window.undo_stack.undo,
        )
        for number, (figure, step) in enumerate(zip(figures, steps, strict=True)):
            if number < 2 and len(window.table.selected_ids()) != count:
                lost += number > 0  # the previous edit's refresh dropped the selection
                _select_first_rows(stage, count)  # not timed: the user selects again
            stage.measure(figure, step)
            if number < 2 and window.undo_stack.index() != before + number + 1:
                raise AssertionError(f"{figure.label}: not exactly one new undo step")
            if number == 0:
                _check_tagged(stage, count)
        _check_tagged(stage, 0)
    if lost:
        figures[1].note += (
            f"; in {lost} of {runs} runs the selection did not survive the tagging's refresh"
            " and was made again (untimed) before marking read"
        )
    return figures


def _select_first_rows(stage: Stage, count: int) -> None:
    model = stage.window.model
    selection = QItemSelection(model.index(0, 0), model.index(count - 1, model.columnCount() - 1))
    flags = QItemSelectionModel.SelectionFlag
    stage.window.table.selectionModel().select(selection, flags.ClearAndSelect | flags.Rows)
    if len(stage.window.table.selected_ids()) != count:
        raise AssertionError("the selection did not take")


def _check_tagged(stage: Stage, count: int) -> None:
    tags = {tag.name: tag.count for tag in stage.window.sidebar.counts().tags}
    if tags.get(BULK_TAG, 0) != count:
        raise AssertionError(f"{tags.get(BULK_TAG, 0)} papers carry {BULK_TAG}, not {count}")
