"""Crossref: the one client of the project, and enrichment built on it.

The names below are loaded on first use, so that `validate` can use the matcher
(`crossref.matching`) without importing the HTTP libraries.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .client import CrossrefClient, CrossrefError, open_client
    from .matching import Match, check_doi, decide
    from .pipeline import enrich_file
    from .settings import CrossrefSettings, resolve_settings

_HOMES = {"CrossrefClient": "client", "CrossrefError": "client", "open_client": "client",
          "Match": "matching", "check_doi": "matching", "decide": "matching",
          "CrossrefSettings": "settings", "resolve_settings": "settings",
          "enrich_file": "pipeline"}

__all__ = ["CrossrefClient", "CrossrefError", "CrossrefSettings", "Match", "check_doi",
           "decide", "enrich_file", "open_client", "resolve_settings"]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
