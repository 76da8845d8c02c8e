"""Writers for reading-list exports: BibTeX, RIS, CSL-JSON, CSV, Markdown and HTML.

Pure functions from `ExportEntry` records to text; no Qt, no database. `write` gives
every entry a citation key, renders the entries one by one (reporting progress, which
may cancel), and assembles the document. `FORMATS` lists the formats in the order the
window offers them, with their file extensions.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType

from desktop.formats.export.keys import with_keys
from desktop.formats.export.model import INCLUDE_CHOICES, ExportEntry, ExportOptions

__all__ = [
    "FORMATS",
    "INCLUDE_CHOICES",
    "ExportCancelled",
    "ExportEntry",
    "ExportFormat",
    "ExportOptions",
    "Progress",
    "write",
]

# Called with (entries done, entries in all); returning False cancels the export.
Progress = Callable[[int, int], bool]
# Progress is reported after this many entries (and after the last).
_PROGRESS_STEP = 50


class ExportCancelled(Exception):
    """The progress callback asked to stop; nothing was written."""


@dataclass(frozen=True)
class ExportFormat:
    """A format the user can choose: its name on the command line, label and extension.

    Its writer is a module of this package with ``render(entry, options)`` (one paper)
    and ``assemble(rendered, options) -> str`` (the document). It is imported on first
    use: the writers' libraries are not loaded each time ``lectern`` starts.
    """

    name: str
    label: str
    extension: str  # without the dot
    module: str

    def writer(self) -> ModuleType:
        """The writer module."""
        return importlib.import_module(f"{__name__}.{self.module}")


FORMATS: dict[str, ExportFormat] = {
    fmt.name: fmt
    for fmt in (
        ExportFormat("bibtex", "BibTeX", "bib", "bibtex"),
        ExportFormat("ris", "RIS", "ris", "ris"),
        ExportFormat("csljson", "CSL-JSON", "json", "csljson"),
        ExportFormat("csv", "CSV (spreadsheet)", "csv", "csv_table"),
        ExportFormat("markdown", "Markdown", "md", "markdown"),
        ExportFormat("html", "HTML page", "html", "html_page"),
    )
}


def write(
    format_name: str,
    entries: Sequence[ExportEntry],
    options: ExportOptions | None = None,
    progress: Progress | None = None,
) -> str:
    """The export of ``entries`` in the named format, as text.

    Args:
        format_name: a key of `FORMATS`.
        entries: the papers, in the order the document lists them.
        options: what to include, and the document's title.
        progress: told after each step; returning False stops the export.

    Returns:
        The whole document.

    Raises:
        ValueError: there is no such format.
        ExportCancelled: ``progress`` returned False.
    """
    if format_name not in FORMATS:
        raise ValueError(
            f"Unknown export format {format_name!r}; choose from {', '.join(FORMATS)}."
        )
    writer = FORMATS[format_name].writer()
    options = options or ExportOptions()
    rendered = []
    total = len(entries)
    for done, entry in enumerate(with_keys(entries), 1):
        rendered.append(writer.render(entry, options))
        if progress and (done % _PROGRESS_STEP == 0 or done == total) and not progress(done, total):
            raise ExportCancelled("The export was cancelled; nothing was written.")
    return writer.assemble(rendered, options)
