"""Cold start driver: a new process that opens the window and stops at its first rows.

``python -m tests.perf.cold_start LIBRARY SETTINGS.ini`` does what ``lectern`` does
(the launcher's imports, `make_application`, `MainWindow`, ``show``) on the offscreen
platform, waits until the paper table has been painted with its first rows fetched, and
prints one JSON line of `time.monotonic` readings. The parent takes its own reading just
before starting the process; on Linux both read the same clock, so the difference
includes starting the interpreter.
"""

from __future__ import annotations

import time

ENTERED = time.monotonic()  # before anything else is imported

import json  # noqa: E402 (the clock is read first on purpose)
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

PAINT_TIMEOUT = 600.0


def main(argv: list[str]) -> int:
    """Open the window on ``argv[0]`` with settings in ``argv[1]``; print the timings."""
    library, settings_path = Path(argv[0]), Path(argv[1])
    profile_path = Path(argv[2]) if len(argv) > 2 else None
    profiler = _start_profiler() if profile_path else None
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QSettings

    import desktop.launcher  # noqa: F401 (the entry point's own imports: the CLI, argparse)
    from tests.perf.probes import PaintProbe, resident_memory_mb, visible_rows_loaded
    from tests.perf.probes import wait_for_paint as wait

    from desktop.ui.app import make_application
    from desktop.ui.main_window import MainWindow

    imported = time.monotonic()
    app = make_application([sys.argv[0]])
    window = MainWindow(library, settings=QSettings(str(settings_path), QSettings.Format.IniFormat))
    built = time.monotonic()
    probe = PaintProbe(window.table.viewport())
    window.show()
    shown = time.monotonic()
    wait(app, probe, 0, PAINT_TIMEOUT)
    while not visible_rows_loaded(window.table):
        wait(app, probe, probe.paints, PAINT_TIMEOUT)
    painted = time.monotonic()
    if profiler is not None:
        _save_profile(profiler, profile_path)
    result = {
        "entered": ENTERED,
        "imported": imported,
        "window_built": built,
        "shown": shown,
        "painted": painted,
        "rows": window.model.rowCount(),
        "table_on_screen": window.pages.currentWidget() is window.splitter,
        **resident_memory_mb(),
    }
    print(json.dumps(result), flush=True)
    os._exit(0)  # what happens after the first paint is not part of starting


def _start_profiler():  # -> pyinstrument.Profiler
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    return profiler


def _save_profile(profiler, path: Path) -> None:
    profiler.stop()
    path.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    path.with_suffix(".html").write_text(profiler.output_html())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
