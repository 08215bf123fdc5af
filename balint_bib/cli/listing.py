"""`list` and `show`: look at what a bibliography holds."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from ..bibtex.model import Record
from ..errors import UsageError
from ..syllabus import DEFAULT_SYLLABUS, Section, in_syllabi, load_syllabus
from .common import bib_argument, load_bibliography
from .terminal import visible


def _first_author(record: Record) -> str:
    name = record.first_author()
    return name.last if name else ""


@click.command("list")
@bib_argument
@click.option("--keyword", "-k", help="Only entries with this keyword: a whole keyword, "
              "case-insensitive (with --substring, any keyword containing it).")
@click.option("--substring", is_flag=True, help="--keyword matches part of a keyword.")
@click.option("--section", "-s", help="Only entries of this syllabus section (title or number).")
@click.option("--syllabus", help="Only entries of this syllabus (name or .toml path); also "
              f"the syllabus that --section refers to (default {DEFAULT_SYLLABUS}).")
def list_command(file: Path | None, keyword: str | None, substring: bool,
                 section: str | None, syllabus: str | None) -> None:
    """List entries: key, type, year, first author, title."""
    bibliography = load_bibliography(file)
    records = list(bibliography.records)
    if substring and not keyword:
        raise UsageError("--substring needs --keyword")
    chosen = load_syllabus(syllabus or DEFAULT_SYLLABUS) if syllabus or section else None
    if syllabus and chosen is not None:
        records = list(in_syllabi(records, (chosen,)))
    if keyword:
        records = [r for r in records if _has_keyword(r, keyword, substring)]
    if section and chosen is not None:
        match = _find_section(chosen.sections, section)
        if match is None:
            titles = "; ".join(f"{i}. {s.title}" for i, s in enumerate(chosen.sections, 1))
            raise UsageError(f"no section '{section}' in {chosen.name}; sections: {titles}")
        order = {key: i for i, key in enumerate(match.keys)}
        records = sorted((r for r in records if r.key in order), key=lambda r: order[r.key])
    rows = [tuple(visible(cell) for cell in (r.key, r.entry_type, str(r.year or ""),
                                             _first_author(r), r.text("title") or ""))
            for r in records]
    if not rows:
        wanted = [f"keyword '{keyword}'" if keyword else "", f"section '{section}'"
                  if section else ""]
        click.echo(f"balint-bib: no entries with {' and '.join(w for w in wanted if w)}"
                   if keyword or section else "balint-bib: no entries", err=True)
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(4)]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False))
                   + "  " + row[4])


def _has_keyword(record: Record, keyword: str, substring: bool) -> bool:
    wanted = " ".join(keyword.casefold().split())
    folded = (" ".join(k.casefold().split()) for k in record.keywords)
    return any(wanted in k if substring else wanted == k for k in folded)


def _find_section(sections: Sequence[Section], wanted: str) -> Section | None:
    if wanted.isdigit() and 1 <= int(wanted) <= len(sections):
        return sections[int(wanted) - 1]
    folded = wanted.casefold()
    return next((s for s in sections if folded in s.title.casefold()), None)


@click.command("show")
@click.argument("key")
@click.option("--file", "file", type=click.Path(path_type=Path), help="A .bib file "
              "(default: the bundled dataset).")
@click.option("--raw", is_flag=True, help="Print the entry exactly as written in the file.")
def show_command(key: str, file: Path | None, raw: bool) -> None:
    """Show one entry, decoded, with where it is defined."""
    bibliography = load_bibliography(file)
    record = bibliography.get(key)
    if record is None:
        from difflib import get_close_matches

        close = get_close_matches(key, bibliography.keys, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UsageError(f"no entry '{key}'{hint}")
    if raw:
        span = next(s for s in bibliography.spans if s.kind == "entry" and s.key == key)
        click.echo(bibliography.text[span.start : span.end])
        return
    click.echo(visible(f"{record.key}  (@{record.entry_type}, {record.location})"))
    width = max(len(f.name) for f in record.fields) if record.fields else 0
    for item in record.fields:
        if item.name in ("author", "editor"):
            value = "; ".join(n.inverted() for n in record.names(item.name))
        else:
            value = record.text(item.name) or ""
        click.echo(visible(f"  {item.name.ljust(width)}  {value}"))


COMMANDS = [list_command, show_command]
