"""The project's CSL element classes: citeproc-py's, each with the fixes it needs mixed in.

citeproc-py maps each CSL element to a class through lxml's namespace lookup. The project's
parser uses its own lookup (`element_lookup`) in which every element class is a subclass of
citeproc-py's, with fix mixins (fixes/*.py, listed in `fixes.table.FIXES`) before it in the
method order; a fix that concerns only some attributes is mixed into the classes of the
elements that have them. citeproc-py's own classes are never modified: another user of
citeproc-py in the same process gets upstream behaviour.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from citeproc import model
from lxml import etree

from ..styles import CSL_NS, hardened_parser


def _element_classes() -> list[type]:
    classes = set()
    pending = list(model.CitationStylesElement.__subclasses__())
    while pending:
        cls = pending.pop()
        if cls.__module__ == model.__name__ and cls not in classes:
            classes.add(cls)
            pending += cls.__subclasses__()
    return sorted(classes, key=lambda cls: (len(cls.__mro__), cls.__name__))  # parents first


def _derive(cls: type, mixins: Iterable[type]) -> type:
    bases = (*mixins, cls)
    return type(cls.__name__, bases, {"__module__": __name__, "__doc__": cls.__doc__})


_UPSTREAM = {cls.__name__.replace("_", "-").lower(): cls for cls in _element_classes()}


class _FixLookup(etree.PythonElementClassLookup):  # type: ignore[misc]
    """The project's class for each CSL element: citeproc-py's class for its tag, with
    the fixes that target it mixed in, less those whose `applies` rules the element's
    attributes out (a fix for `macro=` is not on a <text variable=...>: one method call
    fewer at each level of every render). The classes are made once per set of fixes."""

    def __init__(self, disabled: frozenset[str]) -> None:
        super().__init__()
        self.disabled = disabled
        self.classes: dict[tuple[type, frozenset[str]], type] = {}
        self.by_element: dict[tuple[str, tuple[tuple[str, str], ...]], type] = {}

    def lookup(self, document: Any, element: Any) -> type | None:
        tag = element.tag
        if not isinstance(tag, str) or not tag.startswith(f"{{{CSL_NS}}}"):
            return None  # comments, other namespaces: lxml's own classes
        items = tuple(element.items())
        found = self.by_element.get((tag, items))
        if found is None:  # lxml asks again for each new proxy of an element
            cls = _UPSTREAM.get(tag[len(CSL_NS) + 2:], model.CitationStylesElement)
            found = self.by_element[(tag, items)] = self.element_class(cls, dict(items))
        return found

    def element_class(self, cls: type, attributes: dict[str, str]) -> type:
        from .table import FIXES  # the table names the mixins of this package

        fixes = [fix for fix in FIXES if fix.name not in self.disabled
                 and fix.mixin is not None and fix.target is not None
                 and issubclass(cls, fix.target) and not issubclass(cls, fix.unless)
                 and (fix.applies is None or fix.applies(attributes))]
        key = (cls, frozenset(f"{fix.name}/{fix.mixin.__name__}" for fix in fixes
                              if fix.mixin is not None))
        known = self.classes.get(key)
        if known is None:
            parents = tuple(self.element_class(base, attributes) if base in _UPSTREAM.values()
                            else base for base in cls.__bases__)
            if parents != cls.__bases__:  # Else_If: the If made for these attributes
                known = type(cls.__name__, parents, {"__module__": __name__})
            else:
                known = _derive(cls, [fix.mixin for fix in fixes if fix.mixin is not None])
            self.classes[key] = known
        return known


@lru_cache(maxsize=8)
def element_lookup(disabled: frozenset[str] = frozenset()) -> _FixLookup:
    return _FixLookup(disabled)


def parse(path: Path | str, disabled: frozenset[str] = frozenset()) -> Any:
    """A style or locale file as a tree of the project's element classes."""
    parser = hardened_parser()
    parser.set_element_class_lookup(element_lookup(disabled))
    tree = etree.parse(str(path), parser)
    _give_names_a_name(tree)
    return tree


def _give_names_a_name(tree: Any) -> None:
    """A <names> without <name> (AMA's author macro) gets an empty <name>, made here in the
    project's classes: citeproc-py would insert an instance of its own Name class while
    rendering, which carries none of the fixes (et al. for "and others", disambiguation)."""
    tag, substitute = f"{{{CSL_NS}}}name", f"{{{CSL_NS}}}substitute"
    for names in tree.iter(f"{{{CSL_NS}}}names"):
        # a <names> in <substitute> takes its parent's <name>, as CSL says: left alone
        if names.find(tag) is None and names.getparent().tag != substitute:
            names.insert(0, names.makeelement(tag, {}))


class ProjectLocales:
    """on Style: after citeproc-py has chosen the locales, the locale files among them are
    read again into the project's element classes (citeproc-py reads them with its own),
    so that the fixes apply to localized dates and terms as well."""

    def set_locale_list(self: Any, output_locale: str, validate: bool = True) -> None:
        super().set_locale_list(output_locale, validate=False)  # type: ignore[misc]
        disabled: frozenset[str] = getattr(self, "disabled_fixes", frozenset())
        locales = []
        for locale in self.locales:
            if type(locale).__module__ == model.__name__:  # read by citeproc-py's parser
                locale = parse(locale.getroottree().docinfo.URL, disabled).getroot()
            locale.style = self
            locales.append(locale)
        self.locales = locales
