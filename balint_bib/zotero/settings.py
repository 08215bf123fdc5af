"""Zotero Web API settings, resolved once: flag, then environment, then the config file.

The API key is read from `ZOTERO_API_KEY` or the config file's `[zotero] api_key` only:
a command-line flag would leave it in the shell's history.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..config import config_path, read_config
from ..errors import UsageError

KEY_VARIABLE = "ZOTERO_API_KEY"
URL_VARIABLE = "BALINT_BIB_ZOTERO_URL"
DEFAULT_URL = "https://api.zotero.org"
MAX_IN_FLIGHT = 4  # requests at once, across all threads
MAX_BATCH = 50  # objects per write request (the API answers 413 above it)


@dataclass(frozen=True)
class ZoteroSettings:
    group_id: str
    api_key: str = field(repr=False)
    base_url: str = DEFAULT_URL
    in_flight: int = MAX_IN_FLIGHT
    tries: int = 4
    timeout: float = 30.0
    backoff: float = 1.0
    max_wait: float = 600.0  # a longer Backoff/Retry-After stops the run with a message

    @property
    def prefix(self) -> str:
        return f"/groups/{self.group_id}"

    def redact(self, text: str) -> str:
        """`text` with the API key shown as `****` (messages may quote a URL or a body)."""
        return text.replace(self.api_key, "****") if self.api_key else text


def resolve_zotero_settings(*, group_id: str, base_url: str | None = None,
                            environ: Mapping[str, str] | None = None,
                            **transport: Any) -> ZoteroSettings:
    env = os.environ if environ is None else environ
    if not group_id.isdigit():
        raise UsageError(f"--zotero-group must be a group's numeric ID, not {group_id!r}")
    config = read_config(config_path(env), "zotero")
    url = base_url or env.get(URL_VARIABLE) or _string(config.get("url")) or DEFAULT_URL
    parts = urlsplit(url)
    local = parts.hostname in ("127.0.0.1", "localhost", "::1")
    secure = parts.scheme == "https" or (parts.scheme == "http" and local)
    if not parts.netloc or not secure:
        raise UsageError(f"the Zotero API URL must be https://… (http:// only on this "
                         f"machine), not {url!r}")
    key = env.get(KEY_VARIABLE) or _string(config.get("api_key"))
    if not key:
        raise UsageError(f"no Zotero API key: set {KEY_VARIABLE} or `api_key` in the "
                         f"[zotero] table of {config_path(env)}")
    return ZoteroSettings(group_id=group_id, api_key=key, base_url=url.rstrip("/"),
                          **transport)


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""
