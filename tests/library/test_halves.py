"""The second reader of large reads: interrupted reads stop, running or waiting."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from desktop.library.halves import SecondReader
from desktop.library.store import open_library

# A statement that runs for seconds unless interrupted.
SLOW = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000)"
    " SELECT count(*) FROM n"
)


def test_an_interrupt_stops_the_read_under_way_and_those_waiting(library_path: Path):
    open_library(library_path).close()
    second = SecondReader(library_path)
    try:
        assert second.read("SELECT count(*) FROM papers", []).result() == [(0,)]
        running = second.read(SLOW, [])
        waiting = second.read("SELECT count(*) FROM papers", [])
        while not running.done():  # until it is running, an interrupt has nothing to stop
            second.interrupt()
            time.sleep(0.01)
        for read in (running, waiting):
            with pytest.raises(sqlite3.OperationalError, match="interrupted"):
                read.result(timeout=30)
        assert second.read("SELECT count(*) FROM papers", []).result() == [(0,)]
    finally:
        second.close()
