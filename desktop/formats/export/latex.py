r"""Text as LaTeX for BibTeX fields: printed as it reads, never run.

Every character of the data is converted by pylatexenc's table of Unicode to LaTeX: the
TeX specials (``\ { } $ % & # _ ^ ~``) become commands that print them, accented letters
become ``{\'e}``. Only table entries that need nothing beyond the LaTeX kernel with T1
fonts are used; any other character stays UTF-8, which biber and a Unicode-aware LaTeX
read as it is. So ``\input{/etc/passwd}`` or ``\write18{...}`` in an imported listing
come out as text.

Two kinds of markup listings use are kept: inline math that is known to typeset
(`desktop.formats.export.latex_math`), and a few text-formatting commands (``\emph{}``,
``\textbf{}``...) whose argument is converted the same way; ``\url{x}`` becomes its text.

BibTeX styles lower-case titles; `latex_text` with ``protect_case`` braces every word
that holds a capital or math, so "LLMs" and "$L_0$" come out as written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pylatexenc.latexencode import (
    RULE_DICT,
    UnicodeToLatexConversionRule,
    UnicodeToLatexEncoder,
    get_builtin_conversion_rules,
)

from desktop.formats.export.latex_math import MATH_SPAN, MATH_SYMBOLS, is_safe_math
from desktop.formats.export.text import one_line

# The commands of pylatexenc's table that the LaTeX kernel defines with T1 fonts (every
# character using them is typeset in tests/formats/test_export_with_real_tools.py).
_KERNEL_TEXT_COMMAND_NAMES = """
    " # $ % & ' ` , - . ; = ^ _ { } ~ AE DH DJ H IJ L NG O OE TH ae c dh dj enskip fbox
    guillemotleft guillemotright guilsinglleft guilsinglright hspace i ij k l ng o oe quad
    quotedblbase quotesinglbase r ss u v textacutedbl textasciiacute textasciibreve
    textasciicaron textasciicircum textasciidieresis textasciimacron textasciitilde
    textasteriskcentered textbackslash textbaht textbigcircle textblank textbrokenbar
    textbullet textcelsius textcent textcircledP textcolonmonetary textcompwordmark
    textcopyright textcurrency textdagger textdaggerdbl textdegree textdiscount textdiv
    textdong textdownarrow textellipsis textemdash textendash textestimated texteuro
    textexclamdown textflorin textfractionsolidus textinterrobang textlangle textleftarrow
    textlira textlnot textmho textmu textmusicalnote textnaira textnumero textohm
    textonehalf textonequarter textonesuperior textopenbullet textordfeminine
    textordmasculine textparagraph textperiodcentered textpertenthousand textperthousand
    textpeso textquestiondown textquotedblleft textquotedblright textquoteleft
    textquoteright textrangle textrecipe textreferencemark textregistered textrightarrow
    textsc textsection textservicemark textsterling textsuperscript textthreequarters
    textthreesuperior texttimes texttrademark texttwosuperior textuparrow
    textvisiblespace textwon textyen th"""
_KERNEL_TEXT_COMMANDS = frozenset(_KERNEL_TEXT_COMMAND_NAMES.split())
# pylatexenc writes braces as \{ \}, but BibTeX counts those braces too and an odd one
# breaks the entry; < > | print as other glyphs in OT1 fonts.
_OVERRIDES = {
    "{": r"\textbraceleft",
    "}": r"\textbraceright",
    "<": r"\textless",
    ">": r"\textgreater",
    "|": r"\textbar",
}
_COMMAND_NAME = re.compile(r"\\([A-Za-z]+|.)")
_MATH_COMMAND = re.compile(r"\\ensuremath\{\\([A-Za-z]+)\}")
# Formatting commands whose braced argument is kept as an argument (``url`` keeps its text).
_FORMATTING = re.compile(
    r"\\(emph|textbf|textit|texttt|textsc|textsl|underline|textsuperscript|textsubscript|url)\{"
)
_MARKUP_START = re.compile(r"[ $\\]")
_PLAIN_START = re.compile(r" ")
_DEEPEST_FORMATTING = 3
# A word BibTeX must take as a name of its own when it stands in an author list.
_NAME_LIST_WORD = re.compile(r"(?:^|\s)(?:and|others)(?:\s|$)", re.IGNORECASE)
_NAME_PUNCTUATION = frozenset(" -.,'\u2019")
_NAME_WORD_START = re.compile(r"^\W+")


def _kernel_only(latex: str) -> bool:
    math = _MATH_COMMAND.fullmatch(latex)
    if math:
        return math.group(1) in MATH_SYMBOLS
    return all(name in _KERNEL_TEXT_COMMANDS for name in _COMMAND_NAME.findall(latex))


def _conversion_table() -> dict[int, str]:
    table = {}
    for rule in get_builtin_conversion_rules("defaults"):
        if rule.rule_type == RULE_DICT:
            table.update({code: latex for code, latex in rule.rule.items() if _kernel_only(latex)})
    table.update({ord(char): latex for char, latex in _OVERRIDES.items()})
    return table


_TABLE = _conversion_table()
_ENCODER = UnicodeToLatexEncoder(
    conversion_rules=[UnicodeToLatexConversionRule(RULE_DICT, _TABLE)],
    non_ascii_only=False,
    # {\'e}: the form BibTeX knows as one "special character" when sorting and casing
    replacement_latex_protection="braces-all",
    unknown_char_policy="keep",
    unknown_char_warning=False,
)


@dataclass(frozen=True)
class _Piece:
    latex: str
    protect: bool = False  # holds a capital or math: braced in titles
    space: bool = False


_SPACE = _Piece(" ", space=True)


def latex_text(text: str | None, *, protect_case: bool = False) -> str:
    """A field value in LaTeX, on one line, with balanced braces.

    Args:
        text: any text; white space runs (line ends included) become one space.
        protect_case: brace the words with capitals or math (for titles).

    Returns:
        LaTeX that prints the text (math and formatting commands as described above).
    """
    pieces = _pieces(one_line(text), markup=True, depth=0)
    if not protect_case:
        return "".join(piece.latex for piece in pieces)
    return "".join(_protect_words(pieces))


def latex_name(name: str) -> str:
    """One author's name in LaTeX for a BibTeX ``author`` list ("" if it has no letter).

    Only what names are made of is kept: letters (with their accents), digits, spaces,
    hyphens, apostrophes, full stops and commas, and each word starts with a letter or
    digit. Anything else cannot be part of a person's name, and biber writes broken
    initials for a name that starts with a command (``{\textquoteleft}``, ...). A name
    BibTeX would misread (commas beyond "Family, Given", the words "and" or "others") is
    braced, so it stays one name.
    """
    kept = "".join(char for char in one_line(name) if _in_names(char))
    name = " ".join(_NAME_WORD_START.sub("", word) for word in kept.split(" "))
    name = " ".join(name.split())
    if not any(unicodedata.category(char)[0] == "L" for char in name):
        return ""  # no name at all, and biber drops the entry of a name such as "0"
    latex = "".join(piece.latex for piece in _pieces(name, markup=False, depth=0))
    family_given = name.count(",") == 1 and all(part.strip() for part in name.split(","))
    if ("," in name and not family_given) or _NAME_LIST_WORD.search(name):
        return "{" + latex + "}"
    return latex


def _in_names(char: str) -> bool:
    return char in _NAME_PUNCTUATION or unicodedata.category(char)[0] in "LMN"


def _pieces(text: str, *, markup: bool, depth: int) -> list[_Piece]:
    """Split text into words' LaTeX: spaces, math, formatting commands, plain runs."""
    pieces: list[_Piece] = []
    start = 0
    finder = _MARKUP_START if markup else _PLAIN_START
    while start < len(text):
        found = finder.search(text, start)
        at = found.start() if found else len(text)
        if at > start:
            pieces.append(_plain(text[start:at]))
        if found is None:
            break
        piece, end = _special_at(text, at, depth) if markup else (None, at)
        if piece is not None:
            pieces.append(piece)
            start = end
        elif text[at] == " ":
            pieces.append(_SPACE)
            start = at + 1
        else:  # a $ or \ that starts no markup: printed as itself
            pieces.append(_plain(text[at]))
            start = at + 1
    return pieces


def _plain(run: str) -> _Piece:
    return _Piece(_ENCODER.unicode_to_latex(run), protect=any(char.isupper() for char in run))


def _special_at(text: str, at: int, depth: int) -> tuple[_Piece | None, int]:
    if text[at] == "$":
        span = MATH_SPAN.match(text, at)
        math = _math(span.group(1)) if span else None
        return (_Piece(math, protect=True), span.end()) if span and math else (None, at)
    if text[at] == "\\" and depth < _DEEPEST_FORMATTING:
        return _formatting_at(text, at, depth)
    return None, at


def _math(body: str) -> str | None:
    """``$body$`` as LaTeX, or None when it might not typeset (then it is text)."""
    ascii_body = []
    for char in body:
        if char.isascii():
            ascii_body.append(char)
            continue
        # Greek letters and symbols become their math commands (sigma: \sigma)
        command = _MATH_COMMAND.fullmatch(_TABLE.get(ord(char), ""))
        if command is None:
            return None
        ascii_body.append(f"\\{command.group(1)} ")
    converted = "".join(ascii_body)
    return f"${converted}$" if is_safe_math(converted) else None


def _formatting_at(text: str, at: int, depth: int) -> tuple[_Piece | None, int]:
    command = _FORMATTING.match(text, at)
    close = _closing_brace(text, command.end()) if command else None
    if command is None or close is None:
        return None, at
    inner = _pieces(text[command.end() : close], markup=True, depth=depth + 1)
    latex = "".join(piece.latex for piece in inner)
    if command.group(1) != "url":
        latex = f"\\{command.group(1)}{{{latex}}}"
    return _Piece(latex, protect=any(piece.protect for piece in inner)), close + 1


def _closing_brace(text: str, start: int) -> int | None:
    """The index of the brace closing a group opened just before ``start``, if any."""
    depth = 1
    for index in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return None


def _protect_words(pieces: list[_Piece]) -> list[str]:
    """Brace each word (pieces between spaces) that holds a capital or math."""
    out: list[str] = []
    word: list[_Piece] = []
    for piece in [*pieces, _SPACE]:
        if not piece.space:
            word.append(piece)
            continue
        if word:
            latex = "".join(part.latex for part in word)
            if any(part.protect for part in word):
                # "{\cmd..." would be a BibTeX "special character", whose letters it
                # still changes the case of: a second brace makes it plain protection
                latex = "{{" + latex + "}}" if latex.startswith("\\") else "{" + latex + "}"
            out.append(latex)
            word = []
        out.append(" ")
    return out[:-1]
