"""The benchmark harness still runs end to end on a tiny library (no timing is asserted).

The real benchmark is ``python -m tests.perf.bench``; this runs the same code on 2,000
papers with one run of each measurement and a few queries, so a change to the window or
the library that breaks the harness is noticed by the normal test run.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest

from desktop.library.compaction import needs_compaction
from desktop.library.integrity import fts_mismatches
from desktop.library.store import open_library
from tests.perf import bench, host
from tests.perf.build import cached_library
from tests.perf.import_run import TODAY
from tests.perf.session import Session
from tests.perf.stats import Figure
from tests.perf.synthetic import PaperFactory, compact_listing

SMOKE_PAPERS = 2_000

# Every figure the benchmark reports for a library; each must have been measured.
EXPECTED = [
    "file_size", "cold_start", "rss_start", "rss_open", "keystroke", "keystroke:tag",
    "keystroke:phrase", "keystroke:clear", "rss", "sort", "sort:title", "sort:authors",
    "sort:date", "sort:category", "sort:status", "sort:added", "scroll", "bulk:tag",
    "bulk:read", "bulk:undo_read", "bulk:undo_tag", "rss_end", "import_into", "import_empty",
    "import_index_alone", "host_speed",
]  # fmt: skip


def test_generator_is_deterministic_and_its_listings_read_back():
    first, again = PaperFactory(5).chunk(0, 50), list(PaperFactory(5).papers(50))
    assert [p.record for p in first] == [p.record for p in again]
    from desktop.formats.listing import parse_listing

    titled = [p.record for p in first if p.record.title]
    parsed = parse_listing(compact_listing(titled).encode(), today=TODAY)
    assert [(r.title, r.authors, r.abstract) for r in parsed.papers] == [
        (r.title, r.authors, r.abstract) for r in titled
    ]


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Libraries built once for the tests of this module."""
    return tmp_path_factory.mktemp("perf-cache")


def test_built_library_agrees_with_its_search_index(cache_dir: Path):
    path = cached_library(cache_dir, SMOKE_PAPERS, log=lambda _: None)
    assert cached_library(cache_dir, SMOKE_PAPERS, log=lambda _: None) == path  # cached
    lib = open_library(path)
    try:
        assert lib.db.execute("SELECT count(*) FROM papers").fetchone()[0] == SMOKE_PAPERS
        assert lib.db.execute("SELECT count(*) FROM paper_tags").fetchone()[0] > 0
        assert fts_mismatches(lib) == []
        # compacted as far as the window compacts a library after an import
        assert needs_compaction(lib.db.conn) == []
    finally:
        lib.close()


def test_a_group_whose_actions_the_window_reports_as_failed_fails(tmp_path: Path):
    """The window's error box would wait for a click; the session records the error."""
    args = argparse.Namespace(out=str(tmp_path / "session.json"), budget=10, profile_dir="")
    reported: list[str] = []
    session = Session(args, stage=None, reported=reported)

    def bulk(_budget) -> list[Figure]:
        reported.append("The disk holding the library is full.")
        reported.append("The change could not be saved.")
        return [Figure("bulk:tag", "Tag 10,000 papers", "ms", samples=[1.0])]

    session.group("bulk", bulk)
    assert [figure.key for figure in session.figures] == ["bulk:failed"]
    assert "The disk holding the library is full." in session.figures[0].note
    session.group("sort", lambda _budget: [Figure("sort", "Sort", "ms", samples=[1.0])])
    assert [figure.key for figure in session.figures] == ["bulk:failed", "sort"]
    assert json.loads((tmp_path / "session.json").read_text())["figures"][0]["status"] == "failed"


def test_bench_runs_and_reports_every_figure(tmp_path: Path, cache_dir: Path):
    out = tmp_path / "out.json"
    args = bench.parse_args([
        "--sizes", str(SMOKE_PAPERS), "--runs", "1", "--json", str(out),
        "--cache-dir", str(cache_dir), "--import-papers", "200",
        "--bulk-papers", "200", "--queries", "tag,phrase", "--budget", "60",
    ])  # fmt: skip
    report = bench.run(args)
    assert json.loads(out.read_text())["sizes"].keys() == {str(SMOKE_PAPERS)}
    figures = {f["key"]: f for f in report["sizes"][str(SMOKE_PAPERS)]["figures"]}
    unmeasured = [k for k in EXPECTED if figures.get(k, {}).get("status") != "ok"]
    assert unmeasured == [], {k: figures.get(k) for k in unmeasured}
    assert all(figures[k]["count"] >= 1 for k in EXPECTED)
    assert figures["import_bibtex"]["status"] == "ok"
    assert len(figures["host_speed"]["samples"]) == 2  # before and after
    table = bench.table(report)
    assert "Cold start to window with rows" in table
    speed_row = next(line for line in table.splitlines() if "Reference loop" in line)
    assert " s → " in speed_row
    assert "not measured (no BibTeX importer)" in table or figures["import_bibtex"]["count"]


def test_the_share_of_a_file_in_the_page_cache_is_read_where_fincore_is(tmp_path: Path):
    path = tmp_path / "read.bin"
    path.write_bytes(b"x" * 1_000_000)
    assert path.read_bytes()  # in the page cache now
    share = host.cached_share(path)
    if shutil.which("fincore") is None:
        assert share is None
    else:
        assert share is not None and 0 < share <= 1
    assert host.cached_share(tmp_path / "missing.bin") is None
