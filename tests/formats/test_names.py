"""Author names, author lists, and the title/author splitter of compact listings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.formats.names import (
    AuthorList,
    is_person_name,
    parse_author_list,
    split_title_and_authors,
)

THIRTY_AUTHORS = [
    "Ada Ames",
    "Ben Baker",
    "Cai Chen",
    "Dana Diaz",
    "Eli Evans",
    "Fay Fox",
    "Gus Gray",
    "Hana Hill",
    "Ivo Ito",
    "Jun Jones",
    "Kai Kim",
    "Lea Lopez",
    "Mia Moore",
    "Nia Ng",
    "Oto Ortiz",
    "Pia Park",
    "Quin Quinn",
    "Rui Ruiz",
    "Sol Sato",
    "Tia Tran",
    "Uma Ueda",
    "Vic Vega",
    "Wen Wu",
    "Xia Xu",
    "Yan Yang",
    "Zoe Zhu",
    "Abe Abbott",
    "Bea Banks",
    "Cy Cole",
    "Dee Dunn",
]


@pytest.mark.parametrize(
    "name",
    [
        "Łukasz Kaiser",
        "Léon Bottou",
        "Zoë Kravitz",
        "Laurens van der Maaten",
        "María García de la Peña",
        "Ming-Wei Chang",
        "Hyun-seok Kim",
        "Conor O'Brien",
        "Conor O\u2019Brien",
        "Luca D'Angelo",
        "DeLiang Wang",
        "Tom McDonald",
        "Yann LeCun",
        "Jeremy H. M. Wong",
        "H.-M. Lee",
        "Ch. Zhang",
        "John Smith Jr.",
        "Henry Ford III",
        "Aswin Shanmugam Subramanian",
        "王伟",
        "김철수",
        "E\u0301lodie Dupont",  # decomposed É
    ],
)
def test_names(name: str) -> None:
    assert is_person_name(name)


@pytest.mark.parametrize(
    "text",
    [
        "ModelsXuan Shen",  # title word glued to a first name
        "MemXuan Shen",
        "MsXuan Shen",
        "ResolutionYushu Wu",
        "SRLiang Lu",
        "JJ Abrams",
        "J Abrams",  # a bare capital is not an initial
        "H. M.",  # initials only
        "van Gogh",  # a particle never starts a name
        "Vincent van",  # nor ends one
        "Jr. Smith",  # a suffix only ends one
        "Ming- Chang",
        "Xuan",  # one Latin word
        "Xuan  Shen 2",
        "",
        "Li王",
    ],
)
def test_not_names(text: str) -> None:
    assert not is_person_name(text)


def test_single_latin_word_is_a_name_only_when_allowed() -> None:
    assert not is_person_name("Mausam")
    assert is_person_name("Mausam", allow_single_word=True)
    assert parse_author_list("Mausam, Dan Weld") is None
    assert parse_author_list("Mausam, Dan Weld", allow_single_word=True) == AuthorList(
        ["Mausam", "Dan Weld"], et_al=False
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ann Lee", AuthorList(["Ann Lee"], et_al=False)),
        ("Ann Lee, Bo Chen et al.", AuthorList(["Ann Lee", "Bo Chen"], et_al=True)),
        ("Ann Lee, Bo Chen, et al.", AuthorList(["Ann Lee", "Bo Chen"], et_al=True)),
        ("Ann Lee et al", AuthorList(["Ann Lee"], et_al=True)),
        (", ".join(THIRTY_AUTHORS), AuthorList(THIRTY_AUTHORS, et_al=False)),
    ],
)
def test_author_lists(text: str, expected: AuthorList) -> None:
    assert parse_author_list(text) == expected


@pytest.mark.parametrize("text", ["", "et al.", "Ann Lee,, Bo Chen", "Ann Lee, and Bo Chen"])
def test_not_author_lists(text: str) -> None:
    assert parse_author_list(text) is None


@pytest.mark.parametrize(
    ("line", "title", "authors", "et_al"),
    [
        (
            "Search for Efficient Large Language ModelsXuan Shen, Pu Zhao, Yifan Gong et al.",
            "Search for Efficient Large Language Models",
            ["Xuan Shen", "Pu Zhao", "Yifan Gong"],
            True,
        ),
        (
            "Attention Is All You NeedŁukasz Kaiser, Léon Bottou, Zoë Kravitz",
            "Attention Is All You Need",
            ["Łukasz Kaiser", "Léon Bottou", "Zoë Kravitz"],
            False,
        ),
        (
            "Visualizing Data using t-SNELaurens van der Maaten, Geoffrey Hinton",
            "Visualizing Data using t-SNE",
            ["Laurens van der Maaten", "Geoffrey Hinton"],
            False,
        ),
        (
            "Un estudio de caso 2019María García de la Peña",
            "Un estudio de caso 2019",
            ["María García de la Peña"],
            False,
        ),
        (
            "Pre-training Deep Transformers: BERTMing-Wei Chang, Conor O'Brien",
            "Pre-training Deep Transformers: BERT",
            ["Ming-Wei Chang", "Conor O'Brien"],
            False,
        ),
        (
            "Sparse Recovery with $L_0$Ruslan Salakhutdinov, Ian J. Goodfellow",
            "Sparse Recovery with $L_0$",
            ["Ruslan Salakhutdinov", "Ian J. Goodfellow"],
            False,
        ),
        (
            "Deep Learning (Second Edition)Yann LeCun et al.",
            "Deep Learning (Second Edition)",
            ["Yann LeCun"],
            True,
        ),
        (
            "What Makes a Good Model?Tom McDonald, Sean MacKay",
            "What Makes a Good Model?",
            ["Tom McDonald", "Sean MacKay"],
            False,
        ),
        ("DeepSpeedJeff Rasley", "DeepSpeed", ["Jeff Rasley"], False),
        (
            "Joint tracking in switching state-space modelJeremy H. M. Wong, Yifan Gong",
            "Joint tracking in switching state-space model",
            ["Jeremy H. M. Wong", "Yifan Gong"],
            False,
        ),
        (
            "On-Mobile Real-time Super-ResolutionH.-M. Lee, Ann Smith Jr.",
            "On-Mobile Real-time Super-Resolution",
            ["H.-M. Lee", "Ann Smith Jr."],
            False,
        ),
        (
            "Estimated SpeechPeidong Wang, Zhuo Chen, DeLiang Wang et al.",
            "Estimated Speech",
            ["Peidong Wang", "Zhuo Chen", "DeLiang Wang"],
            True,
        ),
        (
            "Challenges, Baselines, and Tasks 2020Xiong Xiao, Naoyuki Kanda",
            "Challenges, Baselines, and Tasks 2020",
            ["Xiong Xiao", "Naoyuki Kanda"],
            False,
        ),
        (
            "Speech Recognition in Mandarin王伟, 李娜",
            "Speech Recognition in Mandarin",
            ["王伟", "李娜"],
            False,
        ),
        (
            "Lots of PeopleAda Ames, " + ", ".join(THIRTY_AUTHORS[1:]),
            "Lots of People",
            THIRTY_AUTHORS,
            False,
        ),
    ],
)
def test_split_title_and_authors(line: str, title: str, authors: list[str], et_al: bool) -> None:
    split = split_title_and_authors(line)
    assert split is not None
    assert (split.title, split.authors) == (title, AuthorList(authors, et_al))


@pytest.mark.parametrize(
    "line",
    [
        "A Title With No Authors",
        "A Title Spaced From Its Authors Xuan Shen, Pu Zhao",  # nothing glued
        "Glued to a mononymMausam, Dan Weld",
        "Something glued withJJ Abrams",
        "深度学习王伟, 李娜",  # uncased after uncased: no visible boundary
        "Title endingXuan Shen, and Friends",
        "",
    ],
)
def test_unsplittable_lines(line: str) -> None:
    assert split_title_and_authors(line) is None


_UPPER = "ABCDEFGHIJKLMNOPRSTUVWXYZÅÉŁÖ"
_LOWER = "abcdefghijklmnoprstuvwxyzáéëöøł"
_lower_word = st.text(_LOWER, min_size=1, max_size=8)
_capitalised = st.builds(str.__add__, st.sampled_from(_UPPER), _lower_word)
_acronym = st.text(_UPPER, min_size=2, max_size=5)
_number = st.integers(0, 3000).map(str)
_title_word = st.one_of(_capitalised, _lower_word, _acronym, _number)
_title = st.builds(
    lambda words, end: " ".join(words) + end,
    st.lists(_title_word, min_size=1, max_size=8),
    st.sampled_from(["", "?", ")", ":"]),
)
_surname = st.one_of(
    _capitalised,
    st.builds("{}-{}".format, _capitalised, _capitalised),
    st.builds(str.__add__, st.sampled_from(["De", "Mc", "Le"]), _capitalised),
    st.builds("O'{}".format, _capitalised),
)
_middle = st.one_of(
    st.sampled_from(_UPPER).map("{}.".format), st.sampled_from(["van", "de la", "von der"])
)
_name = st.builds(
    lambda given, middle, family: " ".join([given, *middle, family]),
    _capitalised,
    st.lists(_middle, max_size=2),
    _surname,
)


@settings(max_examples=200, deadline=None)
@given(_title, st.lists(_name, min_size=1, max_size=6), st.booleans())
def test_any_glued_title_and_author_list_split_back_exactly(
    title: str, names: list[str], et_al: bool
) -> None:
    line = title + ", ".join(names) + (" et al." if et_al else "")

    split = split_title_and_authors(line)

    assert split is not None
    assert (split.title, split.authors) == (title, AuthorList(names, et_al))
