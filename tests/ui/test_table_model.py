"""The paper table model: a correct Qt model, paged fetches, and no leaked references to None.

PySide6 6.12.0 dropped a reference to None each time data() returned None (about 900
lost over 300 resets of a 2,000-row table) until Python aborted with "none_dealloc";
the dependency pin keeps us below it and this test notices if a release brings it back.
"""

from __future__ import annotations

import sys

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QStyleOptionViewItem

from desktop.library.importing import import_parsed
from desktop.library.store import open_library
from desktop.library.views import Scope, ViewQuery
from tests.library.helpers import record

from desktop.ui.models import paper_table
from desktop.ui.models.paper_table import IdRole, PaperTableModel, ReadStatusRole
from desktop.ui.models.view_ids import ID_PAGE
from desktop.ui.widgets.paper_table import PaperTable


def test_model_passes_qts_model_tester(qtmodeltester, seeded):
    model = PaperTableModel(seeded)
    model.set_view(Scope())
    qtmodeltester.check(model, force_py=True)


def test_rows_are_fetched_in_pages_not_one_by_one(seeded, monkeypatch):
    calls = []
    real = paper_table.table_rows

    def counting(lib, ids):
        calls.append(len(ids))
        return real(lib, ids)

    monkeypatch.setattr(paper_table, "table_rows", counting)
    model = PaperTableModel(seeded)
    model.set_view(Scope())
    for row in range(model.rowCount()):
        model.data(model.index(row, 0))
        model.data(model.index(row, 3))
    assert len(calls) <= 2 and max(calls) <= ID_PAGE
    assert model.data(model.index(0, 0), IdRole) == model.paper_id(0)
    assert model.data(model.index(0, 0), ReadStatusRole) == "unread"


def test_missing_title_is_shown_muted(seeded):
    model = PaperTableModel(seeded)
    model.set_view(Scope())
    rows = [r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == "(no title)"]
    assert len(rows) == 19
    font = model.data(model.index(rows[0], 0), Qt.ItemDataRole.FontRole)
    assert font.italic()
    assert model.data(model.index(rows[0], 0), Qt.ItemDataRole.ForegroundRole) is not None


def test_the_delegate_is_given_each_cells_text_and_look(seeded):
    """What a painted cell shows comes through one multiData call per cell."""
    model = PaperTableModel(seeded)
    model.set_view(Scope())
    delegate = QStyledItemDelegate()
    shown = []
    for row in range(model.rowCount()):
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, model.index(row, 0))
        shown.append((option.text, option.font.bold(), option.font.italic()))
        untitled = option.text == "(no title)"
        muted = QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        assert (option.palette.color(QPalette.ColorRole.Text) == muted) == untitled
    titles = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    assert [text for text, _bold, _italic in shown] == titles
    assert sum(italic for _text, _bold, italic in shown) == 19  # the untitled papers
    assert all(bold for _text, bold, italic in shown if not italic)  # all unread so far
    date = QStyleOptionViewItem()
    delegate.initStyleOption(date, model.index(0, 2))
    assert date.text == model.data(model.index(0, 2))


@pytest.fixture
def big_library(tmp_path):
    lib = open_library(tmp_path / "big.sqlite")
    # no category, code or tags: many cells have no data, so data() returns None a lot
    records = [record(f"Paper {i}", authors=[]) for i in range(2000)]
    from desktop.formats.records import ParsedListing

    import_parsed(lib, ParsedListing("compact", records), name="big", path=None, checksum="x")
    yield lib
    lib.close()


def test_no_reference_to_none_is_lost_across_resets_and_repaints(qtbot, big_library):
    model = PaperTableModel(big_library)
    table = PaperTable(model)
    qtbot.addWidget(table)
    table.resize(900, 700)
    table.show()
    model.set_view(Scope())

    def churn(times: int) -> None:
        for _ in range(times):
            model.reload()
            table.viewport().repaint()
            QApplication.processEvents()

    churn(20)  # warm caches and lazily created objects first
    before = sys.getrefcount(None)
    churn(300)
    drift = sys.getrefcount(None) - before
    # 6.12.0 loses ~900 here; a sound binding stays within noise of zero
    assert abs(drift) < 100, f"None's reference count moved by {drift}"


def test_a_large_view_is_read_a_page_at_a_time(seeded, monkeypatch):
    """Past EAGER_LIMIT the model counts and pages; what it shows is the same."""
    from desktop.ui.models import view_ids

    eager = PaperTableModel(seeded)
    eager.set_view(Scope())
    monkeypatch.setattr(view_ids, "EAGER_LIMIT", 10)
    monkeypatch.setattr(view_ids, "ID_PAGE", 7)
    lazy = PaperTableModel(seeded)
    lazy.set_view(Scope())
    assert lazy.rowCount() == eager.rowCount() == 80
    shown = [lazy.data(lazy.index(row, 0)) for row in reversed(range(80))]
    assert shown == [eager.data(eager.index(row, 0)) for row in reversed(range(80))]
    assert list(lazy.ids()) == list(eager.ids())
    assert lazy.row_of(lazy.paper_id(75)) == 75  # a page already read
    lazy.sort(0, Qt.SortOrder.AscendingOrder)
    eager.sort(0, Qt.SortOrder.AscendingOrder)
    assert [lazy.paper_id(r) for r in range(80)] == list(eager.ids())


def test_a_large_view_finds_the_rows_of_the_pages_it_keeps(seeded, monkeypatch):
    """Rows of edited papers are looked up; a page let go no longer answers."""
    from desktop.ui.models import view_ids

    eager = PaperTableModel(seeded)
    eager.set_view(Scope())
    monkeypatch.setattr(view_ids, "EAGER_LIMIT", 10)
    monkeypatch.setattr(view_ids, "ID_PAGE", 7)
    monkeypatch.setattr(view_ids, "PAGES_KEPT", 3)
    lazy = PaperTableModel(seeded)
    lazy.set_view(Scope())
    for row in range(21):  # three pages read
        lazy.paper_id(row)
    assert [lazy.row_of(eager.paper_id(row)) for row in range(21)] == list(range(21))
    lazy.paper_id(21)  # a fourth page: the first is let go
    assert lazy.row_of(eager.paper_id(0)) is None
    assert lazy.row_of(eager.paper_id(21)) == 21 and lazy.row_of(eager.paper_id(7)) == 7


def test_a_large_view_is_read_ahead_as_its_first_rows_then_by_the_page(seeded, monkeypatch):
    """The loader reads the first screen's rows; a row past them reads its whole page."""
    from desktop.ui.models import view_ids

    everything = ViewQuery().ids(seeded)
    monkeypatch.setattr(view_ids, "EAGER_LIMIT", 10)
    monkeypatch.setattr(view_ids, "ID_PAGE", 20)
    monkeypatch.setattr(view_ids, "FIRST_ROWS", 6)
    reads = []
    real_page = ViewQuery.page

    def page(self, lib, offset, limit, **sizes):
        reads.append((offset, limit))
        return real_page(self, lib, offset, limit, **sizes)

    monkeypatch.setattr(ViewQuery, "page", page)
    ids = view_ids.ViewIds(seeded, ViewQuery(), library_size=80).read_ahead()
    assert reads == [(0, 6)]
    assert [ids.id_at(row) for row in range(6)] == everything[:6]
    assert reads == [(0, 6)]
    assert ids.id_at(6) == everything[6]
    assert reads == [(0, 6), (0, 20)]
    assert [ids.id_at(row) for row in range(20)] == everything[:20]
    assert ids.row_of(everything[19]) == 19 and len(reads) == 2
