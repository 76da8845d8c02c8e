"""Opening links from imported text and notes: web links only, and only when clicked."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

SAFE_SCHEMES = ("http", "https")


def open_web_link(url: QUrl | str) -> bool:
    """Open an http(s) link in the system browser; any other scheme is refused (False)."""
    url = QUrl(url) if isinstance(url, str) else url
    if url.scheme().lower() not in SAFE_SCHEMES or not url.host():
        return False
    return QDesktopServices.openUrl(url)
