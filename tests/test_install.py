"""An installed Lectern works from anywhere and finds its resources and samples."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_installed_package_runs_outside_the_checkout(tmp_path: Path):
    target = tmp_path / "site"
    # --no-deps: the dependencies are the ones this environment already has
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target), "LECTERN_LIBRARY": str(tmp_path / "lib.sqlite")}
    outside = tmp_path / "elsewhere"
    outside.mkdir()

    def run(*args: str) -> str:
        result = subprocess.run(
            args, cwd=outside, env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert run(str(target / "bin" / "lectern"), "--version").startswith("lectern ")
    code = (
        "import desktop, desktop.assets as a;"
        "print(desktop.__file__); print(a.resources_dir()); print(len(a.sample_listings()))"
    )
    module, resources, samples = run(sys.executable, "-c", code).split()
    assert module.startswith(str(target))
    assert resources.startswith(str(target)) and int(samples) == 5
    seeds = [
        str(target / "desktop" / "seeds" / f) for f in os.listdir(target / "desktop" / "seeds")
    ]
    assert "50 added" in run(sys.executable, "-m", "desktop", "import", *sorted(seeds))
