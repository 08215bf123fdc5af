"""Documents as plain text: headings underlined, annotations indented under their entry."""

from __future__ import annotations

from .model import Document


def bibliography_text(document: Document) -> str:
    """The whole document as text; the introduction is not shown."""
    lines = [document.title, ""] if document.title else []
    for section in document.sections:
        if section.title:
            if lines:
                lines.append("")
            lines += [section.title, "=" * len(section.title)]
            if section.description:
                lines.append(section.description)
            lines.append("")
        for entry in section.entries:
            lines.append(entry.formatted)
            if entry.annotation:
                lines.append("    " + entry.annotation)
    return "\n".join(lines) + "\n"
