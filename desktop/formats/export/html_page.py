"""HTML (.html): one standalone, printable page; inert, whatever the papers hold.

The page is built as an ElementTree and serialised by the standard library, so every
text and attribute is escaped and every element closed by construction. Notes are
Markdown: markdown-it-py renders them with raw HTML and images switched off, its
headings are moved below the paper's own, and only http(s) and mailto links stay links.
No scripts, no event handlers, no external resources: the style sheet is inline.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown_it import MarkdownIt

from desktop.formats.export.model import (
    ExportEntry,
    ExportOptions,
    has_title,
    untitled_hint,
    web_links,
)
from desktop.formats.export.text import clean, one_line, paragraphs

_NOTES = MarkdownIt("commonmark", {"html": False, "xhtmlOut": True}).disable("image")
_LINK_SCHEMES = ("http://", "https://", "mailto:")
# Elements that get a line break after them in the file (a readable source that renders
# the same: ET.indent would add white space inside <pre> and inline elements too).
_BLOCK_NAMES = (
    "html head meta title style body header main ol li article h1 h2 h3 dl dt dd section p"
)
_BLOCKS = frozenset(_BLOCK_NAMES.split())
# Note headings sit below the paper's <h2> and its section <h3>s.
_NOTE_HEADINGS = {"h1": "h4", "h2": "h5", "h3": "h6", "h4": "h6", "h5": "h6"}
_STYLE = """
body { font: 16px/1.5 Georgia, "Times New Roman", serif; color: #1d1d1f; background: #fff;
       max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: .25rem; }
.count, .description { color: #555; }
ol.papers { padding-left: 1.5rem; }
ol.papers > li { margin: 0 0 1.75rem; }
article h2 { font-size: 1.2rem; margin: 0 0 .4rem; }
.untitled { font-style: italic; color: #8a4b00; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .75rem; margin: 0; }
dt { font-weight: bold; color: #444; }
dd { margin: 0; }
h3 { font-size: 1rem; margin: .75rem 0 .25rem; }
.notes { border-left: 3px solid #ccc; padding-left: .75rem; }
a { color: #0645ad; word-break: break-all; }
code { font-family: "DejaVu Sans Mono", Menlo, monospace; font-size: .9em; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  ol.papers > li { break-inside: avoid; }
  a { color: inherit; }
}
"""


def render(entry: ExportEntry, options: ExportOptions) -> ET.Element:
    """One paper as a list item holding an ``<article class="paper">``."""
    item = ET.Element("li")
    article = ET.SubElement(item, "article", {"class": "paper", "id": entry.key})
    heading = ET.SubElement(article, "h2")
    if has_title(entry):
        heading.text = one_line(entry.title)
    else:
        ET.SubElement(heading, "span", {"class": "untitled"}).text = "Untitled"
        heading[0].tail = f" ({untitled_hint(entry)})"
    facts = ET.SubElement(article, "dl")
    for label, value in _facts(entry, options):
        ET.SubElement(facts, "dt").text = label
        facts.append(_definition(value))
    if options.wants("abstract") and one_line(entry.abstract):
        section = _section(article, "abstract", "Abstract")
        for paragraph in paragraphs(entry.abstract):
            ET.SubElement(section, "p").text = paragraph
    if options.wants("notes") and one_line(entry.note):
        _section(article, "notes", "Notes").extend(_note_html(entry.note))
    return item


def _facts(entry: ExportEntry, options: ExportOptions) -> list[tuple[str, str | list[str]]]:
    facts: list[tuple[str, str | list[str]]] = []
    names = [one_line(name) for name in entry.authors if one_line(name)]
    if names:
        facts.append(("Authors", ", ".join(names) + (" et al." if entry.et_al else "")))
    if entry.date:
        assumed = " (year assumed)" if entry.date_inferred else ""
        facts.append(("Date", one_line(entry.date) + assumed))
    for label, value in (("Category", entry.category), ("Affiliation", entry.affiliation)):
        if one_line(value):
            facts.append((label, one_line(value)))
    if links := web_links(entry):
        facts.append(("Code", links))
    if options.wants("status"):
        facts.append(("Status", entry.status))
    tags = [one_line(tag) for tag in entry.tags if one_line(tag)]
    if options.wants("tags") and tags:
        facts.append(("Tags", ", ".join(tags)))
    facts.append(("Citation key", entry.key))
    return facts


def _definition(value: str | list[str]) -> ET.Element:
    """A ``<dd>`` with the text, or with the links separated by commas."""
    dd = ET.Element("dd")
    if isinstance(value, str):
        dd.text = value
        return dd
    for index, link in enumerate(value):
        anchor = ET.SubElement(dd, "a", {"href": link})
        anchor.text = link
        anchor.tail = ", " if index < len(value) - 1 else None
    return dd


def _section(article: ET.Element, css_class: str, title: str) -> ET.Element:
    section = ET.SubElement(article, "section", {"class": css_class})
    ET.SubElement(section, "h3").text = title
    return section


def _note_html(note: str) -> list[ET.Element]:
    """The note rendered from Markdown into elements, with nothing active left in it."""
    rendered = clean(_NOTES.render(clean(note)))  # entities can decode to control characters
    wrapper = ET.fromstring(f"<div>{rendered}</div>")
    for element in wrapper.iter():
        element.tag = _NOTE_HEADINGS.get(element.tag, element.tag)
        if element.tag == "a" and not element.get("href", "").startswith(_LINK_SCHEMES):
            element.tag = "span"  # a relative or unknown link: keep the text, drop the link
            element.attrib.clear()
    return list(wrapper)


def assemble(items: list[ET.Element], options: ExportOptions) -> str:
    """The whole page: doctype, head with charset and style, title, count, the papers."""
    html = ET.Element("html", {"lang": "en"})
    head = ET.SubElement(html, "head")
    ET.SubElement(head, "meta", {"charset": "utf-8"})
    ET.SubElement(head, "meta", {"name": "viewport", "content": "width=device-width"})
    ET.SubElement(head, "meta", {"name": "generator", "content": "Lectern"})
    title = one_line(options.title) or "Reading list"
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "style").text = _STYLE
    body = ET.SubElement(html, "body")
    header = ET.SubElement(body, "header")
    ET.SubElement(header, "h1").text = title
    for paragraph in paragraphs(options.description):
        ET.SubElement(header, "p", {"class": "description"}).text = paragraph
    papers = "1 paper" if len(items) == 1 else f"{len(items)} papers"
    ET.SubElement(header, "p", {"class": "count"}).text = f"{papers}, exported from Lectern."
    ET.SubElement(ET.SubElement(body, "main"), "ol", {"class": "papers"}).extend(items)
    _break_lines(html)
    return "<!DOCTYPE html>\n" + ET.tostring(html, encoding="unicode", method="html") + "\n"


def _break_lines(element: ET.Element) -> None:
    for child in element:
        if child.tag in _BLOCKS and not child.tail:
            child.tail = "\n"
        if child.tag != "pre":
            _break_lines(child)
    if element.tag in _BLOCKS and len(element) and not element.text:
        element.text = "\n"
