"""DOIs as the project reads them: one place for their shape and their normal form."""

from __future__ import annotations

import re

# 10.<registrant>/<suffix>: Crossref's recommended pattern, without the anchors.
DOI = re.compile(r"10\.\d{4,9}/\S+")
# doi.org, and any other resolver host whose path is the DOI itself: ACM's
# `http://doi.acm.org/10.1145/…` (ACM-Reference-Format.bst strips exactly that prefix).
RESOLVER_PREFIX = re.compile(r"^(?:https?://[^/\s]+/(?=10\.\d{4,9}/)|https?://(?:dx\.)?doi\.org/"
                             r"|doi:\s*)", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:"


def bare_doi(value: str) -> str:
    """The DOI without a resolver prefix or trailing punctuation, its case kept."""
    return RESOLVER_PREFIX.sub("", value.strip()).rstrip(TRAILING_PUNCTUATION)


def doi_key(value: str) -> str:
    """The form two DOIs are compared in: bare and lower-case (DOIs ignore case)."""
    return bare_doi(value).lower()


def find_doi(value: str | None) -> str:
    """The first DOI inside `value` (a field that may hold a resolver URL), or ''."""
    match = DOI.search(value or "")
    return match.group() if match else ""
