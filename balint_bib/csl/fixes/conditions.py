"""A CSL condition (`<if>`, `<else-if>`) as a test that answers true or false.

citeproc-py's `If.render` evaluates the tests and raises ConditionFailed when they fail;
`Choose` tries its branches one after another, catching it. The fixes that change a test
(cites.DisambiguateCondition, speed.CompiledCondition) derive from ConditionTest and
override `holds`, so that a `<choose>` can ask each branch without raising
(speed.FastChoose); `render` still raises for callers that render a branch directly.
"""

from __future__ import annotations

from typing import Any

from citeproc.model import ConditionFailed


class ConditionTest:
    """on If: `holds` gives what citeproc-py's `If.render` decides, with its tests, their
    order and `match`; `render` renders the branch when it holds."""

    def holds(self: Any, item: Any, context: Any = None) -> bool:
        attrib = self.attrib
        results: list[Any] = []
        if "type" in attrib:
            results += self._type(item)
        if "variable" in attrib:
            results += self._variable(item)
        if "is-numeric" in attrib:
            results += self._is_numeric(item)
        if "is-uncertain-date" in attrib:
            results += self._is_uncertain_date(item)
        if "locator" in attrib:
            results += self._locator(item)
        if "position" in attrib:
            results += self._position(item, context)
        return match_results(results, attrib.get("match"))

    def render(self: Any, item: Any, context: Any = None, delimiter: str = "",
               **kwargs: Any) -> Any:
        if not self.holds(item, context):
            raise ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)


def match_results(results: list[Any], match: str | None) -> bool:
    if match == "any":
        return any(results)
    if match == "none":
        return not any(results)
    return all(results)
