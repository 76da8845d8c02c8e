"""Finding papers the library probably holds twice, with the evidence for each group.

Three kinds of evidence, strongest first: the same identifier (DOI, arXiv id, or a page
URL where nothing else differs: many articles can share one URL);
the same normalised title with the same first author and year; a very similar title
(difflib ratio at least `SIMILAR_TITLE`) with the same first author and year. A title
alone is never enough: journals' "Editorial" columns share one title across issues.
Papers in the Trash are left out.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field

from desktop.library.identity import (
    Sameness,
    agree,
    normalise_url,
    sameness,
)
from desktop.library.store import Library

SIMILAR_TITLE = 0.9
# a paper as titles are compared: id, normalised title, (volume, number, pages)
_Titled = tuple[int, str, tuple[str, ...]]

_PAPERS_SQL = """
    SELECT p.id, p.title, p.date, p.doi, p.arxiv_id, p.url, p.volume, p.number, p.pages,
        (SELECT a.name FROM paper_authors pa JOIN authors a ON a.id = pa.author_id
         WHERE pa.paper_id = p.id ORDER BY pa.position LIMIT 1)
    FROM papers p WHERE p.deleted IS NULL ORDER BY p.id"""


@dataclass
class DuplicateGroup:
    """Papers that look like one paper, and why (e.g. "same DOI 10.1000/x: 3, 7")."""

    ids: list[int]
    evidence: list[str] = field(default_factory=list)


def find_duplicates(lib: Library) -> list[DuplicateGroup]:
    """Groups of two or more papers that are probably the same, ordered by smallest id."""
    links = _Links()
    by_identifier: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_author_year: dict[tuple[str, str], list[_Titled]] = defaultdict(list)
    by_url: dict[str, list[tuple[int, Sameness]]] = defaultdict(list)
    for row in lib.db.execute(_PAPERS_SQL):
        paper_id, title, date, doi, arxiv, url, *details, first_author = row
        for kind, value in (("DOI", (doi or "").casefold()), ("arXiv id", arxiv or "")):
            if value:
                by_identifier[(kind, value)].append(paper_id)
        mine = sameness(title, [first_author] if first_author else [], date, *details)
        if normalise_url(url or ""):
            by_url[normalise_url(url)].append((paper_id, mine))
        folded_title, surname, year, *folded_details = mine
        if title and surname and year:
            by_author_year[(surname, year)].append((paper_id, folded_title, tuple(folded_details)))
    for (kind, value), ids in by_identifier.items():
        if len(ids) > 1:
            links.join(ids, f"same {kind} {value}")
    for url, papers in by_url.items():
        # many articles can share one URL (an issue's PDF): it counts where nothing differs
        for index, (paper_id, mine) in enumerate(papers):
            for other_id, theirs in papers[index + 1 :]:
                if agree(mine, theirs):
                    links.join([paper_id, other_id], f"same URL {url}")
    for (surname, year), papers in by_author_year.items():
        _join_titles(links, papers, f"{surname}, {year}")
    return links.groups()


def _join_titles(links: _Links, papers: list[_Titled], who: str) -> None:
    """Join papers of one first author and year whose titles are the same or close.

    Papers whose volume, number or pages both give and differ are different papers.
    """
    for index, (paper_id, title, details) in enumerate(papers):
        matcher = difflib.SequenceMatcher(None, "", title)  # b is cached: set once
        for other_id, other_title, other_details in papers[index + 1 :]:
            if not agree(details, other_details):
                continue
            pair = [paper_id, other_id]
            if title == other_title:
                links.join(pair, f"same title, first author and year ({who})")
                continue
            matcher.set_seq1(other_title)
            if matcher.quick_ratio() >= SIMILAR_TITLE and matcher.ratio() >= SIMILAR_TITLE:
                ratio = f"{matcher.ratio():.2f}"
                links.join(pair, f"similar titles ({ratio}), same first author and year ({who})")


class _Links:
    """Union-find over paper ids, remembering the evidence of every join."""

    def __init__(self) -> None:
        self._parent: dict[int, int] = {}
        self._evidence: list[tuple[int, str]] = []

    def _root(self, paper_id: int) -> int:
        parent = self._parent.setdefault(paper_id, paper_id)
        if parent != paper_id:
            parent = self._parent[paper_id] = self._root(parent)
        return parent

    def join(self, ids: list[int], evidence: str) -> None:
        root = self._root(ids[0])
        for paper_id in ids[1:]:
            other = self._root(paper_id)
            if other != root:
                self._parent[max(root, other)] = min(root, other)
                root = min(root, other)
        self._evidence.append((ids[0], f"{evidence}: {', '.join(map(str, sorted(ids)))}"))

    def groups(self) -> list[DuplicateGroup]:
        members: dict[int, list[int]] = defaultdict(list)
        for paper_id in self._parent:
            members[self._root(paper_id)].append(paper_id)
        found = {root: DuplicateGroup(sorted(ids)) for root, ids in members.items()}
        for paper_id, evidence in self._evidence:
            found[self._root(paper_id)].evidence.append(evidence)
        return sorted(found.values(), key=lambda group: group.ids[0])
