"""A typed search's view is read off the GUI thread, and the next search interrupts it."""

from __future__ import annotations

import pytest

from desktop.library.views import find_ids
from tests.perf.probes import PaintProbe
from tests.ui.conftest import few_rows_on_screen, type_search

from desktop.ui.models import view_loader

FOREVER = "forever"  # a search whose reading never ends unless interrupted


@pytest.fixture
def endless_search(monkeypatch):
    """Reading the view of FOREVER runs a statement that only an interrupt ends."""
    real = view_loader.ViewIds

    def reading(lib, query, library_size):
        if query.search.sql != "1" and FOREVER in str(query.search.params):
            lib.db.execute(
                "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n)"
                " SELECT count(*) FROM n"
            ).fetchone()
        return real(lib, query, library_size)

    monkeypatch.setattr(view_loader, "ViewIds", reading)


def test_the_table_keeps_its_rows_until_the_search_view_comes(qtbot, seeded_window):
    w = seeded_window
    before = w.model.rowCount()
    w.search_box.setText("diarisation")
    w.search_box.apply_now()
    assert w.model.loading() and w.model.rowCount() == before
    qtbot.waitUntil(lambda: not w.model.loading(), timeout=5000)
    assert sorted(w.model.ids()) == sorted(find_ids(w.lib, "diarisation"))
    assert w.status_counts.text().startswith(f"{w.model.rowCount()} shown")


def test_a_newer_search_interrupts_the_one_being_read(qtbot, seeded_window, endless_search):
    w = seeded_window
    w.search_box.setText(FOREVER)
    w.search_box.apply_now()
    qtbot.wait(50)  # the reader is inside its endless statement
    type_search(w, "speech")
    assert sorted(w.model.ids()) == sorted(find_ids(w.lib, "speech"))
    qtbot.wait(50)
    assert sorted(w.model.ids()) == sorted(find_ids(w.lib, "speech"))  # nothing stale came


def test_an_edit_meanwhile_shows_the_new_search_at_once(qtbot, seeded_window, endless_search):
    w = seeded_window
    w.search_box.setText(f"{FOREVER} OR speech")
    w.search_box.apply_now()
    w.edits.set_status("read", [find_ids(w.lib, "speech")[0]])  # re-reads the view here
    assert not w.model.loading()
    assert sorted(w.model.ids()) == sorted(find_ids(w.lib, f"{FOREVER} OR speech"))


def test_closing_the_window_ends_a_search_being_read(qtbot, seeded_window, endless_search):
    w = seeded_window
    w.search_box.setText(FOREVER)
    w.search_box.apply_now()
    qtbot.wait(50)
    w.close()  # returns: the reader is interrupted and its thread ends
    assert not w.view_loader._thread.isRunning()


def test_a_search_that_takes_long_says_so_until_it_is_shown(qtbot, seeded_window, endless_search):
    w = seeded_window
    w.search_box.setText(FOREVER)
    w.search_box.apply_now()
    qtbot.waitUntil(lambda: w.status_counts.text() == "Searching…", timeout=3000)
    type_search(w, "speech")
    assert w.status_counts.text().startswith(f"{w.model.rowCount()} shown")


def test_the_ids_asked_for_mid_search_are_those_of_the_search(seeded_window, endless_search):
    """An export started before the view came exports what the search box says."""
    w = seeded_window
    w.search_box.setText(FOREVER)
    w.search_box.apply_now()
    w.search_box.setText("speech")
    w.search_box.apply_now()
    assert w.model.loading()
    assert sorted(w.model.ids()) == sorted(find_ids(w.lib, "speech"))
    assert not w.model.loading()


def test_a_search_paints_the_papers_it_shows_again_without_reading_them_again(
    qtbot, seeded_window, monkeypatch
):
    from desktop.ui.models import paper_table

    w = seeded_window
    type_search(w, "speech")
    w.table.viewport().grab()  # paints, reading the rows shown
    read: list[int] = []
    real = paper_table.table_rows

    def reading(lib, ids):
        read.extend(ids)
        return real(lib, ids)

    monkeypatch.setattr(paper_table, "table_rows", reading)
    type_search(w, "speech recognition")  # the same papers, fewer of them
    w.table.viewport().grab()
    assert 0 < w.model.rowCount() < len(find_ids(w.lib, "speech"))
    assert read == []
    edited = w.model.paper_id(0)
    w.edits.set_status("read", [edited])  # an edit reads its paper again
    w.table.viewport().grab()
    assert edited in read
    assert w.model.data(w.model.index(w.model.row_of(edited), 4)) == "Read"


def test_a_key_that_leaves_the_search_as_it_was_does_not_read_it_again(qtbot, seeded_window):
    w = seeded_window
    type_search(w, "speech")
    shown = w.model.ids()
    resets = []
    w.model.modelReset.connect(lambda: resets.append(1))
    for text in ("speech ", "speech -", " speech "):
        w.search_box.setText(text)
        w.search_box.apply_now()
        assert not w.model.loading()
    assert resets == [] and w.model.ids() == shown


def test_going_back_to_the_search_shown_while_another_is_read_shows_it(
    qtbot, seeded_window, endless_search
):
    w = seeded_window
    type_search(w, "speech")
    w.search_box.setText(FOREVER)
    w.search_box.apply_now()
    qtbot.wait(50)
    type_search(w, "speech")  # the view of FOREVER was asked for: this one is asked again
    assert sorted(w.model.ids()) == sorted(find_ids(w.lib, "speech"))
    qtbot.wait(50)
    assert sorted(w.model.ids()) == sorted(find_ids(w.lib, "speech"))


def test_each_search_paints_the_table_once_and_leaves_the_columns_where_they_are(
    qtbot, seeded_window
):
    """A view's rows are laid out before the table is painted (Qt lays them out on a
    timer after the paint, then painted the whole table again), and the scroll bar stays
    whether a view has rows or not (one that came and went moved the columns, and had
    the table painted again)."""
    w = seeded_window
    few_rows_on_screen(w)
    qtbot.wait(50)  # the paints of the new height
    probe = PaintProbe(w.table.viewport())
    title_widths = []
    for text in ("speech", "zzzqqq", "learning"):
        painted = probe.paints
        type_search(w, text)
        qtbot.wait(50)
        assert probe.paints == painted + 1, text
        title_widths.append(w.table.columnWidth(0))
    assert w.model.rowCount() > 5 and len(set(title_widths)) == 1
