"""E-utilities settings, resolved once: flag, then environment, then the config file.

    # ~/.config/balint-bib/config.toml (or $BALINT_BIB_CONFIG)
    [pubmed]
    email = "me@example.org"
    api_key = "…"
    url = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"

NCBI asks every client for `tool` and `email`, and allows 3 requests a second without
an API key and 10 with one, per user: the client never goes faster, whatever the
number of workers.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..crossref.settings import MAILTO_VARIABLE, config_path, default_cache_dir
from ..errors import UsageError

URL_VARIABLE = "BALINT_BIB_EUTILS_URL"
IDCONV_VARIABLE = "BALINT_BIB_IDCONV_URL"
EMAIL_VARIABLE = "BALINT_BIB_EMAIL"
API_KEY_VARIABLES = ("BALINT_BIB_NCBI_API_KEY", "NCBI_API_KEY")

DEFAULT_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
DEFAULT_IDCONV_URL = "https://pmc.ncbi.nlm.nih.gov/tools/idconv/api/v1/articles/"
TOOL = "balint-bib"
RATE_WITHOUT_KEY = 3.0
RATE_WITH_KEY = 10.0
DEFAULT_CONCURRENCY = 3


@dataclass(frozen=True)
class PubMedSettings:
    base_url: str = DEFAULT_URL
    idconv_url: str = DEFAULT_IDCONV_URL
    email: str | None = None
    api_key: str | None = None
    cache_dir: Path | None = None
    concurrency: int = DEFAULT_CONCURRENCY
    tries: int = 4
    timeout: float = 20.0
    backoff: float = 1.0
    max_backoff: float = 60.0
    max_retry_after: float = 600.0
    rate: float | None = None  # requests a second; at most NCBI's limit

    def __post_init__(self) -> None:
        if self.concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        object.__setattr__(self, "base_url", (self.base_url or DEFAULT_URL).rstrip("/") + "/")
        object.__setattr__(self, "idconv_url",
                           (self.idconv_url or DEFAULT_IDCONV_URL).rstrip("/") + "/")
        object.__setattr__(self, "email", self.email or None)
        object.__setattr__(self, "api_key", self.api_key or None)

    @property
    def rate_limit(self) -> float:
        """Requests a second: NCBI's limit for this client, or less when asked."""
        ceiling = RATE_WITH_KEY if self.api_key else RATE_WITHOUT_KEY
        return min(ceiling, self.rate) if self.rate else ceiling


def read_section(path: Path, name: str) -> dict[str, Any]:
    """The `[name]` table of the config file; empty when there is none."""
    if not path.is_file():
        return {}
    try:
        section = tomllib.loads(path.read_text(encoding="utf-8")).get(name, {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UsageError(f"cannot read the configuration: {error}", path=path) from None
    return section if isinstance(section, dict) else {}


def _first(*values: object) -> str | None:
    return next((v for v in values if isinstance(v, str) and v), None)


def resolve_settings(*, base_url: str | None = None, idconv_url: str | None = None,
                     email: str | None = None, api_key: str | None = None,
                     cache_dir: Path | None = None, use_cache: bool = True,
                     environ: Mapping[str, str] | None = None,
                     **transport: Any) -> PubMedSettings:
    """Flags win over the environment, the environment over the config file. The email
    falls back to the Crossref contact address (`$BALINT_BIB_MAILTO`, `[crossref] mailto`)."""
    env = os.environ if environ is None else environ
    path = config_path(env)
    pubmed = read_section(path, "pubmed")
    url = _first(base_url, env.get(URL_VARIABLE), pubmed.get("url"))
    idconv = _first(idconv_url, env.get(IDCONV_VARIABLE), pubmed.get("idconv_url"))
    address = _first(email, env.get(EMAIL_VARIABLE), pubmed.get("email"),
                     env.get(MAILTO_VARIABLE)) or _first(read_section(path, "crossref")
                                                         .get("mailto"))
    key = _first(api_key, *(env.get(v) for v in API_KEY_VARIABLES), pubmed.get("api_key"))
    cache = (cache_dir or default_cache_dir(env)) if use_cache else None
    return PubMedSettings(base_url=url or DEFAULT_URL, idconv_url=idconv or DEFAULT_IDCONV_URL,
                          email=address, api_key=key, cache_dir=cache, **transport)
