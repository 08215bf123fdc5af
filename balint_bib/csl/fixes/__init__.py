"""Where citeproc-py 0.11.1 differs from citeproc-js, the reference: every change is listed
in `fixes.table.FIXES` (what, why, and the test-suite fixtures that need it).

Element fixes are mixins in the project's own element classes (elements.py); the rest
pre-process the CSL-JSON items (text.py) or post-process what citeproc-py renders (text.py,
layout.py). citeproc-py's own classes are never changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..markup import superscripts
from .flipflop import flip_flop
from .text import collapse_punctuation, move_punctuation_into_quotes, prepare_item, restore_markup

CSL = "http://purl.org/net/xbiblio/csl"


@dataclass(frozen=True)
class StyleOptions:
    """The style and locale settings that the fixes depend on."""

    second_field_align: bool = False
    punctuation_in_quote: bool = False
    subsequent_author_substitute: str | None = None
    disambiguation: dict[str, bool] | None = None  # add-names, add-givenname, add-year-suffix

    @classmethod
    def read(cls, root: Any) -> StyleOptions:
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
            second_field_align=bibliography is not None
            and bibliography.get("second-field-align") in ("flush", "margin"),
            punctuation_in_quote=piq,
            subsequent_author_substitute=None if bibliography is None
            else bibliography.get("subsequent-author-substitute"),
            disambiguation=None if citation is None else {
                **{method: citation.get(f"disambiguate-{method}") == "true"
                   for method in ("add-names", "add-givenname", "add-year-suffix")},
                "uses-condition": bool(root.xpath("//cs:if[@disambiguate] | "
                                                  "//cs:else-if[@disambiguate]",
                                                  namespaces={"cs": CSL})),
            },
        )


def preprocess(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [prepare_item(item) for item in items]


def postprocess(markup: str, options: StyleOptions) -> str:
    markup = superscripts(flip_flop(restore_markup(markup)))
    if options.punctuation_in_quote:
        markup = move_punctuation_into_quotes(markup)
    return collapse_punctuation(markup)


__all__ = ["StyleOptions", "postprocess", "preprocess"]
