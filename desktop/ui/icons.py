"""Icons drawn from the SVGs in resources/icons, in the palette's text colour.

The SVGs are drawn in one placeholder ink; each icon is rendered from the vector at the
size and device pixel ratio asked for, so icons stay sharp at high DPI and follow a dark
palette.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from desktop.assets import resources_dir

_INK = "#1f2328"  # the colour the SVG files are drawn in


class _TintedSvgEngine(QIconEngine):
    def __init__(self, svg: str) -> None:
        super().__init__()
        self._svg = svg

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        palette = QApplication.palette()
        group = (
            QPalette.ColorGroup.Disabled
            if mode == QIcon.Mode.Disabled
            else QPalette.ColorGroup.Normal
        )
        ink = palette.color(group, QPalette.ColorRole.WindowText).name()
        renderer = QSvgRenderer(QByteArray(self._svg.replace(_INK, ink).encode()))
        renderer.render(painter, rect.toRectF())

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _TintedSvgEngine(self._svg)


@cache
def icon(name: str) -> QIcon:
    """The icon ``name`` (a file stem in resources/icons), tinted to the palette."""
    svg = (resources_dir() / "icons" / f"{name}.svg").read_text(encoding="utf-8")
    return QIcon(_TintedSvgEngine(svg))


def app_icon() -> QIcon:
    """Lectern's own icon, in its own colours."""
    return QIcon(str(resources_dir() / "icons" / "lectern.svg"))
