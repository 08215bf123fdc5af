"""Name parts as BibTeX 0.99d splits them, through tests/fixtures/realworld/nameparts.bst."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from balint_bib.bibtex.latex import to_unicode
from balint_bib.bibtex.names import Name

from .tools import FIXTURES

BST = FIXTURES / "realworld" / "nameparts.bst"
Parts = tuple[str, str, str, str]  # given, particle, family, suffix


def bibtex_names(bib: Path) -> dict[tuple[str, str], list[Parts]]:
    """(key, role) -> the names' parts, decoded to Unicode, as BibTeX's format.name$ gives."""
    with tempfile.TemporaryDirectory() as work:
        shutil.copy(bib, Path(work) / "in.bib")
        shutil.copy(BST, Path(work) / "nameparts.bst")
        (Path(work) / "t.aux").write_text("\\citation{*}\n\\bibdata{in}\n\\bibstyle{nameparts}\n")
        env = {**os.environ, "BIBINPUTS": work + ":", "BSTINPUTS": work + ":",
               "max_strings": "400000", "hash_extra": "200000"}  # large files
        subprocess.run(["bibtex", "-terse", "t"], cwd=work, env=env, capture_output=True,
                       check=False, timeout=300)
        data = (Path(work) / "t.bbl").read_bytes().decode("utf-8", "replace")
    lines: list[str] = []
    for line in data.split("\n"):
        if line.startswith("@@"):
            lines.append(line[2:])
        elif lines and line:
            lines[-1] += " " + line  # BibTeX wrapped the line at a space
    names: dict[tuple[str, str], list[Parts]] = {}
    for line in lines:
        key, role, _, ff, vv, ll, jj = line.split("|", 6)
        parts = tuple(_plain(p) for p in (ff, vv, ll, jj))
        names.setdefault((key, role), []).append(parts)  # type: ignore[arg-type]
    return names


def _plain(part: str) -> str:
    return " ".join(to_unicode(part).replace("\xa0", " ").split())


def our_parts(name: Name) -> Parts:
    if name.literal:
        return ("", "", name.literal, "")
    return tuple(" ".join(p.replace("\xa0", " ").split())  # type: ignore[return-value]
                 for p in (name.given, name.particle, name.family, name.suffix))
