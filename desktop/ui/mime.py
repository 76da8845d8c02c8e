"""Papers dragged inside the window travel as a list of ids under Lectern's own MIME type."""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QMimeData

PAPER_IDS_MIME = "application/x-lectern-paper-ids"


def encode_paper_ids(ids: list[int]) -> QByteArray:
    """The drag payload for these papers."""
    return QByteArray(json.dumps(ids).encode())


def decode_paper_ids(mime: QMimeData) -> list[int]:
    """The papers a drop carries; empty when it carries none (or is not ours)."""
    if not mime.hasFormat(PAPER_IDS_MIME):
        return []
    try:
        ids = json.loads(bytes(mime.data(PAPER_IDS_MIME).data()).decode())
    except ValueError:
        return []
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []
