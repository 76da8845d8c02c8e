"""The Export dialog: which format, which optional parts, which file.

The dialog only asks; `desktop.ui.exporter` runs the export. Object names for tests and
acceptance checks: ``exportDialog``, ``exportFormat`` (the format chooser),
``exportInclude_<part>`` (one check box per optional part), ``exportPath`` and
``exportBrowse``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.formats.export import FORMATS, INCLUDE_CHOICES

# Parts most reading lists want; notes are private, so they are left to the user to add.
_INCLUDED_FIRST = frozenset({"abstract", "tags", "status"})
_UNSAFE_IN_FILE_NAMES = re.compile(r"[^\w.-]+")
_EXTENSIONS = frozenset("." + fmt.extension for fmt in FORMATS.values())


@dataclass(frozen=True)
class ExportChoice:
    """What the user picked: a format name (a key of FORMATS), the parts, the file."""

    format_name: str
    include: frozenset[str]
    path: Path


def suggested_file_name(description: str) -> str:
    """A file name (without extension) from what is exported, e.g. "Reading list: ML"."""
    stem = _UNSAFE_IN_FILE_NAMES.sub("-", description.lower()).strip("-.")
    return stem[:60] or "lectern-export"


class ExportDialog(QDialog):
    """Asks for the format, the optional parts and the file of an export."""

    def __init__(
        self,
        count: int,
        scope_description: str,
        path: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export")
        papers = "1 paper" if count == 1 else f"{count:,} papers"
        summary = QLabel(f"Export {papers} from {scope_description}.")
        summary.setWordWrap(True)
        self.format = QComboBox(objectName="exportFormat")
        for fmt in FORMATS.values():
            self.format.addItem(f"{fmt.label} (.{fmt.extension})", fmt.name)
        self.includes = {part: self._include_box(part) for part in INCLUDE_CHOICES}
        self.path = QLineEdit(str(path), objectName="exportPath")
        browse = QPushButton("Choose…", objectName="exportBrowse")
        browse.clicked.connect(self._browse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out(summary, browse)
        self.format.currentIndexChanged.connect(self._fit_extension)
        self.path.textChanged.connect(self._enable_export)
        self._fit_extension()

    def _include_box(self, part: str) -> QCheckBox:
        box = QCheckBox(part.capitalize(), objectName=f"exportInclude_{part}")
        box.setChecked(part in _INCLUDED_FIRST)
        return box

    def _lay_out(self, summary: QLabel, browse: QPushButton) -> None:
        parts = QHBoxLayout()
        for box in self.includes.values():
            parts.addWidget(box)
        parts.addStretch()
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("&Format:", self.format)
        form.addRow("Include:", parts)
        # a row of two widgets gets no buddy from the form: the label names the path field
        file_label = QLabel("File &name:")  # Alt+F is the format's
        file_label.setBuddy(self.path)
        form.addRow(file_label, file_row)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def format_name(self) -> str:
        """The chosen format's name (a key of `FORMATS`)."""
        return str(self.format.currentData())

    def choice(self) -> ExportChoice:
        """The format, parts and file as they stand, the file with the format's extension."""
        return ExportChoice(
            format_name=self.format_name(),
            include=frozenset(part for part, box in self.includes.items() if box.isChecked()),
            path=self._with_extension(Path(self.path.text().strip()).expanduser()),
        )

    def _with_extension(self, path: Path) -> Path:
        extension = "." + FORMATS[self.format_name()].extension
        if path.suffix.lower() == extension:
            return path
        if path.suffix.lower() in _EXTENSIONS:  # another format's: swap it
            return path.with_suffix(extension)
        return path.with_name(path.name + extension)  # "notes.v2" keeps its ".v2"

    def _fit_extension(self) -> None:
        """Give the file the chosen format's extension (what the other formats' were)."""
        text = self.path.text().strip()
        if text:
            self.path.setText(str(self._with_extension(Path(text))))

    def _enable_export(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.path.text().strip()))

    def _browse(self) -> None:
        fmt = FORMATS[self.format_name()]
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Export to", self.path.text(), f"{fmt.label} (*.{fmt.extension})"
        )
        if chosen:
            self.path.setText(str(self._with_extension(Path(chosen))))
