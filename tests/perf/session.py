"""Window session driver: one offscreen window on a library, measured as a user would use it.

``python -m tests.perf.session LIBRARY OUT.json --runs N --budget S --queries JSON`` opens
`MainWindow` offscreen, then measures search as you type, resident memory after the
searches, sorting by each column, scroll jumps, and bulk tag / mark read / undo, writing
OUT.json after each group so the figures measured survive a later failure or time-out.
With ``--profile-dir`` every group runs once under pyinstrument instead, and its profile
is written there (those timings are not figures).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QSettings

from tests.perf.probes import PaintProbe, resident_memory_mb
from tests.perf.stats import Budget, Figure
from tests.perf.window_figures import (
    Stage,
    keystroke_summary,
    measure_bulk,
    measure_scroll_jumps,
    measure_sorting,
    measure_typing,
    sort_summary,
)

from desktop.ui.app import make_application
from desktop.ui.main_window import MainWindow

# An action is done when it returns; its repaint follows at once or never (nothing changed).
PAINT_TIMEOUT = 60.0


class Session:
    """The figures of one window, written to ``out`` as they come."""

    def __init__(self, args: argparse.Namespace, stage: Stage, reported: list[str]) -> None:
        self.args = args
        self.stage = stage
        self.figures: list[Figure] = []
        self.out = Path(args.out)
        self.reported = reported  # what the window told the user went wrong

    def group(self, name: str, measure: Callable[[Budget], list[Figure]]) -> None:
        """Run one group of measurements within its budget, recording failures as figures."""
        budget = Budget(self.args.budget)
        try:
            with self._profiled(name):
                figures = measure(budget)
            if self.reported:
                first = self.reported[0]
                self.reported.clear()  # the next group starts afresh
                raise RuntimeError(f"the window reported: {first}")
            self.figures += figures
        except Exception as exc:  # a broken measurement is reported, never invented
            detail = "".join(traceback.format_exception_only(exc)).strip()
            failed = Figure(f"{name}:failed", f"{name} (failed)", "", status="failed")
            failed.note = detail
            self.figures.append(failed)
            traceback.print_exc()
        self.write()

    def write(self) -> None:
        """Write every figure so far."""
        data = {"figures": [figure.to_json() for figure in self.figures]}
        self.out.write_text(json.dumps(data, indent=1))

    @contextlib.contextmanager
    def _profiled(self, name: str) -> Iterator[None]:
        if not self.args.profile_dir:
            yield
            return
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        with profiler:
            yield
        folder = Path(self.args.profile_dir)
        folder.mkdir(parents=True, exist_ok=True)
        text = profiler.output_text(unicode=True, color=False, show_all=False)
        (folder / f"{name}.txt").write_text(text)
        (folder / f"{name}.html").write_text(profiler.output_html())


def memory_figure(key: str, label: str) -> Figure:
    """Resident memory of this process now, as a one-sample figure."""
    memory = resident_memory_mb()
    figure = Figure(key, label, "MB", samples=[memory["rss_mb"]])
    figure.note = f"VmRSS from /proc/self/status (peak so far {memory['peak_rss_mb']:.0f} MB)"
    return figure


def run(args: argparse.Namespace) -> None:
    """Open the window and measure every group."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_application([sys.argv[0]])
    # An error box would wait for a click that never comes (a full disk once held a
    # session so until its budget ran out): the group that met it fails instead.
    reported: list[str] = []
    MainWindow.show_error = lambda _window, message: reported.append(message)
    with tempfile.TemporaryDirectory() as settings_dir:
        settings = QSettings(str(Path(settings_dir) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(Path(args.library), settings=settings)
        stage = Stage(app, window, PaintProbe(window.table.viewport()), PAINT_TIMEOUT)
        stage.timed(window.show)
        runs = 1 if args.profile_dir else args.runs
        session = Session(args, stage, reported)
        session.figures.append(memory_figure("rss_open", "Resident memory, window just opened"))

        def typing(budget: Budget) -> list[Figure]:
            per_query, clearing = measure_typing(stage, json.loads(args.queries), runs, budget)
            summary = keystroke_summary(per_query)
            label = "Resident memory, window open after the searches"
            return [summary, *per_query.values(), clearing, memory_figure("rss", label)]

        def sorting(budget: Budget) -> list[Figure]:
            figures = measure_sorting(stage, runs, budget)
            return [sort_summary(figures), *figures]

        session.group("search", typing)
        session.group("sort", sorting)
        session.group("scroll", lambda b: [measure_scroll_jumps(stage, runs, b, args.seed)])
        session.group("bulk", lambda b: measure_bulk(stage, runs, b, args.bulk_papers))
        session.figures.append(memory_figure("rss_end", "Resident memory at the end"))
        session.write()
        window.close()


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The driver's arguments."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("library")
    parser.add_argument("out")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--budget", type=float, default=300.0, help="seconds per group")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", required=True, help="JSON object: name -> query text")
    parser.add_argument("--bulk-papers", type=int, default=10_000)
    parser.add_argument("--profile-dir", default="")
    return parser.parse_args(argv)


if __name__ == "__main__":
    run(parse_args(sys.argv[1:]))
