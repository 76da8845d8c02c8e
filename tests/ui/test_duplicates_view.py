"""The Duplicates view: groups from two overlapping files, merging in the window, undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop.library.merging import NOTE_SEPARATOR
from desktop.library.papers import get_paper
from desktop.library.store import open_library
from tests.library.test_merging import BIB, RIS, dump, import_both
from tests.ui.conftest import wait_for_import


def open_view(qtbot, window):
    """Open the window's Duplicates view from its menu action and wait for its search."""
    from desktop.ui.dialogs.duplicates import DuplicatesView

    window.actions["find_duplicates"].trigger()
    view = window.findChild(DuplicatesView, "duplicatesView")
    assert view is not None and view.isVisible()
    wait_for_search(qtbot, view)
    return view


def wait_for_search(qtbot, view) -> None:
    """Wait until the view has looked again after a change and shows the result."""
    qtbot.waitUntil(lambda: not view.searching(), timeout=10_000)


def library_with_duplicates(library_path: Path) -> list[int]:
    lib = open_library(library_path)
    try:
        return import_both(lib)
    finally:
        lib.close()


def test_twice_imported_papers_are_listed_and_merged_without_losing_a_note(
    qtbot, window, tmp_path: Path
) -> None:
    bib, ris = tmp_path / "refs.bib", tmp_path / "refs.ris"
    bib.write_text(BIB, encoding="utf-8")
    ris.write_text(RIS, encoding="utf-8")
    wait_for_import(qtbot, window, lambda: window.importer.import_paths([bib, ris]))
    view = open_view(qtbot, window)

    groups = view.groups()
    assert [len(group.ids) for group in groups] == [2, 2]
    assert view.pages.currentWidget() is view.groups_page
    assert view.group_list.count() == 2
    assert view.evidence.text().startswith("• similar titles (0.98), same first author and year")
    assert view.summary.text().startswith("2 groups of likely duplicates (4 papers).")
    keep, other = groups[0].ids
    assert view.table.rowCount() == 2
    assert view.table.item(0, 0).text() == "✓ Keep"  # the BibTeX paper has more
    assert view.table.item(0, 5).text() == "DOI 10.1000/speech.2020.1"
    assert [view.table.item(row, 7).text() for row in (0, 1)] == ["Yes", "Yes"]
    counts = window.sidebar.counts()
    assert (counts.total, counts.trash) == (5, 0)

    qtbot.mouseClick(view.merge_button, Qt.MouseButton.LeftButton)
    wait_for_search(qtbot, view)

    paper = get_paper(window.lib, keep)
    assert paper is not None
    assert paper.note == f"Good baseline.{NOTE_SEPARATOR}Check table 3."
    assert [group.ids for group in view.groups()] == [groups[1].ids]
    counts = window.sidebar.counts()
    assert (counts.total, counts.trash) == (4, 1)
    assert window.model.rowCount() == 4
    assert other not in window.model.ids()
    assert window.undo_stack.count() == 1


def test_undo_in_the_window_restores_every_row(qtbot, open_window, library_path) -> None:
    library_with_duplicates(library_path)
    window = open_window(library_path)
    before = dump(window.lib)
    view = open_view(qtbot, window)
    view.merge_current()
    wait_for_search(qtbot, view)
    assert dump(window.lib) != before

    view.activateWindow()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_for_search(qtbot, view)

    assert window.undo_stack.index() == 0
    assert dump(window.lib) == before
    assert len(view.groups()) == 2
    counts = window.sidebar.counts()
    assert (counts.total, counts.trash) == (5, 0)
    window.undo_stack.redo()
    wait_for_search(qtbot, view)
    assert len(view.groups()) == 1
    assert window.sidebar.counts().trash == 1


def test_the_user_picks_the_paper_to_keep(qtbot, open_window, library_path) -> None:
    library_with_duplicates(library_path)
    window = open_window(library_path)
    view = open_view(qtbot, window)
    richer, poorer = view.groups()[0].ids
    rect = view.table.visualRect(view.table.model().index(1, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.keep_choice(view.groups()[0]) == poorer
    assert (view.table.item(0, 0).text(), view.table.item(1, 0).text()) == ("", "✓ Keep")

    view.merge_current()
    wait_for_search(qtbot, view)

    kept = get_paper(window.lib, poorer)
    assert kept is not None and kept.deleted is None
    assert kept.doi == "10.1000/speech.2020.1"  # filled from the paper merged in
    assert get_paper(window.lib, richer).deleted is not None  # type: ignore[union-attr]


def test_merge_all_is_one_undo_step_and_then_nothing_is_left(
    qtbot, open_window, library_path
) -> None:
    library_with_duplicates(library_path)
    window = open_window(library_path)
    view = open_view(qtbot, window)
    qtbot.mouseClick(view.merge_all_button, Qt.MouseButton.LeftButton)
    wait_for_search(qtbot, view)

    assert view.groups() == []
    assert view.pages.currentWidget() is view.empty_page
    assert not view.merge_all_button.isVisible()
    assert window.undo_stack.count() == 1
    assert window.sidebar.counts().total == 3

    window.undo_stack.undo()
    wait_for_search(qtbot, view)
    assert len(view.groups()) == 2
    assert window.sidebar.counts().total == 5


def test_an_empty_library_says_there_are_no_duplicates(qtbot, window) -> None:
    [edit] = [a.menu() for a in window.menuBar().actions() if a.text() == "&Edit"]
    assert window.actions["find_duplicates"] in edit.actions()
    view = open_view(qtbot, window)
    assert view.pages.currentWidget() is view.empty_page
    texts = [label.text() for label in view.empty_page.findChildren(type(view.summary))]
    assert texts[0] == "No likely duplicates"
    assert not view.merge_all_button.isVisible()


def test_a_read_only_window_lists_but_offers_no_merging(qtbot, open_window, library_path) -> None:
    from desktop.ui.main_window import MainWindow

    library_with_duplicates(library_path)
    first = open_window(library_path)
    second = MainWindow(library_path, settings=first.settings, read_only=True)
    qtbot.addWidget(second)
    second.show()
    before = dump(second.lib)
    view = open_view(qtbot, second)

    assert len(view.groups()) == 2
    assert not view.merge_button.isVisible() and not view.merge_all_button.isVisible()
    assert view.read_only_note.isVisible()
    assert view.merge_current() is False and view.merge_all() is False
    assert dump(second.lib) == before
    second.close()


def test_a_search_that_fails_says_why(qtbot, window, monkeypatch) -> None:
    from desktop.library.store import LibraryError

    from desktop.ui.dialogs import duplicates

    def broken(_path):
        raise LibraryError("Cannot open the library <b>x</b>.")

    monkeypatch.setattr(duplicates, "find_groups", broken)
    view = open_view(qtbot, window)
    assert view.pages.currentWidget() is view.status_page
    texts = [label.text() for label in view.status_page.findChildren(type(view.summary))]
    assert texts == ["Duplicates could not be looked for", "Cannot open the library <b>x</b>."]
