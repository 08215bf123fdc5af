"""BB424: LaTeX commands that have no meaning for display.

Such a command never deletes a word (its argument, or else its name, is kept), but the
text shown may not be what LaTeX prints, so the maintainer hears about it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..bibtex.macros import unknown_macros
from ..bibtex.model import Record
from ..diagnostics import INFO, Diagnostic
from .core import Context, check, rule
from .values import VERBATIM_FIELDS

BB424 = rule("BB424", INFO, "LaTeX command unknown to the display decoder (its argument or "
             "name is kept as text)", "values")


@check(BB424)
def unknown_commands(record: Record, context: Context) -> Iterator[Diagnostic]:
    for item in record.fields:
        if "\\" not in item.value or item.name in VERBATIM_FIELDS:
            continue
        names = unknown_macros(item.value)
        if names:
            shown = ", ".join(f"\\{name}" for name in names)
            yield BB424.at(record, item.name, f"{item.name}: {shown} shown as its argument "
                           "or its name", fix="write the text, or a known command, instead")
