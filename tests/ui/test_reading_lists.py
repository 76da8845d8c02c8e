"""Reading lists from the window: make one, fill it, reorder it by keys and by dragging, undo."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QInputDialog

from desktop.library import lists
from desktop.library.views import Scope

from desktop.ui.mime import PAPER_IDS_MIME, encode_paper_ids
from desktop.ui.undo import DeleteList


def make_list(window, monkeypatch, name: str, ids: list[int]) -> int:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (name, True))
    window.table.select_ids(ids, ids[0])
    window.actions["new_list"].trigger()
    list_id = lists.list_id(window.lib, name)
    assert list_id is not None
    return list_id


def test_new_list_from_the_selection_shows_unread_over_total(seeded_window, monkeypatch):
    w = seeded_window
    ids = [w.model.paper_id(r) for r in (0, 1, 2)]
    list_id = make_list(w, monkeypatch, "Group", ids)
    assert lists.list_order(w.lib, list_id) == ids
    w.edits.set_status("read", ids[:1])
    [entry] = w.sidebar.counts().lists
    assert (entry.name, entry.unread, entry.total) == ("Group", 2, 3)
    item = w.sidebar._find(Scope("list", list_id))
    assert item.text(1) == "2/3"
    w.undo_action.trigger()  # the status change
    w.undo_action.trigger()  # the new list
    assert lists.list_id(w.lib, "Group") is None


def test_move_up_and_down_with_shortcuts(qtbot, seeded_window, monkeypatch):
    w = seeded_window
    ids = [w.model.paper_id(r) for r in (0, 1, 2, 3)]
    list_id = make_list(w, monkeypatch, "Order", ids)
    w.sidebar.select_scope(Scope("list", list_id))
    assert list(w.model.ids()) == ids
    w.table.setFocus()
    w.table.select_ids([ids[2]], ids[2])
    qtbot.keyClick(w.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert list(w.model.ids()) == [ids[0], ids[2], ids[1], ids[3]]
    assert w.table.selected_ids() == [ids[2]]
    qtbot.keyClick(w.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(w.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert list(w.model.ids()) == [ids[0], ids[1], ids[3], ids[2]]
    w.undo_action.trigger()
    assert list(w.model.ids()) == [ids[0], ids[1], ids[2], ids[3]]


def test_dragging_rows_within_a_list_reorders_it(seeded_window, monkeypatch):
    w = seeded_window
    ids = [w.model.paper_id(r) for r in (0, 1, 2, 3)]
    list_id = make_list(w, monkeypatch, "Drag", ids)
    w.sidebar.select_scope(Scope("list", list_id))
    assert w.model.is_reorderable()
    mime = QMimeData()
    mime.setData(PAPER_IDS_MIME, encode_paper_ids([ids[3]]))
    assert w.model.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, w.model.index(-1, -1))
    assert list(w.model.ids()) == [ids[0], ids[3], ids[1], ids[2]]
    mime.setData(PAPER_IDS_MIME, encode_paper_ids([ids[0]]))
    w.model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, w.model.index(-1, -1))
    assert list(w.model.ids()) == [ids[3], ids[1], ids[2], ids[0]]  # dropped below the end
    w.undo_action.trigger()
    w.undo_action.trigger()
    assert list(w.model.ids()) == ids


def test_sorting_a_list_by_title_turns_off_drag_reordering(seeded_window, monkeypatch):
    w = seeded_window
    ids = [w.model.paper_id(r) for r in (0, 1)]
    list_id = make_list(w, monkeypatch, "Sorted", ids)
    w.sidebar.select_scope(Scope("list", list_id))
    w.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert not w.model.is_reorderable()
    mime = QMimeData()
    mime.setData(PAPER_IDS_MIME, encode_paper_ids([ids[1]]))
    assert not w.model.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, w.model.index(-1, -1))


def test_rename_describe_and_delete_a_list_undoably(seeded_window, monkeypatch):
    w = seeded_window
    list_id = make_list(w, monkeypatch, "Old", [w.model.paper_id(0)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("New", True))
    w.sidebar_menu.rename_list(list_id, "Old")
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("For Friday", True))
    w.sidebar_menu.describe_list(list_id, "New")
    [entry] = w.sidebar.counts().lists
    assert (entry.name, entry.description) == ("New", "For Friday")
    w.runner.run(DeleteList(list_id, "New"))
    assert w.sidebar.counts().lists == []
    w.undo_action.trigger()
    [entry] = w.sidebar.counts().lists
    assert (entry.name, entry.total) == ("New", 1)
