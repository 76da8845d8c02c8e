"""One change notice for the whole window: every edit, undo and import ends by publishing it.

Views do not call each other; they listen here and refresh what a ChangeSet says changed
(Anki's "operation did execute" hook, as a Qt signal).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.library.changes import ChangeSet


class ChangeBus(QObject):
    """Carries ChangeSets from whoever changed the library to every view."""

    changed = Signal(object)  # ChangeSet

    def publish(self, changes: ChangeSet) -> None:
        """Tell every view what changed; an empty ChangeSet says nothing and is dropped."""
        if changes != ChangeSet():
            self.changed.emit(changes)
