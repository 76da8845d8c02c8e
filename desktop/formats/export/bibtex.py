"""BibTeX (.bib): one ``@misc`` entry per paper, written by bibtexparser.

bibtexparser lays out the file (entries, fields, enclosing braces); the field values
are LaTeX from `desktop.formats.export.latex`. Papers are preprints, and ``@misc`` is
the one type every style takes without a journal. Fields: author (``and others`` for a
cut-short list), title (capitals protected), year and month, url (the first code link),
and on request abstract, keywords (tags), annote (the note) and readstatus (JabRef's
field for the reading status).
"""

from __future__ import annotations

from bibtexparser import Library, write_string
from bibtexparser.middlewares import default_unparse_stack
from bibtexparser.model import Entry, Field
from bibtexparser.writer import BibtexFormat

from desktop.formats.export.latex import latex_name, latex_text
from desktop.formats.export.model import (
    ExportEntry,
    ExportOptions,
    date_parts,
    display_title,
    paper_links,
)
from desktop.formats.export.text import one_line

# Entry types kept from an imported BibTeX file; any other paper is a @misc.
_TYPES = {
    "article",
    "book",
    "booklet",
    "inbook",
    "incollection",
    "inproceedings",
    "manual",
    "mastersthesis",
    "phdthesis",
    "proceedings",
    "techreport",
    "unpublished",
}
# The field each type names its venue in; the reader takes any of them back as the venue.
_VENUE_FIELD = {"article": "journal", "inproceedings": "booktitle", "incollection": "booktitle"}
_VENUE_FIELD.update(dict.fromkeys(("book", "inbook", "proceedings"), "publisher"))
_VENUE_FIELD.update(dict.fromkeys(("techreport", "manual"), "institution"))
_VENUE_FIELD.update(dict.fromkeys(("mastersthesis", "phdthesis"), "school"))
# BibTeX's month macros, written without braces so styles print the month's name.
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def render(entry: ExportEntry, options: ExportOptions) -> Entry:
    """One paper as a bibtexparser entry."""
    kind = entry.entry_type if entry.entry_type in _TYPES else "misc"
    fields = []
    names = [latex for latex in map(latex_name, entry.authors) if latex]
    if names:
        fields.append(Field("author", " and ".join(names + ["others"] * entry.et_al)))
    fields.append(Field("title", latex_text(display_title(entry), protect_case=True)))
    parts = date_parts(entry)
    if parts:
        fields.append(Field("year", str(parts[0])))
    if len(parts) > 1 and 1 <= parts[1] <= 12:
        fields.append(Field("month", _MONTHS[parts[1] - 1], enclosing="no-enclosing"))
    fields.extend(_bibliographic_fields(entry, kind))
    links = paper_links(entry)
    if links:
        fields.append(Field("url", links[0]))
    fields.extend(_chosen_fields(entry, options))
    return Entry(kind, entry.key, fields)


def _bibliographic_fields(entry: ExportEntry, kind: str) -> list[Field]:
    fields = []
    if one_line(entry.venue):
        fields.append(Field(_VENUE_FIELD.get(kind, "howpublished"), latex_text(entry.venue)))
    for name in ("volume", "number"):
        if one_line(getattr(entry, name)):
            fields.append(Field(name, latex_text(getattr(entry, name))))
    if one_line(entry.pages):
        fields.append(Field("pages", latex_text(entry.pages).replace(r"{\textendash}", "--")))
    # identifiers are verbatim fields for biblatex and the DOI and arXiv styles
    if one_line(entry.doi) and "}" not in entry.doi and "{" not in entry.doi:
        fields.append(Field("doi", one_line(entry.doi)))
    if one_line(entry.arxiv_id):
        fields.append(Field("eprint", one_line(entry.arxiv_id)))
        fields.append(Field("archiveprefix", "arXiv"))
    return fields


def _chosen_fields(entry: ExportEntry, options: ExportOptions) -> list[Field]:
    chosen = []
    if options.wants("abstract") and one_line(entry.abstract):
        chosen.append(Field("abstract", latex_text(entry.abstract)))
    tags = [one_line(tag) for tag in entry.tags if one_line(tag)]
    if options.wants("tags") and tags:
        chosen.append(Field("keywords", latex_text(", ".join(tags))))
    if options.wants("notes") and one_line(entry.note):
        chosen.append(Field("annote", latex_text(entry.note)))
    if options.wants("status"):
        chosen.append(Field("readstatus", latex_text(entry.status)))
    return chosen


def assemble(entries: list[Entry], options: ExportOptions) -> str:
    """The .bib file: the entries in order, two-space indents, a blank line between."""
    layout = BibtexFormat()
    layout.indent = "  "
    layout.block_separator = "\n"
    # in place: the entries were made for this file alone, copying them would only cost time
    stack = default_unparse_stack(allow_inplace_modification=True)
    return write_string(Library(entries), unparse_stack=stack, bibtex_format=layout)
