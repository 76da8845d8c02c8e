"""Headers, dates, code links, format detection, and listings that are damaged or odd."""

from __future__ import annotations

import codecs
import datetime

import pytest

from desktop.formats import listing
from desktop.formats.listing import ListingReader, detect_format, parse_listing
from desktop.formats.listing_common import (
    EntryError,
    extract_code_urls,
    is_header_line,
    parse_header,
)
from desktop.formats.records import ImportFormatError, ParsedListing, Problem

TODAY = datetime.date(2026, 3, 14)

COMPACT_ENTRIES = [
    "LGOct 25, 2017Code\n"
    "Trace Norm Regularization for RNNsMarkus Kliegl, Kexin Zhao et al. · baidu\n"
    "We compress matrices. Code: https://github.com/kliegl/trace.",
    "CVMay 28\nOmniMem: Memory for Long VideoLin Zhao, Yushu Wu\nWe propose OmniMem.",
    "ASSep 14, 2023\nHybrid Models for ASRShaoshi Ling, Guoli Ye\nThe model is hybrid.",
]
COMPACT = "\n".join(COMPACT_ENTRIES)

PROFILE_HEAD = "Ada Lovelace\n\nCL\nh-index3\n2papers\nNovelty50%\n\n2 Papers\n\n"
PROFILE_ENTRIES = [
    "LGOct 25, 2017Code\nAnalytical Engines\n\nAda Lovelace, Charles Babbage\n\n"
    "We describe an engine.",
    "CLNov 20, 2025\nNotes on Notes\n\nAda Lovelace et al.\n\nThe notes are long.",
]
PROFILE = PROFILE_HEAD + "\n\n".join(PROFILE_ENTRIES)

ABSTRACTS = (
    "Indiana University, USA\nAbstract:First abstract.\nAbstract: Second abstract.\n\n\n"
    "Alexa AI, Amazon\nAbstract:Third abstract, see \\url{https://example.org/code}."
)


def parse(text: str, name: str = "listing.txt") -> ParsedListing:
    return parse_listing(text.encode(), name, today=TODAY)


def titles(parsed: ParsedListing) -> list[str | None]:
    return [paper.title for paper in parsed.papers]


# --- header lines and dates --------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "category", "date", "inferred", "has_code"),
    [
        ("LGOct 25, 2017Code", "LG", "2017-10-25", False, True),
        ("CVMay 28", "CV", "2026-05-28", True, False),
        ("CVMay 28Code", "CV", "2026-05-28", True, True),
        ("ASSep 14, 2023", "AS", "2023-09-14", False, False),
        ("MAMay 3, 2020", "MA", "2020-05-03", False, False),
        ("CSAISeptember 3, 2021", "CSAI", "2021-09-03", False, False),
        ("LGSept 3, 2021", "LG", "2021-09-03", False, False),
        ("IVJan 1, 2000 ", "IV", "2000-01-01", False, False),
    ],
)
def test_header_lines(line: str, category: str, date: str, inferred: bool, has_code: bool) -> None:
    header = parse_header(line, 1, TODAY)
    assert (header.category, header.date, header.date_inferred, header.has_code) == (
        category,
        date,
        inferred,
        has_code,
    )


@pytest.mark.parametrize(
    ("line", "today", "message"),
    [
        ("LGFeb 30, 2020", TODAY, "no such date"),
        ("LGFeb 29", datetime.date(2026, 1, 1), "no such date"),
        ("LGOct 25, 20", TODAY, "not a valid entry header"),
        ("LGOct 25, 2017 Code!", TODAY, "not a valid entry header"),
    ],
)
def test_bad_header_lines(line: str, today: datetime.date, message: str) -> None:
    assert is_header_line(line)  # still recognised as the start of an entry
    with pytest.raises(EntryError, match=message) as caught:
        parse_header(line, 7, today)
    assert caught.value.line == 7


def test_year_less_date_takes_the_year_of_today() -> None:
    assert parse_header("LGFeb 29", 1, datetime.date(2028, 12, 31)).date == "2028-02-29"
    this_year = parse_listing(COMPACT.encode()).papers[1]
    assert this_year.date == f"{datetime.date.today().year}-05-28"
    assert this_year.date_inferred


@pytest.mark.parametrize(
    "line", ["Large Language Models", "Abstract:We propose", "LG", "LGOct", "lgOct 25, 2017"]
)
def test_lines_that_are_not_headers(line: str) -> None:
    assert not is_header_line(line)


# --- code links -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("abstract", "urls"),
    [
        ("Code: https://example.org/tool.", ["https://example.org/tool"]),
        ("Our code is at \\url{https://example.org/x}.", ["https://example.org/x"]),
        ("(see https://github.com/a/b).", ["https://github.com/a/b"]),
        ("Wiki https://github.com/a/b_(c) here.", ["https://github.com/a/b_(c)"]),
        ("Data at https://arxiv.org/abs/1234.", []),
        ("Models: https://huggingface.co/org/m, https://gist.github.com/u/1;", None),
        ("https://gitlab.com/a/b and https://gitlab.com/a/b again", ["https://gitlab.com/a/b"]),
        ("Code is available at https://github.com/Sizhe-Chen/SEP.", None),
        ("No links here.", []),
        ('Quoted "https://github.com/q/r"', ["https://github.com/q/r"]),
    ],
)
def test_code_urls(abstract: str, urls: list[str] | None) -> None:
    if urls is None:  # every link in the text, in order
        urls = [word.strip(".,;") for word in abstract.split() if word.startswith("https://")]
    assert extract_code_urls(abstract) == urls


def test_has_code_follows_the_header_not_the_links() -> None:
    text = "LGOct 25, 2017\nA TitleAnn Lee, Bo Chen\nCode: https://github.com/a/b."
    paper = parse(text).papers[0]
    assert (paper.has_code, paper.code_urls) == (False, ["https://github.com/a/b"])


# --- format detection --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (COMPACT, "compact"),
        ("\n\n" + COMPACT, "compact"),
        (PROFILE, "profile"),
        ("Ada Lovelace\n\n" + "\n\n".join(PROFILE_ENTRIES), "profile"),  # no figures
        ("Ada Lovelace\n2 Papers\n" + COMPACT_ENTRIES[0], "profile"),
        ("Papers by Kexin Zhao\n" + COMPACT, "compact"),
        (ABSTRACTS, "abstracts"),
        ("Abstract:Only one.", "abstracts"),
        ("Just some notes\nabout papers I liked.", None),
        ("@article{key, title={A}}", "bibtex"),
        ("TY  - JOUR\nTI  - A\nER  - ", "ris"),
        ('[{"type": "article", "title": "A"}]', "csljson"),
        ("@comment{just a note}", None),
    ],
)
def test_detect_format(text: str, name: str | None) -> None:
    assert detect_format(text) == name


@pytest.mark.parametrize("filename", ["profile.txt", "abstracts.bib", "", "x.ris"])
def test_format_comes_from_content_not_file_name(filename: str) -> None:
    assert parse(COMPACT, filename).format == "compact"


def test_readers_are_pluggable(monkeypatch: pytest.MonkeyPatch) -> None:
    def parse_toy(text: str, today: datetime.date) -> ParsedListing:
        return parse_listing(COMPACT.encode(), today=today)

    toy = ListingReader("toy", lambda text: text.startswith("%TOY"), parse_toy)
    monkeypatch.setattr(listing, "READERS", [*listing.READERS, toy])

    assert detect_format("%TOY key A") == "toy"
    assert len(parse("%TOY key A").papers) == 3


# --- encodings and line ends through the whole reader -------------------------------------


def test_crlf_bom_and_cp1252_listing() -> None:
    text = (
        "LGOct 25, 2017\r\nLearning \u201cDeep\u201d ThingsLéon Bottou, Zoë Kravitz\r\n"
        "We learn.\r\n"
    )
    for data in (codecs.BOM_UTF8 + text.encode(), text.encode("cp1252")):
        paper = parse_listing(data, "x.txt", today=TODAY).papers[0]
        assert paper.title == "Learning \u201cDeep\u201d Things"
        assert paper.authors == ["Léon Bottou", "Zoë Kravitz"]
        assert paper.abstract == "We learn."


def test_lone_cr_line_ends() -> None:
    assert titles(parse(COMPACT.replace("\n", "\r"))) == titles(parse(COMPACT))


# --- files that cannot be read at all ----------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\t\r\n", "whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"Just some notes\nabout papers I liked.\n", "not a listing in a known format"),
    ],
)
def test_unreadable_files_raise_naming_the_file(data: bytes, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message) as caught:
        parse_listing(data, "papers/mine.txt", today=TODAY)
    assert caught.value.filename == "papers/mine.txt"
    assert str(caught.value).startswith("papers/mine.txt")


def test_a_file_with_no_readable_entry_raises_with_the_first_problem_line() -> None:
    text = "LGFeb 30, 2020\nA TitleAnn Lee, Bo Chen\nAn abstract."
    with pytest.raises(ImportFormatError, match="no such date") as caught:
        parse(text, "bad.txt")
    assert (caught.value.filename, caught.value.line) == ("bad.txt", 1)
    assert str(caught.value).startswith("bad.txt:1: no paper could be read")


def test_a_profile_without_entries_raises() -> None:
    with pytest.raises(ImportFormatError, match="no paper could be read") as caught:
        parse(PROFILE_HEAD + "LGOct 25, 2017\n", "ada.txt")
    assert caught.value.line == 10


# --- one broken entry among good ones ------------------------------------------------------


def test_compact_entry_that_cannot_be_split_is_a_problem() -> None:
    broken = "LGJan 2, 2020\nA Title Not Glued To Its Authors Ann Lee, Bo Chen\nAbstract."
    parsed = parse("\n".join([COMPACT_ENTRIES[0], broken, COMPACT_ENTRIES[1]]))

    assert titles(parsed) == [
        "Trace Norm Regularization for RNNs",
        "OmniMem: Memory for Long Video",
    ]
    assert len(parsed.problems) == 1
    assert parsed.problems[0].line == 5
    assert "cannot tell where the title ends" in parsed.problems[0].message


def test_impossible_date_is_a_problem_for_that_entry_only() -> None:
    broken = COMPACT_ENTRIES[2].replace("Sep 14, 2023", "Feb 30, 2020")
    parsed = parse("\n".join([*COMPACT_ENTRIES[:2], broken]))

    assert len(parsed.papers) == 2
    assert parsed.problems == [Problem(7, "no such date in the header: 'ASFeb 30, 2020'")]


def test_compact_entry_with_an_extra_line_is_a_problem() -> None:
    extra = COMPACT_ENTRIES[1] + "\nA stray line."
    parsed = parse("\n".join([COMPACT_ENTRIES[0], extra, COMPACT_ENTRIES[2]]))

    assert len(parsed.papers) == 2
    assert parsed.problems[0].line == 7
    assert "found 3 lines" in parsed.problems[0].message


def test_compact_lines_above_the_first_entry_are_problems() -> None:
    parsed = parse("Papers by Kexin Zhao\n\n" + COMPACT)

    assert titles(parsed) == titles(parse(COMPACT))
    assert parsed.problems == [Problem(1, "not part of any entry: 'Papers by Kexin Zhao'")]


def test_problem_messages_quote_long_lines_shortened() -> None:
    line = "A Title Without Authors " * 1000
    parsed = parse(COMPACT + "\nLGJan 2, 2020\n" + line + "\nAn abstract.")

    assert len(parsed.problems) == 1
    assert len(parsed.problems[0].message) < 200
    assert parsed.problems[0].message.endswith("A Tit...'")


def test_compact_tolerates_blank_lines_between_entries() -> None:
    parsed = parse("\n\n\n".join(COMPACT_ENTRIES) + "\n\n")
    assert titles(parsed) == titles(parse(COMPACT))
    assert parsed.problems == []


def test_compact_fields() -> None:
    first, second, _ = parse(COMPACT).papers
    assert first.affiliation == "baidu"
    assert first.et_al
    assert first.code_urls == ["https://github.com/kliegl/trace"]
    assert (second.affiliation, second.et_al, second.line) == ("", False, 4)


def test_profile_entry_missing_its_authors_is_a_problem() -> None:
    broken = "LGJan 2, 2020\nNo Authors Here\n\nWe describe a thing without authors."
    parsed = parse(PROFILE_HEAD + "\n\n".join([PROFILE_ENTRIES[0], broken, PROFILE_ENTRIES[1]]))

    assert titles(parsed) == ["Analytical Engines", "Notes on Notes"]
    assert parsed.problems == [Problem(20, "no author list after the title")]


def test_profile_declaring_more_papers_than_it_has() -> None:
    parsed = parse(PROFILE.replace("2 Papers", "3 Papers"))

    assert len(parsed.papers) == 2
    assert parsed.problems == [Problem(8, "the page lists 3 papers but only 2 could be read")]


def test_profile_abstract_over_several_paragraphs_and_stray_blank_lines() -> None:
    entry = (
        "LGJan 2, 2020\n\nA Title\n\n\n\nAnn Lee, Bo Chen\n\n"
        "First paragraph.\n\n\nSecond paragraph\nwith two lines.\n\n\n"
    )
    parsed = parse(PROFILE_HEAD.replace("2 Papers", "1 Paper") + entry)

    assert parsed.problems == []
    paper = parsed.papers[0]
    assert (paper.title, paper.authors) == ("A Title", ["Ann Lee", "Bo Chen"])
    assert paper.abstract == "First paragraph.\n\nSecond paragraph\nwith two lines."


def test_profile_accepts_a_single_word_author() -> None:
    parsed = parse(PROFILE.replace("Ada Lovelace, Charles Babbage", "Mausam, Dan Weld"))
    assert parsed.papers[0].authors == ["Mausam", "Dan Weld"]


def test_profile_header_lines_it_does_not_know_are_problems() -> None:
    parsed = parse(PROFILE.replace("Novelty50%", "Followers: many"))

    assert len(parsed.papers) == 2
    assert parsed.problems == [Problem(6, "not part of a profile header: 'Followers: many'")]
    assert parsed.profile is not None
    assert parsed.profile.figures == {"h-index": "3", "papers": "2"}


def test_abstract_dump_affiliations_apply_until_the_next_one() -> None:
    parsed = parse(ABSTRACTS)

    assert [(p.affiliation, p.abstract, p.line) for p in parsed.papers] == [
        ("Indiana University, USA", "First abstract.", 2),
        ("Indiana University, USA", "Second abstract.", 3),
        ("Alexa AI, Amazon", "Third abstract, see \\url{https://example.org/code}.", 7),
    ]
    assert parsed.papers[2].code_urls == ["https://example.org/code"]
    assert all(p.title is None and p.authors == [] and p.date is None for p in parsed.papers)


def test_abstract_dump_oddities_are_problems() -> None:
    text = "Lab One\nLab Two\nAbstract:\nAbstract:Real one.\nLab Three\n"
    parsed = parse(text)

    assert [p.abstract for p in parsed.papers] == ["Real one."]
    assert parsed.problems == [
        Problem(1, "not an abstract, and no abstract follows it: 'Lab One'"),
        Problem(3, "empty abstract"),
        Problem(5, "not an abstract, and no abstract follows it: 'Lab Three'"),
    ]


# --- files cut off in their last entry -----------------------------------------------------


@pytest.mark.parametrize(
    ("tail", "line", "reason"),
    [
        ("LGJan 2, 2020", 7, "no title line"),
        ("LGJan 2, 2020\nA TitleAnn Lee, Bo Ch", 8, "no abstract line"),
        ("LGJan 2, 2020\nA TitleAnn Lee, Bo Chen\nWe propose a meth", 7, "ends mid-text"),
        ("LGJan 2, 20", 7, "not a valid entry header"),
    ],
)
def test_compact_cut_off_in_the_last_entry(tail: str, line: int, reason: str) -> None:
    parsed = parse("\n".join([*COMPACT_ENTRIES[:2], tail]))

    assert len(parsed.papers) == 2
    assert len(parsed.problems) == 1
    assert parsed.problems[0].line == line
    assert reason in parsed.problems[0].message


@pytest.mark.parametrize(
    ("tail", "line", "reason"),
    [
        ("LGJan 2, 2020", 17, "entry looks cut off: no title"),
        ("LGJan 2, 2020\nA Tit", 18, "entry looks cut off: no author list"),
        ("LGJan 2, 2020\nA Title\n\nAnn Lee", 20, "entry looks cut off: no abstract"),
        ("LGJan 2, 2020\nA Title\n\nAnn Lee, Bo\n\nWe propose", 17, "entry looks cut off"),
    ],
)
def test_profile_cut_off_in_the_last_entry(tail: str, line: int, reason: str) -> None:
    parsed = parse(PROFILE_HEAD + PROFILE_ENTRIES[0] + "\n\n" + tail)

    assert titles(parsed) == ["Analytical Engines"]
    assert parsed.problems[0].line == line
    assert reason in parsed.problems[0].message
    assert "lists 2 papers but only 1" in parsed.problems[1].message


def test_abstract_dump_cut_off_in_the_last_abstract() -> None:
    parsed = parse("Abstract:One.\nAbstract:Two is cut of")

    assert [p.abstract for p in parsed.papers] == ["One."]
    assert parsed.problems == [Problem(2, "entry looks cut off: its abstract ends mid-text")]


def test_only_the_last_entry_is_checked_for_being_cut_off() -> None:
    middle = COMPACT_ENTRIES[1].replace("We propose OmniMem.", "on 6 different test sets")
    parsed = parse("\n".join([COMPACT_ENTRIES[0], middle, COMPACT_ENTRIES[2]]))

    assert parsed.problems == []
    assert parsed.papers[1].abstract == "on 6 different test sets"


@pytest.mark.parametrize(
    "ending", ["a link https://github.com/a/b", "a brace \\url{x}", "math $x$", "quote.\u201d"]
)
def test_last_abstract_ending_in_a_link_or_closer_is_complete(ending: str) -> None:
    parsed = parse(COMPACT + " And " + ending)
    assert len(parsed.papers) == 3
    assert parsed.problems == []
