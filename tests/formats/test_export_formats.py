"""Each export format, read back by an independent parser: plain and hostile papers."""

from __future__ import annotations

import csv
import io
import json
import logging
from html.parser import HTMLParser

import bibtexparser
import pybtex.errors
import pytest
import rispy
from markdown_it import MarkdownIt
from pybtex.database import parse_string as pybtex_parse

from desktop.formats.export import FORMATS, ExportCancelled, ExportEntry, ExportOptions, write
from tests.formats.export_samples import ALL, EVERYTHING, HOSTILE, PLAIN

NOTHING_EXTRA = ExportOptions()


def parse_bib(text: str):
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    pybtex.errors.set_strict_mode(True)
    assert len(pybtex_parse(text, "bibtex").entries) == len(library.entries)
    return library


def test_bibtex_plain_paper():
    [entry] = parse_bib(write("bibtex", [PLAIN], EVERYTHING)).entries
    fields = {field.key: field.value for field in entry.fields}
    assert (entry.entry_type, entry.key) == ("misc", "shen2024search")
    assert fields["author"] == "Xuan Shen and Pu Zhao and Yifan Gong and others"
    assert fields["title"] == "{Search} for {Efficient} {Large} {Language} {Models}"
    assert (fields["year"], fields["month"]) == ("2024", "sep")
    assert fields["url"] == "https://github.com/shawnricecake/search-llm"
    assert fields["keywords"] == "llm, to-read"
    assert fields["annote"] == "Good *baseline*."
    assert fields["readstatus"] == "reading"


def test_bibtex_leaves_out_what_was_not_chosen():
    [entry] = parse_bib(write("bibtex", [PLAIN], NOTHING_EXTRA)).entries
    assert {field.key for field in entry.fields} == {"author", "title", "year", "month", "url"}


def test_bibtex_hostile_papers_parse_and_keys_are_unique():
    library = parse_bib(write("bibtex", ALL, EVERYTHING))
    keys = [entry.key for entry in library.entries]
    assert len(keys) == len(ALL) == len(set(keys))
    assert "shen2024searcha" in keys  # paper 8 clashes with paper 1
    text = write("bibtex", ALL, EVERYTHING)
    assert "\\input" not in text and "\\write18" not in text and "\\def" not in text
    assert "{\\textbackslash}input" in text


def test_untitled_papers_say_so_in_every_format():
    untitled = [entry for entry in HOSTILE if not (entry.title or "").strip()]
    for name in FORMATS:
        text = write(name, untitled, EVERYTHING).replace("{Fine-tuning}", "Fine-tuning")
        assert "Untitled" in text, name
        assert "abstract begins: Fine-tuning large language models" in text, name
        assert "paper 7" in text, name


def test_ris_reads_back_with_rispy():
    text = write("ris", ALL, EVERYTHING)
    assert not text.startswith("1.")  # rispy's own writer numbers records; RIS does not
    records = rispy.loads(text)
    assert len(records) == len(ALL)
    first = records[0]
    assert first["type_of_reference"] == "UNPB"
    assert first["authors"] == ["Shen, Xuan", "Zhao, Pu", "Gong, Yifan"]
    assert (first["year"], first["date"]) == ("2024", "2024/09/25/")
    assert first["notes"] == ["Reading status: reading", "Good *baseline*."]
    assert records[1]["urls"] == ["https://example.com/a%20b%7Bc%7D%5Cd"]  # no javascript:
    for line in text.splitlines():  # every line is a tag line or blank
        assert not line or line[2:6] == "  - ", line


def test_csl_json_items():
    items = json.loads(write("csljson", ALL, EVERYTHING))
    assert len(items) == len(ALL)
    first = items[0]
    assert first["type"] == "article"
    assert first["author"][0] == {"family": "Shen", "given": "Xuan"}
    assert first["issued"] == {"date-parts": [[2024, 9, 25]]}
    assert first["custom"]["et-al"] is True
    assert first["custom"]["reading-status"] == "reading"
    assert items[4]["author"] == [{"literal": "王小明"}]
    assert "issued" not in items[4]
    assert items[5]["custom"]["untitled"] is True


def test_csv_rows_read_back_and_cells_are_neutralised():
    text = write("csv", ALL, EVERYTHING)
    assert text.startswith("\ufeff")  # for Excel
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), strict=True))
    header, data = rows[0], rows[1:]
    assert header[:3] == ["key", "id", "title"]
    assert header[-4:] == ["status", "tags", "abstract", "note"]
    assert len(data) == len(ALL) and all(len(row) == len(header) for row in data)
    assert all(
        not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row
    )
    hostile = dict(zip(header, data[1], strict=True))
    assert hostile["title"] == '\'=SUM(A1:A3)+HYPERLINK("http://evil.example")'
    assert hostile["abstract"] == "'-1 + 2 = 1, @mention and +plus"
    assert hostile["note"].startswith("'=cmd")
    assert hostile["tags"] == "'@risk; +plus; -minus; =eq; a,b; ünï"


def test_csv_without_choices_has_only_the_fixed_columns():
    header = write("csv", [PLAIN], NOTHING_EXTRA).splitlines()[0]
    assert "abstract" not in header and "status" not in header


def test_markdown_structure_survives_hostile_text():
    text = write("markdown", ALL, EVERYTHING)
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [token.tag for token in tokens if token.type == "heading_open"]
    assert headings == ["h1"] + ["h2"] * len(ALL)
    kinds = {token.type for token in tokens} | {
        child.type for token in tokens for child in token.children or []
    }
    assert not kinds & {"html_block", "html_inline", "image", "code_block", "fence"}
    links = [
        child.attrs["href"]
        for token in tokens
        for child in token.children or []
        if child.type == "link_open"
    ]
    assert links and all(link.startswith("https://") for link in links)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_is_inert_and_escaped():
    text = write("html", ALL, EVERYTHING)
    assert text.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<meta charset="utf-8">' in text
    parser = _Tags()
    parser.feed(text)
    names = {tag for tag, _ in parser.tags}
    assert not names & {"script", "iframe", "img", "object", "embed", "b", "base"}
    for _tag, attrs in parser.tags:
        assert not any(name.startswith("on") for name in attrs)
        assert attrs.get("href", "https://").startswith(("https://", "http://", "mailto:"))
    assert "&lt;script&gt;" in text
    assert text.count('<article class="paper"') == len(ALL)
    assert "<em>baseline</em>" in text  # notes are rendered Markdown


def test_empty_export_is_still_a_document():
    for name in FORMATS:
        assert write(name, [], EVERYTHING) is not None
    assert "0 papers" in write("markdown", [], EVERYTHING)


def test_progress_is_reported_and_can_cancel():
    entries = [ExportEntry(id=i, title=f"Paper {i}") for i in range(120)]
    seen = []
    write("csv", entries, progress=lambda done, total: seen.append((done, total)) or True)
    assert seen == [(50, 120), (100, 120), (120, 120)]
    with pytest.raises(ExportCancelled):
        write("csv", entries, progress=lambda done, total: False)


def test_unknown_format_and_choice_are_refused():
    with pytest.raises(ValueError, match="choose from bibtex"):
        write("docx", [PLAIN])
    with pytest.raises(ValueError, match="Cannot include colour"):
        ExportOptions(include=frozenset({"colour"}))


def test_every_format_has_its_extension():
    assert {name: fmt.extension for name, fmt in FORMATS.items()} == {
        "bibtex": "bib",
        "ris": "ris",
        "csljson": "json",
        "csv": "csv",
        "markdown": "md",
        "html": "html",
    }
