"""Which rules run: `--select`/`--ignore` and `[tool.balint-bib.validate]` in the
nearest pyproject.toml (from the working directory upwards) that has that table.

Codes are prefixes, as in ruff: `BB4` means every BB4xx rule, `BB` (the default)
all of them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..tomltext import loads as toml_loads
from .core import RULES

CONFIG_KEYS = ("select", "ignore", "strict")


@dataclass(frozen=True)
class Selection:
    select: tuple[str, ...] = ("BB",)
    ignore: tuple[str, ...] = ()

    def enabled(self, code: str) -> bool:
        return code.startswith(self.select) and not code.startswith(self.ignore or ("\0",))


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    strict: bool = False
    path: str | None = None


def parse_codes(codes: Iterable[str], origin: str) -> tuple[str, ...]:
    """Upper-cased code prefixes; each must match at least one rule."""
    result = []
    for code in codes:
        code = code.strip().upper()
        if not code:
            continue
        if code == "ALL":
            code = "BB"
        if not any(known.startswith(code) for known in RULES):
            from difflib import get_close_matches

            close = get_close_matches(code, RULES, n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            raise UsageError(f"{origin}: unknown rule code '{code}'{hint} "
                             "(balint-bib validate --list-checks lists them)")
        result.append(code)
    return tuple(result)


def split_codes(text: str | None) -> list[str]:
    return [part for part in (text or "").replace(" ", ",").split(",") if part]


def find_config(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above `start` with [tool.balint-bib.validate]."""
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            try:
                document = toml_loads(candidate.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue  # not ours to judge; keep looking
            if "validate" in document.get("tool", {}).get("balint-bib", {}):
                return candidate
    return None


def load_config(start: Path) -> Config:
    path = find_config(start)
    if path is None:
        return Config()
    document = toml_loads(path.read_text(encoding="utf-8"))
    table = document["tool"]["balint-bib"]["validate"]
    origin = f"{path} [tool.balint-bib.validate]"
    if not isinstance(table, dict):
        raise UsageError(f"{origin} must be a table")
    unknown = sorted(set(table) - set(CONFIG_KEYS))
    if unknown:
        raise UsageError(f"{origin}: unknown setting(s) {', '.join(unknown)}; "
                         f"known: {', '.join(CONFIG_KEYS)}")
    for name in ("select", "ignore"):
        value = table.get(name, [])
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise UsageError(f"{origin}: '{name}' must be a list of codes, e.g. [\"BB4\"]")
    if not isinstance(table.get("strict", False), bool):
        raise UsageError(f"{origin}: 'strict' must be true or false")
    return Config(
        select=parse_codes(table.get("select", []), origin),
        ignore=parse_codes(table.get("ignore", []), origin),
        strict=table.get("strict", False),
        path=str(path),
    )


def resolve(config: Config, select: str | None, ignore: str | None) -> Selection:
    """Command-line --select replaces the configured selection; --ignore adds to it."""
    chosen = parse_codes(split_codes(select), "--select") or config.select or ("BB",)
    ignored = config.ignore + parse_codes(split_codes(ignore), "--ignore")
    return Selection(chosen, ignored)
