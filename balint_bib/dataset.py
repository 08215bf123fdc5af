"""Where the bundled dataset lives.

Inside a balint-bib checkout (the working directory or any folder above it holds the
project's pyproject.toml), `data/` and `styles/` are the checkout's: a maintainer's
edits are what the commands read and write, even when a non-editable install sits in
site-packages. Elsewhere they come from the installed wheel, where they are shipped
inside the package, or from the source tree next to the package.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

_PACKAGE = "balint_bib"
_PROJECT = "balint-bib"


def checkout_root(start: Path | None = None) -> Path | None:
    """The balint-bib checkout that holds `start` (default: the working directory)."""
    try:
        here = (start or Path.cwd()).resolve()
    except OSError:
        return None
    for folder in (here, *here.parents):
        project = folder / "pyproject.toml"
        if not (folder / "data" / "references.bib").is_file() or not project.is_file():
            continue
        try:
            name = tomllib.loads(project.read_text(encoding="utf-8")).get("project", {})
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        if isinstance(name, dict) and name.get("name") == _PROJECT:
            return folder
    return None


def describe_default() -> str:
    """The default dataset's path, and whether it is an installed copy (for the one line
    every command prints when FILE is left out)."""
    path = references_path()
    if "site-packages" in path.parts or "dist-packages" in path.parts:
        return f"{path} (the installed copy; run inside a checkout to use its data/)"
    return str(path)


def _bundled(name: str) -> Path:
    root = checkout_root()
    if root is not None and (root / name).exists():
        return root / name
    packaged = Path(str(resources.files(_PACKAGE).joinpath(name)))
    if packaged.exists():
        return packaged
    return Path(__file__).resolve().parent.parent / name


def data_dir() -> Path:
    return _bundled("data")


def styles_dir() -> Path:
    """The project's own CSL styles."""
    return _bundled("styles")


def references_path() -> Path:
    return data_dir() / "references.bib"


def syllabi_dir() -> Path:
    return data_dir() / "syllabi"


def sidecar_path(bib_path: str | Path) -> Path:
    """The provenance sidecar of a .bib file: `references.bib` → `references.sources.toml`."""
    return Path(bib_path).with_suffix(".sources.toml")
