"""Where citeproc-py 0.11.1 differs from citeproc-js, the reference: one named unit a fix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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


def install() -> None:
    pass


def preprocess(items: list[dict[str, Any]], options: StyleOptions) -> list[dict[str, Any]]:
    return items


def assign_year_suffixes(bibliography: Any, options: StyleOptions) -> None:
    pass


def postprocess(markup: str, options: StyleOptions) -> str:
    return markup


def postprocess_bibliography(entries: list[tuple[str, str]], options: StyleOptions,
                             bibliography: Any) -> list[tuple[str, str]]:
    return [(key, postprocess(text, options)) for key, text in entries]
