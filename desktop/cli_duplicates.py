"""`lectern duplicates` and `lectern merge`: papers the library probably holds twice."""

from __future__ import annotations

import argparse
import json

from desktop.cli_base import EXIT_OK, CommandFactory
from desktop.library.duplicates import find_duplicates
from desktop.library.merging import merge_papers
from desktop.library.papers import get_papers
from desktop.library.store import Library


def add_commands(command: CommandFactory) -> None:
    """The duplicates and merge sub-commands."""
    sub = command("duplicates", "list papers that are probably in the library twice")
    sub.add_argument("--json", action="store_true", help="print a JSON array of groups")
    sub.set_defaults(handler=run_duplicates)
    sub = command("merge", "merge papers into one (the others go to the Trash)")
    sub.add_argument("keep", type=int, metavar="KEEP_ID", help="the paper that stays")
    sub.add_argument("others", type=int, nargs="+", metavar="OTHER_ID")
    sub.set_defaults(handler=run_merge)


def run_duplicates(lib: Library, args: argparse.Namespace) -> int:
    """Print each group: its evidence, then one line per paper (id, year, title)."""
    groups = find_duplicates(lib)
    if args.json:
        print(json.dumps([{"ids": g.ids, "evidence": g.evidence} for g in groups], indent=2))
        return EXIT_OK
    if not groups:
        print("No duplicates found.")
    for number, group in enumerate(groups, start=1):
        print(f"Group {number}: " + "; ".join(group.evidence))
        for paper in get_papers(lib, group.ids):
            title = paper.title or "(untitled)"
            print(f"  {paper.id:>6}  {(paper.date or '')[:4]:4}  {title}")
    return EXIT_OK


def run_merge(lib: Library, args: argparse.Namespace) -> int:
    """Merge the other papers into the kept one; a refusal is a LibraryError for `main`."""
    _changes, record = merge_papers(lib, args.keep, args.others)
    others = ", ".join(map(str, record.other_ids))
    verb = "is" if len(record.other_ids) == 1 else "are"
    print(f"Merged {others} into {record.keep_id}; {others} {verb} in the Trash.")
    return EXIT_OK
