"""The library's tables, their version, and the way from each old version to the current one.

`PRAGMA user_version` holds the schema version. Version 0 is an empty file. Each entry of
`MIGRATIONS` is the SQL that takes the library one version up; `store.open_library` runs
the ones a library lacks, each in one transaction, so a library is never half-migrated.
"""

from __future__ import annotations

from desktop.library.schema_v4 import migrate_v4
from desktop.library.schema_v5 import migrate_v5

SCHEMA_VERSION = 6

_TABLES_V1 = """
CREATE TABLE papers (
    id INTEGER PRIMARY KEY,
    title TEXT,                                  -- NULL: the listing gave none
    abstract TEXT NOT NULL DEFAULT '',
    date TEXT,                                   -- ISO YYYY-MM-DD
    date_inferred INTEGER NOT NULL DEFAULT 0,    -- the listing gave no year
    category TEXT NOT NULL DEFAULT '',
    has_code INTEGER NOT NULL DEFAULT 0,
    affiliation TEXT NOT NULL DEFAULT '',
    et_al INTEGER NOT NULL DEFAULT 0,            -- the listing cut the author list short
    -- "A, B, C": the table shows and sorts by it without a join; paper_authors is the truth
    authors_display TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'unread' CHECK (status IN ('unread', 'reading', 'read')),
    status_changed TEXT,
    rating INTEGER,
    added TEXT NOT NULL,
    updated TEXT NOT NULL,
    deleted TEXT                                 -- set while the paper is in the Trash
);
CREATE INDEX papers_date ON papers(date);
CREATE INDEX papers_title ON papers(title COLLATE NOCASE);
CREATE INDEX papers_authors ON papers(authors_display COLLATE NOCASE);
CREATE INDEX papers_status ON papers(status);
CREATE INDEX papers_category ON papers(category);
CREATE INDEX papers_added ON papers(added);
CREATE INDEX papers_deleted ON papers(deleted);

CREATE TABLE authors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE paper_authors (
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    author_id INTEGER NOT NULL REFERENCES authors(id),
    PRIMARY KEY (paper_id, position)
);
CREATE INDEX paper_authors_author ON paper_authors(author_id);

CREATE TABLE paper_urls (
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    url TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'code',
    PRIMARY KEY (paper_id, position)
);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    color TEXT
);
CREATE TABLE paper_tags (
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (paper_id, tag_id)
);
CREATE INDEX paper_tags_tag ON paper_tags(tag_id);

CREATE TABLE notes (
    paper_id INTEGER PRIMARY KEY REFERENCES papers(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    updated TEXT NOT NULL
);

CREATE TABLE reading_lists (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    description TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL
);
CREATE TABLE reading_list_items (
    list_id INTEGER NOT NULL REFERENCES reading_lists(id) ON DELETE CASCADE,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (list_id, paper_id)
);
CREATE INDEX reading_list_items_paper ON reading_list_items(paper_id);

CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    format TEXT NOT NULL,
    name TEXT NOT NULL,                          -- the file's name, or "clipboard"
    path TEXT,
    checksum TEXT NOT NULL UNIQUE,               -- sha256 of the bytes read
    imported TEXT NOT NULL,
    profile_name TEXT,                           -- author profile pages only
    profile_subject TEXT,
    profile_figures TEXT                         -- JSON object of the page's figures
);
CREATE TABLE paper_sources (
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    PRIMARY KEY (paper_id, source_id)
);
CREATE INDEX paper_sources_source ON paper_sources(source_id);

-- The identities a paper arrived under ("t:" normalised title, "a:" normalised abstract);
-- an import that brings one of them again is the same paper.
CREATE TABLE paper_keys (
    key TEXT PRIMARY KEY,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE
);
CREATE INDEX paper_keys_paper ON paper_keys(paper_id);

CREATE VIRTUAL TABLE papers_fts USING fts5(
    title, authors, abstract, tags, notes,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
"""

# What one paper's row of the full-text index holds, computed from the tables, in each
# version. Triggers recompute the rows of the papers a write touches, so every write from
# any code path keeps the index in step with the tables.
_FTS_ROW_V1 = """
    SELECT p.id, coalesce(p.title, ''), p.authors_display, p.abstract,
        coalesce((SELECT group_concat(name, ' ') FROM (SELECT t.name FROM paper_tags pt
                  JOIN tags t ON t.id = pt.tag_id WHERE pt.paper_id = p.id ORDER BY t.id)), ''),
        coalesce((SELECT n.body FROM notes n WHERE n.paper_id = p.id), '')
    FROM papers p"""

_FTS_ROW_V2 = """
    SELECT p.id, coalesce(p.title, ''), p.authors_display,
        coalesce((SELECT a.abstract FROM paper_abstracts a WHERE a.paper_id = p.id), ''),
        coalesce((SELECT group_concat(name, ' ') FROM (SELECT t.name FROM paper_tags pt
                  JOIN tags t ON t.id = pt.tag_id WHERE pt.paper_id = p.id ORDER BY t.id)), ''),
        coalesce((SELECT n.body FROM notes n WHERE n.paper_id = p.id), '')
    FROM papers p"""


def _refresh(row_select: str, ids: str) -> str:
    return f"""
    DELETE FROM papers_fts WHERE rowid {ids};
    INSERT INTO papers_fts (rowid, title, authors, abstract, tags, notes)
    {row_select} WHERE p.id {ids};"""


# (trigger name, event, which papers' index rows change) for the triggers both versions have
_SHARED_TRIGGERS = [
    ("papers_fts_insert", "AFTER INSERT ON papers", "= NEW.id"),
    ("paper_tags_fts_insert", "AFTER INSERT ON paper_tags", "= NEW.paper_id"),
    ("paper_tags_fts_delete", "AFTER DELETE ON paper_tags", "= OLD.paper_id"),
    ("notes_fts_insert", "AFTER INSERT ON notes", "= NEW.paper_id"),
    ("notes_fts_update", "AFTER UPDATE ON notes", "= NEW.paper_id"),
    ("notes_fts_delete", "AFTER DELETE ON notes", "= OLD.paper_id"),
    # A renamed tag changes the text of every paper that carries it.
    (
        "tags_fts_rename",
        "AFTER UPDATE OF name ON tags",
        "IN (SELECT paper_id FROM paper_tags WHERE tag_id = NEW.id)",
    ),
]
_V1_TRIGGERS = [
    *_SHARED_TRIGGERS,
    ("papers_fts_update", "AFTER UPDATE OF title, abstract, authors_display ON papers", "= NEW.id"),
]
_V2_TRIGGERS = [
    *_SHARED_TRIGGERS,
    ("papers_fts_update", "AFTER UPDATE OF title, authors_display ON papers", "= NEW.id"),
    ("abstracts_fts_insert", "AFTER INSERT ON paper_abstracts", "= NEW.paper_id"),
    ("abstracts_fts_update", "AFTER UPDATE ON paper_abstracts", "= NEW.paper_id"),
    ("abstracts_fts_delete", "AFTER DELETE ON paper_abstracts", "= OLD.paper_id"),
]

_FTS_DELETE_TRIGGER = """
CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
    DELETE FROM papers_fts WHERE rowid = OLD.id;
END;
"""


def _triggers(specs: list[tuple[str, str, str]], row_select: str) -> list[str]:
    return [
        f"CREATE TRIGGER {name} {event} BEGIN {_refresh(row_select, ids)} END;"
        for name, event, ids in specs
    ]


_CREATE_V1 = "\n".join([_TABLES_V1, *_triggers(_V1_TRIGGERS, _FTS_ROW_V1), _FTS_DELETE_TRIGGER])

# Version 2: abstracts move to a table of their own, so a paper's row stays small and the
# views' scans and lookups read few pages; each sort key gets an index over the papers
# outside the Trash that holds the id too, so a sorted view is read from the index alone.
_SORT_INDEXES_V2 = {
    "date": "date",
    "title": "title COLLATE NOCASE",
    "authors": "authors_display COLLATE NOCASE",
    "category": "category",
    "status": "status",
    "added": "added",
}
_OLD_INDEXES_V1 = ("date", "title", "authors", "status", "category", "added", "deleted")

_MIGRATE_V2 = "\n".join(
    [
        *(f"DROP TRIGGER {name};" for name, _, _ in _V1_TRIGGERS),
        *(f"DROP INDEX papers_{name};" for name in _OLD_INDEXES_V1),
        """
        -- deferred: the importer writes a paper's abstract before the paper, so the paper's
        -- insert trigger indexes the whole paper at once
        CREATE TABLE paper_abstracts (
            paper_id INTEGER PRIMARY KEY
                REFERENCES papers(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            abstract TEXT NOT NULL
        );
        INSERT INTO paper_abstracts (paper_id, abstract)
            SELECT id, abstract FROM papers WHERE abstract != '';
        ALTER TABLE papers DROP COLUMN abstract;
        CREATE INDEX papers_trash ON papers(deleted) WHERE deleted IS NOT NULL;
        CREATE INDEX papers_live_status_date ON papers(status, date) WHERE deleted IS NULL;
        """,
        *(
            f"CREATE INDEX papers_live_{key} ON papers({expr}, id) WHERE deleted IS NULL;"
            for key, expr in _SORT_INDEXES_V2.items()
        ),
        *_triggers(_V2_TRIGGERS, _FTS_ROW_V2),
    ]
)

# Version 3: what reference managers' files carry (BibTeX, RIS, CSL-JSON). Identifiers
# (DOI, arXiv id) are indexed: they are the first thing an import and the duplicates
# check look a paper up by. All nullable, so older papers simply have none.
_BIBLIOGRAPHIC_COLUMNS_V3 = (
    "venue",
    "volume",
    "number",
    "pages",
    "doi",
    "arxiv_id",
    "url",
    "entry_type",
    "citation_key",
)
_MIGRATE_V3 = "\n".join(
    [
        *(f"ALTER TABLE papers ADD COLUMN {name} TEXT;" for name in _BIBLIOGRAPHIC_COLUMNS_V3),
        "CREATE INDEX papers_doi ON papers(doi) WHERE doi IS NOT NULL;",
        "CREATE INDEX papers_arxiv_id ON papers(arxiv_id) WHERE arxiv_id IS NOT NULL;",
    ]
)


# Version 6: the full-text index gathers 16 MB of new terms (FTS5's default is 1 MB) before
# it writes them out as a segment, so a large import writes a few large segments instead
# of many small ones that its automatic merges then rewrite again and again. Indexing
# 10,000 imported papers went from 1.6 to 1.0 s into an empty library, and from 3.2 to
# 2.6 s into one of 100,000 papers; the import holds up to 16 MB more meanwhile.
# ("hashsize" is a configuration option of FTS5 stored in the index's own config table.)
INDEX_BUFFER_BYTES = 16 * 1024 * 1024
_MIGRATE_V6 = (
    f"INSERT INTO papers_fts (papers_fts, rank) VALUES ('hashsize', {INDEX_BUFFER_BYTES});"
)

# MIGRATIONS[n] is the SQL that takes a library from version n to n + 1.
MIGRATIONS: list[str] = [
    _CREATE_V1,
    _MIGRATE_V2,
    _MIGRATE_V3,
    migrate_v4([name for name, _, _ in _V2_TRIGGERS]),
    migrate_v5(),
    _MIGRATE_V6,
]
assert len(MIGRATIONS) == SCHEMA_VERSION
