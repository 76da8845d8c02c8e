"""Render the window with the sample papers to PNGs, offscreen: `python -m desktop.ui.screenshot`.

Writes resources/screenshot.png (light palette) and resources/screenshot-dark.png. The
library is a temporary file with the samples imported and a little reading done, so the
picture shows tags, statuses, a reading list and a note the way a user would have them.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

# chosen before Qt loads: the picture is rendered without a display
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.assets import resources_dir, sample_listings
from desktop.library import edits, lists
from desktop.library.importing import import_file
from desktop.library.store import open_library
from desktop.library.views import find_ids

from desktop.ui.app import dark_palette, make_application
from desktop.ui.main_window import MainWindow

NOTE = """Endpointing for **multi-talker** streaming ASR.

- compare latency with the single-talker endpointer
- does the SURT setup need its own EOS token?
"""


def _sample_library(path: Path) -> None:
    lib = open_library(path)
    for listing in sample_listings():
        import_file(lib, listing, today=date(2026, 11, 22))
    speech = find_ids(lib, "speech recognition")
    edits.add_tags(lib, speech[:6], ["speech"])
    edits.add_tags(lib, find_ids(lib, "quantization"), ["quantization"])
    edits.add_tags(lib, find_ids(lib, "diffusion"), ["diffusion", "to-discuss"])
    edits.set_status(lib, speech[:4], "read")
    edits.set_status(lib, find_ids(lib, "cat:CV")[:3], "reading")
    _changes, group = lists.create_list(lib, "Reading group")
    lists.add_to_list(lib, group, find_ids(lib, "pruning")[:5])
    edits.set_note(lib, find_ids(lib, 'title:"Endpoint Detection"')[0], NOTE)
    lib.close()


def render(out_dir: Path) -> list[Path]:
    """Render both palettes into ``out_dir``; returns the files written."""
    app = make_application(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        library = Path(tmp) / "library.sqlite"
        _sample_library(library)
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(library, settings=settings)
        window.resize(1440, 860)
        window.show()
        row = window.model.row_of(find_ids(window.lib, 'title:"Endpoint Detection"')[0])
        window.table.selectRow(row or 0)
        written = []
        for name, palette in (("screenshot.png", None), ("screenshot-dark.png", dark_palette())):
            if palette is not None:
                app.setPalette(palette)
            QApplication.processEvents()
            target = out_dir / name
            window.grab().save(str(target))
            written.append(target)
        window.close()
    return written


if __name__ == "__main__":
    for path in render(resources_dir()):
        print(path)
