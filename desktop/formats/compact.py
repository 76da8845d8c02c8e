"""Format 2, the compact listing: three lines per paper.

    AISep 25, 2024Code                                                  <- header
    Search for Efficient Large Language ModelsXuan Shen, Pu Zhao, Yifan Gong et al. · harvard
    Large Language Models (LLMs) have long held sway in ...             <- abstract

The second line is the title and the author list with nothing between them, then an
optional `` · affiliation``. Blank lines between entries are tolerated.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from desktop.formats.listing_common import (
    EntryError,
    has_header_line,
    header_indexes,
    parse_header,
    quoted,
    read_entries,
    record_from_header,
)
from desktop.formats.names import split_title_and_authors
from desktop.formats.records import PaperRecord, ParsedListing, Problem

AFFILIATION_SEPARATOR = " · "


def sniff_compact(text: str) -> bool:
    """A compact listing has entry headers (a profile page has them too: try it first)."""
    return has_header_line(text)


def parse_compact(text: str, today: datetime.date) -> ParsedListing:
    """Read a compact listing.

    Args:
        text: The decoded listing.
        today: Supplies the year of dates that give none.

    Returns:
        The papers, and a Problem for each entry that could not be read and each line
        above the first entry (a heading copied along with the listing, say).
    """
    lines = text.split("\n")
    starts = header_indexes(lines)
    problems = [
        Problem(index + 1, f"not part of any entry: {quoted(line.strip())}")
        for index, line in enumerate(lines[: starts[0] if starts else len(lines)])
        if line.strip()
    ]
    papers, entry_problems = read_entries(
        lines, starts, lambda start, end: _read_entry(lines, start, end, today)
    )
    return ParsedListing(format="compact", papers=papers, problems=problems + entry_problems)


def _read_entry(lines: Sequence[str], start: int, end: int, today: datetime.date) -> PaperRecord:
    header = parse_header(lines[start], start + 1, today)
    body = [(index + 1, lines[index].strip()) for index in range(start + 1, end)]
    body = [(number, line) for number, line in body if line]
    if not body:
        raise EntryError("no title line after the header", start + 1, incomplete=True)
    if len(body) == 1:
        raise EntryError("no abstract line after the title line", body[0][0], incomplete=True)
    if len(body) > 2:
        raise EntryError(
            f"expected a title line and an abstract line after the header, found {len(body)} lines",
            body[2][0],
        )
    (title_number, title_line), (_, abstract) = body
    before, separator, after = title_line.rpartition(AFFILIATION_SEPARATOR)
    title_and_authors = before if separator else title_line
    split = split_title_and_authors(title_and_authors)
    if split is None:
        raise EntryError(
            f"cannot tell where the title ends and the authors begin: {quoted(title_and_authors)}",
            title_number,
        )
    return record_from_header(
        header,
        line=start + 1,
        title=split.title,
        authors=split.authors.names,
        et_al=split.authors.et_al,
        abstract=abstract,
        affiliation=after.strip() if separator else "",
    )
