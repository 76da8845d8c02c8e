"""Whatever the bytes, parse_listing returns a listing or raises ImportFormatError.

Beyond not crashing: line numbers stay inside the file, errors name the file, and a seed
file cut off anywhere yields only papers that are exactly those of the whole file (the
last one may have lost the end of its abstract when the cut fell where a sentence ends).
"""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.formats.listing import parse_listing
from desktop.formats.records import ImportFormatError
from desktop.formats.text import decode_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_BYTES = {path.name: path.read_bytes() for path in sorted(SEEDS.glob("*.txt"))}
TODAY = datetime.date(2026, 3, 14)
FULL = {name: parse_listing(data, name, today=TODAY) for name, data in SEED_BYTES.items()}
SEED_LINES = sorted({line for data in SEED_BYTES.values() for line in data.split(b"\n")})
FUZZ = settings(max_examples=200, deadline=None)
NAME = "fuzzed.txt"


def check(data: bytes) -> None:
    """Parse ``data``; on success every line number must point into the file."""
    try:
        parsed = parse_listing(data, NAME, today=TODAY)
    except ImportFormatError as error:
        assert error.filename == NAME
        assert str(error).startswith(NAME)
        return
    line_count = decode_text(data).count("\n") + 1
    assert parsed.papers
    assert all(1 <= paper.line <= line_count for paper in parsed.papers)
    assert all(1 <= problem.line <= line_count for problem in parsed.problems)


@FUZZ
@given(st.binary(max_size=3000))
def test_arbitrary_bytes(data: bytes) -> None:
    check(data)


@FUZZ
@given(st.text(max_size=3000), st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_arbitrary_text(text: str, encoding: str) -> None:
    check(text.encode(encoding, errors="replace"))


_line = st.one_of(
    st.sampled_from(SEED_LINES),
    st.sampled_from([b"", b"  ", b"Abstract:", b"LGFeb 30, 2020", b"CVMay 28Code", b"7 Papers"]),
    st.text(max_size=60).map(str.encode),
)


@FUZZ
@given(st.lists(_line, max_size=40), st.sampled_from([b"\n", b"\r\n", b"\r"]))
def test_soup_of_listing_lines(lines: list[bytes], newline: bytes) -> None:
    check(newline.join(lines))


@FUZZ
@given(st.sampled_from(sorted(SEED_BYTES)), st.data())
def test_seed_cut_off_anywhere(name: str, data: st.DataObject) -> None:
    whole = SEED_BYTES[name]
    cut = whole[: data.draw(st.integers(0, len(whole)), label="cut")]
    check(cut)
    try:
        papers = parse_listing(cut, NAME, today=TODAY).papers
    except ImportFormatError:
        return
    *complete, last = papers
    full = FULL[name].papers
    assert complete == full[: len(complete)]
    original = full[len(complete)]
    assert original.abstract.startswith(last.abstract)
    # A link cut short still ends the abstract in a link, so its code URL may be shorter.
    assert (
        dataclasses.replace(last, abstract=original.abstract, code_urls=original.code_urls)
        == original
    )


@FUZZ
@given(
    st.sampled_from(sorted(SEED_BYTES)),
    st.lists(st.tuples(st.booleans(), st.integers(0, 200), _line), max_size=8),
)
def test_seed_with_lines_deleted_and_inserted(
    name: str, edits: list[tuple[bool, int, bytes]]
) -> None:
    lines = SEED_BYTES[name].split(b"\n")
    for delete, position, line in edits:
        index = position % (len(lines) + 1)
        if delete and index < len(lines):
            del lines[index]
        else:
            lines.insert(index, line)
    check(b"\n".join(lines))
