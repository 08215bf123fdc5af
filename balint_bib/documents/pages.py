"""Syllabus pages and the index as HTML and Markdown; pure functions of formatted entries.

Everything from the data is escaped; the formatted entries come from the CSL engine as
HTML in which only its own markup (<i>, <b>, <span>…) is live and all data is escaped.
Links are made only for http(s) URLs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..syllabus import Syllabus
from ..text import UNSAFE_CHARACTERS, safe_url

CSS = """body{font-family:Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;
line-height:1.5;color:#222}h1{font-size:1.8rem}h2{font-size:1.3rem;margin-top:2rem;
border-bottom:1px solid #ccc}ol.entries{padding-left:1.2rem}ol.entries li{margin:.8rem 0}
p.annotation{margin:.2rem 0 0 1rem;color:#444;font-style:normal}nav ul{padding-left:1.2rem}
footer{margin-top:3rem;font-size:.85rem;color:#666}"""


@dataclass(frozen=True)
class Entry:
    """One entry of a page: the formatted reference (HTML or Markdown) and its annotation."""

    key: str
    formatted: str
    annotation: str = ""
    url: str = ""


@dataclass(frozen=True)
class PageSection:
    title: str
    description: str
    entries: tuple[Entry, ...]


def safe_text(text: str) -> str:
    return UNSAFE_CHARACTERS.sub("", text)


def esc(text: str) -> str:
    return html.escape(safe_text(text), quote=True)


def section_id(number: int) -> str:
    return f"section-{number}"


def _document(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}"
        "</body>\n</html>\n"
    )


def _link(url: str, label: str) -> str:
    url = safe_url(url)
    return f'<a href="{esc(url)}" rel="noopener">{esc(label)}</a>' if url else ""


# An http(s) URL in formatted (already escaped) HTML text; a final . , ; or : ends the
# sentence, not the URL.
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"]+?(?=[.,;:]?(?:\s|<|$))")


def linkify(formatted_html: str) -> str:
    """Make the URLs and DOIs that a style prints into links (the text is already escaped,
    so the match is a valid attribute value as it stands)."""
    return _URL_IN_TEXT.sub(lambda m: f'<a href="{m.group()}" rel="noopener">{m.group()}</a>',
                            formatted_html)


def syllabus_html(syllabus: Syllabus, sections: Sequence[PageSection], style_title: str,
                  downloads: Sequence[tuple[str, str]]) -> str:
    parts = [f"<header>\n<h1>{esc(syllabus.title)}</h1>\n"]
    parts += [f"<p class=\"introduction\">{esc(p)}</p>\n"
              for p in _paragraphs(syllabus.introduction)]
    parts.append("<nav>\n<ul>\n")
    parts += [f'<li><a href="#{section_id(n)}">{esc(s.title)}</a></li>\n'
              for n, s in enumerate(sections, start=1)]
    parts.append("</ul>\n</nav>\n</header>\n<main>\n")
    for number, section in enumerate(sections, start=1):
        parts.append(f'<section id="{section_id(number)}">\n<h2>{esc(section.title)}</h2>\n')
        if section.description:
            parts.append(f"<p class=\"description\">{esc(section.description)}</p>\n")
        parts.append('<ol class="entries">\n')
        for entry in section.entries:
            reference = linkify(safe_text(entry.formatted))
            # A style that leaves the URL out still gets a link to the resource.
            link = "" if "<a " in reference else _link(entry.url, "online")
            parts.append(f'<li id="entry-{esc(entry.key)}"><span class="reference">'
                         f"{reference}</span>" + (f" {link}" if link else ""))
            if entry.annotation:
                parts.append(f'\n<p class="annotation">{esc(entry.annotation)}</p>')
            parts.append("</li>\n")
        parts.append("</ol>\n</section>\n")
    files = " · ".join(f'<a href="{esc(href)}">{esc(label)}</a>' for label, href in downloads)
    parts.append(f"</main>\n<footer>\n<p>References formatted in {esc(style_title)}. "
                 f"Also as: {files}. <a href=\"index.html\">All files</a></p>\n</footer>\n")
    return _document(syllabus.title, "".join(parts))


def bibliography_html(title: str, entries: Sequence[Entry]) -> str:
    items = "".join(f'<li id="entry-{esc(e.key)}">{linkify(safe_text(e.formatted))}</li>\n'
                    for e in entries)
    body = (f"<h1>{esc(title)}</h1>\n<ol class=\"entries\">\n{items}</ol>\n"
            '<footer><p><a href="index.html">All files</a></p></footer>\n')
    return _document(title, body)


def index_html(title: str, groups: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> str:
    parts = [f"<h1>{esc(title)}</h1>\n"]
    for heading, links in groups:
        parts.append(f"<h2>{esc(heading)}</h2>\n<ul>\n")
        parts += [f'<li><a href="{esc(href)}">{esc(label)}</a></li>\n' for label, href in links]
        parts.append("</ul>\n")
    return _document(title, "".join(parts))


def syllabus_markdown(syllabus: Syllabus, sections: Sequence[PageSection],
                      style_title: str) -> str:
    lines = [f"# {_md(syllabus.title)}", ""]
    for paragraph in _paragraphs(syllabus.introduction):
        lines += [_md(paragraph), ""]
    for section in sections:
        lines += [f"## {_md(section.title)}", ""]
        if section.description:
            lines += [_md(section.description), ""]
        for number, entry in enumerate(section.entries, start=1):
            lines.append(f"{number}. {safe_text(entry.formatted)}")
            if entry.annotation:
                lines += ["", f"    {_md(entry.annotation)}"]
            lines.append("")
    lines += [f"*References formatted in {_md(style_title)}.*", ""]
    return "\n".join(lines)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def _md(text: str) -> str:
    """Plain text as Markdown that shows as that text (no markup, links or HTML)."""
    text = _MD_SPECIAL.sub(r"\\\1", safe_text(" ".join(text.split())))
    return re.sub(r"^(\d+)\.", r"\1\\.", text)


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
