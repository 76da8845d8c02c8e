"""Searching from the window: field terms filter the table; no text ever breaks it."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from desktop.library.papers import get_papers
from desktop.library.views import Scope, find_ids
from tests.ui.conftest import type_search


def search(window, text: str) -> list[int]:
    type_search(window, text)
    return sorted(window.model.ids())


@pytest.fixture
def papers(seeded_window):
    lib = seeded_window.lib
    return get_papers(lib, find_ids(lib))


def expect(papers, keep) -> list[int]:
    return sorted(p.id for p in papers if keep(p))


def test_ctrl_f_focuses_the_box_and_typing_filters(qtbot, seeded_window):
    window = seeded_window
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    qtbot.keyClicks(window.search_box, "diarisation")
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=3000)


def test_field_terms(seeded_window, papers):
    w = seeded_window
    assert search(w, 'author:"Yifan Gong"') == expect(papers, lambda p: "Yifan Gong" in p.authors)
    assert search(w, "cat:LG") == expect(papers, lambda p: p.category == "LG")
    assert search(w, "year:2020") == expect(papers, lambda p: (p.date or "").startswith("2020"))
    in_range = {"2019", "2020", "2021"}
    assert search(w, "year:2019..2021") == expect(papers, lambda p: (p.date or "")[:4] in in_range)
    assert search(w, "has:code") == expect(papers, lambda p: p.has_code or p.code_urls)
    assert search(w, "status:unread") == expect(papers, lambda p: True)
    assert search(w, "status:read") == []
    assert search(w, '"speaker diarization"') == expect(
        papers, lambda p: "speaker diarization" in f"{p.title} {p.abstract}".lower()
    )
    speech = expect(papers, lambda p: "speech" in f"{p.title} {p.abstract}".lower())
    assert search(w, "cat:CV -speech") == expect(
        papers, lambda p: p.category == "CV" and p.id not in speech
    )


def test_tag_and_note_terms_follow_edits(seeded_window):
    w = seeded_window
    w.edits.add_tags(["reading-group"], [3, 5])
    assert search(w, "tag:reading-group") == [3, 5]
    w.edits.set_status("read", [5])
    assert search(w, "tag:reading-group status:read") == [5]
    w._save_note(7, "Compare with **Zanzibar** nets.")
    assert search(w, "has:note") == [7]
    assert search(w, "zanzibar") == [7]


@pytest.mark.parametrize(
    "text", ['"unbalanced', "(", ")", "AND", "-", "author:", "year:abc", "status:banana",
             'title:"', "foo:bar", "a OR", "NEAR(", "* ^ :", "\\", "'"],
)  # fmt: skip
def test_any_text_is_safe_and_explains_itself(seeded_window, text):
    w = seeded_window
    ids = search(w, text)
    assert isinstance(ids, list)
    hint = w.search_box.hint()
    assert w.search_hint.text() == hint


def test_unclosed_quote_shows_a_hint_and_still_filters(seeded_window):
    w = seeded_window
    ids = search(w, '"speaker diarization')
    assert w.search_hint.text() != ""
    assert ids and len(ids) < 80
    search(w, "")
    assert w.search_hint.text() == ""
    assert w.model.rowCount() == 80


def test_search_combines_with_the_sidebar(seeded_window, papers):
    w = seeded_window
    cv = expect(papers, lambda p: p.category == "CV")
    w.edits.set_status("read", [*cv[:3], expect(papers, lambda p: p.category == "LG")[0]])
    w.sidebar.select_scope(Scope("status", "read"))
    assert len(w.model.ids()) == 4
    assert search(w, "cat:CV") == cv[:3]
    w.sidebar.select_scope(Scope("category", "CV"))
    assert search(w, "") == cv
