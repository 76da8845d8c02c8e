"""The short report after an import: what was added, what was there, what was not read."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop.formats.records import FORMAT_NAMES
from desktop.library.importing import ImportReport

from desktop.ui.tasks import ImportFailure


def report_html(reports: list[ImportReport], failures: list[ImportFailure], cancelled: bool) -> str:
    """The report as simple HTML (every name and message escaped)."""
    added = sum(r.added for r in reports)
    present = sum(r.present for r in reports)
    parts = [f"<p><b>{added} added</b>, {present} already in the library.</p>"]
    if cancelled:
        parts.append("<p>The import was cancelled; the file under way was not imported.</p>")
    items = []
    for report in reports:
        kind = FORMAT_NAMES.get(report.format, report.format)
        line = (
            f"<b>{html.escape(report.name)}</b> ({kind}): {report.added} added, "
            f"{report.present} already there"
        )
        if report.skipped:
            skipped = "".join(
                f"<li>line {p.line}: {html.escape(p.message)}</li>" for p in report.skipped
            )
            line += f", {len(report.skipped)} skipped:<ul>{skipped}</ul>"
        items.append(f"<li>{line}</li>")
    for failure in failures:
        items.append(
            f"<li><b>{html.escape(failure.name)}</b> could not be read: "
            f"{html.escape(failure.message)}</li>"
        )
    parts.append(f"<ul>{''.join(items)}</ul>")
    return "".join(parts)


class ImportReportDialog(QDialog):
    """Shows `report_html` with a Close button."""

    def __init__(
        self,
        reports: list[ImportReport],
        failures: list[ImportFailure],
        cancelled: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importReport")
        self.setWindowTitle("Import finished")
        self.resize(520, 320)
        text = QTextBrowser()
        text.setOpenLinks(False)
        text.setHtml(report_html(reports, failures, cancelled))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
