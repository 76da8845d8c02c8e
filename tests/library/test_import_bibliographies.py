"""Importing reference managers' files: identity, user data, real files, keyword tags."""

from __future__ import annotations

from pathlib import Path

import bibtexparser
import pytest

from desktop.cli import main
from desktop.library import edits
from desktop.library.duplicates import find_duplicates
from desktop.library.importing import import_bytes, import_file
from desktop.library.lists import create_list, list_order
from desktop.library.papers import get_papers
from desktop.library.sidebar import sidebar_counts
from desktop.library.store import Library
from desktop.library.views import find_ids
from tests.conftest import IMPORT_DAY
from tests.library.helpers import count

BIBLATEX_EXAMPLES = Path(
    "/usr/share/texlive/texmf-dist/bibtex/bib/biblatex/biblatex/biblatex-examples.bib"
)

# A JabRef 5 library: groups in the trailing comment, readstatus and ranking per entry.
JABREF = r"""% Encoding: UTF-8

@Article{smith2020,
  author     = {Smith, Anna and Jones, Bo},
  title      = {Sparse {Transformers} for Speech},
  journal    = {Journal of Speech},
  year       = {2020},
  volume     = {12},
  pages      = {1--10},
  doi        = {10.1000/speech.2020.1},
  groups     = {Speech, To read},
  keywords   = {speech, transformers},
  readstatus = {read},
  ranking    = {rank4},
  comment    = {Good baseline.},
}

@InProceedings{lee2021,
  author     = {Lee, Chen},
  title      = {Skimmed Work},
  booktitle  = {Proc. ICASSP},
  year       = {2021},
  readstatus = {skimmed},
}

@Comment{jabref-meta: databaseType:bibtex;}

@Comment{jabref-meta: grouping:
0 AllEntriesGroup:;
1 StaticGroup:Speech\;0\;1\;\;\;\;;
}
"""

EDITORIALS = "\n".join(
    f"@article{{ed{volume},\n  title = {{Editorial}},\n  journal = {{Nature}},\n"
    f"  year = {{2020}},\n  volume = {{{volume}}},\n  pages = {{1}},\n}}\n"
    for volume in (1, 2, 3)
)


def _import(lib: Library, text: str, name: str = "refs.bib", **options):
    return import_bytes(lib, text.encode(), name=name, today=IMPORT_DAY, **options)


def test_jabref_library(lib: Library) -> None:
    report = _import(lib, JABREF)
    assert (report.format, report.added, report.skipped) == ("bibtex", 2, [])
    first, second = get_papers(lib, report.new_ids)
    assert first.title == "Sparse Transformers for Speech"
    assert first.authors == ["Anna Smith", "Bo Jones"]
    assert (first.venue, first.volume, first.pages) == ("Journal of Speech", "12", "1\u201310")
    assert first.doi == "10.1000/speech.2020.1"
    assert first.status == "read"
    assert first.note == "Good baseline."
    assert first.tags == ["speech", "transformers"]
    assert (first.entry_type, first.citation_key) == ("article", "smith2020")
    assert second.status == "reading"
    assert second.venue == "Proc. ICASSP"
    # JabRef's groups are reading lists; its ranking is kept as the paper's rating
    assert first.lists == ["Speech", "To read"] and second.lists == []
    ratings = lib.db.execute("SELECT id, rating FROM papers ORDER BY id").fetchall()
    assert ratings == [(first.id, 4), (second.id, None)]


def test_jabref_groups_join_lists_the_library_has(lib: Library) -> None:
    _, existing = create_list(lib, "speech")  # the same list, spelt otherwise
    report = _import(lib, JABREF)
    assert list_order(lib, existing) == report.new_ids[:1]
    assert [entry.name for entry in sidebar_counts(lib).lists] == ["speech", "To read"]


def test_reimport_adds_nothing_and_keeps_user_data(lib: Library) -> None:
    [paper_id, _other] = _import(lib, JABREF).new_ids
    edits.set_status(lib, [paper_id], "unread")
    edits.set_note(lib, paper_id, "My own note.")
    edits.remove_tags(lib, [paper_id], ["speech"])
    before = {table: count(lib, table) for table in ("papers", "paper_tags", "notes", "tags")}

    again = _import(lib, JABREF, name="copy.bib")
    changed = _import(lib, JABREF.replace("Good baseline.", "Another note."), name="edited.bib")

    assert (again.added, again.present, changed.added) == (0, 2, 0)
    assert {t: count(lib, t) for t in before} == before
    [paper] = get_papers(lib, [paper_id])
    assert (paper.status, paper.note, paper.tags) == ("unread", "My own note.", ["transformers"])


def test_same_title_different_volume_all_arrive_and_a_repeated_entry_is_one(lib: Library) -> None:
    report = _import(lib, EDITORIALS + EDITORIALS.replace("@article{ed", "@article{copy"))
    assert (report.added, report.present) == (3, 3)


def test_doi_recognises_the_same_paper_across_formats(lib: Library) -> None:
    _import(lib, JABREF)
    ris = (
        "TY  - JOUR\nTI  - Sparse transformers for speech (preprint)\n"
        "DO  - 10.1000/SPEECH.2020.1\nER  - \n"
    )
    report = _import(lib, ris, name="refs.ris")
    assert (report.added, report.present) == (0, 1)


def test_keywords_become_tags_only_when_asked(lib: Library, tmp_path: Path) -> None:
    report = _import(lib, JABREF, keywords_as_tags=False)
    assert report.added == 2
    assert count(lib, "paper_tags") == 0
    path = tmp_path / "jabref.bib"
    path.write_text(JABREF.replace("smith2020", "s2").replace("10.1000", "10.2000"))
    library_flag = ["--library", str(lib.path)]
    assert main([*library_flag, "import", "--no-keyword-tags", str(path)]) == 0


@pytest.mark.skipif(not BIBLATEX_EXAMPLES.exists(), reason="texlive-bibtex-extra not installed")
def test_biblatex_examples_imports_every_entry(lib: Library) -> None:
    """Every entry arrives; the file's five second entries of one work join the first.

    biblatex-examples.bib repeats five works to show biblatex features: knuth:ct:related,
    kullback:related and vangennep:related (same title, author, year and publisher as
    knuth:ct, kullback:reprint and vangennep), vizedom:related (vangennep:trans, the same
    translation, entered under its translators without an author) and baez/online (the
    arXiv id of baez/article).
    """
    entries = bibtexparser.parse_string(BIBLATEX_EXAMPLES.read_text(encoding="utf-8")).entries
    report = import_file(lib, BIBLATEX_EXAMPLES, today=IMPORT_DAY)
    assert report.skipped == []
    assert report.added + report.present == len(entries) > 80
    assert report.present == 5
    assert count(lib, "papers") == report.added
    keys = {row[0] for row in lib.db.execute("SELECT citation_key FROM papers")}
    repeats = {"knuth:ct:related", "kullback:related", "vangennep:related", "baez/online"}
    repeats.add("vizedom:related")
    assert keys == {entry.key for entry in entries} - repeats
    again = import_bytes(lib, BIBLATEX_EXAMPLES.read_bytes(), name="copy.bib")
    assert (again.added, again.present) == (0, len(entries))


def test_a_year_alone_stays_a_year_and_finds_its_year(lib: Library) -> None:
    text = "@misc{y, title = {Only a Year}, author = {Ada Lovelace}, year = {2020}}\n"
    [paper_id] = _import(lib, text).new_ids
    [paper] = get_papers(lib, [paper_id])
    assert paper.date == "2020"  # not 2020-01-01: the file gave no day
    assert find_ids(lib, "year:2020") == [paper_id]
    assert find_ids(lib, "year:2019..2020") == [paper_id]
    assert find_ids(lib, "year:2021..") == [] and find_ids(lib, "year:..2019") == []


def test_a_file_that_knows_the_day_completes_a_year(lib: Library) -> None:
    bib = "@misc{y, title = {Dated Later}, author = {Ada Lovelace}, year = {2020}}\n"
    ris = "TY  - GEN\nAU  - Lovelace, Ada\nTI  - Dated later\nDA  - 2020/05/17\nER  - \n"
    other = "TY  - GEN\nAU  - Lovelace, Ada\nTI  - Dated later\nDA  - 2020/06/01\nER  - \n"
    [paper_id] = _import(lib, bib).new_ids
    assert _import(lib, ris, name="b.ris").present == 1
    assert get_papers(lib, [paper_id])[0].date == "2020-05-17"
    _import(lib, other, name="c.ris")  # another day is not a refinement: kept as it was
    assert get_papers(lib, [paper_id])[0].date == "2020-05-17"


# Two articles of one issue, pointing at the PDF; a third names the same paper as
# the first with less detail (no year, no pages), as another reference manager might.
SHARED_URL = r"""
@article{chair, author = {Palais, Richard}, title = {Chairman's report}, journal = {TUGboat},
  year = {1981}, volume = {2}, number = {1}, pages = {3--5}, url = {https://tug.org/tb02gen.pdf}}
@article{sites, author = {Welland, Robert}, title = {Site Coordinators}, journal = {TUGboat},
  year = {1981}, volume = {2}, number = {1}, pages = {3}, url = {https://tug.org/tb02gen.pdf}}
"""
SAME_AS_CHAIR = (
    "TY  - JOUR\nAU  - Palais, Richard\nTI  - Chairman's Report\n"
    "UR  - https://tug.org/tb02gen.pdf\nER  - \n"
)


def test_a_url_names_a_paper_only_where_nothing_else_differs(lib: Library) -> None:
    first = _import(lib, SHARED_URL)
    assert (first.added, first.present) == (2, 0)  # one PDF, two articles
    again = import_bytes(lib, SAME_AS_CHAIR.encode(), name="chair.ris", today=IMPORT_DAY)
    assert (again.added, again.present) == (0, 1)  # same URL, nothing contradicting it
    assert [group.ids for group in find_duplicates(lib)] == []


TUGBOAT = Path("/usr/share/texlive/texmf-dist/bibtex/bib/beebe/tugboat.bib")


@pytest.mark.skipif(not TUGBOAT.exists(), reason="texlive-bibtex-extra not installed")
def test_a_large_journal_bibliography_arrives_whole(lib: Library) -> None:
    """TUGboat's bibliography, about 4,800 articles, every one its own paper.

    Each issue has its "Calendar", "[Advertisements]" and membership form by Anonymous,
    the articles of an issue often share the issue's PDF as their URL, and two entries
    give a field twice (BibTeX reads the first).
    """
    text = TUGBOAT.read_text(encoding="utf-8")
    parsed = bibtexparser.parse_string(text)
    in_file = len(parsed.entries) + len(parsed.failed_blocks)
    report = import_file(lib, TUGBOAT, today=IMPORT_DAY)
    assert report.skipped == []
    assert (report.added, report.present) == (in_file, 0) and in_file > 4800
    calendars = [entry for entry in parsed.entries if entry.get("title").value == "Calendar"]
    assert count_title(lib, "Calendar") == len(calendars) > 100
    again = import_bytes(lib, TUGBOAT.read_bytes(), name="copy.bib", today=IMPORT_DAY)
    assert (again.added, again.present) == (0, in_file)


def count_title(lib: Library, title: str) -> int:
    return lib.db.execute("SELECT count(*) FROM papers WHERE title = ?", [title]).fetchone()[0]
