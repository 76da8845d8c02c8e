"""Format 3, the abstract-only dump.

    Indiana University Bloomington, Alexa Machine Learning, Amazon, USA   <- affiliation
    Abstract:Fine-tuning large language models (LLMs) has ...
    Abstract:For on-device automatic speech recognition (ASR), ...

One ``Abstract:`` line per paper, separated by newlines or runs of blank lines. Any other
line is an affiliation that applies to the abstracts after it, until the next one. There
are no titles, authors, categories or dates.
"""

from __future__ import annotations

import datetime

from desktop.formats.listing_common import (
    extract_code_urls,
    header_indexes,
    looks_cut_off,
    quoted,
)
from desktop.formats.records import PaperRecord, ParsedListing, Problem

ABSTRACT_PREFIX = "Abstract:"


def sniff_abstracts(text: str) -> bool:
    """An abstract dump has ``Abstract:`` lines and no entry headers."""
    lines = text.split("\n")
    has_abstract = any(line.lstrip().startswith(ABSTRACT_PREFIX) for line in lines)
    return has_abstract and not header_indexes(lines)


def parse_abstracts(text: str, today: datetime.date) -> ParsedListing:
    """Read an abstract dump.

    Args:
        text: The decoded dump.
        today: Unused; the dump has no dates. Taken for the common reader signature.

    Returns:
        One title-less paper per abstract, and a Problem for each empty abstract, each
        affiliation line no abstract follows, and a last abstract that looks cut off.
    """
    papers: list[PaperRecord] = []
    problems: list[Problem] = []
    affiliation, affiliation_line, affiliation_used = "", 0, True
    last_number = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        last_number = number
        if not line.startswith(ABSTRACT_PREFIX):
            if not affiliation_used:
                problems.append(_unused_affiliation(affiliation, affiliation_line))
            affiliation, affiliation_line, affiliation_used = line, number, False
            continue
        affiliation_used = True
        abstract = line.removeprefix(ABSTRACT_PREFIX).strip()
        if not abstract:
            problems.append(Problem(number, "empty abstract"))
            continue
        papers.append(
            PaperRecord(
                title=None,
                affiliation=affiliation,
                code_urls=extract_code_urls(abstract),
                abstract=abstract,
                line=number,
            )
        )
    if not affiliation_used:
        problems.append(_unused_affiliation(affiliation, affiliation_line))
    # Only the file's last line can have been cut off.
    if papers and papers[-1].line == last_number and looks_cut_off(papers[-1].abstract):
        cut = papers.pop()
        problems.append(Problem(cut.line, "entry looks cut off: its abstract ends mid-text"))
    return ParsedListing(format="abstracts", papers=papers, problems=problems)


def _unused_affiliation(line: str, number: int) -> Problem:
    return Problem(number, f"not an abstract, and no abstract follows it: {quoted(line)}")
