"""A <name> list rendered as citeproc-js renders it (citeproc-py's `Name.process`, redone).

What differs from citeproc-py 0.11.1:

- et al. applies only when `et-al-use-first` is set somewhere (on the name, the citation or
  bibliography, the style), as in citeproc-js: a bibliography does not cut a list because
  the citation sets `et-al-use-first`; `et-al-use-first="0"` prints no names at all;
- `delimiter-precedes-last` and `delimiter-precedes-et-al` know "after-inverted-name" (the
  delimiter when the name before is printed family name first); the names before "and"
  are joined by the name delimiter (citeproc-py always used ", ");
- a name with no family name (only a given name, "Banksy") is not initialized;
- names written in scripts without spaces between words (Chinese, Japanese, Korean) print
  family name then given name without a space (我妻栄), in every name order;
- in given-name-first order, the family name-part's formatting and affixes cover the
  particles, family name and suffix ("[Jean] (de La Fontaine III)");
- a given name ending in a space (a name-part suffix of a no-break space) is not followed
  by another one;
- `form="count"` gives a number, so that the counts of several variables add up.
"""

from __future__ import annotations

import re
from typing import Any

_ROMANESQUE = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0370-\u03ff\u1f00-\u1fff"
                         "\u0400-\u052f\u0590-\u05ff\u0600-\u06ff]")
_NO_SPACE_SCRIPTS = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
                               "\uf900-\ufaff\u1100-\u11ff\u3130-\u318f]")


def _unspaced(*parts: str | None) -> bool:
    """Whether a name is written in a script with no spaces between its parts."""
    text = "".join(p for p in parts if p)
    return bool(text) and not _ROMANESQUE.search(text) and bool(_NO_SPACE_SCRIPTS.search(text))


def _words(parts: list[Any]) -> Any:
    """Non-empty parts joined by spaces, except after a part that ends in a space."""
    out: Any = None
    for part in parts:
        if not part:
            continue
        if out is None:
            out = part
        elif str(out)[-1:].isspace():
            out = out + part
        else:
            out = out + " " + part
    return out


def _explicit(element: Any, name: str, context: Any, sort_options: Any) -> bool:
    """Whether the name option is set on the name, its citation or bibliography, or the
    style (not only citeproc-py's default)."""
    if sort_options and name in sort_options:
        return True
    if element.get(name) is not None:
        return True
    node = context if context is not None else element
    for parent in node.xpath_search("./ancestor::*[self::cs:citation or self::cs:bibliography]"):
        if parent.get(name) is not None:
            return True
    return element.get_root().get(name) is not None


class NameList:
    """on Name: the list of names, by the rules above."""

    def get_option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
        value = super().get_option(name, context, sort_options)  # type: ignore[misc]
        if name == "et-al-min" and not _explicit(self, "et-al-use-first", context,
                                                 sort_options):
            return 0  # et al. needs et-al-use-first
        return value

    def markup(self: Any, text: Any) -> Any:
        if isinstance(text, int):  # form="count": Names adds the counts up
            return text
        return super().markup(text)  # type: ignore[misc]

    def process(self: Any, item: Any, variable: str, context: Any = None,
                sort_options: Any = None, **kwargs: Any) -> Any:
        def option(name: str) -> Any:
            return self.get_option(name, context, sort_options)

        names = list(item.reference.get(variable, []))
        et_al_min = option("et-al-min")
        use_first = option("et-al-use-first")
        use_last = option("et-al-use-last")
        truncate = len(names) > 1 and bool(et_al_min) and len(names) >= et_al_min
        form = option("form")
        if form == "count":
            return min(len(names), use_first) if truncate else len(names)
        if truncate and use_first == 0:
            return None
        last = use_last and truncate and use_first <= et_al_min - 2
        if truncate:
            names = names[:use_first] + ([names[-1]] if last else [])

        rendered = [self._render_name(name, i, option, context) for i, name in enumerate(names)]
        texts = [text for text, _ in rendered]
        delimiter = option("delimiter")

        def precedes(setting: str, count: bool, inverted_before: bool) -> bool:
            return (setting == "always" or (setting == "contextual" and count)
                    or (setting == "after-inverted-name" and inverted_before))

        if truncate and last:
            ellipsis = self.unicode_character("horizontal ellipsis")
            texts[-1] = ellipsis + " " + texts[-1]
            return self.join(texts, delimiter)
        if truncate:
            et_al = self.et_al()
            if not et_al:
                return self.join(texts, delimiter)
            if precedes(option("delimiter-precedes-et-al"), len(texts) >= 2, rendered[-1][1]):
                return self.join([*texts, et_al], delimiter)
            return self.join(texts, delimiter) + " " + et_al
        and_ = option("and")
        if and_ is not None and len(texts) > 1:
            and_term = (self.get_single_term(name="and") if and_ == "text"
                        else self.preformat("&"))
            text = self.join(texts[:-1], delimiter)
            if precedes(option("delimiter-precedes-last"), len(texts) > 2, rendered[-2][1]):
                text = text + delimiter
            else:
                text = text + " "
            return text + and_term + " " + texts[-1]
        return self.join(texts, delimiter)

    def _render_name(self: Any, name: Any, index: int, option: Any,
                     context: Any) -> tuple[Any, bool]:
        """(the name as printed, whether it is printed family name first)."""
        given, family, dp, ndp, suffix = name.parts()
        literal = "literal" in name
        mark = option("initialize-with")
        if given is not None and mark is not None and family and not literal:
            given = self.initialize(given, mark, context)
        form = option("form")
        order = option("name-as-sort-order")
        demote = option("demote-non-dropping-particle")
        if form == "short":
            given, family = self._format_parts(given, _words([ndp, family]))
            return family, False
        if not literal and _unspaced(given, family, dp, ndp):
            given, family = self._format_parts(given, _words([dp, ndp, family]))
            return family + given if given else family, False
        if order == "all" or (order == "first" and index == 0):
            if demote in ("never", "sort-only"):
                family = _words([ndp, family])
                given = _words([given, dp])
            else:
                given = _words([given, dp, ndp])
            given, family = self._format_parts(given, family)
            if literal:
                return family, False
            text = family
            for part in (given, suffix):
                if part:
                    text = part if not text else text + option("sort-separator") + part
            return text, bool(given)
        whole_family = _words([dp, ndp, family])
        if suffix:
            comma = bool(name.get("comma-suffix"))
            whole_family = (whole_family + ", " + suffix) if comma else _words([whole_family,
                                                                                   suffix])
        given, whole_family = self._format_parts(given, whole_family)
        return _words([given, whole_family]), False

    def _format_parts(self: Any, given: Any, family: Any) -> tuple[Any, Any]:
        for part in self.findall("cs:name-part", self.nsmap):
            # a part the name lacks stays empty: no affixes around nothing
            if part.get("name") == "given" and given:
                given = part.wrap(part.format(part.case(given)))
            elif part.get("name") == "family" and family:
                family = part.wrap(part.format(part.case(family)))
        return given, family
