"""Exports judged by the software on the other end, on the 80 seed papers plus hostile ones.

BibTeX and pdflatex on a ``\\nocite{*}`` document; biber (``--validate-datamodel``) and
biblatex; pandoc (citeproc for CSL-JSON, its Markdown and GFM readers); bibutils'
ris2xml; the official CSL-JSON schema; citeproc-py; html5lib. `.ci/run` installs the
Debian tools; a test skips, naming what is missing, where one is not installed.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import shutil
import subprocess
import warnings
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.formats.export import ExportEntry, write
from desktop.formats.export.latex import _TABLE
from desktop.formats.export.latex_math import is_safe_math
from desktop.library.exporting import load_entries
from desktop.library.store import open_library
from desktop.library.views import find_ids
from tests.formats.export_samples import ALL, EVERYTHING

# The Debian package that brings each tool (.ci/run installs them).
PACKAGES = {
    "pdflatex": "texlive-latex-base",
    "bibtex": "texlive-latex-base",
    "biber": "biber",
    "pandoc": "pandoc",
    "ris2xml": "bibutils",
}
# A LaTeX document as users write one (T1 fonts). pdflatex has no glyphs for CJK, emoji
# and the like: that one error becomes a warning, as it is pdflatex's limit, not the
# export's (XeLaTeX and LuaLaTeX typeset those characters).
PREAMBLE = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\makeatletter
\def\UTFviii@undefined@err#1{\@latex@warning{Unicode character not in pdflatex}}
\makeatother
"""
BIBLATEX = r"""\usepackage[backend=biber,style=numeric,sorting=none]{biblatex}
\addbibresource{refs.bib}
\renewbibmacro*{finentry}{%
  \iffieldundef{abstract}{}{\newunit\printfield{abstract}}%
  \iffieldundef{annotation}{}{\newunit\printfield{annotation}}%
  \iffieldundef{keywords}{}{\newunit\printfield{keywords}}%
  \finentry}
"""
LATEX_ERROR = re.compile(r"^(?:!|\./[^:]+:\d+: ).*$", re.MULTILINE)


def need(*tools: str) -> None:
    for tool in tools:
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (Debian package {PACKAGES[tool]}; .ci/run)")


def run(*command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=180
    )


def pdflatex(cwd: Path, name: str) -> str:
    """Typeset ``name``.tex; returns the LaTeX errors found in its log."""
    run("pdflatex", "-interaction=nonstopmode", "-draftmode", "-file-line-error", name, cwd=cwd)
    log = (cwd / f"{name}.log").read_text(encoding="utf-8", errors="replace")
    return "\n".join(LATEX_ERROR.findall(log))


@pytest.fixture(scope="module")
def papers(seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> list[ExportEntry]:
    """The seed library's 80 papers as the app exports them, then the hostile samples."""
    copy = tmp_path_factory.mktemp("tools") / "library.sqlite"
    shutil.copyfile(seeded_template, copy)
    lib = open_library(copy)
    try:
        seeds = load_entries(lib, find_ids(lib, ""))
    finally:
        lib.close()
    hostile = [replace(entry, id=entry.id + 10_000) for entry in ALL]
    return seeds + hostile


def export(papers: list[ExportEntry], format_name: str, folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text(write(format_name, papers, EVERYTHING), encoding="utf-8", newline="")
    return path


def test_bibtex_and_pdflatex_typeset_every_entry(papers, tmp_path: Path):
    need("pdflatex", "bibtex")
    export(papers, "bibtex", tmp_path, "refs.bib")
    body = "\\usepackage{url}\n\\begin{document}\n\\nocite{*}\n\\bibliographystyle{plain}\n"
    (tmp_path / "doc.tex").write_text(PREAMBLE + body + "\\bibliography{refs}\n\\end{document}\n")
    pdflatex(tmp_path, "doc")
    bibtex = run("bibtex", "doc", cwd=tmp_path)
    blg = (tmp_path / "doc.blg").read_text(encoding="utf-8", errors="replace")
    assert bibtex.returncode < 2 and "error message" not in blg, blg
    # the warnings that mean broken data (other warnings are about empty optional fields)
    assert not re.search(r"Warning--(I'm ignoring|string name|can't use both)", blg), blg
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert bbl.count("\\bibitem") == len(papers)
    assert pdflatex(tmp_path, "doc") == ""


def test_biber_validates_the_data_model_and_biblatex_typesets_it(papers, tmp_path: Path):
    need("pdflatex", "biber")
    export(papers, "bibtex", tmp_path, "refs.bib")
    body = "\\begin{document}\n\\nocite{*}\n\\printbibliography\n\\end{document}\n"
    (tmp_path / "doc.tex").write_text(PREAMBLE + BIBLATEX + body)
    pdflatex(tmp_path, "doc")
    biber = run("biber", "--validate-datamodel", "--nolog", "doc", cwd=tmp_path)
    problems = [
        line
        for line in biber.stdout.splitlines()
        # data-model notes name the fields biblatex does not know (readstatus), no errors
        if line.startswith(("ERROR", "WARN")) and "Datamodel:" not in line
    ]
    assert biber.returncode == 0 and problems == [], biber.stdout
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert len(re.findall(r"^\s*\\entry\{", bbl, re.MULTILINE)) == len(papers)
    assert pdflatex(tmp_path, "doc") == ""


def test_every_character_the_latex_table_converts_typesets(tmp_path: Path):
    need("pdflatex")
    lines = [f"{{{latex}}}\\par % U+{code:04X}" for code, latex in sorted(_TABLE.items())]
    (tmp_path / "chars.tex").write_text(
        PREAMBLE + "\\begin{document}\n" + "\n".join(lines) + "\n\\end{document}\n",
        encoding="utf-8",
    )
    assert pdflatex(tmp_path, "chars") == ""


def test_math_the_grammar_keeps_typesets(tmp_path: Path):
    need("pdflatex")
    pieces = ["x", "2", "^", "_", "{", "}", "'", "+", "(", ")", "\\alpha", "\\frac", "\\hat"]
    pieces += ["\\sum", "\\mathbf", "\\sqrt", " ", "=", "[", "\\ell", "\\infty", "|", ","]
    chooser = random.Random(2024)
    bodies = {"".join(chooser.choices(pieces, k=chooser.randint(1, 9))) for _ in range(4000)}
    kept = sorted(body for body in bodies if is_safe_math(body))
    assert len(kept) > 200  # the sample tries the grammar's corners, not only trivial math
    lines = [f"${body}$\\par" for body in kept]
    (tmp_path / "math.tex").write_text(
        PREAMBLE + "\\begin{document}\n" + "\n".join(lines) + "\n\\end{document}\n"
    )
    assert pdflatex(tmp_path, "math") == ""


def test_csl_json_is_valid_and_renders(papers, tmp_path: Path):
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a test dependency")
    citeproc = pytest.importorskip("citeproc", reason="citeproc-py is a test dependency")
    from citeproc.source.json import CiteProcJSON

    path = export(papers, "csljson", tmp_path, "refs.json")
    items = json.loads(path.read_text(encoding="utf-8"))
    schema = json.loads((Path(__file__).parent / "data" / "csl-data.json").read_text("utf-8"))
    jsonschema.Draft7Validator(schema).validate(items)
    with warnings.catch_warnings():
        # citeproc-py predates CSL-JSON 1.0.2 and warns about its "custom" field
        warnings.simplefilter("ignore")
        style = citeproc.CitationStylesStyle("harvard-cite-them-right", validate=False)
        bibliography = citeproc.CitationStylesBibliography(
            style, CiteProcJSON(items), citeproc.formatter.plain
        )
        for item in items:
            bibliography.register(citeproc.Citation([citeproc.CitationItem(item["id"])]))
        rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(papers) and all(rendered)

    need("pandoc")
    (tmp_path / "cite.md").write_text("---\nnocite: |\n  @*\n...\n")
    result = run(
        "pandoc", "cite.md", "--citeproc", "--bibliography=refs.json", "-t", "html", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count('class="csl-entry"') == len(papers)


def test_ris_reads_the_same_in_rispy_and_ris2xml(papers, tmp_path: Path):
    import rispy

    need("ris2xml")
    path = export(papers, "ris", tmp_path, "refs.ris")
    records = rispy.loads(path.read_text(encoding="utf-8"))
    result = run("ris2xml", "-i", "utf8", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    mods = "{http://www.loc.gov/mods/v3}"
    found = ET.fromstring(result.stdout).iter(f"{mods}mods")
    titles = ["".join(m.find(f"{mods}titleInfo").itertext()) for m in found]

    def letters(text: str) -> str:  # ris2xml splits "Title: Subtitle" into two elements
        return "".join(char for char in text.casefold() if char.isalnum())

    assert len(records) == len(titles) == len(papers)
    assert [letters(title) for title in titles] == [letters(r["title"]) for r in records]


@pytest.mark.parametrize("reader", ["markdown", "gfm"])
def test_pandoc_reads_the_markdown_as_one_section_per_paper(papers, tmp_path: Path, reader: str):
    html5lib = pytest.importorskip("html5lib", reason="html5lib is a test dependency")
    need("pandoc")
    path = export(papers, "markdown", tmp_path, "list.md")
    ast = run("pandoc", "-f", reader, "-t", "json", str(path), cwd=tmp_path)
    assert ast.returncode == 0, ast.stderr
    blocks = json.loads(ast.stdout)["blocks"]
    levels = [block["c"][0] for block in blocks if block["t"] == "Header"]
    assert levels == [1] + [2] * len(papers)
    html = run("pandoc", "-f", reader, "-t", "html", str(path), cwd=tmp_path).stdout
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    fragment = parser.parseFragment(html)
    assert_inert(fragment.iter())


def test_html5lib_parses_the_page_without_a_single_error(papers, tmp_path: Path):
    html5lib = pytest.importorskip("html5lib", reason="html5lib is a test dependency")
    path = export(papers, "html", tmp_path, "list.html")
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document = parser.parse(path.read_text(encoding="utf-8"))
    elements = list(document.iter())
    assert_inert(elements)
    assert sum(element.tag == "article" for element in elements) == len(papers)


def assert_inert(elements) -> None:
    for element in elements:
        tag = element.tag if isinstance(element.tag, str) else ""
        assert tag not in {"script", "iframe", "object", "embed", "base", "frame", "img"}
        assert not any(str(name).lower().startswith("on") for name in element.attrib)
        for name in ("href", "src"):
            assert not re.match(r"\s*(javascript|vbscript|data):", element.get(name, ""), re.I)


def test_the_csv_module_reads_every_row_and_no_cell_is_a_formula(papers, tmp_path: Path):
    path = export(papers, "csv", tmp_path, "list.csv")
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect="excel", strict=True))
    assert len(rows) == len(papers) + 1
    assert all(len(row) == len(rows[0]) for row in rows)
    assert not any(
        cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row
    )
