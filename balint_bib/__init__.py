"""balint-bib: a curated Balint-group bibliography and the tools to keep and use it."""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import BalintBibError, InputError, UsageError
from .model import Field, Record
from .names import Name, parse_names
from .reader import Bibliography, Problem, load, parse_file, parse_string
from .registry import EXPORTERS, STYLES
from .syllabus import Section, Syllabus, bundled_syllabi, load_syllabus
from .writer import FieldEdit, atomic_write, to_string


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
    "Field",
    "FieldEdit",
    "InputError",
    "Name",
    "Problem",
    "Record",
    "Section",
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
