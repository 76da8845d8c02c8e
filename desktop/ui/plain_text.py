"""Imported text shown in places where Qt would read HTML: escaped, so it stays text.

Qt renders a tooltip, a message box or an AutoText label as rich text when it merely
looks like HTML,
and rich text may load resources (`<img src="file:...">`). Text from a listing is
therefore escaped and marked as rich text explicitly, so Qt shows it exactly as typed.
"""

from __future__ import annotations

import html


def escaped_rich_text(text: str) -> str:
    """Text for a tooltip or message box: shown verbatim, line breaks kept."""
    if not text:
        return ""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"
