"""Folding text for identity keys: the fast paths give exactly the defining folding.

The keys are stored in libraries, so the folding must never change: the reference below
is its definition, and normalise_text must agree with it on any text.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.library.identity import normalise_text

_NOT_WORD = re.compile(r"[\W_]+")


def _normalise_text_reference(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_WORD.sub(" ", bare.casefold().replace("'", "").replace("\u2019", "")).strip()


_PIECES = ("  ", " ", "'", "\u2019", "_", "-", "\t", "\x1c", "Zoë", "e\u0301", "ﬁ", "İ", "ß")


@settings(max_examples=1000, deadline=None)
@given(
    st.text()
    | st.text(alphabet=st.characters(max_codepoint=127))
    | st.lists(st.sampled_from(_PIECES) | st.characters(), max_size=30).map("".join)
)
def test_normalise_text_agrees_with_its_definition(text: str) -> None:
    assert normalise_text(text) == _normalise_text_reference(text)


def test_normalise_text_examples() -> None:
    assert normalise_text("Zoë's  LLM-Pruning") == "zoes llm pruning"
    assert normalise_text("  __Straße__ ﬁne ") == "strasse fine"
    assert normalise_text("") == ""
