"""Rendering findings: grouped text for people, a versioned JSON document for CI.

The JSON schema (version 1) is in `schema.json` next to this module and in README.md;
additions are backwards compatible, anything else bumps `version`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .._version import __version__
from ..diagnostics import Diagnostic, Severity
from .core import RULES

SCHEMA_ID = "balint-bib/validate"
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Summary:
    files: Sequence[tuple[str, int]]  # (path, entries read)
    counts: dict[str, int]
    strict: bool
    exit_code: int


def exit_code(counts: dict[str, int], strict: bool) -> int:
    failing = counts["error"] + (counts["warning"] if strict else 0)
    return 1 if failing else 0


def _plural(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def summary_line(summary: Summary) -> str:
    counts = summary.counts
    entries = sum(n for _, n in summary.files)
    text = (f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, "
            f"{counts['info']} info in {_plural(len(summary.files), 'file')} "
            f"({_plural(entries, 'entry').replace('entrys', 'entries')})")
    if summary.strict and counts["warning"]:
        text += "; --strict: warnings count as errors"
    return text


Style = Callable[..., str]


def _plain(text: str, **_: object) -> str:
    return text


SEVERITY_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render_text(findings: Sequence[Diagnostic], summary: Summary, style: Style = _plain) -> str:
    """Findings grouped by file, then by entry, in line order; a summary line last."""
    lines: list[str] = []
    # Files in the order they were given; entries in order of their first finding, with
    # the file's own findings (no entry) first; findings in line order.
    file_rank = {path: rank for rank, (path, _) in enumerate(summary.files)}
    by_file: dict[str, list[Diagnostic]] = {}
    for finding in sorted(findings, key=lambda f: f.line or 0):
        by_file.setdefault(finding.path or "<input>", []).append(finding)
    for path in sorted(by_file, key=lambda p: (file_rank.get(p, len(file_rank)), p)):
        lines.append(style(path, bold=True))
        by_entry: dict[str | None, list[Diagnostic]] = {}
        for finding in by_file[path]:
            by_entry.setdefault(finding.key, []).append(finding)
        for key in sorted(by_entry, key=lambda k: (k is not None, by_entry[k][0].line or 0)):
            lines.append("  " + (style(key, bold=True) if key else "(file)"))
            for finding in by_entry[key]:
                location = f"{path}:{finding.line}" if finding.line else path
                where = f" [{finding.field}]" if finding.field else ""
                severity = style(f"{finding.severity.value:<7}",
                                 fg=SEVERITY_COLOURS[finding.severity])
                lines.append(f"    {location}: {finding.code} {severity} "
                             f"{finding.message}{where}")
                if finding.fix:
                    lines.append(f"      fix: {finding.fix}")
    lines.append(summary_line(summary))
    return "\n".join(lines) + "\n"


def render_json(findings: Sequence[Diagnostic], summary: Summary) -> str:
    document = {
        "schema": SCHEMA_ID,
        "version": SCHEMA_VERSION,
        "tool": {"name": "balint-bib", "version": __version__},
        "files": [{"path": path, "entries": entries} for path, entries in summary.files],
        "strict": summary.strict,
        "exit_code": summary.exit_code,
        "counts": {**summary.counts, "total": len(findings)},
        "findings": [
            {**finding.as_dict(), "summary": RULES[finding.code].summary}
            for finding in findings
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render_rules() -> str:
    """The rule table for --list-checks."""
    lines = []
    for code in sorted(RULES):
        rule = RULES[code]
        scope = f" ({rule.profile} profile)" if rule.profile == "dataset" else \
            " (--online)" if rule.profile == "online" else ""
        lines.append(f"{code}  {rule.severity.value:<7}  {rule.family:<11}  "
                     f"{rule.summary}{scope}")
    return "\n".join(lines) + "\n"
