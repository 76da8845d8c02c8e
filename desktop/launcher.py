"""The `lectern` entry point: the window when no command is given, else the command line.

Kept apart from cli.py so the command line itself never loads Qt.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from desktop.cli import build_parser, run_command
from desktop.library.store import resolve_library_path


def main(argv: Sequence[str] | None = None) -> int:
    """Start the window (``lectern [--library PATH]``) or run a command."""
    args = build_parser().parse_args(argv)
    if args.command is not None:
        return run_command(args)
    try:
        from desktop.ui.app import run
    except ImportError as exc:  # Qt missing or its system libraries absent
        print(f"lectern: the window cannot start ({exc}); the commands still work, see --help",
              file=sys.stderr)  # fmt: skip
        return 1
    return run(resolve_library_path(getattr(args, "library", None)))
