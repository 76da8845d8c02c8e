"""Any text in any field: every format stays valid, inert and parseable (hypothesis)."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from pathlib import Path

import bibtexparser
import html5lib
import jsonschema
import pybtex.errors
import rispy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from pybtex.database import parse_string as pybtex_parse

from desktop.formats.export import ExportEntry, ExportOptions, write
from desktop.formats.export.latex import _KERNEL_TEXT_COMMANDS, _OVERRIDES, latex_text
from desktop.formats.export.latex_math import _ONE_ARGUMENT, _TWO_ARGUMENTS, MATH_SYMBOLS

EVERYTHING = ExportOptions(include=frozenset({"abstract", "notes", "tags", "status"}))
CSL_SCHEMA = jsonschema.Draft7Validator(
    json.loads((Path(__file__).parent / "data" / "csl-data.json").read_text("utf-8"))
)
# Every command a field value may hold: the kernel's text symbols, the escapes, math,
# and the formatting commands that are kept. Nothing else (\input, \write18, \def...).
ALLOWED_COMMANDS = (
    _KERNEL_TEXT_COMMANDS
    | MATH_SYMBOLS
    | _ONE_ARGUMENT
    | _TWO_ARGUMENTS
    | {latex[1:] for latex in _OVERRIDES.values()}
    | {"ensuremath", "emph", "textbf", "textit", "texttt", "textsl", "textsuperscript"}
    | {"textsubscript", "underline"}
)
MATH_SPANS = re.compile(r"(?<!\\)\$[^$]*(?<!\\)\$")

texts = st.text(max_size=60)
hostile_texts = st.one_of(
    texts,
    st.text(alphabet="{}\\$%&#_^~<>|\"'`@=+-*[]()!:;,. \naAzZ0é中\u0301\x00", max_size=60),
    st.sampled_from([r"\input{x}", "$L_0$", "E$^{2}$GAN", r"\textbf{X}", "=1+1", "</p>"]),
)
entries = st.builds(
    ExportEntry,
    id=st.integers(min_value=1, max_value=10**9),
    title=st.one_of(st.none(), hostile_texts),
    authors=st.lists(hostile_texts, max_size=4),
    et_al=st.booleans(),
    date=st.one_of(st.none(), texts, st.dates().map(lambda day: day.isoformat())),
    date_inferred=st.booleans(),
    category=hostile_texts,
    affiliation=hostile_texts,
    abstract=hostile_texts,
    code_urls=st.lists(st.one_of(texts, texts.map("https://x.y/".__add__)), max_size=3),
    status=st.sampled_from(["unread", "reading", "read"]),
    tags=st.lists(hostile_texts, max_size=3),
    note=hostile_texts,
)
fuzz = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fuzz
@given(hostile_texts, st.booleans())
def test_latex_fields_are_balanced_escaped_and_command_free(text: str, protect: bool):
    latex = latex_text(text, protect_case=protect)
    depth = 0
    for char in latex:  # BibTeX's count: every brace, escaped or not
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0
    assert set(re.findall(r"\\([A-Za-z]+)", latex)) <= ALLOWED_COMMANDS
    outside_math = MATH_SPANS.sub("", latex)
    assert not re.search(r"(?<!\\)[%#&_^$]", outside_math)


@fuzz
@given(st.lists(entries, min_size=1, max_size=3, unique_by=lambda entry: entry.id))
def test_bibtex_parses_with_bibtexparser_and_pybtex(papers):
    text = write("bibtex", papers, EVERYTHING)
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    assert len(library.entries) == len(papers)
    pybtex.errors.set_strict_mode(True)
    assert len(pybtex_parse(text, "bibtex").entries) == len(papers)


@fuzz
@given(st.lists(entries, min_size=1, max_size=3, unique_by=lambda entry: entry.id))
def test_csv_cells_never_start_a_formula(papers):
    text = write("csv", papers, EVERYTHING).removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert len(rows) == len(papers) + 1
    assert all(len(row) == len(rows[0]) for row in rows)
    assert not any(
        cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row
    )


@fuzz
@given(st.lists(entries, min_size=1, max_size=3, unique_by=lambda entry: entry.id))
def test_html_parses_cleanly_and_has_no_active_content(papers):
    text = write("html", papers, EVERYTHING)
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document = parser.parse(text)  # strict: any parse error raises
    elements = list(document.iter())
    names = {element.tag for element in elements}
    assert not names & {"script", "iframe", "object", "embed", "img", "base", "frame", "form"}
    for element in elements:
        assert not any(name.lower().startswith("on") for name in element.attrib)
        href = element.get("href")
        assert href is None or href.startswith(("https://", "http://", "mailto:"))
    assert sum(element.tag == "article" for element in elements) == len(papers)


@fuzz
@given(st.lists(entries, min_size=1, max_size=3, unique_by=lambda entry: entry.id))
def test_markdown_keeps_one_section_per_paper_and_no_html(papers):
    tokens = MarkdownIt("commonmark").parse(write("markdown", papers, EVERYTHING))
    assert [token.tag for token in tokens if token.type == "heading_open"] == ["h1"] + ["h2"] * len(
        papers
    )
    inline = [child for token in tokens for child in token.children or []]
    assert not {token.type for token in [*tokens, *inline]} & {"html_block", "html_inline"}
    for token in inline:
        if token.type == "link_open":
            assert token.attrs["href"].startswith(("https://", "http://"))


@fuzz
@given(st.lists(entries, min_size=1, max_size=3, unique_by=lambda entry: entry.id))
def test_ris_and_csl_json_read_back(papers):
    ris = write("ris", papers, EVERYTHING)
    assert len(rispy.loads(ris)) == len(papers)
    assert all(not line or re.match(r"[A-Z][A-Z0-9]  - ", line) for line in ris.splitlines())
    items = json.loads(write("csljson", papers, EVERYTHING))
    CSL_SCHEMA.validate(items)
    assert len({item["id"].lower() for item in items}) == len(papers)
