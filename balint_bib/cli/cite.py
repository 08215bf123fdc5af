"""`cite` and `cite-document`: citations as an author writes them, in any CSL style."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..csl import Citation, Cite, format_document, parse_cluster
from ..csl.document import cited_keys
from ..csl.engine import FormattedDocument
from ..csl.markup import OUTPUTS
from ..csl.styles import resolve_style
from ..csl.syntax import LOCATOR_TERMS, citations_from_json, find_clusters
from ..errors import InputError, UsageError
from .common import emit
from .lenient import load_for_output

_LABELS = sorted(set(LOCATOR_TERMS.values()))
file_option = click.option("--file", "file", type=click.Path(path_type=Path),
                           help="A .bib file (default: the bundled dataset).")
style_option = click.option("--style", "-s", required=True, metavar="NAME|PATH",
                            help="A CSL style name (`balint-bib styles`) or a .csl file.")
locale_option = click.option("--locale", default="en-US", show_default=True,
                             help="The locale for terms, dates and punctuation.")
format_option = click.option("--format", "-f", "output", type=click.Choice(OUTPUTS),
                             default="text", show_default=True, help="The output format.")


def _locator(value: str | None) -> tuple[str | None, str | None]:
    """`page=12` (or `12`, a page) as (label, locator)."""
    if not value:
        return None, None
    label, _, locator = value.rpartition("=")
    label = label.strip() or "page"
    if label not in _LABELS:
        raise UsageError(f"unknown locator label '{label}'; use one of {', '.join(_LABELS)}")
    return label, locator.strip()


def _citation(keys: tuple[str, ...], locator: str | None, prefix: str, suffix: str,
              suppress_author: bool, author_only: bool) -> Citation:
    if len(keys) == 1 and "@" in keys[0]:
        cluster = parse_cluster(keys[0])
        if locator or prefix or suffix or suppress_author or author_only:
            raise UsageError("options like --locator go with KEY, not with a [@KEY] cluster")
        return cluster
    options = locator or prefix or suffix or suppress_author or author_only
    if options and len(keys) > 1:
        raise UsageError("--locator, --prefix, --suffix, --suppress-author and --author-only "
                         "need one KEY; write '[@A, p. 3; @B]' for several")
    label, value = _locator(locator)
    return Citation([Cite(key, locator=value, label=label, prefix=prefix, suffix=suffix,
                          suppress_author=suppress_author, author_only=author_only)
                     for key in keys])


@click.command("cite")
@click.argument("keys", nargs=-1, required=True)
@style_option
@format_option
@locale_option
@file_option
@click.option("--locator", metavar="[LABEL=]VALUE", help="e.g. page=12, chapter=3 (one KEY).")
@click.option("--prefix", default="", help="Text before the cite, e.g. 'see'.")
@click.option("--suffix", default="", help="Text after the cite.")
@click.option("--suppress-author", is_flag=True, help="Leave the author out: (1964).")
@click.option("--author-only", is_flag=True, help="Only the author, for the running text.")
def cite_command(keys: tuple[str, ...], style: str, output: str, locale: str,
                 file: Path | None, locator: str | None, prefix: str, suffix: str,
                 suppress_author: bool, author_only: bool) -> None:
    """One citation of KEY(s), or of a cluster such as '[see @Balint1964, p. 12; @Johnson2004]'.

    Numbers and year suffixes are those of the bibliography of the cited works.
    """
    bibliography = load_for_output(file)  # with crossref inheritance, as format
    citation = _citation(keys, locator, prefix, suffix, suppress_author, author_only)
    click.echo(format_document(bibliography.records, [citation], style, output=output,
                               locale=locale).citations[0])


def _is_note_style(style: str) -> bool:
    from lxml import etree

    from ..csl.styles import hardened_parser

    root = etree.parse(str(resolve_style(style).path), hardened_parser()).getroot()
    return root.get("class") == "note"


def _markdown(text: str, document: FormattedDocument, note_style: bool) -> str:
    """The Markdown with each cluster replaced: in the text, or as a footnote."""
    out: list[str] = []
    notes: list[str] = []
    position = 0
    spans = [span for span, _ in find_clusters(text)]
    for (start, end), rendered in zip(spans, document.citations, strict=True):
        out.append(text[position:start])
        if note_style:
            notes.append(f"[^cite{len(notes) + 1}]: {rendered}")
            out.append(f"[^cite{len(notes)}]")
        else:
            out.append(rendered)
        position = end
    out.append(text[position:])
    body = "".join(out).rstrip("\n")
    if notes:
        body += "\n\n" + "\n".join(notes)
    if document.bibliography:
        body += "\n\n## References\n\n" + "\n\n".join(e.text for e in document.bibliography)
    return body + "\n"


@click.command("cite-document")
@click.argument("source", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@style_option
@locale_option
@file_option
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False),
              help="Write here (atomically) instead of stdout.")
def cite_document_command(source: Path, style: str, locale: str, file: Path | None,
                          out: Path | None) -> None:
    """A whole document's citations and its bibliography.

    SOURCE is Markdown with pandoc citations ([@KEY, p. 3; -@KEY2]; in a note style each
    becomes a footnote), written back with the citations rendered and the references
    appended; or JSON, a list of citeproc-js citations ({"citationItems": [...],
    "properties": {"noteIndex": 1}}), answered with JSON: the citations, in order, and the
    bibliography.
    """
    bibliography = load_for_output(file)  # with crossref inheritance, as format
    text = source.read_text(encoding="utf-8")
    if source.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(f"not JSON: {error.msg}", path=source, line=error.lineno) from None
        citations = citations_from_json(data, str(source))
        result = format_document(bibliography.records, citations, style, output="html",
                                 locale=locale)
        emit(json.dumps({"citations": result.citations, "bibliography": [
            {"id": e.key, "html": e.text} for e in result.bibliography]},
            ensure_ascii=False, indent=2) + "\n", out)
        return
    note_style = _is_note_style(style)
    citations = [Citation(c.cites, note=i + 1 if note_style else 0)
                 for i, (_, c) in enumerate(find_clusters(text))]
    if not cited_keys(citations):
        raise InputError("no citations ([@KEY]) in the document", path=source)
    result = format_document(bibliography.records, citations, style, output="markdown",
                             locale=locale)
    emit(_markdown(text, result, note_style), out)


COMMANDS = [cite_command, cite_document_command]
