"""Starting the window: the application object, its style and palette, the library."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import __version__
from desktop.library.store import LibraryError, LibraryInUse

from desktop.ui.icons import app_icon
from desktop.ui.main_window import MainWindow
from desktop.ui.maintenance import ask_open_read_only
from desktop.ui.style import LecternStyle

THEME_ENV = "LECTERN_THEME"  # "dark" or "light" overrides the system's choice


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style, with enough contrast for long reading."""
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colours = {
        role.Window: "#202124", role.WindowText: "#e8eaed", role.Base: "#17181a",
        role.AlternateBase: "#1f2023", role.ToolTipBase: "#2b2c30", role.ToolTipText: "#e8eaed",
        role.Text: "#e8eaed", role.Button: "#2b2c30", role.ButtonText: "#e8eaed",
        role.BrightText: "#ff6b6b", role.Link: "#8ab4f8", role.Highlight: "#3d6fb0",
        role.HighlightedText: "#ffffff", role.PlaceholderText: "#8e9196", role.Mid: "#3a3b40",
        role.Dark: "#111214", role.Light: "#3a3b40", role.Midlight: "#303136",
    }  # fmt: skip
    for colour_role, colour in colours.items():
        p.setColor(colour_role, QColor(colour))
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group.Disabled, colour_role, QColor("#7b7e84"))
    return p


def wants_dark() -> bool:
    """The user's choice of $LECTERN_THEME, else the system's colour scheme."""
    theme = os.environ.get(THEME_ENV, "").lower()
    if theme in ("dark", "light"):
        return theme == "dark"
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, styled, with a dark palette when the system (or user) wants one."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Lectern")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Lectern")
    app.setDesktopFileName("lectern")
    app.setWindowIcon(app_icon())
    app.setStyle(LecternStyle())
    app.setPalette(dark_palette() if wants_dark() else app.style().standardPalette())
    return app


def run(library_path: Path) -> int:
    """Open the window on ``library_path`` and run until it closes; returns the exit code."""
    app = make_application()
    try:
        try:
            window = MainWindow(library_path)
        except LibraryInUse:
            if not ask_open_read_only(None, library_path):
                return 0
            window = MainWindow(library_path, read_only=True)
    except LibraryError as exc:
        QMessageBox.critical(None, "Lectern", str(exc))
        return 1
    window.show()
    return app.exec()
