"""LaTeX field values as Unicode text, with ``$...$`` math kept as it is written.

pylatexenc decodes any LaTeX but costs about half a millisecond a field, too slow for a
library of tens of thousands of entries. What BibTeX files mostly hold (braces, accents
such as ``{\\"u}``, ``\\emph{...}``, escaped ``\\&``) is decoded here directly; only text
with other commands goes to pylatexenc. Both give the same text.
"""

from __future__ import annotations

import re
import unicodedata

from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexwalker import LatexWalker, get_default_latex_context_db

_LATEX = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)
# built once: making pylatexenc's default context for each field costs most of its time
_CONTEXT = get_default_latex_context_db()
# $...$ not opened by an escaped \$, with any escaped character inside
_MATH = re.compile(r"((?<!\\)\$(?:[^$\\]|\\.)*\$)")
_BARE_PERCENT = re.compile(r"(?<!\\)%")
_ACCENTS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
}
# \'e, \'{e}, {\"u}, \v{s}, \c c: the accent, then one letter (braced or not)
_ACCENT = re.compile(r"\\([\'`^\"~=.]|[uvHckr](?=[\s{]))\s*(?:\{([A-Za-z])\}|([A-Za-z]))")
_LETTERS = {"ss": "ß", "o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "ae": "æ", "AE": "Æ", "i": "\u0131"}
_LETTER = re.compile(r"\\(ss|o|O|l|L|ae|AE|i)(?![A-Za-z])\s*(?:\{\})?")
_ESCAPED = re.compile(r"\\([&%$#_{}])")
# commands that only style their argument: the argument stays, the command goes
_STYLE = re.compile(r"\\(?:emph|textbf|textit|textsc|texttt|textrm|textsf|textup|mbox)\s*(?=\{)")
# what LaTeX makes of these without any command (pylatexenc gives the same)
_LIGATURES = (("---", "\u2014"), ("--", "\u2013"), ("``", "\u201c"), ("''", "\u201d"), ("~", " "))
# What _decode_text acts on: a command, a brace, a ligature, or a "\0" (its own marker)
_ACTIVE = re.compile(r"[\\{}~\0]")
_LIGATURE_PAIRS = ("--", "``", "''")  # "---" holds "--"


def decode_latex(value: str) -> str:
    """A field's LaTeX as Unicode text, math kept verbatim, white space folded."""
    if "$" in value:  # math needs one, and splitting on it takes long even when there is none
        parts = _MATH.split(value)
        text = "".join(
            part if index % 2 else _decode_text(part) for index, part in enumerate(parts)
        )
    else:
        text = _decode_text(value)
    return " ".join(unicodedata.normalize("NFC", text).split())


def _decode_text(text: str) -> str:
    """Text outside math as Unicode text."""
    if not _ACTIVE.search(text) and not any(ligature in text for ligature in _LIGATURE_PAIRS):
        return text  # nothing LaTeX would change, as in most names, years and titles
    return _decode_commands(text)


def _decode_commands(text: str) -> str:
    """Text outside math: the common commands here, anything else through pylatexenc."""
    simple = _ACCENT.sub(lambda m: (m.group(2) or m.group(3)) + _ACCENTS[m.group(1)], text)
    simple = _LETTER.sub(lambda m: _LETTERS[m.group(1)], simple)
    simple = _STYLE.sub("", simple)
    marked = _ESCAPED.sub(lambda m: "\0" + str(ord(m.group(1))) + "\0", simple)
    if "\\" not in marked:
        marked = marked.replace("{", "").replace("}", "")
        for latex, plain in _LIGATURES:
            marked = marked.replace(latex, plain)
        return re.sub(r"\0(\d+)\0", lambda m: chr(int(m.group(1))), marked)
    # BibTeX keeps a bare "%" as text; LaTeX would read it as a comment and drop the rest
    text = _BARE_PERCENT.sub(r"\\%", text)
    try:
        walker = LatexWalker(text, latex_context=_CONTEXT, tolerant_parsing=True)
        return _LATEX.nodelist_to_text(walker.get_latex_nodes()[0])
    except Exception:  # pylatexenc gives up on some malformed input: keep the source
        return text.replace("{", "").replace("}", "")
