"""The Export dialog and the background export it starts (dialogs driven without exec)."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QPushButton,
)

from desktop.library.exporting import ExportSource
from desktop.library.lists import add_to_list, create_list
from desktop.library.store import open_library

from desktop.ui import exporter
from desktop.ui.dialogs.export_dialog import ExportDialog, suggested_file_name
from desktop.ui.exporter import ExportController, run_export_dialog


@pytest.fixture
def dialog(qtbot, tmp_path: Path) -> ExportDialog:
    widget = ExportDialog(3, "the reading list 'Speech'", tmp_path / "reading-list-speech.bib")
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def window(qtbot) -> QMainWindow:
    main = QMainWindow()
    qtbot.addWidget(main)
    return main


@pytest.fixture
def library(seeded_path: Path):
    lib = open_library(seeded_path)
    yield lib
    lib.close()


def boxes(monkeypatch) -> list[tuple[str, str]]:
    """Record message boxes instead of showing them."""
    shown: list[tuple[str, str]] = []
    for kind in ("warning", "information"):
        monkeypatch.setattr(
            exporter.QMessageBox,
            kind,
            lambda parent, title, text, kind=kind: shown.append((kind, text)),
        )
    return shown


def choose(monkeypatch, format_name: str, path: Path, *, accept: bool = True) -> None:
    """Make the dialog's exec() pick a format and a file and return at once."""

    def fake_exec(self: ExportDialog) -> int:
        self.format.setCurrentIndex(self.format.findData(format_name))
        self.path.setText(str(path))
        return QDialog.DialogCode.Accepted if accept else QDialog.DialogCode.Rejected

    monkeypatch.setattr(ExportDialog, "exec", fake_exec)


def test_dialog_offers_every_format_and_the_parts(dialog: ExportDialog):
    assert dialog.objectName() == "exportDialog"
    combo = dialog.findChild(QComboBox, "exportFormat")
    assert [combo.itemData(i) for i in range(combo.count())] == [
        "bibtex", "ris", "csljson", "csv", "markdown", "html",
    ]  # fmt: skip
    checked = {part for part, box in dialog.includes.items() if box.isChecked()}
    assert checked == {"abstract", "tags", "status"}  # notes are private: left to the user
    assert dialog.includes["notes"].objectName() == "exportInclude_notes"
    assert dialog.choice().format_name == "bibtex"


def test_choosing_a_format_gives_the_file_its_extension(dialog: ExportDialog, tmp_path: Path):
    dialog.format.setCurrentIndex(dialog.format.findData("markdown"))
    assert dialog.path.text() == str(tmp_path / "reading-list-speech.md")
    dialog.path.setText(str(tmp_path / "notes.v2"))
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.choice().path == tmp_path / "notes.v2.csv"
    dialog.includes["notes"].setChecked(True)
    assert "notes" in dialog.choice().include


def test_export_needs_a_file(dialog: ExportDialog):
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.path.setText("  ")
    assert not ok.isEnabled()
    dialog.path.setText("x")
    assert ok.isEnabled()


def test_browse_uses_the_save_dialog(dialog: ExportDialog, monkeypatch, tmp_path: Path):
    asked = []

    def fake_save(parent, caption, path, filters):
        asked.append(filters)
        return str(tmp_path / "chosen"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    dialog.findChild(QPushButton, "exportBrowse").click()
    assert asked == ["BibTeX (*.bib)"]
    assert dialog.path.text() == str(tmp_path / "chosen.bib")


def test_suggested_file_names():
    assert suggested_file_name("Reading list: Speech & ML") == "reading-list-speech-ml"
    assert suggested_file_name("???") == "lectern-export"


def test_a_list_is_exported_in_the_background(qtbot, window, library, seeded_path, monkeypatch):
    _changes, speech = create_list(library, "Speech")
    add_to_list(library, speech, [5, 3, 9])
    target = seeded_path.parent / "speech.md"
    choose(monkeypatch, "markdown", target)
    controller = ExportController(seeded_path, window)
    with qtbot.waitSignal(controller.finished, timeout=30_000) as done:
        started = run_export_dialog(
            window, seeded_path, library, "the reading list 'Speech'",
            ExportSource(list_name="Speech"), controller=controller,
        )  # fmt: skip
        assert started is controller
    assert done.args == [str(target), 3]
    assert target.read_text(encoding="utf-8").startswith("# Reading list: Speech\n")
    assert "Exported 3 papers" in window.statusBar().currentMessage()
    assert not controller.busy()


def test_nothing_to_export_or_an_unknown_list_says_so(window, library, seeded_path, monkeypatch):
    shown = boxes(monkeypatch)
    create_list(library, "Empty")
    for name in ("Empty", "Gone"):
        source = ExportSource(list_name=name)
        assert run_export_dialog(window, seeded_path, library, f"'{name}'", source) is None
    assert shown[0] == ("information", "There are no papers in 'Empty'.")
    assert shown[1][0] == "warning" and "no reading list named 'Gone'" in shown[1][1]


def test_a_cancelled_dialog_exports_nothing(window, library, seeded_path, monkeypatch):
    choose(monkeypatch, "csv", seeded_path.parent / "x.csv", accept=False)
    source = ExportSource(ids=(1, 2))
    assert run_export_dialog(window, seeded_path, library, "2 papers", source) is None
    assert not (seeded_path.parent / "x.csv").exists()


def test_a_failed_export_is_reported(qtbot, window, library, seeded_path, monkeypatch):
    shown = boxes(monkeypatch)
    choose(monkeypatch, "ris", seeded_path.parent / "missing" / "x.ris")
    controller = ExportController(seeded_path, window)
    with qtbot.waitSignal(controller.failed, timeout=30_000):
        run_export_dialog(
            window, seeded_path, library, "all", ExportSource(), controller=controller
        )
    assert shown[0][0] == "warning" and "Cannot write" in shown[0][1]


def test_cancelling_the_progress_leaves_no_file(qtbot, window, library, seeded_path, monkeypatch):
    monkeypatch.setattr(exporter._ExportWorker, "_progress", lambda self, done, total: False)
    target = seeded_path.parent / "all.html"
    choose(monkeypatch, "html", target)
    controller = ExportController(seeded_path, window)
    with qtbot.waitSignal(controller.cancelled, timeout=30_000):
        run_export_dialog(
            window, seeded_path, library, "all", ExportSource(), controller=controller
        )
    assert not target.exists()
    assert list(seeded_path.parent.glob(".all.html.*")) == []


def test_window_exports_a_reading_list_from_its_menu(qtbot, seeded_window, monkeypatch, tmp_path):
    """File > Export on a list view exports the list itself, in its order."""
    from desktop.library import lists
    from desktop.library.views import Scope

    w = seeded_window
    changes, list_id = lists.create_list(w.lib, "Friday")
    lists.add_to_list(w.lib, list_id, [5, 2, 9])
    w.bus.publish(changes)
    w.sidebar.select_scope(Scope("list", list_id))
    seen = []
    monkeypatch.setattr(
        "desktop.ui.main_window.run_export_dialog",
        lambda parent, path, lib, what, source, controller: seen.append((what, source)),
    )
    w.actions["export"].trigger()
    assert seen[-1][1].list_name == "Friday"
    assert "Friday" in seen[-1][0]
    w.table.select_ids([2, 9], 2)
    w.actions["export_selection"].trigger()
    assert seen[-1][1].ids == (2, 9)


def test_every_field_has_a_label_with_a_shortcut_to_it(dialog: ExportDialog):
    """Alt+F reaches the format, Alt+N the file name: each label names its own field."""
    labels = {label.text(): label.buddy() for label in dialog.findChildren(QLabel)}
    assert labels["&Format:"] is dialog.format
    assert labels["File &name:"] is dialog.path
