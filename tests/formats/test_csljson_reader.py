"""The CSL-JSON reader: Zotero's export, names, dates, broken items, any text."""

from __future__ import annotations

import contextlib
import datetime
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.formats.csljson_reader import parse_csljson
from desktop.formats.listing import detect_format, parse_listing
from desktop.formats.records import ImportFormatError

TODAY = datetime.date(2026, 11, 22)

ITEMS = [
    {
        "id": "vaswani2017",
        "type": "paper-conference",
        "title": "Attention Is All You Need",
        "author": [
            {"family": "Vaswani", "given": "Ashish"},
            {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"},
            {"literal": "The LIGO Collaboration"},
        ],
        "issued": {"date-parts": [[2017, 12]]},
        "container-title": "NeurIPS",
        "volume": "30",
        "page": "5998-6008",
        "DOI": "10.5555/3295222.3295349",
        "URL": "https://papers.nips.cc/paper/7181",
        "keyword": "transformers, attention",
        "note": "A classic.",
    },
    "not an item",
    {"type": "book", "title": "Undated", "issued": {"raw": "c. 1999"}},
]


def test_fields_names_and_dates() -> None:
    listing = parse_csljson(json.dumps(ITEMS, indent=2), TODAY)
    paper, book = listing.papers
    assert paper.authors == ["Ashish Vaswani", "Ludwig van Beethoven", "The LIGO Collaboration"]
    assert paper.date == "2017-12"
    assert (paper.venue, paper.volume, paper.pages) == ("NeurIPS", "30", "5998-6008")
    assert paper.doi == "10.5555/3295222.3295349"
    assert list(paper.keywords) == ["transformers", "attention"]
    assert paper.note == "A classic."
    assert paper.line == 2
    assert book.date == "1999"
    [problem] = listing.problems
    assert problem.line == 36


def test_detected_by_content() -> None:
    assert detect_format(json.dumps(ITEMS)) == "csljson"
    assert detect_format("[1, 2]") is None


@settings(max_examples=150, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "title",
                        "type",
                        "author",
                        "issued",
                        "date-parts",
                        "literal",
                        "family",
                        "custom",
                        "URL",
                        "DOI",
                    ]
                ),
                inner,
                max_size=4,
            )
        ),
        max_leaves=12,
    )
)
def test_any_json_gives_records_or_format_error(value: object) -> None:
    with contextlib.suppress(ImportFormatError):
        parse_listing(json.dumps([{"type": "article", "title": "x"}, value]).encode(), today=TODAY)
