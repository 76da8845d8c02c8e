"""Reading BibTeX and biblatex files (JabRef, Zotero, TeX Live) into paper records.

bibtexparser 2 splits the file into entries and resolves ``@string`` macros; a block it
cannot parse becomes a Problem at its first line and the rest of the file is still read.
Field values are LaTeX: they are decoded to Unicode for display, except ``$...$`` math,
which stays as it is written so a formula reads the same as in the paper (see
`desktop.formats.latex_decode`).
"""

from __future__ import annotations

import datetime
import functools
import itertools
import re

import bibtexparser
from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.middlewares.parsestack import default_parse_stack
from bibtexparser.model import DuplicateFieldKeyBlock, Entry, Field

from desktop.formats.biblio_common import (
    PAGE_RANGE_DASH,
    arxiv_id,
    display_name,
    iso_date,
    normalise_doi,
    rating_from_ranking,
    split_keywords,
    split_links,
    status_from_readstatus,
)
from desktop.formats.latex_decode import decode_latex
from desktop.formats.records import ImportFormatError, PaperRecord, ParsedListing, Problem

# An entry's opening: "@article{" or "@inproceedings (" at the start of a line, after any
# blanks. Entries after the first line are looked for after their newline, which the
# regex engine finds at the speed of a plain string search; a pattern anchored with
# re.MULTILINE's "^" instead makes it try every character of a large listing.
_ENTRY_START = r"[^\S\n]*@\s*([A-Za-z]+)\s*[{(]"
_FIRST_LINE_ENTRY = re.compile(_ENTRY_START)
_LATER_ENTRY = re.compile("\n" + _ENTRY_START)
_NOT_ENTRIES = {"string", "comment", "preamble"}
# Fields that name where a work appeared, in order of preference.
_VENUE_FIELDS = (
    "journal",
    "journaltitle",
    "booktitle",
    "publisher",
    "institution",
    "school",
    "howpublished",
)


def sniff_bibtex(text: str) -> bool:
    """Whether ``text`` holds BibTeX entries (an ``@type{`` line other than comments)."""
    first = _FIRST_LINE_ENTRY.match(text)
    openings = itertools.chain([first] if first else [], _LATER_ENTRY.finditer(text))
    return any(match[1].casefold() not in _NOT_ENTRIES for match in openings)


def parse_bibtex(text: str, today: datetime.date) -> ParsedListing:
    """Read every entry of a BibTeX file; entries that cannot be read become Problems.

    Raises:
        ImportFormatError: never for a broken entry, only if bibtexparser fails on the
            whole file.
    """
    del today  # BibTeX years are explicit; nothing is inferred
    try:
        library = bibtexparser.parse_string(text)
    except Exception as exc:  # bibtexparser raises assorted errors on pathological input
        raise ImportFormatError(f"cannot read this BibTeX file: {exc}") from exc
    listing = ParsedListing(format="bibtex")
    for block in library.failed_blocks:
        if isinstance(block, DuplicateFieldKeyBlock):
            continue  # read below, as BibTeX reads it
        line = (block.start_line or 0) + 1  # bibtexparser counts from 0
        kind = type(block).__name__.replace("Block", "").replace("Parsing", "")
        listing.problems.append(Problem(line, f"entry not read ({kind.strip() or 'failed'})"))
    entries = sorted(
        [*library.entries, *_with_duplicate_fields(library)], key=lambda entry: entry.start_line
    )
    for entry in entries:
        try:
            listing.papers.append(_record(entry))
        except (ValueError, TypeError, AttributeError, IndexError) as exc:
            listing.problems.append(Problem(entry.start_line + 1, f"entry not read: {exc}"))
    listing.problems.sort(key=lambda problem: problem.line)
    return listing


def _record(entry: Entry) -> PaperRecord:
    raw = {key.casefold(): str(value.value) for key, value in entry.fields_dict.items()}
    fields = _Decoded(raw)
    authors, et_al = parse_names(raw.get("author") or raw.get("editor") or "")
    date = iso_date(fields.get("year", ""), fields.get("month", ""), fields.get("day", ""))
    if date is None and fields.get("date"):  # biblatex: date = {2020-05-04}
        parts = [*fields["date"].split("/")[0].split("-"), "", ""][:3]
        date = iso_date(*parts)
    archive = fields.get("eprinttype") or fields.get("archiveprefix") or "arxiv"
    # identifiers and links are verbatim in biblatex: "%" or "_" in them is no LaTeX
    eprint = raw.get("eprint", "") if "arxiv" in archive.casefold() else ""
    url, code_urls = split_links([raw.get("url", "")])
    return PaperRecord(
        title=fields.get("title", "").strip() or None,
        authors=authors,
        et_al=et_al,
        affiliation=fields.get("institution", "") if "journal" in fields else "",
        date=date,
        has_code=bool(code_urls),
        code_urls=code_urls,
        abstract=fields.get("abstract", "").strip(),
        line=entry.start_line + 1,
        venue=next((fields[name].strip() for name in _VENUE_FIELDS if fields.get(name)), ""),
        volume=fields.get("volume", "").strip(),
        number=(fields.get("number") or fields.get("issue") or "").strip(),
        pages=fields.get("pages", "").replace("--", PAGE_RANGE_DASH).strip(),
        doi=normalise_doi(raw.get("doi", "")),
        arxiv_id=arxiv_id(eprint, raw.get("arxivid", ""), raw.get("url", "")),
        url=url,
        keywords=tuple(split_keywords(fields.get("keywords", ""))),
        note=(
            fields.get("annote") or fields.get("annotation") or fields.get("comment") or ""
        ).strip(),
        entry_type=entry.entry_type.casefold(),
        citation_key=entry.key,
        status=status_from_readstatus(fields.get("readstatus", "")),
        groups=tuple(split_keywords(fields.get("groups", ""))),
        rating=rating_from_ranking(fields.get("ranking", "")),
        bibliographic=True,
    )


def _with_duplicate_fields(library: bibtexparser.Library) -> list[Entry]:
    """Entries that give a field twice, read as BibTeX does: the first one counts.

    bibtexparser sets them aside unparsed (real files have them: TUGboat's bibliography
    repeats "bibsource" and "acknowledgement"); they get the file's @string macros and
    enclosing quotes or braces resolved like every other entry.
    """
    repaired = []
    for block in library.failed_blocks:
        if isinstance(block, DuplicateFieldKeyBlock):
            entry = block.ignore_error_block
            first: dict[str, Field] = {}
            for found in entry.fields:
                first.setdefault(found.key.casefold(), found)
            fields = list(first.values())
            repaired.append(Entry(entry.entry_type, entry.key, fields, entry.start_line, entry.raw))
    if not repaired:
        return []
    resolved = bibtexparser.Library([*library.strings, *repaired])
    for middleware in default_parse_stack():
        resolved = middleware.transform(resolved)
    return list(resolved.entries)


class _Decoded(dict):
    """An entry's fields decoded from LaTeX when first read: most fields are never read."""

    def __init__(self, raw: dict[str, str]) -> None:
        super().__init__()
        self._raw = raw

    def __missing__(self, key: str) -> str:
        self[key] = decode_latex(self._raw[key]) if key in self._raw else ""
        return self[key]

    def get(self, key: str, default: str = "") -> str:  # type: ignore[override]
        return self[key] if key in self._raw else default

    def __contains__(self, key: object) -> bool:
        return key in self._raw


def parse_names(value: str) -> tuple[list[str], bool]:
    """The people of an author field in reading order, and whether it ends "and others"."""
    names: list[str] = []
    et_al = False
    for person in split_multiple_persons_names(" ".join(value.split())):
        if person.strip().casefold() == "others":
            et_al = True
            continue
        name = _person_name(person.strip())
        if name is not None:
            names.append(name)
    return names, et_al


# A bibliography names the same people in entry after entry, and taking a name apart
# costs more than the rest of its entry: each is read once.
@functools.lru_cache(maxsize=1 << 14)
def _person_name(person: str) -> str | None:
    """One person of an author field in reading order; None for a name without parts."""
    if person.startswith("{") and person.endswith("}") and _balanced(person[1:-1]):
        return decode_latex(person[1:-1])  # {Corporate Authors, Inc.}
    parts = parse_single_name_into_parts(person, strict=False)
    name = display_name(
        decode_latex(" ".join(parts.last)),
        decode_latex(" ".join(parts.first)),
        decode_latex(" ".join(parts.von)),
        decode_latex(" ".join(parts.jr)),
    )
    return name or None


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0
