r"""Markdown (.md): a readable reading list, one ``##`` section per paper.

No library writes Markdown from data, and Qt's Markdown writer would bring Qt into the
command line, so the text is escaped here: every ASCII punctuation mark that means
something to CommonMark, GFM or pandoc's Markdown (emphasis, links, raw HTML, entities,
math, citations, attributes, tables, ...) gets a backslash, which all three read as "this
character, literally", and a line that would start a list, a quote or a heading is
defused. Titles, names, abstracts and notes therefore render as the text they are, and
no paper can add a heading, a link or HTML of its own. Notes keep their line breaks but
show their Markdown as typed. Links are only the papers' own http(s) code links.
"""

from __future__ import annotations

import re

from desktop.formats.export.model import (
    ExportEntry,
    ExportOptions,
    has_title,
    untitled_hint,
    web_links,
)
from desktop.formats.export.text import clean, one_line, paragraphs

# ASCII punctuation with a meaning somewhere in CommonMark, GFM or pandoc Markdown.
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]{}<>#|~^$@&!])")
# A line start that would open a block: a list item (1. a) (iv) #.), quote, heading...
_BLOCK_START = re.compile(r"^([-+=:%])|^(\(?)([0-9A-Za-z]{1,9})([.)])(?=\s|$)")


def escape(text: str | None) -> str:
    """Text on one line as Markdown that renders as exactly that text."""
    return _defuse_line_start(_INLINE_SPECIALS.sub(r"\\\1", one_line(text)))


def _defuse_line_start(line: str) -> str:
    return _BLOCK_START.sub(_escaped_start, line, count=1)


def _escaped_start(found: re.Match[str]) -> str:
    if found.group(1):
        return "\\" + found.group(1)
    opening = "\\(" if found.group(2) else ""
    return f"{opening}{found.group(3)}\\{found.group(4)}"


def render(entry: ExportEntry, options: ExportOptions) -> str:
    """One paper's section, without its number (`assemble` numbers the sections)."""
    title = (
        escape(entry.title) if has_title(entry) else f"*Untitled* ({escape(untitled_hint(entry))})"
    )
    lines = [title, ""]
    lines += [f"- **{label}:** {value}" for label, value in _facts(entry, options)]
    if options.wants("abstract") and one_line(entry.abstract):
        lines += ["", "**Abstract.** " + "\n\n".join(escape(p) for p in paragraphs(entry.abstract))]
    if options.wants("notes") and one_line(entry.note):
        lines += ["", "**Notes**", "", _quoted_note(entry.note)]
    return "\n".join(lines)


def _facts(entry: ExportEntry, options: ExportOptions) -> list[tuple[str, str]]:
    facts = []
    names = [escape(name) for name in entry.authors if one_line(name)]
    if names:
        facts.append(("Authors", ", ".join(names) + (" et al." if entry.et_al else "")))
    if entry.date:
        facts.append(
            ("Date", escape(entry.date) + (" (year assumed)" if entry.date_inferred else ""))
        )
    for label, value in (("Category", entry.category), ("Affiliation", entry.affiliation)):
        if one_line(value):
            facts.append((label, escape(value)))
    links = web_links(entry)
    if links:
        facts.append(("Code", ", ".join(f"<{link}>" for link in links)))
    if options.wants("status"):
        facts.append(("Status", escape(entry.status)))
    tags = [escape(tag) for tag in entry.tags if one_line(tag)]
    if options.wants("tags") and tags:
        facts.append(("Tags", ", ".join(tags)))
    facts.append(("Citation key", f"`{entry.key}`"))
    return facts


def _quoted_note(note: str) -> str:
    """The note as a block quote: its paragraphs, each line kept with a hard line break."""
    blocks = []
    for block in re.split(r"\n\s*\n", clean(note).strip()):
        lines = [escape(line) for line in block.split("\n") if line.strip()]
        blocks.append("\\\n".join(f"> {line}" for line in lines))
    return "\n>\n".join(blocks)


def assemble(sections: list[str], options: ExportOptions) -> str:
    """The document: a title, the description, the count, then the numbered sections."""
    papers = "1 paper" if len(sections) == 1 else f"{len(sections)} papers"
    head = [f"# {escape(options.title) or 'Reading list'}", ""]
    if one_line(options.description):
        head += ["\n\n".join(escape(p) for p in paragraphs(options.description)), ""]
    head += [f"{papers}, exported from Lectern.", ""]
    body = [f"## {number}. {section}\n" for number, section in enumerate(sections, 1)]
    return "\n".join(head + body)
