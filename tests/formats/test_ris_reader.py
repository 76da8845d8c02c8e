"""The RIS reader: a Zotero-style export, broken records, any text."""

from __future__ import annotations

import contextlib
import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.formats.listing import detect_format, parse_listing
from desktop.formats.records import ImportFormatError
from desktop.formats.ris_reader import parse_ris

TODAY = datetime.date(2026, 11, 22)

# As Zotero 7 writes it (File > Export Library > RIS).
ZOTERO = """\ufeffTY  - JOUR
TI  - Attention Is All You Need
AU  - Vaswani, Ashish
AU  - Shazeer, Noam
T2  - Advances in Neural Information Processing Systems
DA  - 2017/12/04/
PY  - 2017
DO  - 10.48550/arXiv.1706.03762
VL  - 30
SP  - 5998
EP  - 6008
UR  - https://arxiv.org/abs/1706.03762v5
KW  - Transformers
KW  - Attention
N1  - <p>Skimmed the appendix.</p>
ER  -

TY  - BOOK
TI  - The Art of Computer Programming
AU  - Knuth, Donald E.
PY  - 1968
PB  - Addison-Wesley
ER  -
"""


def test_zotero_export() -> None:
    listing = parse_ris(ZOTERO, TODAY)
    assert not listing.problems
    paper, book = listing.papers
    assert paper.title == "Attention Is All You Need"
    assert paper.authors == ["Ashish Vaswani", "Noam Shazeer"]
    assert paper.date == "2017-12-04"
    assert paper.venue == "Advances in Neural Information Processing Systems"
    assert (paper.volume, paper.pages) == ("30", "5998\u20136008")
    assert paper.doi == "10.48550/arxiv.1706.03762"
    assert paper.arxiv_id == "1706.03762"
    assert list(paper.keywords) == ["Transformers", "Attention"]
    assert paper.note == "<p>Skimmed the appendix.</p>"
    assert (paper.line, book.line) == (1, 18)
    assert book.venue == "Addison-Wesley"
    assert book.date == "1968"  # a year alone stays a year


def test_detected_by_content() -> None:
    assert detect_format(ZOTERO) == "ris"


def test_a_record_that_cannot_be_read_is_reported_and_the_rest_read() -> None:
    text = "TY  - JOUR\nstray line\nER  - \n\n" + ZOTERO.lstrip("\ufeff")
    listing = parse_ris(text, TODAY)
    assert len(listing.papers) >= 2


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["TY  - ", "ER  - ", "AU  - ", "PY  - ", "\n", "x", ",", "/"])))
def test_any_text_gives_records_or_format_error(pieces: list[str]) -> None:
    with contextlib.suppress(ImportFormatError):
        parse_listing(("TY  - JOUR\n" + "".join(pieces)).encode(), today=TODAY)
