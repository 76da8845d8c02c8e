"""Pieces the seed listing readers share: the entry header line, dates, code URLs, and the
loop that turns header-delimited entries into records and problems.

A header line is ``<CAT><Mon D, YYYY>[Code]`` glued together, for example
``LGOct 25, 2017Code``, ``CVMay 28`` (no year: the current year is meant) or
``ASSep 14, 2023``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from desktop.formats.records import PaperRecord, Problem

_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS: dict[str, int] = {
    **{name: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3]: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    "Sept": 9,
}
# Longest first, so "September" wins over "Sep" and the day still follows the month.
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))

# The category is matched non-greedily: its capitals run straight into the month's
# capital ("ASSep"), and the month is the first capitalised word that follows.
_HEADER_RE = re.compile(
    rf"(?P<category>[A-Z]{{2,4}}?)(?P<month>{_MONTH})\.?\s*(?P<day>\d{{1,2}})"
    rf"(?:,\s*(?P<year>\d{{4}}))?(?P<code>Code)?"
)


def _header_start(blank: str) -> str:
    """Enough of a header to know an entry starts here even when the rest of the line is
    damaged (a typo, or a file cut off in the middle of the date), after any ``blank``s
    (matched rather than stripped: stripping copies every long abstract line)."""
    return rf"{blank}*[A-Z]{{2,4}}?(?:{_MONTH})\.?{blank}*\d"


_HEADER_START_RE = re.compile(_header_start(r"\s"))
# The same within one line of a whole text. Lines after the first are looked for after
# their newline, which the regex engine finds at the speed of a plain string search; a
# pattern anchored with re.MULTILINE's "^" instead makes it try every character.
_FIRST_LINE_HEADER_START_RE = re.compile(_header_start(r"[^\S\n]"))
_LATER_HEADER_START_RE = re.compile("\n" + _header_start(r"[^\S\n]"))

_BARE_URL = r"(?P<bare>https?://[^\s<>\"{}\\]+)"
_URL_RE = re.compile(r"\\url\{\s*(?P<braced>[^{}\s]+)\s*\}|" + _BARE_URL)
# _URL_RE where the text has no "\url{": searching the alternatives together, the engine
# tries the pattern at every "h", which makes it many times slower than one looking for
# "http" alone.
_BARE_URL_RE = re.compile(_BARE_URL)
_CODE_LABEL_RE = re.compile(r"\bcode\s*:\s*$", re.IGNORECASE)
_HOST_RE = re.compile(r"https?://(?:www\.)?([^/?#:]+)", re.IGNORECASE)
# Bare links to these hosts are code even without a "Code:" label.
_CODE_HOSTS = (
    "github.com",
    "gitlab.com",
    "bitbucket.org",
    "huggingface.co",
    "codeberg.org",
    "gitee.com",
    "sourceforge.net",
    "sr.ht",
)
_OPENING = {")": "(", "]": "[", "}": "{"}
_TRAILING_PUNCTUATION = ".,;:!?'\""
# An abstract ending otherwise (mid-word, on a comma) was probably cut off.
_COMPLETE_ENDINGS = tuple(".!?)]}\"'\u201d\u2019\u2026$")  # and closing quotes, ellipsis


_QUOTE_LIMIT = 80


def quoted(text: str) -> str:
    """``text`` in quotes for a message, shortened when long (a garbage line can be huge)."""
    if len(text) > _QUOTE_LIMIT:
        text = text[: _QUOTE_LIMIT - 3] + "..."
    return repr(text)


class EntryError(Exception):
    """One entry cannot be read; the reader records it as a Problem and goes on.

    ``incomplete`` marks errors about missing parts, which at the end of a file mean the
    file was cut off.
    """

    def __init__(self, message: str, line: int, *, incomplete: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.incomplete = incomplete


@dataclass(frozen=True)
class Header:
    """What an entry's header line says."""

    category: str
    date: str
    date_inferred: bool
    has_code: bool


def is_header_line(line: str) -> bool:
    """Whether ``line`` starts an entry (possibly with a damaged header)."""
    return _HEADER_START_RE.match(line) is not None


def has_header_line(text: str) -> bool:
    """Whether a line of ``text`` starts an entry, without splitting it into lines."""
    return bool(_FIRST_LINE_HEADER_START_RE.match(text) or _LATER_HEADER_START_RE.search(text))


def parse_header(line: str, line_number: int, today: datetime.date) -> Header:
    """Read a header line such as ``LGOct 25, 2017Code``.

    Args:
        line: The header line.
        line_number: 1-based, for the error.
        today: Supplies the year when the header gives none.

    Raises:
        EntryError: The line is not a complete header, or names a date that does not
            exist (``Feb 30, 2020``).
    """
    text = line.strip()
    match = _HEADER_RE.fullmatch(text)
    if match is None:
        raise EntryError(f"not a valid entry header: {quoted(text)}", line_number)
    year = int(match["year"]) if match["year"] else today.year
    try:
        date = datetime.date(year, MONTHS[match["month"]], int(match["day"]))
    except ValueError:
        raise EntryError(f"no such date in the header: {quoted(text)}", line_number) from None
    return Header(
        category=match["category"],
        date=date.isoformat(),
        date_inferred=match["year"] is None,
        has_code=match["code"] is not None,
    )


def extract_code_urls(abstract: str) -> list[str]:
    """The code links an abstract gives, in order and without repeats.

    A link counts when it is labelled (``Code: https://...``), written as ``\\url{...}``,
    or points to a code host such as GitHub. Punctuation the sentence put after it
    (``.``, ``)`` without an opening one, ``}``) is not part of it.
    """
    urls: dict[str, None] = {}  # ordered, without repeats
    url_re = _URL_RE if "\\url{" in abstract else _BARE_URL_RE
    for match in url_re.finditer(abstract):
        braced = match.lastgroup == "braced"
        url = _trim_url(match[match.lastgroup])
        labelled = _CODE_LABEL_RE.search(abstract, max(0, match.start() - 30), match.start())
        if url and (braced or labelled or _on_code_host(url)):
            urls[url] = None
    return list(urls)


def _trim_url(url: str) -> str:
    unmatched = {close: url.count(close) - url.count(open_) for close, open_ in _OPENING.items()}
    end = len(url)
    while end:
        last = url[end - 1]
        if last in _OPENING and unmatched[last] > 0:
            unmatched[last] -= 1
        elif last not in _TRAILING_PUNCTUATION:
            break
        end -= 1
    return url[:end]


def _on_code_host(url: str) -> bool:
    match = _HOST_RE.match(url)
    if match is None:
        return False
    host = match[1].lower()
    return any(host == known or host.endswith("." + known) for known in _CODE_HOSTS)


def looks_cut_off(abstract: str) -> bool:
    """Whether an abstract ends the way a truncated one does (mid-word, mid-sentence).

    Complete abstracts end with terminal punctuation, a closing bracket or brace, or a
    link.
    """
    text = abstract.rstrip()
    if not text:
        return True
    if text.endswith(_COMPLETE_ENDINGS):
        return False
    return _HOST_RE.match(text.split()[-1]) is None


Paragraph = list[tuple[int, str]]  # (1-based line number, line) for consecutive lines


def paragraphs(lines: Sequence[str], start: int, end: int) -> list[Paragraph]:
    """Group ``lines[start:end]`` into runs of non-blank lines.

    Args:
        lines: All lines of the file.
        start: Index of the first line to look at.
        end: Index after the last one.

    Returns:
        The runs, each a list of (1-based line number, line).
    """
    groups: list[Paragraph] = []
    current: Paragraph = []
    for index in range(start, end):
        if lines[index].strip():
            current.append((index + 1, lines[index]))
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def paragraph_text(paragraph: Paragraph, separator: str) -> str:
    """The lines of a paragraph joined with ``separator``, surrounding whitespace gone."""
    return separator.join(line.strip() for _, line in paragraph)


def header_indexes(lines: Sequence[str]) -> list[int]:
    """Indexes of the lines that start entries."""
    return [index for index, line in enumerate(lines) if is_header_line(line)]


def read_entries(
    lines: Sequence[str],
    starts: Sequence[int],
    read_entry: Callable[[int, int], PaperRecord],
) -> tuple[list[PaperRecord], list[Problem]]:
    """Read every header-delimited entry, keeping the good ones and noting the rest.

    Args:
        lines: All lines of the file.
        starts: Indexes of the header lines, ascending.
        read_entry: Reads the entry in ``lines[start:end]``; raises EntryError.

    Returns:
        The records read, and a Problem for each entry that was skipped. The file's last
        entry is also skipped when it looks cut off.
    """
    papers: list[PaperRecord] = []
    problems: list[Problem] = []
    for position, start in enumerate(starts):
        is_last = position == len(starts) - 1
        end = len(lines) if is_last else starts[position + 1]
        try:
            paper = read_entry(start, end)
        except EntryError as error:
            cut_off = is_last and error.incomplete
            message = f"entry looks cut off: {error.message}" if cut_off else error.message
            problems.append(Problem(error.line, message))
            continue
        if is_last and looks_cut_off(paper.abstract):
            problems.append(Problem(paper.line, "entry looks cut off: its abstract ends mid-text"))
            continue
        papers.append(paper)
    return papers, problems


def record_from_header(
    header: Header,
    *,
    line: int,
    title: str,
    authors: list[str],
    et_al: bool,
    abstract: str,
    affiliation: str = "",
) -> PaperRecord:
    """A record for an entry with a header line; code links come from the abstract."""
    return PaperRecord(
        title=title,
        authors=authors,
        et_al=et_al,
        affiliation=affiliation,
        category=header.category,
        date=header.date,
        date_inferred=header.date_inferred,
        has_code=header.has_code,
        code_urls=extract_code_urls(abstract),
        abstract=abstract,
        line=line,
    )
