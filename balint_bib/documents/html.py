"""Documents as HTML: the `format` command's bibliography (fragment or page) and the course
site's syllabus, bibliography and index pages.

Everything from the data is escaped; the formatted entries come from the CSL engine as HTML
in which only its own markup (<i>, <b>, <span>…) is live and all data is escaped. The site's
pages also drop the characters no output may carry, and link only http(s) URLs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..text import escape_html, safe_url
from .coins import coins_span
from .model import Document, Entry, Section, paragraphs, safe_text

Links = Sequence[tuple[str, str]]  # (label, href)

# One stylesheet for the course site and `format --standalone`. Entries are `.csl-entry`
# blocks: author-date styles get a hanging indent, numbered styles their own number in the
# margin (and a syllabus's own list numbers only where the style has none). Long URLs wrap,
# so a 390 px phone shows the page without scrolling sideways. In print, the contents list,
# the footer and the download links go, and an entry keeps its annotation on its page.
STYLESHEET = """body{font-family:Georgia,"Times New Roman",serif;line-height:1.5;max-width:46rem;
margin:2rem auto;padding:0 1rem;color:#1a1a1a;background:#fff;overflow-wrap:break-word}
h1,h2{font-family:system-ui,sans-serif;line-height:1.2}h1{font-size:1.8rem}
h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid #ccc}
a{color:#0645ad;overflow-wrap:anywhere;word-break:break-word}
.csl-entry{margin:.75em 0 .25em;padding-left:2em;text-indent:-2em}
.csl-entry:has(.csl-left-margin){padding-left:0;text-indent:0}
.csl-left-margin{float:left;width:2.5em;text-indent:0}
.csl-right-inline{margin-left:2.5em}
ol.entries{padding-left:2rem}ol.entries>li{margin:.8rem 0}
ol.entries.styled{list-style:none;padding-left:0}
.annotation{margin:.2rem 0 1rem 2em;color:#333}
nav ul{padding-left:1.2rem}p.zotero{font-size:.95rem}
footer{margin-top:3rem;font-size:.85rem;color:#666}
@media print{body{max-width:none;margin:0;padding:0;color:#000}
nav,footer,p.zotero{display:none}a{color:inherit;text-decoration:none}
.entry,.csl-entry,ol.entries>li{break-inside:avoid;page-break-inside:avoid}
.annotation{break-before:avoid;page-break-before:avoid}h2{break-after:avoid}}"""


def numbered(formatted_html: str) -> bool:
    """Whether the style wrote the entry's number itself (citation-number in the margin)."""
    return 'class="csl-left-margin"' in formatted_html


def _page(title: str, body: str, *, lang: str, css: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{escape_html(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape_html(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n{body}"
        "</body>\n</html>\n"
    )


# --- the `format` command: entries as the style writes them --------------------------

def _csl_entry(entry: Entry) -> str:
    formatted = linkify(entry.formatted)
    lines = [f'<div class="csl-entry" id="{escape_html(entry.key)}">{formatted}</div>']
    if entry.annotation:
        lines.append(f'<p class="annotation">{escape_html(entry.annotation)}</p>')
    return "\n".join(lines)


def bibliography_html(document: Document, *, standalone: bool = False,
                      lang: str = "en-US") -> str:
    """The sections as a `csl-bib-body`; with `standalone`, a whole page titled with the
    document's title (or "Bibliography"). The introduction is not shown."""
    parts = ['<div class="csl-bib-body">']
    for section in document.sections:
        if section.title:
            parts.append(f"<section>\n<h2>{escape_html(section.title)}</h2>")
            if section.description:
                parts.append(f"<p>{escape_html(section.description)}</p>")
        parts.extend(_csl_entry(entry) for entry in section.entries)
        if section.title:
            parts.append("</section>")
    parts.append("</div>")
    body = "\n".join(parts) + "\n"
    if not standalone:
        return body
    title = document.title or "Bibliography"
    return _page(title, f"<main>\n<h1>{escape_html(title)}</h1>\n{body}</main>\n", lang=lang,
                 css=STYLESHEET)


# --- the course site ------------------------------------------------------------------

def _esc(text: str) -> str:
    return escape_html(safe_text(text))


def _site_page(title: str, body: str) -> str:
    return _page(safe_text(title), body, lang="en", css=STYLESHEET)


def section_id(number: int) -> str:
    return f"section-{number}"


def _link(url: str, label: str) -> str:
    url = safe_url(url)
    return f'<a href="{_esc(url)}" rel="noopener">{_esc(label)}</a>' if url else ""


# An http(s) URL in formatted (already escaped) HTML text; a final . , ; or : ends the
# sentence, not the URL.
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"]+?(?=[.,;:]?(?:\s|<|$))")


def linkify(formatted_html: str) -> str:
    """Make the URLs and DOIs that a style prints into links (the text is already escaped,
    so the match is a valid attribute value as it stands)."""
    return _URL_IN_TEXT.sub(lambda m: f'<a href="{m.group()}" rel="noopener">{m.group()}</a>',
                            formatted_html)


def _site_entry(entry: Entry, tag: str = "div") -> str:
    """An entry as the style wrote it, its URLs linked, its COinS, its annotation below."""
    reference = linkify(safe_text(entry.formatted))
    # A style that leaves the URL out still gets a link to the resource.
    link = "" if "<a " in reference else _link(entry.url, "online")
    item = (f'<{tag} class="entry" id="entry-{_esc(entry.key)}">'
            f'<div class="csl-entry">{reference}'
            + (f" {link}" if link else "") + f"</div>{coins_span(entry.context)}")
    if entry.annotation:
        item += f'\n<p class="annotation">{_esc(entry.annotation)}</p>'
    return item + f"</{tag}>\n"


def _section(number: int, section: Section) -> str:
    parts = [f'<section id="{section_id(number)}">\n<h2>{_esc(section.title)}</h2>\n']
    if section.description:
        parts.append(f"<p class=\"description\">{_esc(section.description)}</p>\n")
    # The syllabus numbers its entries in each section, unless the style numbers them.
    styled = any(numbered(entry.formatted) for entry in section.entries)
    parts.append(f'<ol class="entries{" styled" if styled else ""}">\n')
    parts += [_site_entry(entry, "li") for entry in section.entries]
    parts.append("</ol>\n</section>\n")
    return "".join(parts)


def _add_to_zotero(rdf: str) -> str:
    """The page's own Zotero RDF, for File → Import (notes, tags and collections kept)."""
    return (f'<p class="zotero"><a href="{_esc(rdf)}" download>Add to Zotero</a>: '
            "the entries of this page with their annotations as notes, for Zotero's "
            "File → Import. With the Zotero Connector, its toolbar button saves them too."
            "</p>\n")


def syllabus_page(document: Document, style_title: str, downloads: Links,
                  zotero_rdf: str = "") -> str:
    """A syllabus's page: title, introduction, its Zotero RDF, contents, numbered entries
    (each with its COinS), and a footer naming the style and linking the same syllabus in
    other formats."""
    parts = [f"<header>\n<h1>{_esc(document.title)}</h1>\n"]
    parts += [f"<p class=\"introduction\">{_esc(p)}</p>\n"
              for p in paragraphs(document.introduction)]
    if zotero_rdf:
        parts.append(_add_to_zotero(zotero_rdf))
    parts.append("<nav>\n<ul>\n")
    parts += [f'<li><a href="#{section_id(n)}">{_esc(s.title)}</a></li>\n'
              for n, s in enumerate(document.sections, start=1)]
    parts.append("</ul>\n</nav>\n</header>\n<main>\n")
    parts += [_section(n, s) for n, s in enumerate(document.sections, start=1)]
    files = " · ".join(f'<a href="{_esc(href)}">{_esc(label)}</a>' for label, href in downloads)
    parts.append(f"</main>\n<footer>\n<p>References formatted in {_esc(style_title)}. "
                 f"Also as: {files}. <a href=\"index.html\">All files</a></p>\n</footer>\n")
    return _site_page(document.title, "".join(parts))


def bibliography_page(document: Document, zotero_rdf: str = "references.rdf") -> str:
    """Every entry of the document in the style's order (each with its COinS), under its
    title and the link to the Zotero RDF of them all."""
    items = "".join(_site_entry(entry) for entry in document.entries)
    body = (f"<h1>{_esc(document.title)}</h1>\n{_add_to_zotero(zotero_rdf)}"
            f'<div class="csl-bib-body">\n{items}</div>\n'
            '<footer><p><a href="index.html">All files</a></p></footer>\n')
    return _site_page(document.title, body)


def index_page(title: str, groups: Sequence[tuple[str, Links]],
               introduction: Sequence[str] = ()) -> str:
    parts = [f"<h1>{_esc(title)}</h1>\n"]
    parts += [f'<p class="introduction">{_esc(text)}</p>\n' for text in introduction]
    for heading, links in groups:
        parts.append(f"<h2>{_esc(heading)}</h2>\n<ul>\n")
        parts += [f'<li><a href="{_esc(href)}">{_esc(label)}</a></li>\n' for label, href in links]
        parts.append("</ul>\n")
    return _site_page(title, "".join(parts))
