"""Decoding listing bytes: encodings, line ends, and what is refused as not text."""

from __future__ import annotations

import codecs

import pytest

from desktop.formats.records import ImportFormatError
from desktop.formats.text import decode_text


def test_utf8_is_decoded_as_is() -> None:
    assert decode_text("Łukasz Kaiser · Zoë".encode()) == "Łukasz Kaiser · Zoë"


def test_utf8_bom_is_dropped() -> None:
    assert decode_text(codecs.BOM_UTF8 + "Léon".encode()) == "Léon"


def test_cp1252_is_decoded_correctly_not_as_mojibake() -> None:
    data = "Léon Bottou said \u201chi\u201d \u2013 fine".encode("cp1252")
    assert b"\x93" in data and b"\x94" in data  # the curly quotes really are cp1252 bytes

    assert decode_text(data) == "Léon Bottou said \u201chi\u201d \u2013 fine"


def test_bytes_cp1252_leaves_undefined_are_read_as_latin1() -> None:
    # 0x81 and 0x9D have no cp1252 meaning; 0xE9 (é) makes the text invalid UTF-8.
    data = b"Abstract:A caf\xe9 with two odd bytes \x81 and \x9d in a longer line of text."
    assert (
        decode_text(data)
        == "Abstract:A café with two odd bytes \x81 and \x9d in a longer line of text."
    )


def test_utf8_is_preferred_when_the_bytes_are_valid_utf8() -> None:
    # "Ã©" in cp1252 would be the mojibake of "é"; as valid UTF-8 it must decode to "é".
    assert decode_text("é".encode()) == "é"


def test_utf8_cut_off_mid_character_stays_utf8() -> None:
    data = "Yifan Gong et al. · harvard\nDense to MoE by μ".encode()
    assert decode_text(data[:-1]) == "Yifan Gong et al. · harvard\nDense to MoE by \ufffd"


def test_ascii_ending_in_one_high_byte_is_cp1252() -> None:
    assert decode_text(b"Abstract:A long enough ASCII line about a caf\xe9") == (
        "Abstract:A long enough ASCII line about a café"
    )


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"a\r\nb\r\n", "a\nb\n"),
        (b"a\rb\r", "a\nb\n"),
        (b"a\r\n\rb", "a\n\nb"),
        (b"a\nb", "a\nb"),
    ],
)
def test_line_ends_become_newlines(data: bytes, text: str) -> None:
    assert decode_text(data) == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (codecs.BOM_UTF8, "the file is empty"),
        (b" \r\n\t\n  ", "only whitespace"),
    ],
)
def test_empty_input_is_refused_naming_the_file(data: bytes, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message) as caught:
        decode_text(data, "list.txt")
    assert caught.value.filename == "list.txt"
    assert "list.txt" in str(caught.value)


def test_nul_bytes_mean_binary_and_the_line_is_given() -> None:
    with pytest.raises(ImportFormatError, match="binary") as caught:
        decode_text(b"first\r\nsecond\nthi\x00rd", "data.bin")
    assert caught.value.line == 3
    assert str(caught.value).startswith("data.bin:3: ")


def test_utf16_is_refused_as_binary() -> None:
    with pytest.raises(ImportFormatError, match="binary"):
        decode_text("Abstract:text".encode("utf-16"))


def test_many_control_characters_mean_binary() -> None:
    with pytest.raises(ImportFormatError, match="control characters") as caught:
        decode_text(bytes(range(1, 32)) * 4 + b"some text", "x.dat")
    assert caught.value.filename == "x.dat"


def test_a_stray_control_character_is_tolerated() -> None:
    text = "A long enough line of ordinary text\x0c with one form feed and one \x1b escape."
    assert decode_text(text.encode()) == text
