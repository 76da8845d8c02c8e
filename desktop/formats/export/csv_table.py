"""CSV (.csv): a header row, then one paper per row, written by the csv module.

UTF-8 with a byte order mark, which Excel needs to read UTF-8 (LibreOffice and the csv
module with ``utf-8-sig`` skip it), and CRLF line ends as RFC 4180 says. A cell that a
spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage return)
gets a leading apostrophe, OWASP's advice: ``'=SUM(A1)`` shows as text.
"""

from __future__ import annotations

import csv
import io

from desktop.formats.export.model import (
    ExportEntry,
    ExportOptions,
    date_parts,
    display_title,
    has_title,
    web_links,
)
from desktop.formats.export.text import clean, one_line

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BYTE_ORDER_MARK = "\ufeff"
_ALWAYS = (
    "key",
    "id",
    "title",
    "untitled",
    "authors",
    "et_al",
    "year",
    "date",
    "date_inferred",
    "category",
    "affiliation",
    "code_urls",
)
# The optional columns, in the order they come after the others.
_CHOSEN = (("status", "status"), ("tags", "tags"), ("abstract", "abstract"), ("notes", "note"))


def columns(options: ExportOptions) -> list[str]:
    """The header row for these options."""
    return [*_ALWAYS, *(column for part, column in _CHOSEN if options.wants(part))]


def render(entry: ExportEntry, options: ExportOptions) -> list[str]:
    """One paper's row, every cell safe to open in a spreadsheet."""
    parts = date_parts(entry)
    cells = {
        "key": entry.key,
        "id": str(entry.id),
        "title": display_title(entry),
        "untitled": _yes_no(not has_title(entry)),
        "authors": "; ".join(one_line(name) for name in entry.authors if one_line(name)),
        "et_al": _yes_no(entry.et_al),
        "year": str(parts[0]) if parts else "",
        "date": entry.date or "",
        "date_inferred": _yes_no(entry.date_inferred),
        "category": one_line(entry.category),
        "affiliation": one_line(entry.affiliation),
        "code_urls": " ".join(web_links(entry)),
        "status": entry.status,
        "tags": "; ".join(one_line(tag) for tag in entry.tags if one_line(tag)),
        "abstract": clean(entry.abstract).strip(),
        "note": clean(entry.note).strip(),
    }
    return [neutralise(cells[column]) for column in columns(options)]


def neutralise(cell: str) -> str:
    """The cell with a leading apostrophe when a spreadsheet would take it for a formula."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def assemble(rows: list[list[str]], options: ExportOptions) -> str:
    """The .csv text: byte order mark, header row, the rows; every cell is quoted as needed."""
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel")
    writer.writerow(columns(options))
    writer.writerows(rows)
    return _BYTE_ORDER_MARK + out.getvalue()


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"
