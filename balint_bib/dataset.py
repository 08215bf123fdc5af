"""Where the bundled dataset lives.

In a wheel, `data/` and `styles/` are shipped inside the package; in a source
checkout they sit at the top of the repository, next to the package.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_PACKAGE = "balint_bib"


def _bundled(name: str) -> Path:
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
