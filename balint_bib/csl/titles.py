"""Style titles for `styles --search`: "American Medical Association" finds
`american-medical-association` and the styles that name it in their title.

A title is read from the head of the file with a regular expression rather than by
parsing ~10,000 XML files; `<title>` is the first one inside `<info>` in every style.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

from .styles import _package_dir, available_style_names, project_styles, renamed_styles

_TITLE = re.compile(rb"<title>([^<]*)</title>")
_HEAD = 4096


def _title_of(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            match = _TITLE.search(handle.read(_HEAD))
    except OSError:
        return ""
    return html.unescape(match.group(1).decode("utf-8", "replace")).strip() if match else ""


@lru_cache(maxsize=1)
def style_titles() -> dict[str, str]:
    """Every installed style's name and title (renamed names share their target's)."""
    package = _package_dir()
    titles = {p.stem: _title_of(p) for p in package.glob("*.csl")}
    titles.update({p.stem: _title_of(p) for p in (package / "dependent").glob("*.csl")})
    titles.update({name: _title_of(path) for name, path in project_styles().items()})
    for old, new in renamed_styles().items():
        titles.setdefault(old, titles.get(new, ""))
    return titles


def search(word: str | None) -> list[str]:
    """Names whose name or title contains `word` (case- and space/hyphen-insensitive)."""
    names = available_style_names()
    if not word:
        return list(names)
    wanted = _fold(word)
    titles = style_titles()
    return [n for n in names if wanted in _fold(n) or wanted in _fold(titles.get(n, ""))]


def _fold(text: str) -> str:
    return re.sub(r"[\s\-_]+", " ", text.casefold()).strip()
