"""Deterministic synthetic papers: realistic enough to load a library the way real ones do.

Papers come in chunks of `CHUNK`, each drawn from its own seeded random stream, so paper
*n* is the same whatever library size is asked for: the 100,000-paper library is the start
of the 1,000,000-paper one. Each paper has a title (2 % have none, as abstract-only
listings give), 1-8 authors from a skewed pool, an abstract of 120-250 words with a
Zipf-like word frequency over a large vocabulary, a category, a date, sometimes a code
link and an affiliation; and the state a user gives it: 0-5 tags from a few hundred,
a reading status, sometimes a note.
"""

from __future__ import annotations

import itertools
import random
from bisect import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from desktop.formats.records import PaperRecord
from tests.perf import words

GENERATOR_VERSION = 1  # bump when the papers generated change, so caches are rebuilt
CHUNK = 10_000
TAIL_WORDS = 40_000
IMPORT_YEAR = 2025  # the year a listing's year-less dates stand for
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
STATUS_WEIGHTS = {"unread": 68, "reading": 7, "read": 25}
TAG_COUNT_WEIGHTS = (45, 20, 15, 10, 6, 4)  # 0..5 tags
NOTE_SHARE = 0.03


@dataclass
class SyntheticPaper:
    """A paper as a listing gives it, and what its user has done with it."""

    record: PaperRecord
    tags: list[str] = field(default_factory=list)
    status: str = "unread"
    note: str = ""


class PaperFactory:
    """Makes the papers of one seed; ``chunk(i)`` is the same on every call and machine."""

    def __init__(self, seed: int = 1) -> None:
        self.seed = seed
        self.tail = words.tail_words(TAIL_WORDS, seed=seed)
        self.vocabulary = words.FUNCTION_WORDS + words.DOMAIN_WORDS + self.tail
        self._word_table = _weighted_table(self.vocabulary, exponent=1.05)
        self._tag_weights = _zipf_cumulative(len(words.TAGS), exponent=1.1)
        self._first = list(words.FIRST_NAMES)
        self._last = list(words.LAST_NAMES)
        self._last_weights = _zipf_cumulative(len(self._last), exponent=0.6)
        self._categories = list(words.CATEGORIES)
        self._category_weights = list(itertools.accumulate(words.CATEGORIES.values()))
        years = list(range(2010, IMPORT_YEAR + 1))
        self._years = years
        self._year_weights = list(itertools.accumulate((y - 2008) ** 2 for y in years))

    def papers(self, count: int) -> Iterator[SyntheticPaper]:
        """The first ``count`` papers of this seed, in order."""
        for index in itertools.count():
            if count <= 0:
                return
            chunk = self.chunk(index, min(count, CHUNK))
            yield from chunk
            count -= len(chunk)

    def chunk(self, index: int, count: int = CHUNK) -> list[SyntheticPaper]:
        """The first ``count`` papers of chunk ``index`` (a chunk has `CHUNK` at most)."""
        rng = random.Random(f"lectern-perf:{self.seed}:{GENERATOR_VERSION}:{index}")
        return [self._paper(rng) for _ in range(min(count, CHUNK))]

    # --- one paper -----------------------------------------------------------------------

    def _paper(self, rng: random.Random) -> SyntheticPaper:
        has_code = rng.random() < 0.35
        abstract = self._abstract(rng)
        code_urls: list[str] = []
        if has_code and rng.random() < 0.8:
            url = f"https://github.com/{rng.choice(self.tail)}/{rng.choice(self.tail)}"
            abstract += f" Code: {url}"
            code_urls.append(url)
        authors = self._authors(rng)
        record = PaperRecord(
            title=self._title(rng) if rng.random() >= 0.02 else None,
            authors=authors,
            et_al=len(authors) >= 3 and rng.random() < 0.15,
            affiliation=rng.choice(words.AFFILIATIONS) if rng.random() < 0.4 else "",
            category=rng.choices(self._categories, cum_weights=self._category_weights)[0],
            has_code=has_code,
            code_urls=code_urls,
            abstract=abstract,
            **self._date(rng),
        )
        return SyntheticPaper(
            record=record,
            tags=self._tags(rng),
            status=rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0],
            note=self._note(rng) if rng.random() < NOTE_SHARE else "",
        )

    def _date(self, rng: random.Random) -> dict[str, object]:
        inferred = rng.random() < 0.01
        year = (
            IMPORT_YEAR if inferred else rng.choices(self._years, cum_weights=self._year_weights)[0]
        )
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        return {"date": f"{year:04d}-{month:02d}-{day:02d}", "date_inferred": inferred}

    def _words(self, rng: random.Random, count: int) -> list[str]:
        # uniform picks from a table that repeats words by weight: no bisect per word
        return rng.choices(self._word_table, k=count)

    def _abstract(self, rng: random.Random) -> str:
        remaining = rng.randint(120, 250)
        sentences = []
        while remaining > 0:
            length = min(remaining, rng.randint(10, 28))
            remaining -= length
            sentence = self._words(rng, length)
            if rng.random() < 0.3:
                sentence[rng.randrange(length)] = rng.choice(words.ACRONYMS)
            if rng.random() < 0.1:
                sentence[rng.randrange(length)] = f"{rng.randint(2, 95)}.{rng.randint(0, 9)}%"
            sentences.append(sentence[0].capitalize() + " " + " ".join(sentence[1:]) + ".")
        return " ".join(sentences)

    def _title(self, rng: random.Random) -> str:
        name = rng.choice(self.tail).capitalize()
        if rng.random() < 0.3:
            name = name + rng.choice(self.tail).capitalize()  # CamelCase method names
        if rng.random() < 0.15:
            name = f"{rng.choice(words.ACRONYMS)}-{name}"
        topic = " ".join(w.capitalize() for w in self._words(rng, rng.randint(2, 4)))
        task = " ".join(w.capitalize() for w in rng.sample(words.DOMAIN_WORDS, 2))
        link = rng.choice(words.TITLE_LINKS)
        opener = rng.choice(words.TITLE_OPENERS)
        shape = rng.random()
        if shape < 0.45:
            title = f"{name}: {opener} {topic} {link} {task}"
        elif shape < 0.8:
            title = f"{opener} {topic} {link} {task} with {name}"
        else:
            title = f"{topic} {link} {task} in {rng.randint(2, 9)}D"
        return title

    def _authors(self, rng: random.Random) -> list[str]:
        count = rng.choices(range(1, 9), weights=(8, 14, 18, 18, 14, 11, 9, 8))[0]
        lasts = rng.choices(self._last, cum_weights=self._last_weights, k=count)
        return [f"{rng.choice(self._first)} {last}" for last in lasts]

    def _tags(self, rng: random.Random) -> list[str]:
        count = rng.choices(range(6), weights=TAG_COUNT_WEIGHTS)[0]
        chosen: dict[str, None] = {}
        while len(chosen) < count:
            chosen[_pick(rng, words.TAGS, self._tag_weights)] = None
        return list(chosen)

    def _note(self, rng: random.Random) -> str:
        bullets = [" ".join(rng.choices(words.NOTE_WORDS, k=rng.randint(4, 14)))]
        bullets += [" ".join(rng.choices(words.NOTE_WORDS, k=rng.randint(4, 14)))]
        return "## Notes\n\n" + "\n".join(f"- {b}" for b in bullets[: rng.randint(1, 2)])


def _zipf_cumulative(count: int, exponent: float = 1.0) -> list[float]:
    """Cumulative weights with rank r drawn in proportion to 1 / (r + 2.7) ** exponent."""
    return list(itertools.accumulate(1.0 / (rank + 2.7) ** exponent for rank in range(count)))


def _weighted_table(items: Sequence[str], exponent: float, slots: int = 1 << 20) -> list[str]:
    """``items`` each repeated about ``slots * weight`` times (at least once), by Zipf rank."""
    weights = [1.0 / (rank + 2.7) ** exponent for rank in range(len(items))]
    scale = slots / sum(weights)
    return [
        item
        for item, w in zip(items, weights, strict=True)
        for _ in range(max(1, round(w * scale)))
    ]


def _pick(rng: random.Random, items: Sequence[str], cumulative: list[float]) -> str:
    return items[bisect(cumulative, rng.random() * cumulative[-1])]


def compact_listing(records: Sequence[PaperRecord]) -> str:
    """The records as a compact listing (the format of seeds/001_*.txt), three lines each.

    A date inferred from the import year is written without a year, as listings do. A
    compact entry always has a title, so records without one are left out.
    """
    lines = []
    for record in records:
        if not record.title:
            continue
        year, month, day = (int(part) for part in (record.date or "2020-01-01").split("-"))
        when = f"{MONTHS[month - 1]} {day}" + ("" if record.date_inferred else f", {year}")
        lines.append(f"{record.category}{when}{'Code' if record.has_code else ''}")
        authors = ", ".join(record.authors) + (" et al." if record.et_al else "")
        affiliation = f" · {record.affiliation}" if record.affiliation else ""
        lines.append(f"{record.title}{authors}{affiliation}")
        lines.append(record.abstract)
    return "\n".join(lines) + "\n"


def benchmark_queries(seed: int = 1) -> dict[str, str]:
    """What the benchmark types into the search box, by kind, for libraries of ``seed``."""
    rare = words.tail_words(TAIL_WORDS, seed=seed)[TAIL_WORDS * 3 // 4]
    return {
        "common word": "model",
        "rare word": rare,
        "author": 'author:"Yuki Tanaka"',
        "tag": "tag:survey",
        "status and years": "status:unread year:2020..2024",
        "phrase": '"neural network"',
        "negation": "model -transformer",
    }


def bibtex_listing(records: Sequence[PaperRecord]) -> str:
    """The records as BibTeX ``@misc`` entries (for when Lectern can read BibTeX)."""
    entries = []
    for number, record in enumerate(records):
        year, month, _day = (record.date or "2020-01-01").split("-")
        fields = {
            "title": record.title or "",
            "author": " and ".join(record.authors + ["others"] * record.et_al),
            "year": year,
            "month": MONTHS[int(month) - 1].lower(),
            "abstract": record.abstract,
            "url": record.code_urls[0] if record.code_urls else "",
        }
        body = ",\n".join(f"  {k} = {{{_bib_escape(v)}}}" for k, v in fields.items() if v)
        entries.append(f"@misc{{synthetic{number},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


def _bib_escape(text: str) -> str:
    return text.replace("\\", "\\textbackslash{}").replace("%", "\\%").replace("&", "\\&")
