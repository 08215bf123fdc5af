"""Exporters: one module a format, each found through `balint_bib.registry.exporters`."""

from .base import Exporter, ExportRequest

__all__ = ["ExportRequest", "Exporter"]
