"""<substitute> as citeproc-js runs it.

- A names variable that a substitute renders is suppressed from then on, in the rest of
  the substitute as well (a macro that prints the editors twice prints them once) and in
  the rest of the entry: citeproc-py suppressed only <text> variables, after the substitute;
- a child that renders no variable (a term, a value) ends the substitution even when it
  prints nothing, as in citeproc-js.
"""

from __future__ import annotations

import contextvars
from typing import Any

from citeproc.model import Names
from citeproc.source import VariableError

# The layout whose repressed variables a substitute being rendered adds to.
_substituting: contextvars.ContextVar[Any] = contextvars.ContextVar("substituting",
                                                                    default=None)


class SubstituteOnce:
    """on Substitute: the first child that renders, or a child that calls no variable."""

    def render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        try:
            layout = (context if context is not None else self).get_layout()
        except IndexError:
            layout = None
        token = _substituting.set(layout)
        try:
            for child in self.getchildren():
                try:
                    if isinstance(child, Names) and child.name is None:
                        names = self.xpath_search("./parent::cs:names[1]")[0]
                        text = child.render(item, names_context=names, context=context,
                                            **kwargs)
                    else:
                        text = child.render(item, context=context, **kwargs)
                except VariableError:
                    continue
                if text:
                    self.add_to_repressed_list(child, context)
                    return text
                if not child.calls_variable():
                    return None
            return None
        finally:
            _substituting.reset(token)


class SuppressedNames:
    """on Names: variables suppressed by a substitute are not rendered again; inside a
    substitute, what a <names> renders is suppressed at once."""

    def process(self: Any, item: Any, *args: Any, context: Any = None, **kwargs: Any) -> Any:
        try:
            layout = (context if context is not None else self).get_layout()
        except IndexError:  # no layout to suppress in (a sort key's macro)
            return super().process(item, *args, context=context, **kwargs)  # type: ignore[misc]
        repressed = set(layout.repressed.get(self.tag, []))
        variables = self.get("variable", "").split()
        shown = [v for v in variables if v not in repressed]
        if not shown:
            return None
        if len(shown) < len(variables):  # citeproc-py reads the attribute; put back below
            self.set("variable", " ".join(shown))
        try:
            text = super().process(item, *args, context=context, **kwargs)  # type: ignore[misc]
        finally:
            self.set("variable", " ".join(variables))
        substituting = _substituting.get()
        if text and substituting is layout:
            layout.repressed.setdefault(self.tag, []).extend(
                v for v in shown if v in item.reference)
        return text
