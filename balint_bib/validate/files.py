"""`validate_files`: the whole validation of .bib files as one library call.

    report = validate_files([Path("my.bib")], strict=True)
    report.findings, report.summary.exit_code

It reads the files (through the reader, the one place that reads .bib bytes), the
syllabi and the provenance sidecars, resolves the configuration and runs the checks.
What cannot be read becomes a finding; only a bad request (a missing file, an unknown
rule code, bad configuration) raises `UsageError`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..bibtex.reader import Bibliography, parse_string, read_text, require_file
from ..dataset import references_path, sidecar_path
from ..diagnostics import Diagnostic
from ..errors import BalintBibError, InputError
from ..inputs import display_name
from ..syllabus import Syllabus, bundled_syllabi, load_syllabus
from ..vocabulary import Vocabulary, vocabulary_path
from ..vocabulary import parse as parse_vocabulary
from .config import load_config, resolve
from .provenance import Provenance, missing_sidecar, parse_provenance, toml_error_line
from .report import Summary, exit_code
from .runner import Context, count, validate
from .syntax import unreadable

DoiLookup = Callable[[str], dict[str, Any] | None]
PROFILES = ("auto", "dataset", "generic")


@dataclass(frozen=True)
class Report:
    """The findings (sorted by file and line) and the summary the outputs end with."""

    findings: list[Diagnostic]
    summary: Summary

    @property
    def exit_code(self) -> int:
        return self.summary.exit_code


def validate_files(
    paths: Sequence[Path] = (),
    *,
    syllabi: Sequence[str] = (),
    profile: str = "auto",
    select: str | None = None,
    ignore: str | None = None,
    strict: bool | None = None,
    online: bool = False,
    lookup_doi: DoiLookup | None = None,
    config_dir: Path | None = None,
) -> Report:
    """Validate `paths` (none: the bundled dataset and its syllabi, dataset profile).

    `select`/`ignore` are comma-separated codes or prefixes; `strict` and the selection
    default to the `[tool.balint-bib.validate]` table found from `config_dir` (default:
    the working directory) upwards. `online` checks DOIs with Crossref through
    `lookup_doi` (default: the project's Crossref client).
    """
    if profile not in PROFILES:
        raise ValueError(f"profile must be one of {', '.join(PROFILES)}")
    config = load_config(config_dir or Path.cwd())
    selection = resolve(config, select, ignore)
    strict = config.strict if strict is None else strict
    bundled = not paths
    files = [references_path()] if bundled else list(paths)
    for path in files:
        require_file(path, "the bundled dataset is missing" if bundled else "no such file")
    dataset_profile = profile == "dataset" or (
        profile == "auto" and all(_same_file(p, references_path()) for p in files))

    extra: list[Diagnostic] = []
    bibliographies = [_read_bibliography(path, extra) for path in files]
    read = [b for b in bibliographies if b is not None]
    chosen = _read_syllabi(syllabi, bundled or (dataset_profile and not syllabi), extra)
    if online and lookup_doi is None:
        lookup_doi = crossref_lookup()
    context = Context(
        profile="dataset" if dataset_profile else "generic",
        syllabi=chosen,
        provenance=_read_provenance(read, extra) if dataset_profile else {},
        vocabularies=_read_vocabularies(read, extra) if dataset_profile else {},
        lookup_doi=lookup_doi if online else None,
    )
    findings = validate(read, context, selection, extra)
    counts = count(findings)
    summary = Summary(
        files=[(display_name(path), len(b) if b is not None else 0)
               for path, b in zip(files, bibliographies, strict=True)],
        counts=counts, strict=strict, exit_code=exit_code(counts, strict),
    )
    return Report(findings, summary)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _read_bibliography(path: Path, extra: list[Diagnostic]) -> Bibliography | None:
    """Parse `path`; a file that cannot be read or decoded becomes a finding."""
    try:
        text = read_text(path)
    except BalintBibError as error:  # unreadable (UsageError) or not UTF-8 (InputError)
        line = error.line if isinstance(error, InputError) else None
        extra.append(unreadable(display_name(path), error.message, line))
        return None
    return parse_string(text, display_name(path))


def _read_syllabi(names: Sequence[str], use_bundled: bool,
                  extra: list[Diagnostic]) -> tuple[Syllabus, ...]:
    try:
        if names:
            return tuple(load_syllabus(name) for name in names)
        return bundled_syllabi() if use_bundled else ()
    except InputError as error:
        extra.append(unreadable(error.path or "syllabus", error.message,
                                error.line or toml_error_line(error.message)))
        return ()


def _read_beside(path: Path, extra: list[Diagnostic]) -> str | None:
    """The text of a file kept beside a .bib (its sidecar, its vocabulary); an unreadable
    one is a finding, a missing one None."""
    if not path.is_file():
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        extra.append(unreadable(str(path), f"cannot read: {error}"))
        return None


def _read_provenance(bibliographies: list[Bibliography],
                     extra: list[Diagnostic]) -> dict[str | None, Provenance]:
    found: dict[str | None, Provenance] = {}
    for bibliography in bibliographies:
        path = sidecar_path(bibliography.path or "references.bib")
        if not path.is_file():
            extra.append(missing_sidecar(str(path)))
            continue
        text = _read_beside(path, extra)
        if text is not None:
            provenance, problems = parse_provenance(text, str(path))
            extra.extend(problems)
            found[bibliography.path] = provenance
    return found


def _read_vocabularies(bibliographies: list[Bibliography],
                       extra: list[Diagnostic]) -> dict[str | None, Vocabulary]:
    """The keyword vocabulary beside each file, where there is one (it is optional)."""
    found: dict[str | None, Vocabulary] = {}
    for bibliography in bibliographies:
        path = vocabulary_path(bibliography.path or "references.bib")
        text = _read_beside(path, extra)
        if text is None:
            continue
        vocabulary, problems = parse_vocabulary(text, str(path))
        extra.extend(problems)
        if vocabulary is not None:
            found[bibliography.path] = vocabulary
    return found


def crossref_lookup() -> DoiLookup:
    """The DOI lookup through the project's Crossref client (imported only for --online):
    Crossref's `message` for a DOI, or None when Crossref does not know it."""
    from ..crossref import CrossrefClient, CrossrefError, resolve_settings
    from ..crossref.cache import ResponseCache
    from .online import LookupFailed

    settings = resolve_settings()
    assert settings.cache_dir is not None
    client = CrossrefClient(settings, cache=ResponseCache(settings.cache_dir))

    def lookup(doi: str) -> dict[str, Any] | None:
        try:
            work: dict[str, Any] | None = client.work(doi)
        except CrossrefError as error:
            # The data may be fine; the check could not be made (BB600 says so).
            raise LookupFailed(f"Crossref did not answer for {doi}: {error}") from None
        return work

    return lookup
