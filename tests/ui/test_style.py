"""Check boxes and radio buttons can be seen on the dark palette, ticked or not."""

from __future__ import annotations

import pytest

from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton

from desktop.ui.app import dark_palette
from desktop.ui.style import LecternStyle


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
