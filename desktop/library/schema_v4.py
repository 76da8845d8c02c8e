"""Version 4 of the schema: counts kept by triggers, and tags in a search index of their own.

Counts: the sidebar showed counts by grouping every paper on each refresh (about a second
at a million papers). Papers outside the Trash are now counted per status and category in
`paper_counts`, and per tag and per source in a ``papers`` column of their own row, all
kept by triggers. A paper leaving or entering the Trash moves its tags' and sources'
counts with it. A live paper deleted outright is uncounted BEFORE the delete, while its
links still exist: the links' own delete triggers, run by the cascade, no longer see the
paper and leave the counts alone.

Search: a paper's tags were a column of its one full-text row, so tagging ten thousand
papers re-indexed ten thousand abstracts (13 s at 100k papers). Tag names now have a
small index of their own, `tags_fts`, one row per tag, and tagging touches no full-text
index at all; `papers_fts` keeps title, authors, abstract and notes. A search word is
found in a paper's text or in the names of its tags (see `search_sql`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

_TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"
# The prefix lengths (in characters) indexed by ``prefix`` above: a prefix of another length
# is looked up by merging the lists of every word it begins.
INDEXED_PREFIX_LENGTHS = frozenset({2, 3})


@dataclass(frozen=True)
class SearchIndex:
    """A full-text table whose rows are computed from the tables, keyed by ``key``'s id."""

    table: str
    columns: tuple[str, ...]
    source: str  # the table the rows come from, with its alias
    key: str  # the source's id, which is each row's rowid
    values: str  # the columns' values, as SQL over the source

    def rows(self, which: str = "1") -> str:
        """SELECT the id and values of the source rows matching the condition ``which``."""
        return f"SELECT {self.key}, {self.values} FROM {self.source} WHERE {which}"

    def fill(self, which: str = "1") -> str:
        """INSERT the rows of the source rows matching ``which``."""
        return f"INSERT INTO {self.table} (rowid, {', '.join(self.columns)}) {self.rows(which)}"

    def create(self) -> str:
        """CREATE the (empty) full-text table."""
        columns = ", ".join(self.columns)
        return f"CREATE VIRTUAL TABLE {self.table} USING fts5({columns}, {_TOKENIZE})"

    def refresh(self, ids: str) -> str:
        """Statements that recompute the rows whose id is ``ids`` (SQL such as ``= NEW.id``)."""
        return f"DELETE FROM {self.table} WHERE rowid {ids}; {self.fill(f'{self.key} {ids}')};"


PAPER_TEXT = SearchIndex(
    "papers_fts",
    ("title", "authors", "abstract", "notes"),
    "papers p",
    "p.id",
    "coalesce(p.title, ''), p.authors_display,"
    " coalesce((SELECT a.abstract FROM paper_abstracts a WHERE a.paper_id = p.id), ''),"
    " coalesce((SELECT n.body FROM notes n WHERE n.paper_id = p.id), '')",
)
TAG_NAMES = SearchIndex("tags_fts", ("name",), "tags t", "t.id", "t.name")
SEARCH_INDEXES = (PAPER_TEXT, TAG_NAMES)

# (trigger name, event, index, which rows change)
SEARCH_TRIGGERS = [
    ("papers_fts_insert", "AFTER INSERT ON papers", PAPER_TEXT, "= NEW.id"),
    (
        "papers_fts_update",
        "AFTER UPDATE OF title, authors_display ON papers",
        PAPER_TEXT,
        "= NEW.id",
    ),
    ("abstracts_fts_insert", "AFTER INSERT ON paper_abstracts", PAPER_TEXT, "= NEW.paper_id"),
    ("abstracts_fts_update", "AFTER UPDATE ON paper_abstracts", PAPER_TEXT, "= NEW.paper_id"),
    ("abstracts_fts_delete", "AFTER DELETE ON paper_abstracts", PAPER_TEXT, "= OLD.paper_id"),
    ("notes_fts_insert", "AFTER INSERT ON notes", PAPER_TEXT, "= NEW.paper_id"),
    ("notes_fts_update", "AFTER UPDATE ON notes", PAPER_TEXT, "= NEW.paper_id"),
    ("notes_fts_delete", "AFTER DELETE ON notes", PAPER_TEXT, "= OLD.paper_id"),
    ("papers_fts_delete", "AFTER DELETE ON papers", PAPER_TEXT, "= OLD.id"),
    ("tags_fts_insert", "AFTER INSERT ON tags", TAG_NAMES, "= NEW.id"),
    ("tags_fts_rename", "AFTER UPDATE OF name ON tags", TAG_NAMES, "= NEW.id"),
    ("tags_fts_delete", "AFTER DELETE ON tags", TAG_NAMES, "= OLD.id"),
]


def _search_index() -> str:
    triggers = [
        f"CREATE TRIGGER {name} {event} BEGIN {index.refresh(ids)} END;"
        for name, event, index, ids in SEARCH_TRIGGERS
    ]
    tables = [f"{index.create()}; {index.fill()};" for index in SEARCH_INDEXES]
    return "\n".join(["DROP TABLE papers_fts;", *tables, *triggers])


# --- counts ---------------------------------------------------------------------------------

_COUNTED_PAPER_COLUMNS = ("status", "category")


def _count_one(column: str, sign: str, row: str) -> str:
    """Count the paper ``row`` (NEW or OLD) ``sign`` (1 or -1) under its value of ``column``."""
    return (
        f"INSERT INTO paper_counts (kind, value, n) VALUES ('{column}', {row}.{column}, {sign})"
        " ON CONFLICT (kind, value) DO UPDATE SET n = n + excluded.n;"
    )


def _paper_counts(sign: str, row: str) -> str:
    """Count the paper ``row`` (NEW or OLD) ``sign`` (1 or -1) under its status and category."""
    return "\n".join(_count_one(column, sign, row) for column in _COUNTED_PAPER_COLUMNS)


def _link_counts(sign: str, row: str) -> str:
    """Move the counts of the tags and sources of paper ``row`` by ``sign``."""
    return f"""
        UPDATE tags SET papers = papers {sign} 1
            WHERE id IN (SELECT tag_id FROM paper_tags WHERE paper_id = {row}.id);
        UPDATE sources SET papers = papers {sign} 1
            WHERE id IN (SELECT source_id FROM paper_sources WHERE paper_id = {row}.id);"""


def _live(paper_id: str) -> str:
    return f"EXISTS (SELECT 1 FROM papers WHERE id = {paper_id} AND deleted IS NULL)"


# Every count from the tables, as migration 4 and the library check compute them.
COUNTS_REBUILD_SQL = """
    DELETE FROM paper_counts;
    INSERT INTO paper_counts (kind, value, n)
        SELECT 'status', status, count(*) FROM papers WHERE deleted IS NULL GROUP BY status;
    INSERT INTO paper_counts (kind, value, n)
        SELECT 'category', category, count(*) FROM papers WHERE deleted IS NULL
        GROUP BY category;
    UPDATE tags SET papers = (SELECT count(*) FROM paper_tags pt JOIN papers p
        ON p.id = pt.paper_id WHERE pt.tag_id = tags.id AND p.deleted IS NULL);
    UPDATE sources SET papers = (SELECT count(*) FROM paper_sources ps JOIN papers p
        ON p.id = ps.paper_id WHERE ps.source_id = sources.id AND p.deleted IS NULL);
"""

_COUNTS = f"""
    CREATE TABLE paper_counts (
        kind TEXT NOT NULL,      -- 'status' or 'category'
        value TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (kind, value)
    ) WITHOUT ROWID;
    ALTER TABLE tags ADD COLUMN papers INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE sources ADD COLUMN papers INTEGER NOT NULL DEFAULT 0;
    {COUNTS_REBUILD_SQL}
    CREATE TRIGGER counts_paper_insert AFTER INSERT ON papers WHEN NEW.deleted IS NULL BEGIN
        {_paper_counts("1", "NEW")}
    END;
    CREATE TRIGGER counts_paper_delete BEFORE DELETE ON papers WHEN OLD.deleted IS NULL BEGIN
        {_paper_counts("-1", "OLD")}
        {_link_counts("-", "OLD")}
    END;
    CREATE TRIGGER counts_status_changed AFTER UPDATE OF status ON papers
        WHEN OLD.deleted IS NULL AND NEW.deleted IS NULL AND OLD.status != NEW.status BEGIN
        {_count_one("status", "-1", "OLD")}
        {_count_one("status", "1", "NEW")}
    END;
    CREATE TRIGGER counts_category_changed AFTER UPDATE OF category ON papers
        WHEN OLD.deleted IS NULL AND NEW.deleted IS NULL AND OLD.category != NEW.category
    BEGIN
        {_count_one("category", "-1", "OLD")}
        {_count_one("category", "1", "NEW")}
    END;
    CREATE TRIGGER counts_paper_trashed AFTER UPDATE OF deleted ON papers
        WHEN OLD.deleted IS NULL AND NEW.deleted IS NOT NULL BEGIN
        {_paper_counts("-1", "OLD")}
        {_link_counts("-", "NEW")}
    END;
    CREATE TRIGGER counts_paper_restored AFTER UPDATE OF deleted ON papers
        WHEN OLD.deleted IS NOT NULL AND NEW.deleted IS NULL BEGIN
        {_paper_counts("1", "NEW")}
        {_link_counts("+", "NEW")}
    END;
    CREATE TRIGGER counts_tag_linked AFTER INSERT ON paper_tags WHEN {_live("NEW.paper_id")}
    BEGIN
        UPDATE tags SET papers = papers + 1 WHERE id = NEW.tag_id;
    END;
    CREATE TRIGGER counts_tag_unlinked AFTER DELETE ON paper_tags WHEN {_live("OLD.paper_id")}
    BEGIN
        UPDATE tags SET papers = papers - 1 WHERE id = OLD.tag_id;
    END;
    CREATE TRIGGER counts_tag_moved AFTER UPDATE ON paper_tags BEGIN
        UPDATE tags SET papers = papers - 1 WHERE id = OLD.tag_id AND {_live("OLD.paper_id")};
        UPDATE tags SET papers = papers + 1 WHERE id = NEW.tag_id AND {_live("NEW.paper_id")};
    END;
    CREATE TRIGGER counts_source_linked AFTER INSERT ON paper_sources
        WHEN {_live("NEW.paper_id")} BEGIN
        UPDATE sources SET papers = papers + 1 WHERE id = NEW.source_id;
    END;
    CREATE TRIGGER counts_source_unlinked AFTER DELETE ON paper_sources
        WHEN {_live("OLD.paper_id")} BEGIN
        UPDATE sources SET papers = papers - 1 WHERE id = OLD.source_id;
    END;
    CREATE TRIGGER counts_source_moved AFTER UPDATE ON paper_sources BEGIN
        UPDATE sources SET papers = papers - 1
            WHERE id = OLD.source_id AND {_live("OLD.paper_id")};
        UPDATE sources SET papers = papers + 1
            WHERE id = NEW.source_id AND {_live("NEW.paper_id")};
    END;
"""


def migrate_v4(old_search_triggers: Sequence[str]) -> str:
    """The SQL from version 3: ``old_search_triggers`` are version 2's index triggers."""
    drops = [f"DROP TRIGGER {name};" for name in [*old_search_triggers, "papers_fts_delete"]]
    return "\n".join([*drops, _search_index(), _COUNTS])
