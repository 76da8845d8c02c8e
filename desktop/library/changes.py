"""What a change did, so views can refresh just what it touched.

Core functions return a ChangeSet; they never notify anyone. The window publishes it on
its change bus after an edit or an undo (the Anki "operation changes" idea).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChangeSet:
    """Which papers changed, and whether lists of papers may have gained or lost members.

    ``membership`` is set when any view may now hold other papers or another order
    (imports, the Trash, renamed or deleted tags, list orders); views then re-query.
    ``fields`` names what an edit changed on the papers of ``paper_ids`` ("status",
    "tags", "title"): a view whose filter, scope or sort uses one of them re-queries, any
    other only re-reads those rows (tagging 10,000 papers need not reset the whole table).
    """

    paper_ids: frozenset[int] = field(default_factory=frozenset)
    membership: bool = False
    fields: frozenset[str] = field(default_factory=frozenset)
    tags: bool = False  # the set of tags, their names, colours or counts
    lists: bool = False  # reading lists, their items or counts
    sources: bool = False  # imported files
    notes: bool = False

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(
            paper_ids=self.paper_ids | other.paper_ids,
            membership=self.membership or other.membership,
            fields=self.fields | other.fields,
            tags=self.tags or other.tags,
            lists=self.lists or other.lists,
            sources=self.sources or other.sources,
            notes=self.notes or other.notes,
        )
