"""The `lectern` command end to end, in a subprocess, on a temporary library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED_FILES


def lectern(*args: str, library: Path | None = None, stdin: str | None = None, env=None):
    command = [sys.executable, "-m", "desktop"]
    if library is not None:
        command += ["--library", str(library)]
    environment = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run(
        command + list(args),
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=library.parent if library else None,
        env=environment,
        timeout=120,
    )


def listed(library: Path, *query: str) -> list[dict]:
    result = lectern("list", "--json", *query, library=library)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def imported(library_path: Path) -> Path:
    result = lectern("import", *map(str, SEED_FILES), library=library_path)
    assert result.returncode == 0, result.stderr
    return library_path


def test_import_reports_each_file(library_path: Path):
    result = lectern("import", *map(str, SEED_FILES), library=library_path)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert len(lines) == 5
    assert "author profile page: 7 added, 0 already present, 0 skipped" in lines[0]
    assert "compact listing: 50 added" in lines[1]
    assert "abstract-only listing" in lines[3]


def test_list_json_has_the_80_papers_with_every_key(imported: Path):
    papers = listed(imported)
    assert len(papers) == 80
    assert set(papers[0]) == {
        "id", "title", "authors", "et_al", "affiliation", "category", "date", "date_inferred",
        "has_code", "code_urls", "abstract", "status", "tags", "note", "sources", "lists",
        # schema version 3: what BibTeX, RIS and CSL-JSON files carry
        "venue", "volume", "number", "pages", "doi", "arxiv_id", "url", "entry_type",
        "citation_key",
    }  # fmt: skip
    search = next(p for p in papers if p["title"] == "Search for Efficient Large Language Models")
    assert search["authors"] == ["Xuan Shen", "Pu Zhao", "Yifan Gong"]
    assert search["et_al"] is True
    assert search["affiliation"] == "harvard"
    assert search["code_urls"] == ["https://github.com/shawnricecake/search-llm"]
    assert search["sources"] == [SEED_FILES[1].name]
    untitled = [p for p in papers if p["title"] is None]
    assert len(untitled) == 19
    assert all(p["abstract"] and p["authors"] == [] for p in untitled)


def test_importing_again_changes_nothing(imported: Path):
    before = listed(imported)
    result = lectern("import", *map(str, SEED_FILES), library=imported)
    assert result.returncode == 0
    assert all(" 0 added" in line for line in result.stdout.splitlines() if "added" in line)
    assert listed(imported) == before


def test_tag_status_and_note_show_in_the_listing(imported: Path):
    assert lectern("tag", "3", "to-read", "speech", library=imported).returncode == 0
    assert lectern("untag", "3", "speech", library=imported).returncode == 0
    assert lectern("status", "3", "reading", library=imported).returncode == 0
    note = "Good *baseline*.\nSecond line — ünïcode."
    assert lectern("note", "3", "-", library=imported, stdin=note).returncode == 0
    [paper] = [p for p in listed(imported) if p["id"] == 3]
    assert (paper["tags"], paper["status"], paper["note"]) == (["to-read"], "reading", note)
    assert [p["id"] for p in listed(imported, "--query", "tag:to-read")] == [3]


def test_query_filters_the_listing(imported: Path):
    titles = [p["title"] for p in listed(imported, "--query", 'author:"DeLiang Wang"')]
    assert titles == ["Speaker Separation Using Speaker Inventories and Estimated Speech"]


def test_unknown_paper_is_an_error_not_a_traceback(imported: Path):
    result = lectern("status", "9999", "read", library=imported)
    assert result.returncode == 1
    assert "No paper with id 9999" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2(library_path: Path):
    assert lectern("status", "1", "skimmed", library=library_path).returncode == 2
    assert lectern("frobnicate", library=library_path).returncode == 2
    assert lectern("import", library=library_path).returncode == 2


def test_version_and_help():
    assert lectern("--version").stdout.startswith("lectern ")
    result = lectern("--help")
    assert result.returncode == 0
    assert "import" in result.stdout and "list" in result.stdout


def test_library_chosen_by_environment(tmp_path: Path):
    library = tmp_path / "from-env.sqlite"
    result = lectern("import", str(SEED_FILES[2]), env={"LECTERN_LIBRARY": str(library)})
    assert result.returncode == 0, result.stderr
    assert library.exists()


BAD_FILES = {
    "empty.txt": b"",
    "blank.txt": b"\n\n   \n",
    "binary.bin": bytes(range(256)) * 20,
    "unknown.txt": b"Dear diary,\nToday I read nothing at all.\n",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_reported_and_changes_nothing(imported: Path, tmp_path: Path, name: str):
    before = listed(imported)
    bad = tmp_path / name
    bad.write_bytes(BAD_FILES[name])
    result = lectern("import", str(bad), str(SEED_FILES[0]), library=imported)
    assert result.returncode == 1
    assert name in result.stderr
    assert "Traceback" not in result.stderr
    assert "0 added, 7 already present" in result.stdout  # the good file was still read
    assert listed(imported) == before


def test_cut_off_last_entry_is_reported_and_the_rest_imported(library_path: Path, tmp_path: Path):
    text = SEED_FILES[1].read_text(encoding="utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_text(
        text[: text.rindex("\n") + 40], encoding="utf-8"
    )  # 40 chars of the last abstract
    result = lectern("import", str(cut), library=library_path)
    assert result.returncode == 0, result.stderr
    assert "49 added" in result.stdout
    assert "skipped " in result.stdout
    assert "cut.txt:148:" in result.stdout  # names the file and the cut entry's first line
    assert len(listed(library_path)) == 49
