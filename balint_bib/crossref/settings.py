"""Crossref settings, resolved once: flag, then environment, then the user's config file.

    # ~/.config/balint-bib/config.toml (or $BALINT_BIB_CONFIG)
    [crossref]
    mailto = "me@example.org"
    url = "https://api.crossref.org"

`resolve_settings` is the only place that reads the environment or the config file;
the client is handed the frozen result and reads neither.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import CONFIG_VARIABLE, config_path, read_config

__all__ = ["CONFIG_VARIABLE", "CrossrefSettings", "config_path", "read_config",
           "resolve_settings"]

MAILTO_VARIABLE = "BALINT_BIB_MAILTO"
URL_VARIABLE = "BALINT_BIB_CROSSREF_URL"

DEFAULT_URL = "https://api.crossref.org"
DEFAULT_CONCURRENCY = 3
DEFAULT_TRIES = 4
DEFAULT_TIMEOUT = 20.0
DEFAULT_BACKOFF = 1.0
DEFAULT_ROWS = 5


@dataclass(frozen=True)
class CrossrefSettings:
    """Everything the client needs to know; `cache_dir` None means no cache."""

    base_url: str = DEFAULT_URL
    mailto: str | None = None
    cache_dir: Path | None = None
    concurrency: int = DEFAULT_CONCURRENCY
    tries: int = DEFAULT_TRIES
    timeout: float = DEFAULT_TIMEOUT
    backoff: float = DEFAULT_BACKOFF
    max_backoff: float = 60.0
    max_retry_after: float = 600.0

    def __post_init__(self) -> None:
        if self.concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        object.__setattr__(self, "base_url", (self.base_url or DEFAULT_URL).rstrip("/"))
        object.__setattr__(self, "mailto", self.mailto or None)


def default_cache_dir(environ: Mapping[str, str]) -> Path:
    base = environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "balint-bib"


def _first(*values: object) -> str | None:
    """The first value that is a non-empty string."""
    return next((v for v in values if isinstance(v, str) and v), None)


def resolve_settings(*, base_url: str | None = None, mailto: str | None = None,
                     cache_dir: Path | None = None, use_cache: bool = True,
                     environ: Mapping[str, str] | None = None,
                     **transport: Any) -> CrossrefSettings:
    """The settings for this run. Flags win over the environment, the environment over
    the config file; `transport` holds concurrency, tries, timeout and backoff."""
    env = os.environ if environ is None else environ
    # The config file is read only when a flag or variable leaves something open.
    config: dict[str, Any] | None = None

    def from_config(name: str) -> object:
        nonlocal config
        if config is None:
            config = read_config(config_path(env))
        return config.get(name)

    url = _first(base_url, env.get(URL_VARIABLE)) or _first(from_config("url"))
    address = _first(mailto, env.get(MAILTO_VARIABLE)) or _first(from_config("mailto"))
    cache = (cache_dir or default_cache_dir(env)) if use_cache else None
    return CrossrefSettings(base_url=url or DEFAULT_URL, mailto=address, cache_dir=cache,
                            **transport)
