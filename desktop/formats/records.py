"""What a reader hands to the library: parsed papers, the source they came from, problems.

Readers are pure functions from text to these records; they know nothing of the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# What each reader's format is called in messages to the user.
FORMAT_NAMES = {
    "profile": "author profile page",
    "compact": "compact listing",
    "abstracts": "abstract-only listing",
    "bibtex": "BibTeX file",
    "ris": "RIS file",
    "csljson": "CSL-JSON file",
}


class ImportFormatError(Exception):
    """A file (or one entry of it) cannot be read. The only error a reader may raise.

    ``line`` is 1-based and ``None`` when the problem concerns the whole file.
    """

    def __init__(self, message: str, *, filename: str = "", line: int | None = None) -> None:
        self.message = message
        self.filename = filename
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.filename or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(slots=True)  # slots: a large listing holds many of these at once
class PaperRecord:
    """One paper as a listing gives it. Empty strings mean "the listing says nothing"."""

    title: str | None
    authors: list[str] = field(default_factory=list)
    et_al: bool = False
    affiliation: str = ""
    category: str = ""
    date: str | None = None  # ISO YYYY-MM-DD, or YYYY-MM / YYYY when the file says no more
    date_inferred: bool = False  # the listing gave no year; it is the import year
    has_code: bool = False
    code_urls: list[str] = field(default_factory=list)
    abstract: str = ""
    line: int = 0  # 1-based line where the entry starts, for messages
    # What reference managers' files add (BibTeX, RIS, CSL-JSON); listings leave them empty.
    venue: str = ""  # journal, proceedings or publisher
    volume: str = ""
    number: str = ""
    pages: str = ""
    doi: str = ""  # bare and lowercased: 10.1000/xyz
    arxiv_id: str = ""  # without its version: 2101.00001 or hep-th/9901001
    url: str = ""
    keywords: tuple[str, ...] = ()
    note: str = ""
    entry_type: str = ""  # the file's own type name: article, JOUR, article-journal
    citation_key: str = ""
    status: str | None = None  # a reading status the file records (JabRef's readstatus)
    groups: tuple[str, ...] = ()  # reading lists the file puts the paper on (JabRef's groups)
    rating: int | None = None  # 1 to 5 (JabRef's ranking)
    bibliographic: bool = False  # from a reference manager's file, not a listing


@dataclass
class Problem:
    """An entry that was skipped, and why."""

    line: int
    message: str


@dataclass
class ProfileInfo:
    """The author profile a listing page belongs to, with the figures the page shows."""

    name: str
    subject: str = ""
    figures: dict[str, str] = field(default_factory=dict)
    declared_papers: int | None = None


@dataclass
class ParsedListing:
    """Everything one file yielded."""

    format: str  # "profile", "compact", "abstracts", ...
    papers: list[PaperRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    profile: ProfileInfo | None = None
