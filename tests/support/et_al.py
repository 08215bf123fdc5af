"""citeproc-js as the reference for `and others`: what it prints when it cuts a name list
after the listed names.

citeproc-js has no notion of a list that ends in "and others" (it prints the marker name
`{"literal": "others"}` as a name). It does cut lists: given the listed names plus one
stand-in, and the style's et-al options set to cut after the listed names (as
`balint_bib.csl.fixes.others` decides), it prints the style's own "et al." there.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from lxml import etree

from balint_bib.csl.fixes.others import et_al_options
from balint_bib.csl.mapping import OTHERS

CSL = "{http://purl.org/net/xbiblio/csl}"
STAND_IN = {"family": "Standin", "given": "Xavier"}


def listed_names(item: dict[str, Any]) -> int | None:
    """How many names precede the marker in the item's one marked list; None if unmarked."""
    counts = {len(names) - 1 for names in item.values()
              if isinstance(names, list) and names and names[-1] == OTHERS}
    assert len(counts) <= 1, "a style can be cut at one place only"
    return counts.pop() if counts else None


def with_stand_in(item: dict[str, Any]) -> dict[str, Any]:
    """The item with each marker replaced by a person citeproc-js will cut off."""
    return {key: [STAND_IN if name == OTHERS else name for name in value]
            if isinstance(value, list) and value and value[-1] == OTHERS else value
            for key, value in item.items()}


def cut_style(style: Path, listed: int, directory: Path) -> Path:
    """A copy of `style` whose name lists are cut after `listed` names."""
    tree = etree.parse(str(style))
    root = tree.getroot()
    scopes = [root, *root.iter(f"{CSL}citation", f"{CSL}bibliography")]
    for element in [*scopes, *root.iter(f"{CSL}name")]:
        own = element in scopes or "et-al-min" in element.attrib \
            or "et-al-use-first" in element.attrib
        if own:
            _cut(element, _inherited(element, root), listed)
    target = directory / f"{style.stem}-cut{listed}.csl"
    tree.write(str(target), encoding="utf-8", xml_declaration=True)
    return target


_SCOPES = (f"{CSL}citation", f"{CSL}bibliography")


def _inherited(element: Any, root: Any) -> dict[str, str]:
    """The et-al options in force at `element` (a name in a macro: the bibliography's)."""
    chain = [root]
    if element is not root:
        if element.tag not in _SCOPES:
            scope = next((a for a in element.iterancestors() if a.tag in _SCOPES),
                         root.find(f"{CSL}bibliography"))
            if scope is not None:
                chain.append(scope)
        chain.append(element)
    options: dict[str, str] = {}
    for link in chain:
        options.update({k: v for k, v in link.attrib.items() if k.startswith("et-al")})
    return options


def _cut(element: Any, options: dict[str, str], listed: int) -> None:
    minimum, use_first = et_al_options(listed, int(options.get("et-al-min", 0)),
                                       int(options.get("et-al-use-first", 1)))
    element.set("et-al-min", str(minimum))
    element.set("et-al-use-first", str(use_first))
    element.set("et-al-use-last", "false")


def marked(items: list[dict[str, Any]]) -> dict[int, list[str]]:
    """The ids of marked items, by how many names they list."""
    found: dict[int, list[str]] = {}
    for item in items:
        listed = listed_names(item)
        if listed is not None:
            found.setdefault(listed, []).append(item["id"])
    return found


def stand_in_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [with_stand_in(copy.deepcopy(item)) for item in items]
