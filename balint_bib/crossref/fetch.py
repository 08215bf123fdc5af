"""One work's metadata by DOI, through habanero (for `balint-bib add`).

A single interactive lookup: no rate limit to follow and nothing to retry in bulk,
so habanero's own transport does the request (`Crossref.works(ids=…)`, with the
polite-pool mailto and balint-bib's User-Agent). Enrichment's many requests go
through `client.CrossrefClient` instead, which needs the response headers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import habanero  # type: ignore[import-untyped]
import httpx2
from habanero.exceptions import RequestError  # type: ignore[import-untyped]

from .._version import __version__
from .client import CrossrefError
from .settings import CrossrefSettings


def fetch_work(settings: CrossrefSettings, doi: str) -> Mapping[str, Any] | None:
    """Crossref's `message` for `doi`, or None when Crossref has no such DOI."""
    crossref = habanero.Crossref(base_url=settings.base_url, mailto=settings.mailto,
                                 ua_string=f"balint-bib/{__version__}",
                                 timeout=settings.timeout)
    try:
        answer = crossref.works(ids=doi)
    except httpx2.HTTPStatusError as error:
        if error.response.status_code == 404:
            return None
        raise CrossrefError(f"HTTP {error.response.status_code} from Crossref for {doi}") \
            from None
    except RequestError as error:
        raise CrossrefError(f"HTTP {error.status_code} from Crossref for {doi}") from None
    except (httpx2.HTTPError, RuntimeError, ValueError) as error:
        raise CrossrefError(f"no answer from Crossref for {doi} "
                            f"({type(error).__name__})") from None
    message = answer.get("message") if isinstance(answer, Mapping) else None
    if not isinstance(message, Mapping) or not isinstance(message.get("DOI"), str):
        raise CrossrefError(f"not a Crossref answer for {doi}: a work without message.DOI")
    return message
