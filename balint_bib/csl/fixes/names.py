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
  family name then given name without a space (我妻栄), in every name order; nor is there
  a space before an et-al term in such a script ("Ziggy Zither等"), nor around such an
  "and" term (or Hebrew's "ו", a prefix);
- a name-part's case and font apply to each of its parts, particles included (the
  non-dropping particle is the family's, the dropping one the given name's, wherever it
  stands: "<b>Aubignac</b>, Jean <b>d’</b>"); its affixes go around the group it stands
  in: in given-name-first order the particles, family name and suffix ("[Jean] (de La
  Fontaine III)");
- a given name ending in a space (a name-part suffix of a no-break space) is not followed
  by another one, nor is a particle ending in an apostrophe or hyphen ("d’Aubignac");
- `form="count"` gives a number, so that the counts of several variables add up;
- a sort key has no "et al." after the names it keeps (`names-min`, `names-use-first`).
"""

from __future__ import annotations

import re
from typing import Any

from citeproc import NAMES

from ..styles import CSL_NS
from .items import RenderedName

_ROMANESQUE = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0370-\u03ff\u1f00-\u1fff"
                         "\u0400-\u052f\u0590-\u05ff\u0600-\u06ff]")
_NO_SPACE_SCRIPTS = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
                               "\uf900-\ufaff\u1100-\u11ff\u3130-\u318f]")


def _unspaced(*parts: str | None) -> bool:
    """Whether a name is written in a script with no spaces between its parts."""
    text = "".join(p for p in parts if p)
    return bool(text) and not _ROMANESQUE.search(text) and bool(_NO_SPACE_SCRIPTS.search(text))


_CLOSING_TAGS = re.compile(r"(?:</[a-z]+>)+$")
_JOINING = ("'", "\u2019", "-")


# An "and" term spaced from the names: one starting with "&" or a letter of a script
# written with spaces; Hebrew's vav (U+05D5) is a prefix of the word after it.
_SPACED_AND = re.compile("^(?:&|[A-Za-z\u00c0-\u024f\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f"
                         "\u0590-\u05d4\u05d6-\u05ff\u0600-\u06ff\u0e01-\u0e5b])")


def _to_plain(text: str) -> str:
    return re.sub(r"<[^>]*>|[\ue010-\ue01f]", "", text)


def _words(parts: list[Any]) -> Any:
    """Non-empty parts joined by spaces, except after a part that ends in a space, an
    apostrophe or a hyphen (the particles "d’", "al-")."""
    out: Any = None
    for part in parts:
        if not part:
            continue
        if out is None:
            out = part
        elif (end := _CLOSING_TAGS.sub("", str(out))[-1:]).isspace() or end in _JOINING:
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
            if not et_al or sort_options is not None:  # sort keys have no "et al."
                return self.join(texts, delimiter)
            if precedes(option("delimiter-precedes-et-al"), len(texts) >= 2, rendered[-1][1]):
                return self.join([*texts, et_al], delimiter)
            # no space before an et-al term in a script written without spaces ("等")
            space = "" if _NO_SPACE_SCRIPTS.match(_to_plain(str(et_al))) else " "
            return self.join(texts, delimiter) + space + et_al
        and_ = option("and")
        if and_ is not None and len(texts) > 1:
            and_term = (self.get_single_term(name="and") if and_ == "text"
                        else self.preformat("&"))
            text = self.join(texts[:-1], delimiter)
            setting = option("delimiter-precedes-last")
            if not _SPACED_AND.match(_to_plain(str(and_term))):
                # an "and" of a script without spaces, or Hebrew's prefixed vav: no spaces
                return text + (delimiter if setting == "always" else "") + and_term + texts[-1]
            if precedes(setting, len(texts) > 2, rendered[-2][1]):
                text = text + delimiter
            else:
                text = text + " "
            return text + and_term + " " + texts[-1]
        return self.join(texts, delimiter)

    def _render_name(self: Any, name: Any, index: int, option: Any,
                     context: Any) -> tuple[Any, bool]:
        """(the name as printed, whether it is printed family name first)."""
        if isinstance(name, RenderedName):
            return name.text, False  # disambiguation formatted it at its level already
        given, family, dp, ndp, suffix = name.parts()
        literal = "literal" in name
        mark = option("initialize-with")
        if given is not None and mark is not None and family and not literal:
            given = self.initialize(given, mark, context)
        parts = self.__dict__.get("_name_parts")
        if parts is None:  # the <name-part> children, read once (lxml's findall, per name)
            parts = self.__dict__["_name_parts"] = {
                part.get("name"): part for part in self.findall("cs:name-part", self.nsmap)}

        def styled(which: str, text: Any) -> Any:
            """`text` in the name-part's case and font (each particle on its own)."""
            part = parts.get(which)
            return part.format(part.case(text)) if text and part is not None else text

        def wrapped(which: str, text: Any) -> Any:
            """The name-part's affixes around its group of parts."""
            part = parts.get(which)
            return part.wrap(text) if text and part is not None else text

        given, dp = styled("given", given), styled("given", dp)
        family, ndp = styled("family", family), styled("family", ndp)
        form = option("form")
        order = option("name-as-sort-order")
        demote = option("demote-non-dropping-particle")
        if form == "short":
            return wrapped("family", _words([ndp, family])), False
        if not literal and _unspaced(given, family, dp, ndp):
            family = wrapped("family", _words([dp, ndp, family]))
            given = wrapped("given", given)
            return family + given if given else family, False
        if order == "all" or (order == "first" and index == 0):
            if demote in ("never", "sort-only"):
                family = wrapped("family", _words([ndp, family]))
                given = wrapped("given", _words([given, dp]))
            else:
                family = wrapped("family", family)
                given = wrapped("given", _words([given, dp, ndp]))
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
        return _words([wrapped("given", given), wrapped("family", whole_family)]), False


# a particle word: lowercase letters, perhaps apostrophes ("’t", "d’") and, before a family
# name, abbreviating periods ("v.d.")
_PARTICLE_WORD = re.compile(r"['\u2019]?[^\W\d_]+['\u2019]?")
_FAMILY_PARTICLE_WORD = re.compile(r"['\u2019]?[^\W\d_]+(?:\.[^\W\d_]+)*\.?['\u2019]?")
# a particle joined to the family name by an apostrophe or hyphen: "d'Aubignac", "al-One"
_JOINED_PARTICLE = re.compile(r"^([^\W\d_]+['\u2019-])(?=[^\W\d_])")


def _is_particle(word: str, pattern: re.Pattern[str] = _PARTICLE_WORD) -> bool:
    return bool(pattern.fullmatch(word)) and word.islower()


def parse_particles(name: dict[str, Any]) -> dict[str, Any]:
    """A CSL-JSON name as citeproc-js reads it: lowercase words before the family name are
    its non-dropping particle ("van der Vlist", "d'Aubignac", "al-One"), lowercase words
    after the given name its dropping particle ("Alexander von"); a family name in double
    quotes is taken as it is, without the quotes; `parse-names: false` turns this off."""
    if "literal" in name or str(name.get("parse-names", "true")).lower() == "false":
        return name
    name = dict(name)
    family = name.get("family")
    if isinstance(family, str) and len(family) > 2 and family[0] == family[-1] == '"':
        name["family"] = family[1:-1]
    elif isinstance(family, str) and "non-dropping-particle" not in name:
        words = family.split(" ")
        cut = 0
        while cut < len(words) - 1 and _is_particle(words[cut], _FAMILY_PARTICLE_WORD):
            cut += 1
        particle, rest = " ".join(words[:cut]), " ".join(words[cut:])
        joined = _JOINED_PARTICLE.match(rest)
        if joined and joined[1][:-1].islower() and len(rest) > len(joined[1]):
            particle = f"{particle} {joined[1]}".strip()
            rest = rest[len(joined[1]):]
        if particle:
            name["non-dropping-particle"], name["family"] = particle, rest
    given = name.get("given")
    if isinstance(given, str) and "dropping-particle" not in name:
        words = given.split(" ")
        cut = len(words)
        while cut > 1 and _is_particle(words[cut - 1]):
            cut -= 1
        if cut < len(words):
            name["given"], name["dropping-particle"] = (" ".join(words[:cut]),
                                                        " ".join(words[cut:]))
    return name


def with_hyphenated_names(source: Any) -> Any:
    """citeproc-py stores `collection-editor` as `collection_editor` but <names> looks the
    CSL name (with its hyphen) up, so that container-author, collection-editor,
    editorial-director, reviewed-author... never printed: each is stored under both."""
    for reference in source.values():
        for key in [k for k in reference if "_" in k and k in NAMES]:
            dict.__setitem__(reference, key.replace("_", "-"), reference[key])
    return source


class SortKeyNamesWithoutLabel:
    """on Label: a names' label ("ed.") is left out of sort keys, as in citeproc-js: an
    editor sorts with the same person as author."""

    def render(self: Any, *args: Any, **kwargs: Any) -> Any:
        parent = self.getparent()
        if kwargs.get("sort_options") is not None and parent is not None \
                and parent.tag == f"{{{CSL_NS}}}names":
            return None
        return super().render(*args, **kwargs)  # type: ignore[misc]
