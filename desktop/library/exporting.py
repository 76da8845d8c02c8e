"""Exporting papers from the library: which papers, in what order, written where.

An `ExportSource` names the papers: a reading list (in the list's own order), a search
(in the order `lectern list` shows it: by id), explicit ids such as the window's
selection (in the order given, which is the view's), or the whole library. Papers in
the Trash are never exported. Citation keys are made across the library, not just the
export, so a paper keeps its key whichever list or selection it is exported with.

`export_to_file` writes the whole file or nothing: the text goes to a temporary file
next to the target, which then replaces it in one step.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from desktop.formats.export import ExportCancelled, ExportEntry, ExportOptions, Progress, write
from desktop.formats.export.keys import assign_keys, key_base
from desktop.library.edits import require_papers
from desktop.library.lists import list_id, list_order
from desktop.library.papers import Paper, get_papers
from desktop.library.search import SearchSyntaxError
from desktop.library.sidebar import sidebar_counts
from desktop.library.store import Library, LibraryError
from desktop.library.views import find_ids

# Papers are read this many at a time, with progress reported after each batch.
_BATCH = 500
# What a key is made of, for every paper of the given years (the only papers whose keys
# can clash with the exported ones). The abstract's start stands in for a missing title.
_KEY_PARTS_SQL = """
    SELECT p.id, p.title, p.date,
        (SELECT substr(ab.abstract, 1, 400) FROM paper_abstracts ab WHERE ab.paper_id = p.id),
        (SELECT a.name FROM paper_authors pa JOIN authors a ON a.id = pa.author_id
         WHERE pa.paper_id = p.id ORDER BY pa.position LIMIT 1)
    FROM papers p WHERE substr(p.date, 1, 4) IN ({marks})"""
_UNDATED_KEY_PARTS_SQL = _KEY_PARTS_SQL.replace(
    "substr(p.date, 1, 4) IN ({marks})", "coalesce(p.date, '') NOT GLOB '[0-9][0-9][0-9][0-9]*'"
)
_LIVE_SQL = "SELECT id FROM papers WHERE deleted IS NULL AND id IN ({marks})"


@dataclass(frozen=True)
class ExportSource:
    """Which papers to export; at most one of the three may be given (none: everything)."""

    list_name: str | None = None
    query: str | None = None
    ids: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        given = [self.list_name is not None, self.query is not None, self.ids is not None]
        if sum(given) > 1:
            raise ValueError("Export a reading list, a search or chosen papers, not several.")

    def describe(self) -> str:
        """A title for the document, e.g. "Reading list: Speech"."""
        if self.list_name is not None:
            return f"Reading list: {self.list_name}"
        if self.query:
            return f"Search: {self.query}"
        return "Selected papers" if self.ids is not None else "All papers"


def select_ids(lib: Library, source: ExportSource) -> list[int]:
    """The ids of the papers to export, in export order, without papers in the Trash.

    Raises:
        LibraryError: no list has that name (the message names the lists there are), the
            search cannot be read, or an id is not in the library.
    """
    if source.list_name is not None:
        ids = list_order(lib, _require_list(lib, source.list_name))
    elif source.ids is not None:
        ids = require_papers(lib.db, source.ids)
    else:
        try:
            return find_ids(lib, source.query or "")  # the Trash is not in its scope
        except SearchSyntaxError as exc:
            raise LibraryError(
                f"Cannot read the search at character {exc.position + 1}: {exc.message}"
            ) from exc
    live = {row[0] for row in _rows_in(lib, _LIVE_SQL, ids)}
    return [paper_id for paper_id in ids if paper_id in live]


def export_text(
    lib: Library,
    source: ExportSource,
    format_name: str,
    *,
    include: Collection[str] = (),
    title: str | None = None,
    progress: Progress | None = None,
) -> tuple[str, int]:
    """Export the source's papers as text.

    Args:
        lib: the open library.
        source: which papers.
        format_name: a key of `desktop.formats.export.FORMATS`.
        include: optional parts, from `desktop.formats.export.INCLUDE_CHOICES`.
        title: the document's title (default: what the source is, e.g. the list's name).
        progress: told (steps done, steps in all) as papers are read and written;
            returning False cancels.

    Returns:
        The document, and how many papers it holds.

    Raises:
        LibraryError: the source names no papers the library has (see `select_ids`).
        ExportCancelled: ``progress`` returned False.
        ValueError: an unknown format or include choice.
    """
    ids = select_ids(lib, source)
    list_title, description = _list_details(lib, source)
    options = ExportOptions(
        include=frozenset(include),
        title=title or list_title or source.describe(),
        description=description,
    )
    steps = 2 * len(ids)  # reading each paper, then writing it
    entries = load_entries(lib, ids, progress=_shifted(progress, 0, steps))
    text = write(format_name, entries, options, progress=_shifted(progress, len(ids), steps))
    return text, len(entries)


def _shifted(progress: Progress | None, offset: int, steps: int) -> Progress | None:
    """Progress of one phase, reported as part of the whole export's steps."""
    if progress is None:
        return None
    return lambda done, _total: progress(offset + done, steps)


def export_to_file(
    lib: Library,
    source: ExportSource,
    format_name: str,
    path: str | os.PathLike[str],
    *,
    include: Collection[str] = (),
    title: str | None = None,
    progress: Progress | None = None,
) -> int:
    """Export to a file, all or nothing (see `export_text` for the arguments).

    Returns:
        How many papers the file holds.

    Raises:
        LibraryError: as `export_text`, or the file cannot be written (it is then as it was).
        ExportCancelled: ``progress`` returned False; no file was written.
    """
    text, count = export_text(
        lib, source, format_name, include=include, title=title, progress=progress
    )
    write_atomically(Path(path), text)
    return count


def load_entries(
    lib: Library, ids: Sequence[int], *, progress: Progress | None = None
) -> list[ExportEntry]:
    """The papers as export entries, in the order of ``ids``, with library-wide keys.

    Raises:
        ExportCancelled: ``progress`` returned False.
    """
    entries: list[ExportEntry] = []
    for start in range(0, len(ids), _BATCH):
        entries += [_entry(paper) for paper in get_papers(lib, ids[start : start + _BATCH])]
        if progress is not None and not progress(len(entries), len(ids)):
            raise ExportCancelled("The export was cancelled; nothing was written.")
    keys = _library_keys(lib, entries)
    return [replace(entry, key=keys[entry.id]) for entry in entries]


def write_atomically(path: Path, text: str) -> None:
    """Write UTF-8 text to ``path`` through a temporary file, so it is whole or untouched.

    Raises:
        LibraryError: the file cannot be written; no temporary file is left behind.
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        # os.open, unlike tempfile, creates the file with the user's usual permissions
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(temporary, flags, 0o666), "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise LibraryError(f"Cannot write {path}: {exc.strerror or exc}") from exc
        raise


def _require_list(lib: Library, name: str) -> int:
    found = list_id(lib, name)
    if found is None:
        names = ", ".join(repr(entry.name) for entry in sidebar_counts(lib).lists)
        there = f"The reading lists are: {names}." if names else "There are no reading lists."
        raise LibraryError(f"There is no reading list named {name!r}. {there}")
    return found


def _list_details(lib: Library, source: ExportSource) -> tuple[str, str]:
    """A list's title for the document (its name as stored) and its description."""
    if source.list_name is None:
        return "", ""
    found = _require_list(lib, source.list_name)
    name, description = lib.db.execute(
        "SELECT name, description FROM reading_lists WHERE id = ?", [found]
    ).fetchone()
    return f"Reading list: {name}", description


def _entry(paper: Paper) -> ExportEntry:
    return ExportEntry(
        id=paper.id,
        title=paper.title,
        authors=paper.authors,
        et_al=paper.et_al,
        date=paper.date,
        date_inferred=paper.date_inferred,
        category=paper.category,
        affiliation=paper.affiliation,
        abstract=paper.abstract,
        code_urls=paper.code_urls,
        status=paper.status,
        tags=paper.tags,
        note=paper.note,
        venue=paper.venue,
        volume=paper.volume,
        number=paper.number,
        pages=paper.pages,
        doi=paper.doi,
        arxiv_id=paper.arxiv_id,
        url=paper.url,
        entry_type=paper.entry_type,
    )


def _library_keys(lib: Library, entries: Sequence[ExportEntry]) -> dict[int, str]:
    """Keys made among every paper of the exported papers' years, Trash included.

    A paper's key then depends only on the library, never on what else is exported.
    """
    years = {_year(entry.date) for entry in entries}
    rows = _rows_in(lib, _KEY_PARTS_SQL, sorted(year for year in years if year))
    if None in years:
        rows += lib.db.execute(_UNDATED_KEY_PARTS_SQL).fetchall()
    bases = {
        paper_id: key_base([author] if author else [], date, title, abstract or "")
        for paper_id, title, date, abstract, author in rows
    }
    return assign_keys(bases.items())


def _year(date: str | None) -> str | None:
    """The year as the keys and the SQL above read it: four ASCII digits first."""
    year = (date or "")[:4]
    return year if len(year) == 4 and year.isascii() and year.isdigit() else None


def _rows_in(lib: Library, sql: str, values: Sequence[object]) -> list[tuple]:
    """Rows of a query whose WHERE ends in ``IN ({marks})``, in chunks SQLite accepts."""
    rows: list[tuple] = []
    for start in range(0, len(values), 900):  # SQLite's cap on parameters per statement
        chunk = list(values[start : start + 900])
        rows += lib.db.execute(sql.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
    return rows
