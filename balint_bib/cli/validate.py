"""`validate`: check .bib files and report findings. I/O only; the checks live in
`balint_bib.validate`."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..bibtex.reader import Bibliography, decode, parse_string
from ..dataset import references_path, sidecar_path
from ..errors import BalintBibError, InputError, UsageError
from ..syllabus import Syllabus, bundled_syllabi, load_syllabus
from ..validate import Context, Finding, count, validate
from ..validate.config import load_config, resolve
from ..validate.provenance import (
    Provenance,
    missing_sidecar,
    parse_provenance,
    toml_error_line,
)
from ..validate.report import Summary, exit_code, render_json, render_rules, render_text
from ..validate.syntax import unreadable


@click.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--syllabus", "syllabi", multiple=True, metavar="FILE",
              help="A syllabus (.toml path or bundled name) whose keys must exist. "
              "Repeatable. Default with no FILE: the bundled syllabi.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]),
              default="text", show_default=True, help="Output for people or for CI.")
@click.option("--strict", is_flag=True, default=None, help="Warnings count as errors.")
@click.option("--select", metavar="CODES", help="Only these rules (comma-separated codes or "
              "prefixes such as BB2,BB301). Replaces the configured selection.")
@click.option("--ignore", metavar="CODES", help="Skip these rules (added to the configured "
              "ignore list).")
@click.option("--profile", type=click.Choice(["auto", "dataset", "generic"]), default="auto",
              show_default=True, help="dataset: also the curated dataset's rules (annote, "
              "keywords, syllabus coverage, provenance). auto: dataset for the bundled "
              "dataset, generic for other files.")
@click.option("--online", is_flag=True, help="Also compare every DOI with Crossref "
              "(network).")
@click.option("--list-checks", is_flag=True, help="List every rule and exit.")
def validate_command(files: tuple[Path, ...], syllabi: tuple[str, ...], output_format: str,
                     strict: bool | None, select: str | None, ignore: str | None,
                     profile: str, online: bool, list_checks: bool) -> None:
    """Check .bib files (default: the bundled dataset and its syllabi).

    Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage errors.
    """
    if list_checks:
        click.echo(render_rules(), nl=False)
        return
    config = load_config(Path.cwd())
    selection = resolve(config, select, ignore)
    strict = config.strict if strict is None else strict
    bundled = not files
    paths = [references_path()] if bundled else list(files)
    for path in paths:
        if not path.exists():
            raise UsageError("no such file" if not bundled else
                             "the bundled dataset is missing", path=path)
        if path.is_dir():
            raise UsageError("is a directory, expected a .bib file", path=path)
    dataset_profile = profile == "dataset" or (
        profile == "auto" and all(_same_file(p, references_path()) for p in paths))

    extra: list[Finding] = []
    bibliographies = [_read_bibliography(path, extra) for path in paths]
    read = [b for b in bibliographies if b is not None]
    chosen = _read_syllabi(syllabi, bundled or (dataset_profile and not syllabi), extra)
    provenance = _read_provenance(read, extra) if dataset_profile else {}
    context = Context(
        profile="dataset" if dataset_profile else "generic",
        syllabi=chosen,
        provenance=provenance,
        lookup_doi=_crossref_lookup() if online else None,
    )
    findings = validate(read, context, selection, extra)
    counts = count(findings)
    code = exit_code(counts, strict)
    summary = Summary(
        files=[(str(path), len(b) if b is not None else 0)
               for path, b in zip(paths, bibliographies, strict=True)],
        counts=counts, strict=strict, exit_code=code,
    )
    if output_format == "json":
        click.echo(render_json(findings, summary), nl=False)
    else:
        style = click.style if _colour() else _no_style
        click.echo(render_text(findings, summary, style), nl=False, color=_colour())
    sys.exit(code)


def _no_style(text: str, **_: Any) -> str:
    return text


def _colour() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _read_bibliography(path: Path, extra: list[Finding]) -> Bibliography | None:
    """Parse `path`; a file that cannot be read or decoded becomes a finding."""
    try:
        data = path.read_bytes()
    except OSError as error:
        extra.append(unreadable(str(path), f"cannot read: {error.strerror}"))
        return None
    try:
        text = decode(data, path)
    except InputError as error:
        extra.append(unreadable(str(path), error.message, error.line))
        return None
    return parse_string(text, path)


def _read_syllabi(names: tuple[str, ...], use_bundled: bool,
                  extra: list[Finding]) -> tuple[Syllabus, ...]:
    try:
        if names:
            return tuple(load_syllabus(name) for name in names)
        return bundled_syllabi() if use_bundled else ()
    except InputError as error:
        extra.append(unreadable(error.path or "syllabus", error.message,
                                error.line or toml_error_line(error.message)))
        return ()


def _read_provenance(bibliographies: list[Bibliography],
                     extra: list[Finding]) -> dict[str | None, Provenance]:
    found: dict[str | None, Provenance] = {}
    for bibliography in bibliographies:
        path = sidecar_path(bibliography.path or "references.bib")
        if not path.is_file():
            extra.append(missing_sidecar(str(path)))
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            extra.append(unreadable(str(path), f"cannot read: {error}"))
            continue
        provenance, problems = parse_provenance(text, str(path))
        extra.extend(problems)
        found[bibliography.path] = provenance
    return found


def _crossref_lookup() -> Callable[[str], dict[str, Any] | None]:
    """The DOI lookup through the project's Crossref client (imported only for --online):
    Crossref's `message` for a DOI, or None when Crossref does not know it."""
    from ..crossref import CrossrefClient, CrossrefError, resolve_settings
    from ..crossref.cache import ResponseCache

    settings = resolve_settings()
    assert settings.cache_dir is not None
    client = CrossrefClient(settings, cache=ResponseCache(settings.cache_dir))

    def lookup(doi: str) -> dict[str, Any] | None:
        try:
            return client.work(doi)
        except CrossrefError as error:
            # Not a finding: the data may be fine; the check could not be made.
            raise BalintBibError(f"--online: Crossref did not answer for {doi}: {error}; "
                                 "run without --online to check offline") from None

    return lookup


COMMANDS = [validate_command]
