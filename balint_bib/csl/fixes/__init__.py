"""Where citeproc-py 0.11.1 differs from citeproc-js, the reference: every change is listed
in `fixes.table.FIXES` (what, why, and the test-suite fixtures that need it).

Element fixes are mixins in the project's own element classes (elements.py); the rest
pre-process the CSL-JSON items (text.py) or post-process what citeproc-py renders (text.py,
layout.py). citeproc-py's own classes are never changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..markup import DECORATION_END, superscripts
from .fields import derived_fields
from .flipflop import flip_flop
from .text import collapse_punctuation, move_punctuation_into_quotes, prepare_item, restore_markup

CSL = "http://purl.org/net/xbiblio/csl"


@dataclass(frozen=True)
class StyleOptions:
    """The style and locale settings that the fixes depend on."""

    second_field_align: bool = False
    punctuation_in_quote: bool = False
    subsequent_author_substitute: str | None = None
    disambiguation: dict[str, int] | None = None  # add-names, add-givenname, add-year-suffix
    givenname_rule: str = "by-cite"  # the citation's givenname-disambiguation-rule
    disabled: frozenset[str] = frozenset()  # fixes left out (benchmarks/csl_test_suite.py)

    @classmethod
    def read(cls, root: Any, disabled: frozenset[str] = frozenset()) -> StyleOptions:
        bibliography = root.bibliography
        citation = root.citation
        piq = False
        for locale in root.locales:
            try:
                piq = locale.get_option("punctuation-in-quote").lower() == "true"
                break
            except IndexError:
                continue
        return cls(
            disabled=disabled,
            second_field_align=bibliography is not None
            and bibliography.get("second-field-align") in ("flush", "margin"),
            punctuation_in_quote=piq,
            subsequent_author_substitute=None if bibliography is None
            else bibliography.get("subsequent-author-substitute"),
            disambiguation=None if citation is None else {
                **{method: citation.get(f"disambiguate-{method}") == "true"
                   for method in ("add-names", "add-givenname", "add-year-suffix")},
                # how many disambiguate="true" conditions (tried one more at a time)
                "uses-condition": len(root.xpath("//cs:if[@disambiguate='true'] | "
                                                 "//cs:else-if[@disambiguate='true']",
                                                 namespaces={"cs": CSL})),
            },
            givenname_rule="by-cite" if citation is None
            else citation.get("givenname-disambiguation-rule", "by-cite"),
        )


def preprocess(items: list[dict[str, Any]],
               disabled: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    if "derived-fields" in disabled:
        return [prepare_item(item) for item in items]
    return [prepare_item(derived_fields(item)) for item in items]


def postprocess(markup: str, options: StyleOptions) -> str:
    markup = superscripts(flip_flop(restore_markup(markup)))
    if "collapse-punctuation" not in options.disabled:
        markup = collapse_punctuation(markup)
    if options.punctuation_in_quote and "punctuation-in-quote" not in options.disabled:
        # after merging: `“a”:!` → `“a”!` → `“a!”`
        markup = move_punctuation_into_quotes(markup)
    return markup.replace(DECORATION_END, "")


__all__ = ["StyleOptions", "postprocess", "preprocess"]
