"""Where the Crossref settings come from: flag, environment, then the user's config file.

    # ~/.config/balint-bib/config.toml (or $BALINT_BIB_CONFIG)
    [crossref]
    mailto = "me@example.org"
    url = "https://api.crossref.org"
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from ..errors import UsageError

CONFIG_VARIABLE = "BALINT_BIB_CONFIG"
MAILTO_VARIABLE = "BALINT_BIB_MAILTO"
URL_VARIABLE = "BALINT_BIB_CROSSREF_URL"


def config_path() -> Path:
    explicit = os.environ.get(CONFIG_VARIABLE)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "balint-bib" / "config.toml"


def crossref_config() -> dict[str, Any]:
    """The `[crossref]` table of the config file; empty when there is none."""
    path = config_path()
    if not path.is_file():
        return {}
    try:
        section = tomllib.loads(path.read_text(encoding="utf-8")).get("crossref", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UsageError(f"cannot read the configuration: {error}", path=path) from None
    return section if isinstance(section, dict) else {}


def resolve_mailto(flag: str | None = None) -> str | None:
    """The polite-pool address: flag, then $BALINT_BIB_MAILTO, then the config."""
    return flag or os.environ.get(MAILTO_VARIABLE) or crossref_config().get("mailto") or None


def resolve_url(flag: str | None = None) -> str | None:
    """The base URL: flag, then $BALINT_BIB_CROSSREF_URL, then the config; None means the
    public API."""
    return (flag or os.environ.get(URL_VARIABLE) or crossref_config().get("url")) or None
