"""From the bytes of an imported file to text: pick the encoding, normalise line ends, and
refuse what is not text at all.

Listings come from browsers, editors and old Windows tools, so they arrive as UTF-8 (with
or without a BOM) or as cp1252. Both are decoded exactly; nothing is guessed byte by byte.
"""

from __future__ import annotations

import codecs
import re

from desktop.formats.records import ImportFormatError

# Control characters (Unicode category Cc) other than tab, LF, VT and FF are never in a
# real listing. Random binary data decodes to roughly one control character in eight, so
# a share above this is not text.
_MAX_CONTROL_SHARE = 0.05
# Cc is exactly U+0000-U+001F, U+007F and U+0080-U+009F (a stable Unicode property). They
# are counted in the text's UTF-8 bytes, where C loops over bytes are several times faster
# than any scan of the str: there the first two ranges are the bytes themselves and the
# C1 controls are \xc2 followed by \x80-\x9f.
_C0_CONTROLS = bytes([*range(0x00, 0x09), *range(0x0D, 0x20), 0x7F])
_C1_CONTROL = re.compile(rb"\xc2[\x80-\x9f]")

# cp1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined; decoding them with
# "surrogateescape" yields U+DC81 and so on, which this table turns into the latin-1
# reading of the byte (the C1 control of the same number).
_ESCAPED_TO_LATIN1 = {0xDC00 + byte: byte for byte in range(0x80, 0x100)}


def decode_text(data: bytes, filename: str = "") -> str:
    """Decode a listing file to text with ``\\n`` line ends.

    UTF-8 is tried strictly first (after dropping a UTF-8 BOM); bytes that are not valid
    UTF-8 are cp1252, the usual encoding of Western text that is not UTF-8.

    Args:
        data: The raw file contents.
        filename: Named in error messages.

    Returns:
        The text, with CRLF and lone CR turned into LF.

    Raises:
        ImportFormatError: The data is empty, whitespace only, or binary.
    """
    data = data.removeprefix(codecs.BOM_UTF8)
    nul = data.find(b"\0")
    if nul >= 0:
        raise ImportFormatError(
            "this is a binary file (it contains NUL bytes), not a text listing",
            filename=filename,
            line=_normalise_newlines(data[:nul].decode("latin-1")).count("\n") + 1,
        )
    text = _normalise_newlines(_decode(data))
    if not text or text.isspace():  # not text.strip(), which would copy the whole file
        message = "the file is empty" if not text else "the file contains only whitespace"
        raise ImportFormatError(message, filename=filename)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise ImportFormatError(
            "this is a binary file (it is full of control characters), not a text listing",
            filename=filename,
        )
    return text


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if _cut_in_a_utf8_character(data, error):
            # A UTF-8 file cut off mid-character: keep it UTF-8 (cp1252 would garble every
            # other non-ASCII character) and leave a visible mark where it was cut.
            return data[: error.start].decode("utf-8") + "\ufffd"
        return data.decode("cp1252", errors="surrogateescape").translate(_ESCAPED_TO_LATIN1)


def _cut_in_a_utf8_character(data: bytes, error: UnicodeDecodeError) -> bool:
    # Only when the text before the cut already holds UTF-8 sequences: pure ASCII ending
    # in one high byte is just as likely a cp1252 file ending in, say, "é".
    return (
        error.end == len(data)
        and error.reason == "unexpected end of data"
        and not data[: error.start].isascii()
    )


def _normalise_newlines(text: str) -> str:
    if "\r" not in text:  # a far faster scan than replace's search for "\r\n"
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _control_share(text: str) -> float:
    data = text.encode()  # decoded text holds no lone surrogates (see _decode)
    c0_controls = len(data) - len(data.translate(None, _C0_CONTROLS))
    return (c0_controls + len(_C1_CONTROL.findall(data))) / len(text)
