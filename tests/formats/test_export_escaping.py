"""Escaping for each export format: LaTeX (with math), Markdown, CSV cells, plain text."""

from __future__ import annotations

import re

import pytest

from desktop.formats.export.csv_table import neutralise
from desktop.formats.export.latex import latex_name, latex_text
from desktop.formats.export.latex_math import is_safe_math
from desktop.formats.export.markdown import escape
from desktop.formats.export.model import ExportEntry, split_name, web_links
from desktop.formats.export.text import clean, first_words, one_line, paragraphs


def bibtex_braces_balance(latex: str) -> bool:
    """BibTeX counts every brace, escaped or not; the depth must never go below zero."""
    depth = 0
    for char in latex:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("50% & #1 in_the", r"50{\%} {\&} {\#}1 in{\_}the"),
        ("{a}}", r"{\textbraceleft}a{\textbraceright}{\textbraceright}"),
        (
            r"\input{/etc/passwd}",
            r"{\textbackslash}input{\textbraceleft}/etc/passwd{\textbraceright}",
        ),
        (
            "~ ^ < > |",
            r"{\textasciitilde} {\textasciicircum} {\textless} {\textgreater} {\textbar}",
        ),
        ("José Łukasz naïve", r"Jos{\'e} {\L}ukasz na{\"\i}ve"),
        ("E$^{2}$GAN and $L_0$", "E$^{2}$GAN and $L_0$"),
        ("$\u03c3_0$ and $\u03bc$P", r"$\sigma _0$ and $\mu $P"),
        ("costs $5 and $10", r"costs {\$}5 and {\$}10"),
        ("$a^b^c$ $x_$ ${x$ $\\frac{a}$", None),
        (r"$\input{x}$ $\def\a{b}$ $a % b$ $a & b$", None),
        ("$$x$$", r"{\$}{\$}x{\$}{\$}"),
        (r"the \textbf{LazyDiT} model", r"the \textbf{LazyDiT} model"),
        (
            r"\emph{tune $x$ once} at \url{https://a.b/c_d}",
            r"\emph{tune $x$ once} at https://a.b/c{\_}d",
        ),
        ("line\nbreaks\tand  spaces", "line breaks and spaces"),
        ("中文 😀", "中文 😀"),
    ],
)
def test_latex_text(text: str, latex: str | None):
    result = latex_text(text)
    if latex is not None:
        assert result == latex
    assert bibtex_braces_balance(result)
    # no command from the data survives: every backslash starts a known, harmless command
    commands = set(re.findall(r"\\([A-Za-z]+)", result))
    assert not commands & {"input", "write", "def", "catcode", "frac", "url"}


def test_titles_protect_words_with_capitals_or_math():
    assert latex_text("Search for LLMs with $L_0$ norms", protect_case=True) == (
        "{Search} for {LLMs} with {$L_0$} norms"
    )
    # a braced word starting with a command gets a second brace, or BibTeX would take
    # it for a "special character" and still lower-case it
    assert latex_text(r"\textbf{COVER} benchmark", protect_case=True) == (
        r"{{\textbf{COVER}}} benchmark"
    )
    assert latex_text("Émile", protect_case=True) == r"{{\'E}mile}"


@pytest.mark.parametrize(
    "body",
    ["L_0", "^{2}", r"\ell_\infty=2/255", r"\frac{a}{b}", r"x'_1", r"\sum_{i=1}^{n} x_i", "O(n)"],
)
def test_math_that_typesets_is_kept(body: str):
    assert is_safe_math(body)


@pytest.mark.parametrize(
    "body",
    [
        "a^b^c",
        "x_",
        "{x",
        "x}",
        r"\frac{a}",
        r"\input{x}",
        "a % b",
        "a & b",
        "a # b",
        r"x^2'",
        r"\sqrt[3",
        r"\hat\hat x",
        "\u03b1",
        "",
        "x" * 201,
        "{" * 11 + "}" * 11,
    ],
)
def test_math_that_might_not_typeset_is_text(body: str):
    assert not is_safe_math(body)


@pytest.mark.parametrize(
    ("name", "latex"),
    [
        ("Xuan Shen", "Xuan Shen"),
        ("Smith, John", "Smith, John"),
        ("A, B, C", "{A, B, C}"),
        ("Tom and Jerry", "{Tom and Jerry}"),
        ("others", "{others}"),
        ("\u2018Quoted\u2019 Name", "Quoted{\\textquoteright} Name"),
        (r"\textbf{Evil} 100% Author", "textbfEvil 100 Author"),
        ("{}", ""),
        ("0", ""),
    ],
)
def test_latex_names(name: str, latex: str):
    assert latex_name(name) == latex


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("*bold* _it_ `code` <b> &amp; [x](y) $x$ @cite ^sup^ ~sub~ |t|", None),
        ("# not a heading", "\\# not a heading"),
        ("- not a list", "\\- not a list"),
        ("1. not a list", "1\\. not a list"),
        ("(a) not a list", "\\(a\\) not a list"),
        ("iv. not a list", "iv\\. not a list"),
        ("= not a heading", "\\= not a heading"),
        ("plain words, with a comma.", "plain words, with a comma."),
    ],
)
def test_markdown_escape(text: str, markdown: str | None):
    escaped = escape(text)
    if markdown is not None:
        assert escaped == markdown
    # every Markdown special is preceded by a backslash
    assert not re.search(r"(?<!\\)[*_`<>&\[\]$@^~|]", escaped)


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_csv_cells_never_start_a_formula(cell: str, safe: str):
    assert neutralise(cell) == safe


def test_clean_text():
    assert clean("a\r\nb\rc\x00d\x07e\x1bf\u2028g\ufffeh\tj") == "a\nb\nc" + "def\ng" + "h j"
    assert clean(None) == ""
    assert clean("e\u0301") == "é"  # NFC
    assert one_line("  a \n\n b\t c ") == "a b c"
    assert paragraphs("one\ntwo\n\n \n three") == ["one two", "three"]
    assert first_words("a b c d", 2) == "a b…"
    assert first_words("a b", 2) == "a b"


def test_web_links_keep_only_http_and_encode_the_rest():
    entry = ExportEntry(
        id=1,
        title="t",
        code_urls=[
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://example.com/a b{c}<d>",
            "http://x.y/ok?q=1#f",
            "http://x.y/ok?q=1#f",
            "https://[broken",
            "notaurl",
        ],
    )
    assert web_links(entry) == ["https://example.com/a%20b%7Bc%7D%3Cd%3E", "http://x.y/ok?q=1#f"]


@pytest.mark.parametrize(
    ("name", "family", "given"),
    [
        ("Xuan Shen", "Shen", "Xuan"),
        ("Laurens van der Maaten", "van der Maaten", "Laurens"),
        ("Smith, John", "Smith", "John"),
        ("王小明", "王小明", ""),
        ("DeLiang Wang", "Wang", "DeLiang"),
    ],
)
def test_split_name(name: str, family: str, given: str):
    parts = split_name(name)
    assert (parts.family, parts.given) == (family, given)
    assert split_name("Martin Luther King Jr.").suffix == "Jr."
