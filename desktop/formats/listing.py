"""Reading a paper listing: decode it, recognise its format by content, hand it to a reader.

Formats are recognised from the text alone, never from the file name. Each known format
is a ``ListingReader`` in ``READERS``; a new reader (BibTeX, RIS, CSL-JSON) is one more
entry. The first reader in the list whose ``sniff`` accepts the text reads it:

* csljson: a JSON array whose first item is an object with a type or title;
* ris: a ``TY  - `` line;
* bibtex: an ``@type{`` line (other than ``@string``, ``@comment``, ``@preamble``);
* profile: lines above the first entry header, showing the paper count (``7 Papers``) or
  figures (``h-index1``), or a first entry in several paragraphs;
* compact: entry headers (``LGOct 25, 2017Code``) otherwise;
* abstracts: ``Abstract:`` lines and no entry header at all.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from desktop.formats.abstracts import parse_abstracts, sniff_abstracts
from desktop.formats.bibtex_reader import parse_bibtex, sniff_bibtex
from desktop.formats.compact import parse_compact, sniff_compact
from desktop.formats.csljson_reader import parse_csljson, sniff_csljson
from desktop.formats.profile import parse_profile, sniff_profile
from desktop.formats.records import ImportFormatError, ParsedListing
from desktop.formats.ris_reader import parse_ris, sniff_ris
from desktop.formats.text import decode_text


@dataclass(frozen=True)
class ListingReader:
    """One format: its name, whether a text is in it, and how to read it.

    ``parse`` gets the decoded text and today's date, and returns what it read; entries it
    cannot read go into ``problems``. It must raise nothing but ImportFormatError.
    """

    name: str
    sniff: Callable[[str], bool]
    parse: Callable[[str, datetime.date], ParsedListing]


# Reference managers' formats first: their markers (``@article{``, ``TY  - ``, a JSON
# array) are unambiguous, while the listing sniffers accept loosely shaped text.
READERS: list[ListingReader] = [
    ListingReader("csljson", sniff_csljson, parse_csljson),
    ListingReader("ris", sniff_ris, parse_ris),
    ListingReader("bibtex", sniff_bibtex, parse_bibtex),
    ListingReader("profile", sniff_profile, parse_profile),
    ListingReader("compact", sniff_compact, parse_compact),
    ListingReader("abstracts", sniff_abstracts, parse_abstracts),
]


def detect_format(text: str) -> str | None:
    """The name of the format ``text`` is in, or ``None`` if no reader recognises it."""
    reader = _reader_for(text)
    return reader.name if reader else None


def parse_listing(
    data: bytes, filename: str = "", today: datetime.date | None = None
) -> ParsedListing:
    """Read a listing file in any known format.

    Args:
        data: The file's bytes.
        filename: Named in errors; never used to pick the format.
        today: Supplies the year of dates that give none; defaults to today.

    Returns:
        The papers read, and a Problem for each entry skipped.

    Raises:
        ImportFormatError: The file is empty, binary or in no known format, or not one
            of its entries could be read.
    """
    text = decode_text(data, filename)
    reader = _reader_for(text)
    if reader is None:
        known = ", ".join(known_reader.name for known_reader in READERS)
        raise ImportFormatError(f"not a listing in a known format ({known})", filename=filename)
    listing = reader.parse(text, today or datetime.date.today())
    if not listing.papers:
        first = listing.problems[0] if listing.problems else None
        reason = f": {first.message}" if first else ""
        raise ImportFormatError(
            f"no paper could be read from this {reader.name} listing{reason}",
            filename=filename,
            line=first.line if first else None,
        )
    return listing


def _reader_for(text: str) -> ListingReader | None:
    return next((reader for reader in READERS if reader.sniff(text)), None)
