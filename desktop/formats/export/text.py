"""Plain text as every export format needs it: no control characters, tidy white space.

Imported listings and typed notes can hold anything. A control character is invalid in
HTML and XML and makes LaTeX stop, so they go before any writer sees the text.
"""

from __future__ import annotations

import re
import unicodedata

# Line and paragraph separators count as line ends; other control and format-breaking
# characters (C0/C1 controls, lone surrogates, Unicode noncharacters) are dropped.
_LINE_ENDS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_NONCHARACTERS = re.compile("[\ufdd0-\ufdef]")
_SPACES = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def clean(text: str | None) -> str:
    """Text with Unix line ends, tabs as spaces, and nothing a strict reader rejects.

    Args:
        text: any text (None reads as empty).

    Returns:
        The text in NFC, keeping line ends, without control characters or noncharacters.
    """
    if not text:
        return ""
    text = _LINE_ENDS.sub("\n", text).replace("\t", " ")
    text = _NONCHARACTERS.sub("", text)
    kept = (
        char
        for char in text
        if char == "\n"
        or (
            unicodedata.category(char) not in ("Cc", "Cs")
            and (ord(char) & 0xFFFE) != 0xFFFE  # U+xFFFE and U+xFFFF on every plane
        )
    )
    return unicodedata.normalize("NFC", "".join(kept))


def one_line(text: str | None) -> str:
    """The cleaned text with every run of white space, line ends included, as one space."""
    return _SPACES.sub(" ", clean(text)).strip()


def paragraphs(text: str | None) -> list[str]:
    """The cleaned text's paragraphs (split at blank lines), each on one line."""
    return [one_line(part) for part in _BLANK_LINES.split(clean(text)) if part.strip()]


def first_words(text: str | None, count: int) -> str:
    """The first ``count`` words of the text, with an ellipsis when there are more."""
    words = one_line(text).split(" ")
    shown = " ".join(words[:count])
    return shown + "…" if len(words) > count else shown
