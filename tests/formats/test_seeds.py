"""The five seed listings, every field of every paper, against hand-checked expectations."""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from desktop.formats.listing import detect_format, parse_listing
from desktop.formats.records import PaperRecord, ParsedListing

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
EXPECTED = json.loads((Path(__file__).parent / "seed_expectations.json").read_text("utf-8"))
TODAY = datetime.date.fromisoformat(EXPECTED["today"])
FILES: dict[str, dict[str, Any]] = EXPECTED["files"]
PAPERS = [
    pytest.param(name, index, paper, id=f"{name[:3]}-line{paper['line']}")
    for name, file in FILES.items()
    for index, paper in enumerate(file["papers"])
]
RECORD_FIELDS = (
    "title",
    "authors",
    "et_al",
    "affiliation",
    "category",
    "date",
    "date_inferred",
    "has_code",
    "code_urls",
    "line",
)


@functools.cache  # each paper's test reads the same file; the records are not mutated
def _parse(name: str) -> ParsedListing:
    return parse_listing((SEEDS / name).read_bytes(), name, today=TODAY)


def test_expectations_cover_all_eighty_seed_papers() -> None:
    assert sorted(path.name for path in SEEDS.glob("*.txt")) == sorted(FILES)
    assert len(PAPERS) == 80


@pytest.mark.parametrize("name", FILES)
def test_seed_format_count_and_no_problems(name: str) -> None:
    listing = _parse(name)

    assert listing.format == FILES[name]["format"]
    assert detect_format((SEEDS / name).read_text("utf-8")) == FILES[name]["format"]
    assert len(listing.papers) == len(FILES[name]["papers"])
    assert listing.problems == []


@pytest.mark.parametrize("name", FILES)
def test_seed_profile(name: str) -> None:
    profile = _parse(name).profile
    expected = FILES[name]["profile"]

    if expected is None:
        assert profile is None
    else:
        assert profile is not None
        assert profile.name == expected["name"]
        assert profile.subject == expected["subject"]
        assert profile.figures == expected["figures"]
        assert profile.declared_papers == expected["declared_papers"]


@pytest.mark.parametrize(("name", "index", "expected"), PAPERS)
def test_seed_paper(name: str, index: int, expected: dict[str, Any]) -> None:
    paper = _parse(name).papers[index]

    assert {field: getattr(paper, field) for field in RECORD_FIELDS} == {
        field: expected[field] for field in RECORD_FIELDS
    }
    assert _abstract_pins(paper) == {
        key: expected[key]
        for key in ("abstract_length", "abstract_start", "abstract_end", "abstract_sha256")
    }


def _abstract_pins(paper: PaperRecord) -> dict[str, object]:
    return {
        "abstract_length": len(paper.abstract),
        "abstract_start": paper.abstract[:40],
        "abstract_end": paper.abstract[-40:],
        "abstract_sha256": hashlib.sha256(paper.abstract.encode()).hexdigest(),
    }


@pytest.mark.parametrize(
    ("name", "line", "fragment"),
    [
        ("001_ca7909d33f339305.txt", 4, r"our small $\ell_\infty=2/255$ perturbations"),
        ("002_58189e5749111447.txt", 18, r"a heuristic \emph{fake} gradient"),
        ("002_58189e5749111447.txt", 11, r"unseen speakers by 28.3\% while"),
        ("001_ca7909d33f339305.txt", 43, "such as $μ$P (requires"),
        ("004_1cbaa79d34fcf851.txt", 20, r"available at \url{https://github.com/HA-Transformer}."),
    ],
)
def test_abstracts_keep_latex_verbatim(name: str, line: int, fragment: str) -> None:
    paper = next(paper for paper in _parse(name).papers if paper.line == line)
    assert fragment in paper.abstract


def test_seed_file_without_final_newline_parses_the_same_with_one() -> None:
    name = "001_ca7909d33f339305.txt"
    with_newline = parse_listing((SEEDS / name).read_bytes() + b"\n", name, today=TODAY)
    assert with_newline == _parse(name)
