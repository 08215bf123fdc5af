"""`and others`: a name list that ends in pandoc's `{"literal": "others"}` prints "et al.".

BibTeX's `Sternlieb, J. and others` says the work has more authors than are listed. CSL has
no variable for that, so the mapping ends the list with pandoc's marker (`mapping.OTHERS`)
and the style's own et-al rendering is forced: the list is cut after the listed names (or
earlier, where the style would cut that many names anyway) and the style's et-al term,
`<et-al>` formatting and `delimiter-precedes-et-al` follow, never `et-al-use-last` (there
is no known last name). What citeproc-js prints when it cuts a list at the same place is
the reference (tests/csl/test_and_others.py).
"""

from __future__ import annotations

import contextvars
from typing import Any

# How many names are listed before the marker, while such a list is rendered.
_listed: contextvars.ContextVar[int | None] = contextvars.ContextVar("listed", default=None)
# The state in which OthersEtAl answers a name option as the style does.
NAME_OPTION_STATE = ((_listed, None),)


def et_al_options(listed: int, style_min: int, style_use_first: int) -> tuple[int, int]:
    """(et-al-min, et-al-use-first) for `listed` names and the marker after them."""
    if style_min and listed >= style_min:
        return listed + 1, min(style_use_first, listed)
    return listed + 1, listed


def ends_in_others(names: Any) -> bool:
    if not isinstance(names, list) or len(names) < 2:
        return False
    last = names[-1]
    return isinstance(last, dict) and last.get("literal") == "others" and len(last) == 1


class OthersEtAl:
    """on Name: a list that ends in the marker forces et al. after the listed names
    (`process`), by answering the et-al options for it (`get_option`)."""

    def process(self: Any, item: Any, variable: str, context: Any = None,
                sort_options: Any = None, **kwargs: Any) -> Any:
        names = item.reference.get(variable, [])
        if not ends_in_others(names):
            return super().process(item, variable, context,  # type: ignore[misc]
                                   sort_options, **kwargs)
        token = _listed.set(len(names) - 1)
        try:
            return super().process(item, variable, context,  # type: ignore[misc]
                                   sort_options, **kwargs)
        finally:
            _listed.reset(token)

    def get_option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
        option = super().get_option  # type: ignore[misc]
        listed = _listed.get()
        if listed is None or name not in ("et-al-min", "et-al-use-first", "et-al-use-last"):
            return option(name, context, sort_options)
        if name == "et-al-use-last":
            return False
        forced = et_al_options(listed, option("et-al-min", context, sort_options),
                               option("et-al-use-first", context, sort_options))
        return forced[0] if name == "et-al-min" else forced[1]
