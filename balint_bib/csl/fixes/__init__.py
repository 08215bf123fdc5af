"""Where citeproc-py 0.11.1 differs from citeproc-js, the reference: one named unit a fix.

- `patches.patch_date_part_delimiters`: "1955 Apr 2", not "1955Apr2".
- `patches.patch_initialize_false`: `initialize="false"` keeps full given names.
- `patches.patch_sort_collation`: locale collation ("Özdemir" with the O's), on plain text
  without punctuation, digits as numbers (a quoted title sorts by its words).
- `patches.patch_title_case` (`titlecase.title_case`): citeproc-js's title case
  ("Physician-Patient", "vs", "‘Therapeutic", no space at case-protected text).
- `patches.patch_nested_quotes`: quotes inside quotes become ‘inner’ quotes.
- `others.patch_others_et_al`: a list ending in "and others" prints the style's "et al.".
- `text.typographic_quotes`: curly apostrophes and quotes.
- `text.move_punctuation_into_quotes`: en-US punctuation inside quotation marks, past an
  inner closing quote too (`‘b,’”`).
- `text.collapse_punctuation`: no doubled punctuation ("Group?." → "Group?").
- `layout.second_field_align`: the citation number apart from the entry.
- `layout.trim_html_entry`: HTML entries without surrounding whitespace, as citeproc-js.
- `layout.substitute_subsequent_authors`: `subsequent-author-substitute` ("———.").
- `layout.assign_year_suffixes`: 2003a, 2003b for the same author(s) and year; n.d.-a, n.d.-b
  for undated entries of the same author(s).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .patches import install
from .text import collapse_punctuation, move_punctuation_into_quotes, prepare_item


@dataclass(frozen=True)
class StyleOptions:
    """The style and locale settings that the fixes depend on."""

    second_field_align: bool = False
    punctuation_in_quote: bool = False
    subsequent_author_substitute: str | None = None
    year_suffix: bool = False

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
            year_suffix=citation is not None
            and citation.get("disambiguate-add-year-suffix") == "true",
        )


def preprocess(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [prepare_item(item) for item in items]


def postprocess(markup: str, options: StyleOptions) -> str:
    if options.punctuation_in_quote:
        markup = move_punctuation_into_quotes(markup)
    return collapse_punctuation(markup)


__all__ = ["StyleOptions", "install", "postprocess", "preprocess"]
