"""balint-bib: a curated Balint-group bibliography and the tools to keep and use it."""

from __future__ import annotations

from ._version import __version__
from .bibtex.editor import FieldEdit, to_string
from .bibtex.model import Field, Record
from .bibtex.names import Name, parse_names
from .bibtex.reader import Bibliography, load, parse_file, parse_string
from .diagnostics import Diagnostic, Severity
from .errors import BalintBibError, InputError, UsageError
from .files import atomic_write
from .registry import EXPORTERS, STYLES
from .syllabus import Section, Syllabus, bundled_syllabi, load_syllabus

# The reader's problems are diagnostics; the old name stays importable.
Problem = Diagnostic


def export(records: tuple[Record, ...] | Bibliography, format_name: str,
           syllabi: tuple[Syllabus, ...] = ()) -> bytes:
    """Render records in a registered export format."""
    from .exporters import ExportRequest

    records = tuple(records)
    return EXPORTERS.get(format_name).render(ExportRequest(records, syllabi))


__all__ = [
    "EXPORTERS",
    "STYLES",
    "BalintBibError",
    "Bibliography",
    "Diagnostic",
    "Field",
    "FieldEdit",
    "InputError",
    "Name",
    "Problem",
    "Record",
    "Section",
    "Severity",
    "Syllabus",
    "UsageError",
    "__version__",
    "atomic_write",
    "bundled_syllabi",
    "export",
    "load",
    "load_syllabus",
    "parse_file",
    "parse_names",
    "parse_string",
    "to_string",
]  # fmt: skip
