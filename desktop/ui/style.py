"""The application's style: Fusion, with check and radio indicators visible on dark palettes.

Fusion outlines an indicator in the window colour made darker, which on a dark palette
is nearly the colour of the indicator itself: an unticked box or radio button vanishes.
On a dark palette the indicators get a light outline of their own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory, QStyleOption, QWidget

_OUTLINED = {
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
}


class LecternStyle(QProxyStyle):
    """Fusion, with indicators outlined where the palette is dark."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        palette = option.palette
        if element not in _OUTLINED or palette.color(QPalette.ColorRole.Window).lightness() > 127:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.PlaceholderText), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        box = option.rect.adjusted(1, 1, -1, -1).toRectF().adjusted(0.5, 0.5, -0.5, -0.5)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(box)
        else:
            painter.drawRoundedRect(box, 2, 2)
        painter.restore()


def paint_without_outlines(widget: QWidget) -> None:
    """Paint ``widget`` with a Fusion of its own: for views that show no indicators.

    Every primitive the proxy draws is a call into Python, and so is every one Fusion
    draws while the proxy wraps it (Fusion asks its proxy for each part of an item): a
    table repaint makes hundreds, a fifth of the paper table's repaint time as you type.
    """
    style = QStyleFactory.create("Fusion")
    style.setParent(widget)  # a widget does not own its style; this keeps it alive
    widget.setStyle(style)
