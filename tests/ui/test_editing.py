"""Selecting papers and changing them from the window: every change shows, every change undoes."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent, QGuiApplication

from desktop.library import lists
from desktop.library.papers import get_paper, get_papers
from desktop.library.views import Scope
from tests.ui.conftest import few_rows_on_screen, type_search, wait_for_import

from desktop.ui.mime import PAPER_IDS_MIME, encode_paper_ids


def select_rows(window, rows: list[int]) -> list[int]:
    window.table.setFocus()
    ids = [window.model.paper_id(r) for r in rows]
    window.table.select_ids(ids, ids[0])
    return ids


def ctrl(qtbot, window, key, shift: bool = False) -> None:
    modifiers = Qt.KeyboardModifier.ControlModifier
    if shift:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.table, key, modifiers)


def test_bulk_tag_then_undo_and_redo(qtbot, seeded_window):
    w = seeded_window
    ids = select_rows(w, [0, 1, 2, 5])
    w.edits.add_tags(["to-discuss"])
    assert all(p.tags == ["to-discuss"] for p in get_papers(w.lib, ids))
    assert [t.count for t in w.sidebar.counts().tags] == [4]
    assert "to-discuss" in w.model.data(w.model.index(0, 5))

    ctrl(qtbot, w, Qt.Key.Key_Z)
    assert all(p.tags == [] for p in get_papers(w.lib, ids))
    assert [t.count for t in w.sidebar.counts().tags] == [0]
    ctrl(qtbot, w, Qt.Key.Key_Z, shift=True)
    assert all(p.tags == ["to-discuss"] for p in get_papers(w.lib, ids))
    assert w.table.selected_ids() == ids  # the selection survived the refreshes


def test_edits_reset_the_table_only_where_the_view_depends_on_them(qtbot, seeded_window):
    """Tagging or marking read in the whole library refreshes rows; in a tag or status
    view, or under a search, the view is queried again."""
    w = seeded_window
    resets: list[int] = []
    w.model.modelReset.connect(lambda: resets.append(1))
    ids = select_rows(w, [0, 1, 2])
    w.edits.add_tags(["later"])
    w.edits.set_status("read")
    assert resets == [] and w.table.selected_ids() == ids
    assert "later" in w.model.data(w.model.index(0, 5))  # the rows show the edit

    w.model.set_view(scope=Scope("status", "unread"))
    resets.clear()
    select_rows(w, [0])
    w.edits.set_status("read")
    assert resets and w.model.rowCount() == 76  # the paper left the Unread view


def test_mark_read_moves_the_counts(qtbot, seeded_window):
    w = seeded_window
    ids = select_rows(w, [0, 1, 2])
    ctrl(qtbot, w, Qt.Key.Key_3)  # Mark Read
    counts = w.sidebar.counts()
    assert (counts.by_status["read"], counts.by_status["unread"]) == (3, 77)
    assert {get_paper(w.lib, i).status for i in ids} == {"read"}
    assert w.model.data(w.model.index(0, 0), Qt.ItemDataRole.FontRole) is None  # no longer bold

    qtbot.keyClick(w.table, Qt.Key.Key_Space)  # all read -> unread
    assert w.sidebar.counts().by_status["unread"] == 80
    qtbot.keyClick(w.table, Qt.Key.Key_Space)
    assert w.sidebar.counts().by_status["read"] == 3
    w.undo_action.trigger()
    w.undo_action.trigger()
    w.undo_action.trigger()
    assert w.sidebar.counts().by_status["unread"] == 80


def test_status_selector_and_unread_rows_stand_out(qtbot, seeded_window):
    w = seeded_window
    [paper_id] = select_rows(w, [4])
    bold = w.model.data(w.model.index(4, 1), Qt.ItemDataRole.FontRole)
    assert bold is not None and bold.bold()
    selector = w.details.status
    assert selector.objectName() == "statusSelector"
    selector.setCurrentIndex(1)
    selector.activated.emit(1)
    assert get_paper(w.lib, paper_id).status == "reading"
    assert w.sidebar.counts().by_status["reading"] == 1


def test_tag_editor_sets_a_papers_tags_in_one_undo_step(qtbot, seeded_window):
    w = seeded_window
    [paper_id] = select_rows(w, [0])
    w.edits.add_tags(["old"], [paper_id])
    editor = w.details.tags
    editor.setFocus()
    editor.setText("new, Speech")
    editor.editingFinished.emit()
    assert get_paper(w.lib, paper_id).tags == ["new", "Speech"]
    w.undo_action.trigger()
    assert get_paper(w.lib, paper_id).tags == ["old"]


def test_note_is_kept_across_paper_switch_and_restart(qtbot, open_window, seeded_path):
    w = open_window(seeded_path)
    [first] = select_rows(w, [0])
    w.details.notes.editor.setFocus()
    qtbot.keyClicks(w.details.notes.editor, "Read section 3 again.")
    qtbot.waitUntil(lambda: get_paper(w.lib, first).note == "Read section 3 again.", timeout=3000)
    qtbot.keyClicks(w.details.notes.editor, " Then 4.")
    select_rows(w, [1])  # switching saves at once
    assert get_paper(w.lib, first).note == "Read section 3 again. Then 4."
    qtbot.keyClicks(w.details.notes.editor, "Typed just before closing")
    w.close()  # closing saves too

    again = open_window(seeded_path)
    row = again.model.row_of(first)
    again.table.select_ids([first], first)
    assert row is not None
    assert again.details.notes.editor.toPlainText() == "Read section 3 again. Then 4."
    second = again.model.paper_id(1)
    assert get_paper(again.lib, second).note == "Typed just before closing"


def test_paste_a_listing_from_the_clipboard(qtbot, window):
    listing = (
        "LGMar 3, 2021Code\n"
        "Zebra Stripes as Positional EncodingsŁukasz Kaiser, Zoë Kravitz · somewhere\n"
        "We show that stripes encode position. Code: https://github.com/example/zebra\n"
    )
    QGuiApplication.clipboard().setText(listing)
    reports, failures, _ = wait_for_import(qtbot, window, window.importer.import_clipboard)
    assert failures == [] and reports[0].added == 1
    [paper] = get_papers(window.lib, list(window.model.ids()))
    assert paper.title == "Zebra Stripes as Positional Encodings"
    assert paper.authors == ["Łukasz Kaiser", "Zoë Kravitz"]
    assert paper.code_urls == ["https://github.com/example/zebra"]


def test_untitled_paper_gets_a_title_and_undo_takes_it_back(qtbot, seeded_window):
    w = seeded_window
    type_search(w, "-has:title")
    [paper_id] = select_rows(w, [0])
    assert w.model.data(w.model.index(0, 0)) == "(no title)"
    w.details.title.setFocus()
    qtbot.keyClicks(w.details.title, "Invertible Lossy Compression")
    qtbot.keyClick(w.details.title, Qt.Key.Key_Return)
    assert get_paper(w.lib, paper_id).title == "Invertible Lossy Compression"
    w.undo_action.trigger()
    assert get_paper(w.lib, paper_id).title is None


def test_delete_moves_to_trash_and_undo_restores(qtbot, seeded_window):
    w = seeded_window
    ids = select_rows(w, [0, 1])
    qtbot.keyClick(w.table, Qt.Key.Key_Delete)
    assert w.model.rowCount() == 78
    assert (w.sidebar.counts().total, w.sidebar.counts().trash) == (78, 2)
    w.sidebar.select_scope(Scope("trash"))
    assert sorted(w.model.ids()) == sorted(ids)
    w.undo_action.trigger()
    assert w.sidebar.counts().trash == 0
    assert w.model.rowCount() == 0  # still looking at the (now empty) Trash


def _drop(widget, target_rect_center: QPoint, ids: list[int]) -> None:
    mime = QMimeData()
    mime.setData(PAPER_IDS_MIME, encode_paper_ids(ids))
    event = QDropEvent(
        QPointF(target_rect_center),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    widget.dropEvent(event)


def test_drag_papers_onto_a_tag_and_a_list(qtbot, seeded_window):
    w = seeded_window
    w.edits.add_tags(["keep"], [1])
    ids = select_rows(w, [3, 4])
    payload = w.model.mimeData([w.model.index(3, 0), w.model.index(4, 0)])
    assert bytes(payload.data(PAPER_IDS_MIME).data())  # the table drags paper ids

    tag_item = w.sidebar._find(Scope("tag", w.sidebar.counts().tags[0].id))
    _drop(w.sidebar, w.sidebar.visualItemRect(tag_item).center(), ids)
    assert all(p.tags == ["keep"] for p in get_papers(w.lib, ids))

    changes, list_id = lists.create_list(w.lib, "Group")
    w.bus.publish(changes)
    list_item = w.sidebar._find(Scope("list", list_id))
    _drop(w.sidebar, w.sidebar.visualItemRect(list_item).center(), ids)
    assert lists.list_order(w.lib, list_id) == ids
    assert w.sidebar.counts().lists[0].total == 2
    w.undo_action.trigger()
    assert lists.list_order(w.lib, list_id) == []


@pytest.fixture
def paged(monkeypatch):
    """Views of more than 10 papers are read a page of 7 at a time, as large ones are."""
    from desktop.ui.models import view_ids

    monkeypatch.setattr(view_ids, "EAGER_LIMIT", 10)
    monkeypatch.setattr(view_ids, "LISTED_WHOLE", 10)
    monkeypatch.setattr(view_ids, "ID_PAGE", 7)
    monkeypatch.setattr(view_ids, "NEAR_PAGES", 2)
    monkeypatch.setattr(view_ids, "LOOKUP_ROWS", 21)


def test_a_large_view_keeps_its_selection_when_an_edit_reads_it_again(seeded_window, paged):
    w = seeded_window
    w.model.reload()
    ids = select_rows(w, [40, 41, 75])  # pages far from the top, not read again
    w.edits.set_status(
        "read",
        [w.model.paper_id(3)],
    )
    w.model.reload()  # as an edit that may change the view's members does
    assert w.table.selected_ids() == ids and w.table.current_id() == ids[0]


def test_a_paper_an_edit_moves_to_the_top_stays_selected(seeded_window, paged):
    """Sorted by status, a paper marked read moves from row 60 to the first row."""
    w = seeded_window
    w.model.sort(4, Qt.SortOrder.AscendingOrder)  # read, then reading, then unread
    paper = w.model.paper_id(60)
    w.table.select_ids([paper], paper)
    w.edits.set_status("read", [paper])
    assert w.model.row_of(paper) == 0
    assert w.table.current_id() == paper and w.table.selected_ids() == [paper]


def test_a_search_does_not_look_for_the_selection_past_the_rows_it_read(seeded_window, paged):
    """Where a paper was before says nothing of where a search shows it."""
    w = seeded_window
    few_rows_on_screen(w)  # a paint reads no more than the first page of `paged`
    w.model.reload()
    select_rows(w, [75])
    type_search(w, "speech")  # more than 10 papers: read a page at a time
    assert w.model.rowCount() > 10
    assert list(w.model._ids._pages) == [0]  # the page the search read ahead, no other


def test_a_new_search_or_order_is_shown_from_its_top(seeded_window):
    w = seeded_window
    few_rows_on_screen(w)
    w.table.scrollToBottom()
    assert w.table.rowAt(0) > 70
    type_search(w, "speech")
    assert w.model.rowCount() > 10 and w.table.rowAt(0) == 0
    w.table.scrollToBottom()
    w.model.sort(0, Qt.SortOrder.AscendingOrder)  # by title
    assert w.table.rowAt(0) == 0


def test_an_edit_leaves_the_table_scrolled_where_it_was(seeded_window):
    w = seeded_window
    few_rows_on_screen(w)
    w.table.scrollToBottom()
    top = w.table.rowAt(0)
    w.model.reload()  # as an edit that may change the view's members does
    assert w.table.rowAt(0) == top > 70


def test_a_sort_keeps_the_selection_it_brings_near_the_top(seeded_window, paged):
    w = seeded_window
    w.model.reload()
    paper = w.model.paper_id(65)  # newest first: the 66th newest, the 15th oldest
    w.table.select_ids([paper], paper)
    w.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # oldest first
    assert w.model.row_of(paper) is not None and w.model.row_of(paper) < 21
    assert w.table.current_id() == paper and w.table.selected_ids() == [paper]
