"""The project's cite item for citeproc-py: what one `Cite` of a document is while rendering."""

from __future__ import annotations

from functools import cached_property
from typing import Any, cast

from citeproc import CitationItem
from citeproc.source import Locator


# citeproc-py has no type information: its classes are Any to mypy.
class ProjectCitationItem(CitationItem):  # type: ignore[misc]
    """citeproc-py's CitationItem with a number found by a dict (citeproc-py searched a
    list: O(n²) a bibliography), the reference looked up once, and the cite's options."""

    def __init__(self, key: str, *, locator: str | None = None, label: str | None = None,
                 prefix: str = "", suffix: str = "", suppress_author: bool = False,
                 author_only: bool = False, position: str | None = None) -> None:
        options: dict[str, Any] = {}
        if locator:
            options["locator"] = Locator(label or "page", locator)
        super().__init__(key, **options)
        self.prefix = prefix
        self.suffix = suffix
        self.suppress_author = suppress_author
        self.author_only = author_only
        self.position = position  # given by the caller, or computed (csl/positions.py)
        self.near_note = False

    @property
    def number(self) -> int:
        bibliography = self.bibliography
        index = getattr(bibliography, "number_index", None)
        if index is None or len(index) != len(bibliography.keys):
            index = {key: i for i, key in enumerate(bibliography.keys, start=1)}
            bibliography.number_index = index
        return cast(int, index[self.key])

    @cached_property
    def reference(self) -> Any:
        # looked up once, then read as a plain attribute (it is read at every element)
        return self.bibliography.source[self.key]


class RenderedName(dict):  # type: ignore[type-arg]
    """A name of the list that is already rendered (at its expanded level): citeproc-py
    prints it as a family name, which it then is in every form."""

    def __init__(self, text: Any) -> None:
        super().__init__(literal=text)
        self.text = text

    def parts(self) -> tuple[Any, ...]:
        return None, self.text, None, None, None
