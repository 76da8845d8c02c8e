"""The `lectern` commands for exports and reading lists: export, list-lists, add-to-list.

``lectern export --format F [--list NAME | --query Q | --ids 1,2,3]
[--include abstract,notes,tags,status] -o FILE`` writes the papers (all of them when
no source is named) to FILE, or to standard output with ``-o -``. ``add-to-list`` creates
the list when there is none of that name yet, as ``tag`` creates tags.
"""

from __future__ import annotations

import argparse
import json
import sys

from desktop.cli_base import EXIT_OK, CommandFactory
from desktop.formats.export import FORMATS, INCLUDE_CHOICES
from desktop.library.exporting import ExportSource, export_text, export_to_file
from desktop.library.lists import add_to_list, create_list, list_id
from desktop.library.sidebar import sidebar_counts
from desktop.library.store import Library, write_transaction


def add_commands(command: CommandFactory) -> None:
    """Add ``export``, ``list-lists`` and ``add-to-list`` to the ``lectern`` command."""
    sub = command("export", "export papers as BibTeX, RIS, CSL-JSON, CSV, Markdown or HTML")
    sub.add_argument("--format", "-f", required=True, choices=list(FORMATS))
    source = sub.add_mutually_exclusive_group()
    source.add_argument("--list", dest="list_name", metavar="NAME", help="a reading list")
    source.add_argument("--query", "-q", help="a search, as `lectern list --query` takes it")
    source.add_argument("--ids", type=_id_list, metavar="1,2,3", help="paper ids, in this order")
    sub.add_argument(
        "--include",
        type=_include_list,
        default=(),
        metavar=",".join(INCLUDE_CHOICES),
        help="optional parts to export, separated by commas",
    )
    sub.add_argument("--title", help="the document's title (Markdown and HTML)")
    sub.add_argument("-o", "--output", required=True, metavar="FILE", help="'-': standard output")
    sub.set_defaults(handler=run_export)

    sub = command("list-lists", "show the reading lists: name, unread/total papers, description")
    sub.add_argument("--json", action="store_true", help="print a JSON array of lists")
    sub.set_defaults(handler=run_list_lists)

    sub = command("add-to-list", "add papers to a reading list (made if it does not exist)")
    sub.add_argument("name", metavar="NAME")
    sub.add_argument("ids", nargs="+", type=int, metavar="ID")
    sub.set_defaults(handler=run_add_to_list)


def _id_list(text: str) -> tuple[int, ...]:
    try:
        ids = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of paper ids: {text!r}") from None
    if not ids:
        raise argparse.ArgumentTypeError("name at least one paper id")
    return ids


def _include_list(text: str) -> tuple[str, ...]:
    parts = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [part for part in parts if part not in INCLUDE_CHOICES]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"cannot include {', '.join(unknown)}; choose from {', '.join(INCLUDE_CHOICES)}"
        )
    return parts


def run_export(lib: Library, args: argparse.Namespace) -> int:
    """Export papers to a file or to standard output."""
    source = ExportSource(list_name=args.list_name, query=args.query, ids=args.ids)
    if args.output == "-":
        text, _count = export_text(lib, source, args.format, include=args.include, title=args.title)
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))  # UTF-8 whatever the terminal's locale
        sys.stdout.buffer.flush()
        return EXIT_OK
    count = export_to_file(
        lib, source, args.format, args.output, include=args.include, title=args.title
    )
    noun = "paper" if count == 1 else "papers"
    print(f"{args.output}: {count} {noun} exported ({FORMATS[args.format].label})", file=sys.stderr)
    return EXIT_OK


def run_list_lists(lib: Library, args: argparse.Namespace) -> int:
    """Print each reading list: name, unread/total, description (tab-separated)."""
    lists = sidebar_counts(lib).lists
    if args.json:
        rows = [
            {"name": x.name, "description": x.description, "unread": x.unread, "total": x.total}
            for x in lists
        ]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    for entry in lists:
        print(f"{entry.name}\t{entry.unread}/{entry.total}\t{entry.description}")
    if not lists:
        print("no reading lists yet", file=sys.stderr)
    return EXIT_OK


def run_add_to_list(lib: Library, args: argparse.Namespace) -> int:
    """Append papers to a list, making the list first when needed; all or nothing."""
    with write_transaction(lib):  # a list made here goes again if a paper id is wrong
        found = list_id(lib, args.name)
        created = found is None
        if found is None:
            _changes, found = create_list(lib, args.name)
        _changes, added = add_to_list(lib, found, args.ids)
    made = "created, " if created else ""
    already = len(set(args.ids)) - len(added)
    print(f"reading list {args.name!r}: {made}{len(added)} added, {already} already on it")
    return EXIT_OK
