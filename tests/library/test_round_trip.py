"""Export to BibTeX, RIS or CSL-JSON, import into an empty library: the same papers.

Each format is compared on the fields it can carry: BibTeX has no day of the month and
one link; RIS has no "et al."; untitled papers get a placeholder title in BibTeX and RIS.
BibTeX text is LaTeX, which the import decodes: the LaTeX a listing's abstract holds
comes back as the text it stands for, and math in the export's own spelling (``$\\mu$``
for ``$μ$``), so abstracts are compared by their words outside math.
"""

from __future__ import annotations

import re

import pytest

from desktop.formats.latex_decode import decode_latex
from desktop.library.exporting import ExportSource, export_text
from desktop.library.identity import normalise_text
from desktop.library.importing import import_bytes
from desktop.library.papers import Paper, get_papers
from desktop.library.store import Library, open_library
from tests.conftest import IMPORT_DAY
from tests.library.test_import_bibliographies import EDITORIALS, JABREF

RIS = """TY  - JOUR
TI  - Attention Is All You Need
AU  - Vaswani, Ashish
T2  - Advances in Neural Information Processing Systems
DA  - 2017/12/04/
VL  - 30
IS  - 1
SP  - 5998
EP  - 6008
DO  - 10.48550/arXiv.1706.03762
UR  - https://papers.nips.cc/paper/7181
UR  - https://arxiv.org/abs/1706.03762v5
UR  - https://github.com/tensorflow/tensor2tensor
ER  -
"""
_MATH = re.compile(r"\$[^$]*\$")
INCLUDE = ("abstract", "notes", "tags", "status")
DETAILS = ("venue", "volume", "number", "pages", "doi", "arxiv_id", "url")


def _all(lib: Library) -> list[Paper]:
    ids = [row[0] for row in lib.db.execute("SELECT id FROM papers ORDER BY id")]
    return get_papers(lib, ids)


def _carried(paper: Paper, format_name: str) -> dict[str, object]:
    fields: dict[str, object] = {
        "authors": paper.authors,
        "year": (paper.date or "")[:4],
        "abstract": " ".join(paper.abstract.split()),
        "tags": sorted(tag.casefold() for tag in paper.tags),
        "note": " ".join(paper.note.split()),
        "status": paper.status,
        **{name: getattr(paper, name) for name in DETAILS},
    }
    if paper.title is not None or format_name == "csljson":
        fields["title"] = paper.title
    if format_name == "bibtex":
        fields["abstract"] = normalise_text(_MATH.sub(" ", decode_latex(paper.abstract)))
    else:
        fields["date"] = paper.date
        fields["code_urls"] = paper.code_urls
    if format_name != "ris":
        fields["et_al"] = paper.et_al
    return fields


@pytest.mark.parametrize("format_name", ["bibtex", "ris", "csljson"])
def test_round_trip(seeded: Library, tmp_path, format_name: str) -> None:
    for name, text in (("jabref.bib", JABREF), ("ed.bib", EDITORIALS), ("z.ris", RIS)):
        import_bytes(seeded, text.encode(), name=name, today=IMPORT_DAY)
    text, exported = export_text(seeded, ExportSource(), format_name, include=INCLUDE)

    empty = open_library(tmp_path / "empty.sqlite")
    try:
        report = import_bytes(empty, text.encode(), name=f"out.{format_name}", today=IMPORT_DAY)
        assert (report.added, report.skipped) == (exported, [])
        again = import_bytes(empty, text.encode(), name="again", today=IMPORT_DAY)
        assert (again.added, again.present) == (0, exported)
        before = [_carried(paper, format_name) for paper in _all(seeded)]
        after = [_carried(paper, format_name) for paper in _all(empty)]
    finally:
        empty.close()
    for old, new in zip(before, after, strict=True):
        if "title" not in old:  # untitled: the export's placeholder title comes back
            new.pop("title", None)
        assert new == old


@pytest.mark.parametrize("format_name", ["bibtex", "ris", "csljson"])
def test_an_export_imported_back_into_its_library_adds_no_titled_paper(
    seeded: Library, format_name: str
) -> None:
    """The listings' papers exported without their abstracts come back as the same papers.

    Without an abstract and with details a listing never has (an entry type, a key), only
    the title can tell them, and it does where first author and year agree. (A paper with
    no title is exported under a stand-in title and without its abstract: nothing names it,
    so it comes back as a new paper.)
    """
    titled = sum(1 for paper in _all(seeded) if paper.title)
    text, exported = export_text(seeded, ExportSource(), format_name)
    report = import_bytes(seeded, text.encode(), name=f"back.{format_name}", today=IMPORT_DAY)
    assert (report.present, report.added) == (titled, exported - titled)
