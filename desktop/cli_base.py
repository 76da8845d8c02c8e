"""What every command module of the `lectern` command shares: exit codes, errors, signatures.

A module with commands of its own offers ``add_commands(command: CommandFactory)``: it
makes its sub-parsers with ``command(name, help)`` and sets ``handler=`` on each, and
`desktop.cli.build_parser` calls it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from desktop.library.store import Library

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

Handler = Callable[[Library, argparse.Namespace], int]
# Makes a sub-parser that also takes --library.
CommandFactory = Callable[[str, str], argparse.ArgumentParser]


class CommandFailed(Exception):
    """A command could not do what was asked; the message is for the user."""
