"""The BibTeX reader: names, LaTeX, identifiers, broken entries, real files, any text."""

from __future__ import annotations

import contextlib
import datetime
import shutil
import subprocess
from pathlib import Path

import bibtexparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pylatexenc.latex2text import LatexNodes2Text

from desktop.formats.bibtex_reader import parse_bibtex, parse_names, sniff_bibtex
from desktop.formats.latex_decode import decode_latex
from desktop.formats.listing import detect_format, parse_listing
from desktop.formats.records import ImportFormatError

TODAY = datetime.date(2026, 11, 22)
BIBLATEX_EXAMPLES = Path(
    "/usr/share/texlive/texmf-dist/bibtex/bib/biblatex/biblatex/biblatex-examples.bib"
)

SAMPLE = r"""% a comment line
@string{jams = {J. Amer. Math. Soc.}}

@article{knuth1984,
  author = {Knuth, Donald E. and van der Berg, Jan and {The {LIGO} Collaboration} and others},
  title = {Literate Programming: {Caf\'e} and $O(n^2)$ with \emph{style}},
  journal = jams,
  year = 1984,
  month = may,
  volume = {27},
  number = {2},
  pages = {97--111},
  doi = {https://doi.org/10.1093/COMJNL/27.2.97},
  keywords = {programming; documentation, literate},
  annote = {Read this on the train.},
}

@article{broken,
  title = {Never closed

@misc{arxiv2101,
  author = {M{\"u}ller, J{\"o}rg},
  title = {A preprint},
  eprint = {2101.00001v2},
  archivePrefix = {arXiv},
  year = {2021},
  readstatus = {skimmed},
}
"""


def test_fields_names_and_latex() -> None:
    listing = parse_bibtex(SAMPLE, TODAY)
    first = listing.papers[0]
    assert first.title == "Literate Programming: Café and $O(n^2)$ with style"
    assert first.authors == ["Donald E. Knuth", "Jan van der Berg", "The LIGO Collaboration"]
    assert first.et_al
    assert first.venue == "J. Amer. Math. Soc."
    assert first.date == "1984-05"  # as precise as the file: no day given
    assert (first.volume, first.number, first.pages) == ("27", "2", "97\u2013111")
    assert first.doi == "10.1093/comjnl/27.2.97"
    assert list(first.keywords) == ["programming", "documentation", "literate"]
    assert first.note == "Read this on the train."
    assert (first.entry_type, first.citation_key, first.line) == ("article", "knuth1984", 4)


def test_a_broken_entry_is_reported_with_its_line_and_the_rest_read() -> None:
    listing = parse_bibtex(SAMPLE, TODAY)
    assert [problem.line for problem in listing.problems] == [18]
    preprint = listing.papers[-1]
    assert preprint.authors == ["Jörg Müller"]
    assert preprint.arxiv_id == "2101.00001"
    assert preprint.status == "reading"


@pytest.mark.parametrize(
    ("field", "names"),
    [
        ("Ludwig van Beethoven", ["Ludwig van Beethoven"]),
        ("de la Fontaine, Jean", ["Jean de la Fontaine"]),
        ("Ford, Jr., Henry", ["Henry Ford, Jr."]),
        ("{Barnes and Noble, Inc.}", ["Barnes and Noble, Inc."]),
        ("Aristotle", ["Aristotle"]),
        ("A. Smith and others", ["A. Smith"]),
    ],
)
def test_name_forms(field: str, names: list[str]) -> None:
    assert parse_names(field)[0] == names


def test_detected_by_content() -> None:
    assert detect_format("@Article{k, title={A}}") == "bibtex"
    assert not sniff_bibtex("@comment{only this}\nemail me @ home")


@pytest.mark.skipif(not BIBLATEX_EXAMPLES.exists(), reason="texlive-bibtex-extra not installed")
def test_biblatex_examples_loses_no_entry() -> None:
    text = BIBLATEX_EXAMPLES.read_text(encoding="utf-8")
    expected = len(bibtexparser.parse_string(text).entries)
    listing = parse_listing(BIBLATEX_EXAMPLES.read_bytes(), today=TODAY)
    assert listing.format == "bibtex"
    assert len(listing.papers) == expected > 80
    assert not listing.problems


def test_biblatex_examples_found_by_kpsewhich_when_elsewhere() -> None:
    """Where TeX Live keeps the file elsewhere, kpsewhich names the same file."""
    if shutil.which("kpsewhich") is None:
        pytest.skip("kpsewhich not installed (texlive)")
    found = subprocess.run(
        ["kpsewhich", "biblatex-examples.bib"], capture_output=True, text=True, check=False
    ).stdout.strip()
    if not found:
        pytest.skip("biblatex-examples.bib not installed (texlive-bibtex-extra)")
    assert parse_listing(Path(found).read_bytes(), today=TODAY).papers


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from('@article{}=,"\\$ and others\n#%abc{}'), max_size=300))
def test_any_text_gives_records_or_format_error(text: str) -> None:
    with contextlib.suppress(ImportFormatError):
        parse_listing(("@misc{k,\n" + text).encode(), today=TODAY)


@pytest.mark.parametrize(
    "latex",
    [
        r"Caf\'e M{\"u}ller \v{S}koda \c{c}a",
        r"\emph{big} and \textbf{b}, 50\% \& a\_b",
        r"{\ss} \o{} {\L}\'od\'z \'{\i}",
        r"{Caps} -- ok --- ``q'' a~b",
        r"\url{http://x} \textsuperscript{2} \LaTeX",
    ],
)
def test_fast_decoding_gives_what_pylatexenc_gives(latex: str) -> None:
    slow = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True).latex_to_text(latex)
    assert decode_latex(latex) == " ".join(slow.split())


def test_math_stays_as_written() -> None:
    assert decode_latex(r"costs \$5, $\alpha_{1}$ and {\"o}") == r"costs $5, $\alpha_{1}$ and ö"
