"""The readers' fast paths give exactly what the straightforward definitions give.

Each reference here is the plain reading of the rule (a loop over characters, a regex
anchored at every line start), as the readers had it before large listings made it too
slow; the readers' versions must agree with it on any text.
"""

from __future__ import annotations

import re
import sys
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from desktop.formats import latex_decode, listing_common, names
from desktop.formats.bibtex_reader import sniff_bibtex
from desktop.formats.listing_common import extract_code_urls, has_header_line, is_header_line
from desktop.formats.ris_reader import sniff_ris
from desktop.formats.text import _control_share

FAST = settings(max_examples=500, deadline=None)


def _text_of(*pieces: str, codec: str | None = None) -> st.SearchStrategy[str]:
    """Text made of ``pieces`` and arbitrary characters, so the markers meet often."""
    characters = st.characters(codec=codec)
    return st.lists(st.sampled_from(pieces) | characters, max_size=40).map("".join)


# --- decoding: the share of control characters --------------------------------------


def _control_share_reference(text: str) -> float:
    controls = sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\n\v\f"
    )
    return controls / len(text)


def test_control_characters_are_exactly_category_cc_less_whitespace() -> None:
    every_character = (
        chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF
    )
    counted = [char for char in every_character if _control_share(char)]
    assert counted == [
        char
        for char in map(chr, range(sys.maxunicode + 1))
        if unicodedata.category(char) == "Cc" and char not in "\t\n\v\f"
    ]


# decoded text, the only text measured, holds no lone surrogates
@FAST
@given(
    st.text(min_size=1)
    | _text_of("\x00", "\x1f", "\x7f", "\x85", "\x9f", "\xa0", "é", codec="utf-8")
)
def test_control_share_agrees_with_the_reference(text: str) -> None:
    if text:
        assert _control_share(text) == _control_share_reference(text)


# --- names: token shapes and split candidates ----------------------------------------


def _shape_reference(token: str) -> str:
    shape: list[str] = []
    for char in token:
        if unicodedata.category(char).startswith("M"):
            shape.append("o" if shape and shape[-1] == "o" else "l")
        elif char.isupper():
            shape.append("U")
        elif char.islower():
            shape.append("l")
        elif char.isalpha():
            shape.append("o")
        else:
            shape.append("'" if char in "'\u2019" else char)
    return "".join(shape)


def _split_candidates_reference(text: str, start: int, end: int) -> list[int]:
    found = []
    for index in range(max(start, 1, end - names.MAX_NAME_LENGTH), end):
        before, char = text[index - 1], text[index]
        if before.isspace() or before == "-":
            continue
        uncased = char.isalpha() and not char.isupper() and not char.islower()
        if char.isupper() or (uncased and (before.isupper() or before.islower())):
            found.append(index)
    return found


@FAST
@given(st.text() | st.text(alphabet=st.characters(max_codepoint=127)))
def test_token_shapes_agree_with_the_reference(token: str) -> None:
    assert names._shape(token) == _shape_reference(token)


@FAST
@given(_text_of("Ab", "a", " ", "-", "\u00a0", "\u6f22", "\u0301", "\u01c5"), st.data())
def test_split_candidates_agree_with_the_reference(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert list(names._split_candidates(text, start, end)) == _split_candidates_reference(
        text, start, end
    )


# --- listings: header lines and code links -------------------------------------------

_HEADER_START_REFERENCE = re.compile(
    rf"[A-Z]{{2,4}}?(?:{listing_common._MONTH})\.?\s*\d"  # as on a stripped line
)
_HEADER_PIECES = ("LG", "ASSep", "Oct.", "ASSep\n", " 5", ", 2020", "\n", " ", "\x1c", "\n\t7")


@FAST
@given(_text_of(*_HEADER_PIECES))
@example("x\nASSep\n\t7")  # blanks before the day must not run into the next line
def test_header_lines_agree_with_the_reference(text: str) -> None:
    lines = text.split("\n")
    assert [is_header_line(line) for line in lines] == [
        _HEADER_START_REFERENCE.match(line.strip()) is not None for line in lines
    ]
    assert has_header_line(text) == any(
        _HEADER_START_REFERENCE.match(line.strip()) for line in lines
    )


_URL_PIECES = ("http://", "https://", "github.com/a", "\\url{", "}", "{", "\\", " ", ").")


@FAST
@given(_text_of(*_URL_PIECES, "code: "))
def test_code_links_agree_with_one_combined_search(text: str) -> None:
    reference = {}
    for match in listing_common._URL_RE.finditer(text):
        url = listing_common._trim_url(match["braced"] or match["bare"])
        before = text[max(0, match.start() - 30) : match.start()]
        labelled = listing_common._CODE_LABEL_RE.search(before)
        if url and (match["braced"] or labelled or listing_common._on_code_host(url)):
            reference[url] = None
    assert extract_code_urls(text) == list(reference)


# --- sniffing: BibTeX and RIS openings -----------------------------------------------

_BIBTEX_START_REFERENCE = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)
_RIS_START_REFERENCE = re.compile(r"^\ufeff?TY  -", re.MULTILINE)


def _sniff_bibtex_reference(text: str) -> bool:
    for match in _BIBTEX_START_REFERENCE.finditer(text):
        kind = match.group(0).strip().lstrip("@").rstrip("{(").strip().casefold()
        if kind not in {"string", "comment", "preamble"}:
            return True
    return False


@FAST
@example("x @article{\n@string{")
@example("x\n\n \r@ Misc\n(")
@given(_text_of("@", "article", "string", "Comment", "{", "(", "\n", " ", "\r", "x", "%"))
def test_bibtex_sniffing_agrees_with_the_reference(text: str) -> None:
    assert sniff_bibtex(text) == _sniff_bibtex_reference(text)


@FAST
@given(_text_of("TY  -", "TY", "  -", "\ufeff", "\n", " ", "\r", "ER  - "))
def test_ris_sniffing_agrees_with_the_reference(text: str) -> None:
    assert sniff_ris(text) == (_RIS_START_REFERENCE.search(text) is not None)


# --- BibTeX: fields without LaTeX ----------------------------------------------------


def _decode_latex_reference(value: str) -> str:
    parts = latex_decode._MATH.split(value)
    text = "".join(
        part if index % 2 else latex_decode._decode_commands(part)
        for index, part in enumerate(parts)
    )
    return " ".join(unicodedata.normalize("NFC", text).split())


_LATEX_PIECES = ("\\", "{", "}", "~", "$", "\0", "-", "`", "'", "%", "\\'e", "e\u0301", "12")


@FAST
@given(_text_of(*_LATEX_PIECES) | st.text())
def test_latex_decoding_agrees_with_decoding_every_field(value: str) -> None:
    assert latex_decode.decode_latex(value) == _decode_latex_reference(value)
