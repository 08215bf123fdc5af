"""Crossref: the one client of the project, and enrichment built on it."""

from __future__ import annotations

from .client import CrossrefClient, CrossrefError, resolve_base_url
from .matching import Match, decide

__all__ = ["CrossrefClient", "CrossrefError", "Match", "decide", "resolve_base_url"]
