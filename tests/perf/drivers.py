"""Running the measuring processes: cold starts, the window session, imports.

Each runs as its own Python process (so a figure never includes the memory or the warm
caches of the benchmark process), under a time limit; a process that runs out of time
is killed and its figure says so.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.perf.stats import Figure

REPO = Path(__file__).resolve().parents[2]


def _environment() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("LECTERN_LIBRARY", None)
    # A user's Python caches compiled modules after the first start; a machine set not to
    # would charge every measured start with compiling Lectern again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _run_module(args: list[str], timeout: float) -> dict[str, Any]:
    """Run ``python -m ARGS``; the JSON object its last output line holds."""
    done = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=REPO,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]} exited with {done.returncode}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- cold start --------------------------------------------------------------------------------


def cold_start(library: Path, runs: int, timeout: float) -> tuple[Figure, Figure, dict]:
    """Cold start figure, resident memory at the first paint, and the phases of the median run.

    One warm-up start comes first (it fills the OS file cache and Python's bytecode cache)
    and is not counted.
    """
    figure = Figure("cold_start", "Cold start to window with rows", "s", planned=runs)
    figure.note = (
        "new process (interpreter start included) until the table's first rows are painted;"
        " offscreen; warm OS file cache; one uncounted warm-up start (which also leaves"
        " Python's compiled-module cache in place, as any second start finds it)"
    )
    memory = Figure("rss_start", "Resident memory at cold start", "MB")
    phases: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        settings = Path(folder) / "settings.ini"
        for run in range(runs + 1):
            try:
                started, result = _one_start(library, settings, timeout)
            except subprocess.TimeoutExpired:
                figure.status, figure.note = "timed_out", f"timed out after {timeout:.0f} s"
                break
            if run == 0:
                continue
            figure.samples.append(result["painted"] - started)
            memory.samples.append(result["rss_mb"])
            phases.append(_phases(started, result))
    median_run = sorted(phases, key=lambda p: p["painted"])[len(phases) // 2] if phases else {}
    return figure, memory, median_run


def _one_start(library: Path, settings: Path, timeout: float) -> tuple[float, dict[str, Any]]:
    started = time.monotonic()
    result = _run_module(["tests.perf.cold_start", str(library), str(settings)], timeout)
    if not result["table_on_screen"] or result["rows"] == 0:
        raise RuntimeError(f"the window did not show the paper table: {result}")
    return started, result


def _phases(started: float, result: dict[str, Any]) -> dict[str, float]:
    names = ("entered", "imported", "window_built", "shown", "painted")
    return {name: round(result[name] - started, 4) for name in names}


def profile_cold_start(library: Path, out: Path, timeout: float) -> None:
    """One start under pyinstrument; the profile goes to ``out`` (.txt and .html)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        settings = Path(folder) / "settings.ini"
        _run_module(["tests.perf.cold_start", str(library), str(settings), str(out)], timeout)


# --- the window session ------------------------------------------------------------------------


def window_session(
    library: Path,
    queries: dict[str, str],
    *,
    runs: int,
    budget: float,
    seed: int,
    bulk_papers: int,
    profile_dir: Path | None = None,
) -> list[Figure]:
    """The figures of `tests.perf.session` on ``library`` (those it finished, if it died)."""
    groups = 4
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "session.json"
        args = ["tests.perf.session", str(library), str(out), "--runs", str(runs)]
        args += ["--budget", str(budget), "--seed", str(seed), "--queries", json.dumps(queries)]
        args += ["--bulk-papers", str(bulk_papers)]
        if profile_dir is not None:
            args += ["--profile-dir", str(profile_dir)]
        problem = None
        try:
            subprocess.run(
                [sys.executable, "-m", *args],
                cwd=REPO,
                env=_environment(),
                timeout=groups * budget * 1.5 + 300,
                check=True,
                capture_output=True,
                text=True,
            )
        except subprocess.TimeoutExpired:
            problem = "the window session was killed after its time limit"
        except subprocess.CalledProcessError as exc:
            problem = f"the window session failed: {exc.stderr[-2000:]}"
        figures = _read_figures(out)
    if problem:
        figures.append(Figure("session", "window session", "", status="failed", note=problem))
    return figures


def _read_figures(path: Path) -> list[Figure]:
    if not path.exists():
        return []
    return [Figure.from_json(data) for data in json.loads(path.read_text())["figures"]]


# --- imports -----------------------------------------------------------------------------------


def import_into_empty(
    listing: Path, papers: int, runs: int, timeout: float
) -> tuple[Figure, Figure]:
    """Papers per second importing ``listing`` into a new, empty library, ``runs`` times;
    and, from the same runs, papers per second the search index alone takes (see
    `tests.perf.import_run.index_alone_seconds`)."""
    figure = Figure("import_empty", "Import a compact listing, empty library", "papers/s")
    index = Figure("import_index_alone", "· its search index alone", "papers/s")
    figure.planned = index.planned = runs
    parse_shares = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            try:
                result = _run_module(
                    ["tests.perf.import_run", str(listing), str(Path(folder) / "lib.sqlite")],
                    timeout,
                )
            except subprocess.TimeoutExpired:
                figure.status, figure.note = "timed_out", f"timed out after {timeout:.0f} s"
                index.status, index.note = figure.status, figure.note
                break
        _check_import(result, papers)
        figure.samples.append(result["added"] / result["seconds"])
        index.samples.append(result["added"] / result["index_alone_seconds"])
        parse_shares.append(result["parse_seconds"] / result["seconds"])
    if figure.status == "ok":
        share = sorted(parse_shares)[len(parse_shares) // 2]
        figure.note = (
            f"{papers:,} papers through import_file (the `lectern import` path), timed in a"
            f" fresh process; reading and parsing the file is {share:.0%} of it"
        )
        index.note = (
            "the same papers' search rows written into a new library's empty search index,"
            " one transaction and nothing else: no import that keeps every paper it adds"
            " searchable at once can be faster on this machine"
        )
    return figure, index


def import_into_library(listing: Path, library: Path, papers: int, timeout: float) -> Figure:
    """Papers per second importing ``listing`` into (a work copy of) the big library; once."""
    figure = Figure("import_into", "Import a compact listing into this library", "papers/s")
    try:
        result = _run_module(["tests.perf.import_run", str(listing), str(library)], timeout)
    except subprocess.TimeoutExpired:
        figure.status, figure.note = "timed_out", f"timed out after {timeout:.0f} s"
        return figure
    _check_import(result, papers)
    figure.samples.append(result["added"] / result["seconds"])
    figure.note = f"{papers:,} new papers into the library; one run (the library grows)"
    return figure


def profile_import(listing: Path, out: Path, timeout: float) -> None:
    """One import into an empty library under pyinstrument; the profile goes to ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        args = ["pyinstrument", "--renderer", "text", "--outfile", str(out)]
        args += ["-m", "tests.perf.import_run", str(listing), str(Path(folder) / "lib.sqlite")]
        _run_module(args, timeout)


def _check_import(result: dict[str, Any], papers: int) -> None:
    if result["added"] != papers or result["skipped"]:
        raise RuntimeError(f"the import did not add the {papers} papers of the listing: {result}")
