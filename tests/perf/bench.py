"""Lectern's performance benchmark: synthetic libraries, the real window, the figures.

    python -m tests.perf.bench --sizes 100000,1000000 --runs 5 --json out.json
    python -m tests.perf.bench --quick          # 20,000 papers, 2 runs: a smoke run

For each size it builds (or takes from ``--cache-dir``) a deterministic synthetic library,
works on a copy of it, and measures in separate processes: cold starts, one offscreen
window session (search as you type, sorting, scroll jumps, bulk tag / read / undo,
resident memory), an import into the library; then imports into an empty library once.
It prints a Markdown table and writes every sample to the JSON file. A figure it could
not measure is reported as such, never estimated.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from desktop.library.store import open_library
from tests.perf import drivers, host
from tests.perf.build import cached_library
from tests.perf.report import markdown_table
from tests.perf.stats import Figure
from tests.perf.synthetic import (
    IMPORT_YEAR,
    PaperFactory,
    benchmark_queries,
    bibtex_listing,
    compact_listing,
)

QUICK_SIZE = 20_000
NOTES = (
    'Medians of --runs runs (p95 where noted) on the machine in the JSON\'s "machine".',
    "The window is the real MainWindow on Qt's offscreen platform; each timing ends when"
    " the table has been painted with the rows it shows fetched from the library.",
    "Search: one key event at a time into the real search box, whose 120 ms debounce"
    " timer is bypassed by calling its apply path (SearchBox.apply_now) after each key.",
    "Cold start: a new process, interpreter start included; the OS file cache is warm.",
    "The last two rows say how the host was: a fixed loop's time (a slower host slows"
    " every figure) and how much of the library file the OS kept cached (where the"
    ' JSON\'s "machine" says file_cache_paged_out, the kernel pages out cache left idle).',
)
IMPORT_SEED_OFFSET = 1000  # the imported papers are not those of the libraries


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line of the benchmark."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.perf.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", default="100000,1000000", help="library sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="runs of each measurement")
    parser.add_argument("--json", type=Path, default=Path("perf-results.json"))
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    parser.add_argument("--cache-dir", type=Path, default=Path(".perf-cache"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--import-papers", type=int, default=10_000, help="papers per import file")
    parser.add_argument(
        "--budget",
        type=float,
        default=600.0,
        help="seconds a measurement may take before it is cut short",
    )
    parser.add_argument(
        "--bulk-papers", type=int, default=10_000, help="papers a bulk edit touches"
    )
    parser.add_argument(
        "--queries",
        default="",
        help="names of the search queries to type (comma-separated; default: all)",
    )
    parser.add_argument("--profile-dir", type=Path, help="also write pyinstrument profiles here")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_SIZE:,} papers, 2 runs")
    args = parser.parse_args(argv)
    args.argv = list(argv) if argv is not None else sys.argv[1:]
    if args.quick:
        args.sizes, args.runs, args.import_papers = str(QUICK_SIZE), min(args.runs, 2), 5_000
    args.size_list = [int(size) for size in args.sizes.split(",") if size.strip()]
    return args


def log(message: str) -> None:
    """Progress, on standard error (standard output carries the table)."""
    print(f"[bench {datetime.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def machine() -> dict[str, Any]:
    """What the figures were measured on, and how busy it was."""
    from PySide6 import __version__ as pyside_version

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "pyside6": pyside_version,
        "sqlite": __import__("sqlite3").sqlite_version,
        "platform": platform.platform(),
        "commit": _git_commit(),
        "file_cache_paged_out": host.file_cache_paged_out(),
    }


def _git_commit() -> str:
    dirty = _git("status", "--porcelain", "desktop")
    return _git("rev-parse", "--short", "HEAD") + (
        " (with uncommitted changes to desktop/)" if dirty else ""
    )


def _git(*args: str) -> str:
    """What a git command prints in the repository ("" where it fails, as outside a clone)."""
    done = subprocess.run(
        ["git", *args], cwd=drivers.REPO, capture_output=True, text=True, check=False
    )
    return done.stdout.strip()


def import_files(args: argparse.Namespace) -> dict[str, Path]:
    """The listing (and BibTeX) files the imports read, made once per size and seed."""
    stem = args.cache_dir / f"import-{args.import_papers}-seed{args.seed}"
    paths = {"compact": stem.with_suffix(".txt"), "bibtex": stem.with_suffix(".bib")}
    if not all(path.exists() for path in paths.values()):
        factory = PaperFactory(args.seed + IMPORT_SEED_OFFSET)
        titled = (p.record for p in factory.papers(args.import_papers * 2) if p.record.title)
        records = [record for record, _ in zip(titled, range(args.import_papers), strict=False)]
        paths["compact"].write_text(compact_listing(records), encoding="utf-8")
        paths["bibtex"].write_text(bibtex_listing(records), encoding="utf-8")
    return paths


def measure_size(args: argparse.Namespace, size: int, listing: Path) -> dict[str, Any]:
    """Every figure for one library size, measured on a work copy of the cached library."""
    library = cached_library(args.cache_dir, size, args.seed, log=log)
    folder = args.cache_dir / "work" / str(size)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    work = folder / "library.sqlite"
    try:
        shutil.copyfile(library, work)
        _settle(work)
        load_before = os.getloadavg()
        speed_before = host.reference_loop_seconds()
        figures = _measure_library(args, size, work, listing)
        figures.append(host.speed_figure(speed_before, host.reference_loop_seconds()))
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # the copy, and the backups the app made
    return {
        "library": str(library),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "figures": figures,
    }


def _settle(work: Path) -> None:
    """Open and close the library once as the app does, so one-time work is not measured.

    Opening checks the schema and makes the day's first backup (in a thread that closing
    waits for); every later opening that day skips it, as the measured starts then do.
    """
    log(f"opening {work.name} once as the app does (schema check, daily backup)")
    open_library(work).close()


def _measure_library(args: argparse.Namespace, size: int, work: Path, listing: Path) -> list:
    log(f"{size:,} papers: library file size")
    figures = [_file_size(work, size)]
    log(f"{size:,} papers: cold start x{args.runs}")
    cold, memory, phases = drivers.cold_start(work, args.runs, args.budget)
    cold.note += f"; phases of the median run (s since launch): {phases}"
    figures += [cold, memory]
    log(f"{size:,} papers: window session (search, sort, scroll, bulk)")
    queries = benchmark_queries(args.seed)
    if args.queries:
        queries = {name: queries[name] for name in args.queries.split(",")}
    session = {
        "runs": args.runs,
        "budget": args.budget,
        "seed": args.seed,
        "bulk_papers": args.bulk_papers,
    }
    cached_before = host.cached_share(work)
    figures += drivers.window_session(work, queries, **session)
    figures.append(host.cached_figure(cached_before, host.cached_share(work)))
    if args.profile_dir:
        _profile(args, size, work, queries, session)
    log(f"{size:,} papers: import {args.import_papers:,} papers into it")
    figures.append(drivers.import_into_library(listing, work, args.import_papers, args.budget))
    return figures


def _profile(args: argparse.Namespace, size: int, work: Path, queries: dict, session: dict) -> None:
    """Profiles of a cold start and of one window session; extras, so failures only log."""
    log(f"{size:,} papers: profiles")
    folder = args.profile_dir / str(size)
    try:
        drivers.profile_cold_start(work, folder / "cold_start.txt", args.budget)
        drivers.window_session(work, queries, **{**session, "runs": 1}, profile_dir=folder)
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        log(f"profiling failed: {exc}")


def _file_size(path: Path, size: int) -> Figure:
    total = path.stat().st_size
    figure = Figure("file_size", "Library file size per paper", "bytes", samples=[total / size])
    figure.note = f"{total / 1e6:,.0f} MB for {size:,} papers (checkpointed, not vacuumed)"
    return figure


def shared_figures(args: argparse.Namespace, files: dict[str, Path]) -> list[Figure]:
    """Figures that do not depend on the library's size: imports into an empty library."""
    if args.profile_dir:
        try:
            drivers.profile_import(files["compact"], args.profile_dir / "import.txt", args.budget)
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            log(f"profiling the import failed: {exc}")
    log(f"import {args.import_papers:,} papers into an empty library x{args.runs}")
    papers, runs, budget = args.import_papers, args.runs, args.budget
    compact, index_alone = drivers.import_into_empty(files["compact"], papers, runs, budget)
    # the BibTeX file holds the same papers: their search index costs the same again
    bibtex, _ = drivers.import_into_empty(files["bibtex"], papers, runs, budget)
    bibtex.key, bibtex.label = "import_bibtex", "Import a BibTeX file"
    return [compact, index_alone, bibtex]


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Measure everything the arguments ask for; the whole report."""
    args.cache_dir.mkdir(parents=True, exist_ok=True)
    files = import_files(args)
    report: dict[str, Any] = {
        "command": "python -m tests.perf.bench " + " ".join(args.argv),
        "started": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "runs": args.runs,
        "seed": args.seed,
        "import_year": IMPORT_YEAR,
        "notes": list(NOTES),
        "sizes": {},
    }
    shared = shared_figures(args, files)
    report["shared"] = [figure.to_json() for figure in shared]
    for size in args.size_list:
        measured = measure_size(args, size, files["compact"])
        measured["figures"] = [f.to_json() for f in measured["figures"] + shared]
        report["sizes"][str(size)] = measured
        _write(args, report)
    report["finished"] = datetime.datetime.now().isoformat(timespec="seconds")
    return report


def table(report: dict[str, Any]) -> str:
    """The Markdown table of a report."""
    results = {
        int(size): {f["key"]: Figure.from_json(f) for f in measured["figures"]}
        for size, measured in report["sizes"].items()
    }
    return markdown_table(results)


def _write(args: argparse.Namespace, report: dict[str, Any]) -> None:
    args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(table(report) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the table, write the JSON (and Markdown) files."""
    args = parse_args(argv)
    report = run(args)
    _write(args, report)
    print(table(report))
    print("\n".join(f"- {note}" for note in NOTES))
    print(f"\nAll samples: {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
