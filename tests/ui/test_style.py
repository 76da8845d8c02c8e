"""Check boxes and radio buttons can be seen on the dark palette, ticked or not."""

from __future__ import annotations

import pytest

from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton, QStyleFactory

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


class CountingStyle(LecternStyle):
    """The application's style, counting the primitives drawn through it."""

    def __init__(self) -> None:
        super().__init__()
        self.primitives = 0

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        self.primitives += 1
        super().drawPrimitive(element, option, painter, widget)


def test_the_paper_table_paints_without_calls_into_the_python_style(qtbot, seeded):
    """The table shows no indicators, and the proxy would cost a Python call per cell."""
    app = QApplication.instance()
    original = app.style().name()
    style = CountingStyle()
    app.setStyle(style)  # as the application sets it up
    try:
        model = PaperTableModel(seeded)
        model.reload()
        table = PaperTable(model)
        qtbot.addWidget(table)
        table.resize(600, 300)
        table.show()
        table.selectRow(0)  # a selected row is drawn as a panel too
        table.viewport().grab()  # paints the rows
        assert model.rowCount() == 80
        assert style.primitives == 0
        assert table.style().name().lower() == "fusion"
    finally:
        app.setStyle(QStyleFactory.create(original))  # Qt deletes the style it replaces
