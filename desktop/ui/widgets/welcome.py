"""What an empty library shows: what Lectern is for, and a one-click way to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.ui.icons import app_icon, icon

WELCOME = """
<h2>Your reading library is empty</h2>
<p>Lectern keeps the papers you mean to read: bring in paper listings (author profile
pages, compact listings, abstract dumps), then search, tag, mark what you have read and
write notes as you go.</p>
<p>Start with the sample papers, or import your own files. You can also drop files on
this window, or paste a listing with <b>Ctrl+Shift+V</b>.</p>
"""


class Welcome(QWidget):
    """The first-run page."""

    import_samples = Signal()
    import_files = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(96, 96))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(WELCOME)
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setFixedWidth(560)  # a fixed width lets the wrapped text take the height it needs
        samples = QPushButton(icon("import"), "Import the sample papers")
        samples.setObjectName("importSamplesButton")
        samples.setDefault(True)
        samples.clicked.connect(self.import_samples)
        files = QPushButton("Import files…")
        files.setObjectName("importFilesButton")
        files.clicked.connect(self.import_files)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(samples)
        buttons.addWidget(files)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(logo)
        layout.addWidget(text, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(2)
