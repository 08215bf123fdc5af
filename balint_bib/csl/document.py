"""Whole documents from formatted entries: text, HTML (fragment or page), Markdown, RTF.

Entries arrive already rendered in the output format; annotations and headings are plain
text and are escaped here for the format.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .engine import FormattedEntry
from .markup import rtf_escape


@dataclass(frozen=True)
class Group:
    """Entries under one heading (a syllabus section); the heading is empty for a plain list."""

    title: str
    entries: tuple[FormattedEntry, ...]
    description: str = ""


STYLESHEET = """\
body { font-family: Georgia, "Times New Roman", serif; line-height: 1.5; max-width: 48rem;
       margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; background: #fff; }
h1, h2 { font-family: system-ui, sans-serif; line-height: 1.2; }
.csl-entry { padding-left: 2em; text-indent: -2em; margin: 0.75em 0 0.25em; }
.csl-left-margin { display: inline; }
.csl-right-inline { display: inline; margin-left: 0.5em; }
.annotation { margin: 0 0 1em 2em; color: #333; }
a { color: #0645ad; }
@media print { body { max-width: none; } }
"""


def _html_entry(entry: FormattedEntry) -> str:
    key = html.escape(entry.key, quote=True)
    lines = [f'<div class="csl-entry" id="{key}">{entry.text}</div>']
    if entry.annotation:
        lines.append(f'<p class="annotation">{html.escape(entry.annotation)}</p>')
    return "\n".join(lines)


def to_html(groups: Sequence[Group], *, title: str = "Bibliography", standalone: bool = False,
            lang: str = "en-US") -> str:
    parts = ['<div class="csl-bib-body">']
    for group in groups:
        if group.title:
            parts.append(f"<section>\n<h2>{html.escape(group.title)}</h2>")
            if group.description:
                parts.append(f"<p>{html.escape(group.description)}</p>")
        parts.extend(_html_entry(entry) for entry in group.entries)
        if group.title:
            parts.append("</section>")
    parts.append("</div>")
    body = "\n".join(parts) + "\n"
    if not standalone:
        return body
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(lang, quote=True)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{STYLESHEET}</style>\n</head>\n"
        f"<body>\n<main>\n<h1>{html.escape(title)}</h1>\n{body}</main>\n</body>\n</html>\n"
    )


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def to_markdown(groups: Sequence[Group], *, title: str | None = None) -> str:
    blocks = [f"# {_md(title)}"] if title else []
    for group in groups:
        if group.title:
            blocks.append(f"## {_md(group.title)}")
            if group.description:
                blocks.append(_md(group.description))
        for entry in group.entries:
            blocks.append(entry.text)
            if entry.annotation:
                blocks.append("> " + _md(entry.annotation))
    return "\n\n".join(blocks) + "\n"


def to_text(groups: Sequence[Group], *, title: str | None = None) -> str:
    lines = [title, ""] if title else []
    for group in groups:
        if group.title:
            if lines:
                lines.append("")
            lines += [group.title, "=" * len(group.title)]
            if group.description:
                lines.append(group.description)
            lines.append("")
        for entry in group.entries:
            lines.append(entry.text)
            if entry.annotation:
                lines.append("    " + entry.annotation)
    return "\n".join(lines) + "\n"


def to_rtf(groups: Sequence[Group], *, title: str | None = None) -> str:
    """An RTF document Word opens: hanging-indented entries, annotations indented below."""
    out = [r"{\rtf1\ansi\deff0{\fonttbl{\f0\froman Times New Roman;}}\f0\fs24"]
    if title:
        out.append(r"{\pard\sa240\b\fs32 " + rtf_escape(title) + r"\par}")
    for group in groups:
        if group.title:
            out.append(r"{\pard\sb240\sa120\b\fs28 " + rtf_escape(group.title) + r"\par}")
            if group.description:
                out.append(r"{\pard\sa120 " + rtf_escape(group.description) + r"\par}")
        for entry in group.entries:
            out.append(r"{\pard\fi-720\li720\sa120 " + entry.text + r"\par}")
            if entry.annotation:
                out.append(r"{\pard\li720\sa240 " + rtf_escape(entry.annotation) + r"\par}")
    out.append("}")
    return "\n".join(out) + "\n"


def render_document(groups: Sequence[Group], output: str, *, title: str | None = None,
                    standalone: bool = False, lang: str = "en-US") -> str:
    if output == "html":
        return to_html(groups, title=title or "Bibliography", standalone=standalone, lang=lang)
    if output == "markdown":
        return to_markdown(groups, title=title)
    if output == "rtf":
        return to_rtf(groups, title=title)
    return to_text(groups, title=title)
