"""TOML parsing that turns nesting beyond Python's recursion limit into a decode error:
`tomllib` recurses per level, so `a = [[[[…` 100,000 deep is a RecursionError."""

from __future__ import annotations

import tomllib
from typing import Any


def loads(text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise tomllib.TOMLDecodeError("arrays or tables nested too deeply") from None
