"""Check boxes and radio buttons can be seen on the dark palette, ticked or not."""

from __future__ import annotations

import pytest

from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton, QStyleFactory

from desktop.library.store import open_library

from desktop.ui.app import dark_palette
from desktop.ui.models.paper_table import PaperTableModel
from desktop.ui.style import LecternStyle
from desktop.ui.widgets.paper_table import PaperTable


@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
def test_an_unticked_indicator_stands_out_on_the_dark_palette(qtbot, kind):
    app = QApplication.instance()
    style = LecternStyle()
    button = kind("Include the abstract")
    button.setStyle(style)
    button.setPalette(dark_palette())
    qtbot.addWidget(button)
    button.show()
    app.processEvents()
    image = button.grab().toImage()
    background = dark_palette().window().color().lightness()
    # the indicator sits at the left edge, as tall as the text
    indicator = [
        image.pixelColor(x, y).lightness()
        for x in range(min(20, image.width()))
        for y in range(image.height())
    ]
    assert max(indicator) - background > 80


def test_the_paper_table_paints_with_fusion_itself(qtbot, tmp_path):
    """The table shows no indicators, and the proxy would cost a Python call per cell."""
    app = QApplication.instance()
    original = app.style().name()
    app.setStyle(LecternStyle())  # as the application sets it up
    try:
        lib = open_library(tmp_path / "library.sqlite", daily_backup=False)
        table = PaperTable(PaperTableModel(lib))
        qtbot.addWidget(table)
        assert table.style() is app.style().baseStyle()
        assert table.style().name().lower() == "fusion"
    finally:
        app.setStyle(QStyleFactory.create(original))  # Qt deletes the style it replaces
