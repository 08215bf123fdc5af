"""What every exporter gets and gives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from ..bibtex.model import Record
from ..syllabus import Syllabus


@dataclass(frozen=True)
class ExportRequest:
    records: tuple[Record, ...]
    syllabi: tuple[Syllabus, ...] = ()


@runtime_checkable
class Exporter(Protocol):
    name: str
    description: str
    suffix: str  # the file extension, with its dot

    def render(self, request: ExportRequest) -> bytes:
        """The whole output file."""
        ...


def as_exporter(item: object) -> Exporter:
    """What the exporters registry accepts: an object with the Exporter's members."""
    if not isinstance(item, Exporter):
        raise TypeError("an exporter needs name, description, suffix and render()")
    return item
