"""The user's config file: where it is and one table of it.

    # ~/.config/balint-bib/config.toml (or $BALINT_BIB_CONFIG)
    [crossref]
    mailto = "me@example.org"
    [zotero]
    api_key = "…"
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import UsageError

CONFIG_VARIABLE = "BALINT_BIB_CONFIG"


def config_path(environ: Mapping[str, str]) -> Path:
    explicit = environ.get(CONFIG_VARIABLE)
    if explicit:
        return Path(explicit)
    base = environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "balint-bib" / "config.toml"


def read_config(path: Path, section: str = "crossref") -> dict[str, Any]:
    """One table of the config file; empty when there is none."""
    if not path.is_file():
        return {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get(section, {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UsageError(f"cannot read the configuration: {error}", path=path) from None
    return table if isinstance(table, dict) else {}
