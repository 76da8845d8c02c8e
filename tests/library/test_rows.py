"""What the paper table shows: one row per paper, read for a window of ids at once."""

from __future__ import annotations

from desktop.library import edits
from desktop.library.rows import TableRow, table_rows
from desktop.library.views import find_ids
from tests.library.helpers import import_records, record


def _selects(lib, action):
    """Run ``action`` and return it with the SELECT statements it sent to SQLite."""
    sent: list[str] = []
    lib.db.conn.set_trace_callback(sent.append)
    try:
        result = action()
    finally:
        lib.db.conn.set_trace_callback(None)
    return result, [sql for sql in sent if sql.lstrip().upper().startswith("SELECT")]


def test_a_row_shows_what_the_table_needs(lib):
    (paper_id,) = import_records(
        lib,
        [
            record(
                "Sparse Attention",
                authors=["Xuan Shen", "Pu Zhao"],
                et_al=True,
                category="LG",
                date="2025-03-04",
                date_inferred=True,
            )
        ],
    ).new_ids
    edits.add_tags(lib, [paper_id], ["gamma", "Beta", "alpha"])
    edits.set_status(lib, [paper_id], "reading")
    edits.set_note(lib, paper_id, "read section 3")

    row = table_rows(lib, [paper_id])[paper_id]

    assert row == TableRow(
        id=paper_id,
        title="Sparse Attention",
        authors="Xuan Shen, Pu Zhao et al.",
        date="2025-03-04",
        date_inferred=True,
        category="LG",
        status="reading",
        tags="alpha, Beta, gamma",
        has_code=False,
        has_note=True,
        added=row.added,
    )
    assert row.added.startswith("20")


def test_code_shows_from_the_flag_or_from_a_code_url(lib):
    flagged, linked, neither = import_records(
        lib,
        [
            record("Flagged", has_code=True),
            record("Linked", code_urls=["https://github.com/x/y"]),
            record("Neither"),
        ],
    ).new_ids
    rows = table_rows(lib, [flagged, linked, neither])
    assert [rows[i].has_code for i in (flagged, linked, neither)] == [True, True, False]


def test_untitled_untagged_paper_and_unknown_ids(lib):
    (paper_id,) = import_records(lib, [record(None, "Only an abstract.", authors=[])]).new_ids
    rows = table_rows(lib, [paper_id, 999_999])
    assert list(rows) == [paper_id]
    row = rows[paper_id]
    assert (row.title, row.authors, row.tags, row.has_note, row.date) == (None, "", "", False, None)


def test_a_window_of_rows_is_one_query_per_900_ids(lib):
    import_records(lib, [record(f"Paper {n}") for n in range(1000)])
    ids = find_ids(lib)
    edits.add_tags(lib, ids, ["bulk"])

    rows, selects = _selects(lib, lambda: table_rows(lib, ids))

    assert len(rows) == 1000
    assert all(row.tags == "bulk" for row in rows.values())
    assert len(selects) == 2
    assert table_rows(lib, []) == {}
