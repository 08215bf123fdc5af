"""Crossref: the one client of the project, and enrichment built on it."""

from __future__ import annotations

from .client import CrossrefClient, CrossrefError, open_client
from .matching import Match, decide
from .settings import CrossrefSettings, resolve_settings

__all__ = ["CrossrefClient", "CrossrefError", "CrossrefSettings", "Match", "decide",
           "open_client", "resolve_settings"]
