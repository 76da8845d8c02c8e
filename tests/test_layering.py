"""The core (library, formats) and the command line never need Qt; the window never runs SQL."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_hold():
    """The contracts in pyproject.toml: core is Qt-free and UI-free, cli never needs Qt."""
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


def test_core_and_cli_load_without_qt():
    code = (
        "import sys, desktop.library.importing, desktop.library.views, desktop.cli;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def _sql_calls(path: Path) -> list[str]:
    """Calls in a module that would run SQL: execute*, query, or the sqlite modules."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        sql_methods = {"execute", "executemany", "executescript", "query"}
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in sql_methods
        ):
            found.append(f"{path.name}:{node.lineno} .{node.func.attr}()")
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            if any(n.split(".")[0] in {"sqlite3", "sqlite_utils"} for n in names):
                found.append(f"{path.name}:{node.lineno} imports a SQLite module")
    return found


def test_window_code_runs_no_sql():
    offending = [
        hit for path in (REPO / "desktop" / "ui").rglob("*.py") for hit in _sql_calls(path)
    ]
    assert offending == []


def test_sql_detector_sees_sql():
    """The check above would notice SQL if the window ran some."""
    assert _sql_calls(REPO / "desktop" / "library" / "store.py")
