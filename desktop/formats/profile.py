"""Format 1, the author profile page.

    Kexin Zhao                      <- the author

    CL                              <- subject
    h-index1                        <- figures, label and value glued (some may be missing)
    7papers
    2,183citations
    Novelty56%
    AI Score47

    7 Papers                        <- how many papers the page lists

    LGOct 25, 2017Code              <- per paper: header,
    Trace norm regularization ...   <- title,

    Markus Kliegl, ... et al.       <- author list,

    We propose and evaluate ...     <- abstract (may run over several paragraphs)

Blank lines separate the parts; extra blank lines are harmless.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from desktop.formats.listing_common import (
    EntryError,
    header_indexes,
    is_header_line,
    paragraph_text,
    paragraphs,
    parse_header,
    quoted,
    read_entries,
    record_from_header,
)
from desktop.formats.names import parse_author_list
from desktop.formats.records import PaperRecord, ParsedListing, Problem, ProfileInfo

_DECLARED_RE = re.compile(r"(\d[\d,]*) Papers?")
_SUBJECT_RE = re.compile(r"[A-Z]{2,4}")
# "h-index1", "Novelty56%", "AI Score47" (label first) and "7papers", "2,183citations"
# (value first). A label is letters, spaces and hyphens, starting and ending with a letter.
_LABEL = r"(?P<label>[^\W\d_](?:[^\W\d_ -]|[ -](?=[^\W\d_]))*)"
_VALUE = r"(?P<value>\d[\d,.]*%?)"
_FIGURE_RES = (re.compile(rf"{_LABEL}\s?{_VALUE}"), re.compile(rf"{_VALUE}\s?{_LABEL}"))


def sniff_profile(text: str) -> bool:
    """A profile page has lines above its first entry header, and either those lines show
    the paper count or figures, or its first entry runs over several paragraphs (a
    compact listing's entries are single blocks of lines).
    """
    lines = text.split("\n")
    # only the first two headers matter: the rest of a large listing is not looked at
    starts = (index for index, line in enumerate(lines) if is_header_line(line))
    first_entry = next(starts, None)
    if first_entry is None:
        return False
    above = [line.strip() for line in lines[:first_entry] if line.strip()]
    if not above:
        return False
    first_entry_end = next(starts, len(lines))
    return any(_DECLARED_RE.fullmatch(line) or _match_figure(line) for line in above) or (
        len(paragraphs(lines, first_entry, first_entry_end)) > 1
    )


def parse_profile(text: str, today: datetime.date) -> ParsedListing:
    """Read a profile page.

    Args:
        text: The decoded page.
        today: Supplies the year of dates that give none.

    Returns:
        The papers, the profile with its figures, and a Problem for each line above the
        entries that is not part of the profile, each entry that could not be read, and
        for papers the page declares but lacks.
    """
    lines = text.split("\n")
    starts = header_indexes(lines)
    profile, problems, declared_line = _read_profile(lines, starts[0] if starts else len(lines))
    papers, entry_problems = read_entries(
        lines, starts, lambda start, end: _read_entry(lines, start, end, today)
    )
    problems.extend(entry_problems)
    declared = profile.declared_papers
    if declared is not None and len(papers) < declared:
        message = f"the page lists {declared} papers but only {len(papers)} could be read"
        problems.append(Problem(declared_line, message))
    return ParsedListing(format="profile", papers=papers, problems=problems, profile=profile)


def _read_profile(lines: Sequence[str], end: int) -> tuple[ProfileInfo, list[Problem], int]:
    """The author, subject, figures and declared paper count above the first entry.

    Returns:
        The profile, a Problem for each line that is none of these, and the line number
        of the "N Papers" line (0 when there is none).
    """
    profile = ProfileInfo(name="")
    problems: list[Problem] = []
    declared_line = 0
    for number, line in ((index + 1, lines[index].strip()) for index in range(end)):
        if not line:
            continue
        if not profile.name:
            profile.name = line
        elif declared := _DECLARED_RE.fullmatch(line):
            profile.declared_papers = int(declared[1].replace(",", ""))
            declared_line = number
        elif figure := _match_figure(line):
            profile.figures[figure["label"].lower()] = figure["value"]
        elif not profile.subject and _SUBJECT_RE.fullmatch(line):
            profile.subject = line
        else:
            problems.append(Problem(number, f"not part of a profile header: {quoted(line)}"))
    return profile, problems, declared_line


def _match_figure(line: str) -> re.Match[str] | None:
    return next((m for pattern in _FIGURE_RES if (m := pattern.fullmatch(line))), None)


def _read_entry(lines: Sequence[str], start: int, end: int, today: datetime.date) -> PaperRecord:
    header = parse_header(lines[start], start + 1, today)
    # Padded so that a short entry still unpacks; the missing parts come out empty.
    title, authors, *rest = [*paragraphs(lines, start + 1, end), [], []]
    if not title:
        raise EntryError("no title after the header", start + 1, incomplete=True)
    if not authors:
        raise EntryError("no author list after the title", title[-1][0], incomplete=True)
    author_list = parse_author_list(paragraph_text(authors, " "), allow_single_word=True)
    if author_list is None:
        raise EntryError("no author list after the title", authors[0][0])
    abstract = "\n\n".join(paragraph_text(paragraph, "\n") for paragraph in rest if paragraph)
    if not abstract:
        raise EntryError("no abstract after the author list", authors[-1][0], incomplete=True)
    return record_from_header(
        header,
        line=start + 1,
        title=paragraph_text(title, " "),
        authors=author_list.names,
        et_al=author_list.et_al,
        abstract=abstract,
    )
