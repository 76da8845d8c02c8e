"""Two windows, one library: the second is told, and a read-only window changes nothing."""

from __future__ import annotations

import pytest

from desktop.library.store import LibraryInUse


def menu_texts(window, title: str) -> list[str]:
    [menu] = [a.menu() for a in window.menuBar().actions() if a.text() == title]
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_file_menu_has_export_and_maintenance(seeded_window):
    texts = menu_texts(seeded_window, "&File")
    for wanted in ("Export…", "Export Selection…", "Check Library…", "Back Up Now",
                   "Restore from Backup…", "Quit"):  # fmt: skip
        assert wanted in texts


def test_a_second_window_on_the_same_library_is_refused(open_window, seeded_path):
    open_window(seeded_path)
    with pytest.raises(LibraryInUse):
        open_window(seeded_path)


def test_a_read_only_window_shows_papers_and_changes_nothing(qtbot, open_window, seeded_path):
    from desktop.ui.main_window import MainWindow

    first = open_window(seeded_path)
    second = MainWindow(seeded_path, settings=first.settings, read_only=True)
    qtbot.addWidget(second)
    second.show()
    assert "read-only" in second.windowTitle()
    assert second.model.rowCount() == 80
    for key in ("mark_read", "add_tags", "trash", "import", "edit_title", "import_clipboard"):
        assert not second.actions[key].isEnabled(), key
    second.table.select_ids([1], 1)
    assert second.details.notes.editor.isReadOnly()
    assert not second.details.status.isEnabled()
    assert second.actions["export"].isEnabled()  # reading out is still fine
    second.close()
