"""The `lectern` command: the library from a terminal, and the way into the window.

Acceptance checks drive this interface; keep its flags, output keys and exit codes stable:
0 done, 1 something could not be done (the rest still was), 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from desktop import __version__
from desktop.cli_base import EXIT_FAILED, EXIT_OK, CommandFactory, CommandFailed
from desktop.cli_duplicates import add_commands as add_duplicates_commands
from desktop.cli_export import add_commands as add_export_commands
from desktop.cli_maintenance import add_commands as add_maintenance_commands
from desktop.formats.records import FORMAT_NAMES, ImportFormatError
from desktop.library import edits
from desktop.library.importing import ImportReport, import_file
from desktop.library.papers import STATUSES, Paper, get_papers
from desktop.library.search import SearchSyntaxError
from desktop.library.store import Library, LibraryError, open_library, resolve_library_path
from desktop.library.views import find_ids


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per job."""
    library_flag = argparse.ArgumentParser(add_help=False)
    # SUPPRESS lets --library stand before or after the sub-command without one erasing the other
    library_flag.add_argument(
        "--library",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the library file (default: $LECTERN_LIBRARY, else the user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="lectern",
        description="Lectern keeps your reading list: import paper listings, tag, read, annotate.",
        parents=[library_flag],
    )
    parser.add_argument("--version", action="version", version=f"lectern {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help_text, parents=[library_flag])

    _add_core_commands(command)
    add_maintenance_commands(command)
    add_export_commands(command)
    add_duplicates_commands(command)
    return parser


def _add_core_commands(command: CommandFactory) -> None:
    sub = command("import", "import listing files (the format is recognised from the content)")
    sub.add_argument("files", nargs="+", metavar="FILE")
    sub.add_argument(
        "--no-keyword-tags",
        dest="keyword_tags",
        action="store_false",
        help="do not turn the keywords of BibTeX, RIS or CSL-JSON entries into tags",
    )
    sub.set_defaults(handler=run_import)
    sub = command("list", "list papers")
    sub.add_argument("--query", "-q", default="", help="a search, e.g. 'tag:ml year:2020..2022'")
    sub.add_argument("--json", action="store_true", help="print a JSON array of papers")
    sub.set_defaults(handler=run_list)
    for name, help_text, handler in (
        ("tag", "add tags to a paper", run_tag),
        ("untag", "remove tags from a paper", run_untag),
    ):
        sub = command(name, help_text)
        sub.add_argument("id", type=int)
        sub.add_argument("tags", nargs="+", metavar="TAG")
        sub.set_defaults(handler=handler)
    sub = command("status", "set a paper's read status")
    sub.add_argument("id", type=int)
    sub.add_argument("status", choices=STATUSES)
    sub.set_defaults(handler=run_status)
    sub = command("note", "replace a paper's note ('-' reads it from standard input)")
    sub.add_argument("id", type=int)
    sub.add_argument("text")
    sub.set_defaults(handler=run_note)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status. With no command, print help."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    return run_command(args)


def run_command(args: argparse.Namespace) -> int:
    """Run a parsed sub-command on its library; returns the exit status."""
    try:
        lib = open_library(resolve_library_path(getattr(args, "library", None)))
    except LibraryError as exc:
        print(f"lectern: {exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        return args.handler(lib, args)
    except (CommandFailed, LibraryError) as exc:
        print(f"lectern: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        lib.close()


def run_import(lib: Library, args: argparse.Namespace) -> int:
    """Import each file on its own: one that fails leaves the others imported."""
    status = EXIT_OK
    for name in args.files:
        try:
            report = import_file(lib, name, keywords_as_tags=args.keyword_tags)
        except ImportFormatError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        _print_report(name, report)
    return status


def _print_report(name: str, report: ImportReport) -> None:
    kind = FORMAT_NAMES.get(report.format, report.format)
    print(
        f"{name}: {kind}: {report.added} added, {report.present} already present, "
        f"{len(report.skipped)} skipped"
    )
    for problem in report.skipped:
        print(f"  skipped {name}:{problem.line}: {problem.message}")


def run_list(lib: Library, args: argparse.Namespace) -> int:
    """Print the papers matching the query, as text or JSON."""
    try:
        ids = find_ids(lib, args.query)
    except SearchSyntaxError as exc:
        raise CommandFailed(
            f"cannot read the query at character {exc.position + 1}: {exc.message}"
        ) from exc
    papers = get_papers(lib, ids)
    if args.json:
        json.dump([paper.to_json() for paper in papers], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for paper in papers:
            print(_paper_line(paper))
    return EXIT_OK


def _paper_line(paper: Paper) -> str:
    authors = ", ".join(paper.authors) + (" et al." if paper.et_al else "")
    title = paper.title or "[no title]"
    return f"{paper.id:>6}  {paper.status:<7}  {paper.date or '':<10}  {title} — {authors}"


def run_tag(lib: Library, args: argparse.Namespace) -> int:
    """Add tags to one paper."""
    _changes, added = edits.add_tags(lib, [args.id], args.tags)
    print(f"paper {args.id}: {len(added)} tag(s) added")
    return EXIT_OK


def run_untag(lib: Library, args: argparse.Namespace) -> int:
    """Remove tags from one paper."""
    _changes, removed = edits.remove_tags(lib, [args.id], args.tags)
    print(f"paper {args.id}: {len(removed)} tag(s) removed")
    return EXIT_OK


def run_status(lib: Library, args: argparse.Namespace) -> int:
    """Set one paper's read status."""
    edits.set_status(lib, [args.id], args.status)
    print(f"paper {args.id}: {args.status}")
    return EXIT_OK


def run_note(lib: Library, args: argparse.Namespace) -> int:
    """Replace one paper's note."""
    text = sys.stdin.read() if args.text == "-" else args.text
    edits.set_note(lib, args.id, text)
    print(f"paper {args.id}: note saved" if text else f"paper {args.id}: note removed")
    return EXIT_OK
