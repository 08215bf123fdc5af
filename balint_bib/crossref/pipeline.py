"""`enrich_file`: enrich one .bib file from Crossref, as a library call.

Looks every entry up, plans the edits and the provenance, builds the report and
writes, in this order, the report, the sidecar and the .bib (each atomically). The
command line only turns options into settings and prints what comes back.
"""

from __future__ import annotations

import datetime
import difflib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._version import __version__
from ..bibtex.editor import to_string
from ..bibtex.reader import Bibliography
from ..dataset import references_path, sidecar_path
from ..errors import UsageError
from ..files import atomic_write
from ..provenance import append as append_provenance
from .client import CrossrefClient, open_client
from .enrich import EnrichOptions, EntryResult, enrich, summary
from .settings import CrossrefSettings

_DEFAULT_OPTIONS = EnrichOptions()


@dataclass(frozen=True)
class EnrichReport:
    """What a run found and what it wrote (or, for a dry run, would write)."""

    source: Path  # the .bib read
    target: Path | None  # the .bib written; None for a dry run
    results: tuple[EntryResult, ...]
    text: str  # the .bib before
    new_text: str  # and after
    sidecar: Path
    old_sidecar: str
    new_sidecar: str
    base_url: str
    requests_made: int
    cache_hits: int
    date: str  # ISO time of the run, UTC

    @property
    def summary(self) -> dict[str, int]:
        return summary(self.results)

    def to_json(self) -> dict[str, Any]:
        """The `--report` document."""
        return {
            "tool": f"balint-bib {__version__}", "file": str(self.source),
            "crossref_url": self.base_url, "date": self.date, "summary": self.summary,
            "requests": self.requests_made, "entries": [r.to_json() for r in self.results],
        }

    def diff(self) -> str:
        """The unified diff of the .bib, then of its sidecar."""
        return (file_diff(self.text, self.new_text, self.source.name)
                + file_diff(self.old_sidecar, self.new_sidecar, self.sidecar.name))


def file_diff(before: str, after: str, name: str) -> str:
    """The unified diff of one file's text, as `git diff` names it (a/NAME, b/NAME)."""
    return "".join(difflib.unified_diff(before.splitlines(keepends=True),
                                        after.splitlines(keepends=True),
                                        fromfile=f"a/{name}", tofile=f"b/{name}"))


def enrich_file(bibliography: Bibliography, settings: CrossrefSettings,
                options: EnrichOptions = _DEFAULT_OPTIONS, *, target: Path | None = None,
                report_path: Path | None = None,
                on_result: Callable[[EntryResult], None] = lambda result: None,
                ) -> EnrichReport:
    """Enrich `bibliography` and write it to `target` (which may be its own path) with its
    sidecar; `target` None is a dry run that writes nothing but the report."""
    with open_client(settings) as client:
        results = enrich(client, bibliography.records, options,
                         concurrency=settings.concurrency, on_result=on_result)
    report = plan_report(bibliography, client, results, target)
    # The report first: if it cannot be written, neither the .bib nor its sidecar is.
    if report_path is not None:
        atomic_write(report_path,
                     json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n")
    if target is not None:
        write(report)
    return report


def plan_report(bibliography: Bibliography, client: CrossrefClient,
                results: list[EntryResult], target: Path | None) -> EnrichReport:
    """The new .bib text and sidecar text the results call for. Reads the sidecar."""
    source = Path(bibliography.path or references_path())
    edits = [e for r in results if r.plan for e in r.plan.edits]
    sources = [r.plan.provenance for r in results if r.plan and r.plan.provenance]
    sidecar = sidecar_path(target or source)
    old_sidecar = read_sidecar(sidecar)
    if not old_sidecar and target is not None and sidecar != sidecar_path(source):
        old_sidecar = read_sidecar(sidecar_path(source))  # the provenance follows the file
    return EnrichReport(
        source=source, target=target, results=tuple(results), text=bibliography.text,
        new_text=to_string(bibliography, edits), sidecar=sidecar, old_sidecar=old_sidecar,
        new_sidecar=append_provenance(old_sidecar, sources, str(sidecar)),
        base_url=client.base_url, requests_made=client.requests_made,
        cache_hits=client.cache_hits,
        date=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"))


def write(report: EnrichReport) -> None:
    """Write the sidecar, then the .bib, where something changed or the file moves."""
    target = report.target
    assert target is not None
    moved = target != report.source
    # Both encoded before either is written: text that cannot be UTF-8 stops both.
    try:
        sidecar, text = report.new_sidecar.encode("utf-8"), report.new_text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise UsageError(f"cannot write text that is not Unicode ({error.reason}); "
                         "nothing was written", path=target) from None
    # Provenance first: if the run dies between the two writes, a rerun adds the
    # values again and finds their provenance already recorded.
    if report.new_sidecar != report.old_sidecar or (moved and report.old_sidecar):
        atomic_write(report.sidecar, sidecar)
    if report.new_text != report.text or moved:
        atomic_write(target, text)


def read_sidecar(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read: {error}", path=path) from None
