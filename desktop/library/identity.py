"""How the library recognises a paper it already holds when a listing brings it again."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from desktop.formats.records import PaperRecord

_NOT_WORD = re.compile(r"[\W_]+")


def normalise_text(text: str) -> str:
    """Case, accents, punctuation and spacing folded away.

    "Zoë's  LLM-Pruning" becomes "zoes llm pruning".
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", bare.casefold().replace("'", "").replace("\u2019", "")).strip()


def paper_keys(record: PaperRecord) -> list[str]:
    """The identities of a paper, strongest first.

    A titled paper is known by its normalised title; a paper with an abstract is also
    known by it, so an abstract-only listing of a paper already in the library (with its
    title) is recognised too.
    """
    keys = []
    title = normalise_text(record.title or "")
    if title:
        keys.append(f"t:{title}")
    abstract = normalise_text(record.abstract)
    if abstract:
        keys.append(f"a:{hashlib.sha1(abstract.encode()).hexdigest()}")
    return keys
