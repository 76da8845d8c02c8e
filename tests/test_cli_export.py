"""`lectern export`, `list-lists` and `add-to-list`, end to end in a subprocess."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from desktop.formats.export import FORMATS
from tests.test_cli import lectern


def sections(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("## ")]


@pytest.mark.parametrize("format_name", list(FORMATS))
def test_export_every_format_to_a_file(seeded_path: Path, format_name: str):
    extension = FORMATS[format_name].extension
    target = seeded_path.parent / f"all.{extension}"
    result = lectern(
        "export", "--format", format_name, "--include", "abstract,tags", "-o", str(target),
        library=seeded_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert f"all.{extension}: 80 papers exported" in result.stderr
    assert target.stat().st_size > 10_000


def test_export_to_standard_output(seeded_path: Path):
    result = lectern("export", "--format", "csljson", "-o", "-", library=seeded_path)
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert len(items) == 80
    assert "abstract" not in items[0]  # only on request


def test_lists_from_the_command_line(seeded_path: Path):
    assert lectern("list-lists", library=seeded_path).stdout == ""
    result = lectern("add-to-list", "Speech", "5", "3", "9", library=seeded_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "reading list 'Speech': created, 3 added, 0 already on it\n"
    result = lectern("add-to-list", "speech", "3", "12", library=seeded_path)
    assert result.stdout == "reading list 'speech': 1 added, 1 already on it\n"
    lectern("status", "3", "read", library=seeded_path)
    assert lectern("list-lists", library=seeded_path).stdout == "Speech\t3/4\t\n"
    listed = json.loads(lectern("list-lists", "--json", library=seeded_path).stdout)
    assert listed == [{"name": "Speech", "description": "", "unread": 3, "total": 4}]

    result = lectern(
        "export", "--format", "markdown", "--list", "SPEECH", "-o", "-", library=seeded_path
    )
    assert result.stdout.startswith("# Reading list: Speech\n")
    titles = [line.split(". ", 1)[0] for line in sections(result.stdout)]
    assert titles == ["## 1", "## 2", "## 3", "## 4"]
    ids = lectern("export", "--format", "csv", "--list", "Speech", "-o", "-", library=seeded_path)
    rows = list(csv.DictReader(io.StringIO(ids.stdout.removeprefix("\ufeff"))))
    assert [row["id"] for row in rows] == ["5", "3", "9", "12"]  # the list's order


def test_add_to_list_with_an_unknown_paper_changes_nothing(seeded_path: Path):
    result = lectern("add-to-list", "New", "1", "99999", library=seeded_path)
    assert result.returncode == 1
    assert "No paper with id 99999" in result.stderr
    assert lectern("list-lists", library=seeded_path).stdout == ""


def test_query_and_ids_choose_the_papers(seeded_path: Path):
    by_query = lectern(
        "export", "--format", "csv", "--query", 'author:"DeLiang Wang"', "-o", "-",
        library=seeded_path,
    )  # fmt: skip
    rows = list(csv.reader(io.StringIO(by_query.stdout.removeprefix("\ufeff"))))
    assert len(rows) == 2
    by_ids = lectern("export", "--format", "csv", "--ids", "7,2", "-o", "-", library=seeded_path)
    rows = list(csv.DictReader(io.StringIO(by_ids.stdout.removeprefix("\ufeff"))))
    assert [row["id"] for row in rows] == ["7", "2"]


def test_failures_exit_1_with_a_message(seeded_path: Path):
    lectern("add-to-list", "Speech", "1", library=seeded_path)
    cases = {
        ("--list", "Nope"): "no reading list named 'Nope'. The reading lists are: 'Speech'.",
        ("--query", "year:("): "Cannot read the search at character 6",
        ("--ids", "1,99999"): "No paper with id 99999",
    }
    for args, message in cases.items():
        result = lectern("export", "--format", "ris", *args, "-o", "-", library=seeded_path)
        assert (result.returncode, result.stdout) == (1, ""), args
        assert message in result.stderr and "Traceback" not in result.stderr
    missing = seeded_path.parent / "no-such-folder" / "x.ris"
    result = lectern("export", "--format", "ris", "-o", str(missing), library=seeded_path)
    assert result.returncode == 1
    assert "Cannot write" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "docx", "-o", "-"],
        ["--format", "ris"],
        ["--format", "ris", "--include", "colour", "-o", "-"],
        ["--format", "ris", "--ids", "1,x", "-o", "-"],
        ["--format", "ris", "--list", "a", "--query", "b", "-o", "-"],
    ],
)
def test_usage_errors_exit_2(seeded_path: Path, args: list[str]):
    assert lectern("export", *args, library=seeded_path).returncode == 2
