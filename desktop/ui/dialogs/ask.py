"""Small questions the window asks: which tags, which reading list, which colour."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.widgets.tag_editor import TagEditor, split_tags


def _dialog(parent: QWidget, title: str, prompt: str, field: QWidget) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    label = QLabel(prompt)
    label.setBuddy(field)
    layout.addWidget(label)
    layout.addWidget(field)
    layout.addWidget(buttons)
    dialog.resize(380, dialog.sizeHint().height())
    return dialog


def ask_tags(parent: QWidget, title: str, prompt: str, known: list[str]) -> list[str]:
    """Tags typed by the user (completing from ``known``); empty when cancelled."""
    editor = TagEditor()
    editor.set_known_tags(known)
    dialog = _dialog(parent, title, prompt, editor)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return []
    return split_tags(editor.text())


def ask_list(parent: QWidget, names: list[str], count: int) -> str:
    """A reading list's name, chosen or typed (a new name makes a new list); "" if cancelled."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems(names)
    combo.setCurrentText("")
    combo.lineEdit().setPlaceholderText("Choose a list, or type a new name")
    what = "1 paper" if count == 1 else f"{count} papers"
    dialog = _dialog(parent, "Add to Reading List", f"Add {what} to the reading list:", combo)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return ""
    return " ".join(combo.currentText().split())


def ask_color(parent: QWidget, current: str | None) -> str | None:
    """A colour as #rrggbb, or None when cancelled."""
    color = QColorDialog.getColor(QColor(current or "#2f5d8a"), parent, "Tag Colour")
    return color.name() if color.isValid() else None
