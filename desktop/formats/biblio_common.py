"""What the BibTeX, RIS and CSL-JSON readers share: identifiers, dates, keywords, names.

Reference managers write the same facts in many spellings (``doi = {https://doi.org/...}``,
``eprint = {arXiv:2101.00001v2}``, ``Smith, J.`` or ``J. Smith``); these helpers bring
them to the one spelling the library stores, so the same paper is recognised whichever
file brings it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Hosts whose links are a paper's code, not the paper.
CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "huggingface.co")
# How the library writes a page range (BibTeX's "--"), so every format's ranges compare equal.
PAGE_RANGE_DASH = "\u2013"
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_ARXIV_NEW = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d])")
_ARXIV_OLD = re.compile(r"\b([a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?\b")
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/([^\s?#]+?)(?:v\d+)?(?:\.pdf)?(?:[?#]|$)")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


def split_links(urls: list[str]) -> tuple[str, list[str]]:
    """The paper's own page among ``urls``, and its code links.

    Code hosts' links are the paper's code (as listings give them); arXiv links are left
    out of the page, since the arXiv id keeps them, so each link has one home however
    often a paper goes out and comes back.
    """
    page = ""
    code: list[str] = []
    for url in (url.strip() for url in urls):
        host = _host(url)
        if _on(host, CODE_HOSTS):
            code.append(url)
        elif not page and host and not _on(host, ("arxiv.org",)):
            page = url
    return page, list(dict.fromkeys(code))


def _host(url: str) -> str:
    """The host of a web link, or "" for anything else (or a link urlsplit refuses)."""
    if not url.casefold().startswith(("http://", "https://")):
        return ""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _on(host: str, domains: tuple[str, ...]) -> bool:
    host = host.casefold()
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def normalise_doi(text: str) -> str:
    """The bare DOI in ``text`` (a DOI, ``doi:`` form or doi.org link), lowercased, or ""."""
    match = _DOI.search(text or "")
    # DOIs are case-insensitive; a trailing full stop is the sentence's, not the DOI's
    return match.group(0).rstrip(".,;").lower() if match else ""


def arxiv_id(*texts: str) -> str:
    """The arXiv identifier, without its version, of the first of ``texts`` that has one.

    Each text is an identifier (``2101.00001v2``, ``arXiv:hep-th/9901001``) or a link to
    arxiv.org; other links are not searched, so a number in a publisher's link is not
    taken for an arXiv id.
    """
    for text in texts:
        text = (text or "").strip()
        if "arxiv.org/" in text.casefold():
            match = _ARXIV_URL.search(text)
        else:
            bare = re.sub(r"^arxiv:\s*", "", text, flags=re.IGNORECASE)
            match = _ARXIV_NEW.fullmatch(bare) or _ARXIV_OLD.fullmatch(bare)
        if match:
            return re.sub(r"v\d+$", "", match.group(1))
    return ""


def iso_date(year: str, month: str = "", day: str = "") -> str | None:
    """An ISO date as precise as the file gives it (YYYY, YYYY-MM or YYYY-MM-DD), or None.

    A year alone stays a year: padding it to January 1 would show a day nobody gave, and
    partial ISO dates still sort and compare with full ones.
    """
    found = re.search(r"\d{4}", year or "")
    if not found:
        return None
    month_number = _month(month)
    if not month_number:
        return found.group(0)
    day_number = int(day) if (day or "").strip().isdigit() else 0
    if not 1 <= day_number <= 31:
        return f"{found.group(0)}-{month_number:02d}"
    return f"{found.group(0)}-{month_number:02d}-{day_number:02d}"


def _month(text: str) -> int:
    text = (text or "").strip().casefold().rstrip(".")
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    return _MONTHS.get(text, 0)


def split_keywords(text: str) -> list[str]:
    """Keywords from a field that separates them by commas or semicolons, in order, once."""
    seen: dict[str, str] = {}
    for word in re.split(r"[,;\n]", text or ""):
        word = " ".join(word.split())
        if word and word.casefold() not in seen:
            seen[word.casefold()] = word
    return list(seen.values())


def display_name(family: str, given: str = "", von: str = "", suffix: str = "") -> str:
    """A person's name in reading order, as the library stores names: "Ludwig van Beethoven"."""
    parts = [given, von, family]
    name = " ".join(part.strip() for part in parts if part and part.strip())
    if suffix.strip():
        name = f"{name}, {suffix.strip()}" if name else suffix.strip()
    return name


def inverted_name(text: str) -> str:
    """A "Family, Given[, Suffix]" name (RIS) in reading order; other names as they are."""
    parts = [part.strip() for part in text.split(",")]
    if len(parts) == 1:
        return " ".join(text.split())
    family, given = parts[0], parts[1]
    suffix = ", ".join(part for part in parts[2:] if part)
    return display_name(family, given, suffix=suffix)


def status_from_readstatus(text: str) -> str | None:
    """JabRef's readstatus (read, skimmed) as a reading status; anything else is none."""
    value = (text or "").strip().casefold()
    if value == "read":
        return "read"
    if value in ("skimmed", "reading"):  # "reading": Lectern's own exports
        return "reading"
    return None


def rating_from_ranking(text: str) -> int | None:
    """JabRef's ranking (rank1 to rank5) as a rating of 1 to 5; anything else is none."""
    value = (text or "").strip().casefold()
    if len(value) == 5 and value.startswith("rank") and value[4] in "12345":
        return int(value[4])
    return None
