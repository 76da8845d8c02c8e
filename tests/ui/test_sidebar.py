"""The sidebar: counts that follow edits, filtering, and tag management that undoes."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop.library.papers import get_paper
from desktop.library.views import Scope

from desktop.ui.undo import RenameTag


def tag_counts(window) -> dict[str, int]:
    return {t.name: t.count for t in window.sidebar.counts().tags}


def test_clicking_entries_filters_the_table(seeded_window):
    w = seeded_window
    counts = w.sidebar.counts()
    for code, count in counts.categories:
        w.sidebar.select_scope(Scope("category", code))
        assert w.model.rowCount() == count
    for source in counts.sources:
        w.sidebar.select_scope(Scope("source", source.id))
        assert w.model.rowCount() == source.count
    assert sum(s.count for s in counts.sources) == 80
    profile_sources = [s.profile_name for s in counts.sources if s.profile_name]
    assert profile_sources == ["Kexin Zhao", "Ziang Long"]


def test_rename_merge_and_delete_tags_from_the_sidebar(seeded_window, monkeypatch):
    w = seeded_window
    w.edits.add_tags(["asr"], [1, 2])
    w.edits.add_tags(["speech"], [2, 3])

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("ASR-systems", True))
    w.sidebar_menu.rename_tag("asr")
    assert tag_counts(w) == {"ASR-systems": 2, "speech": 2}

    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("speech", True))
    w.sidebar_menu.merge_tag("ASR-systems")
    assert tag_counts(w) == {"speech": 3}
    w.undo_action.trigger()
    assert tag_counts(w) == {"ASR-systems": 2, "speech": 2}
    w.undo_action.trigger()
    assert tag_counts(w) == {"asr": 2, "speech": 2}

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    assert not w.runner.run(RenameTag("asr", "Speech"))  # onto another tag: refused
    assert tag_counts(w) == {"asr": 2, "speech": 2}
    assert len(warnings) == 1 and "merge" in warnings[0].lower()


def test_empty_trash_asks_first_and_cannot_be_undone(seeded_window, monkeypatch):
    w = seeded_window
    w.table.select_ids([1, 2], 1)
    w.edits.trash()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    w.sidebar_menu.empty_trash()
    assert w.sidebar.counts().trash == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    w.sidebar_menu.empty_trash()
    assert w.sidebar.counts().trash == 0
    assert get_paper(w.lib, 1) is None
    assert not w.undo_stack.canUndo()
