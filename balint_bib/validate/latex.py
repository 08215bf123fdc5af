"""BB424: LaTeX commands whose display text is not what LaTeX prints.

The display decoder never deletes a word for an unknown command: `\\cmd{arg}` shows its
argument and an argument-less `\\cmd` its name. Most of the time that is what LaTeX
prints (`\\acro{PDF}` is PDF in small caps, `\\VAX` and `\\CTAN` are logos of their own
name), so the rule reports only the uses where the shown text is lost or guessed:

- an unknown command at the start of a group before a word (`{\\foo text}`): a switch the
  decoder does not know (the known font switches, `{\\ssf …}`, print nothing), its name
  left in the text;
- a lower-case command with no argument (`\\tubissue`, `\\dash`): a macro whose name is
  not its text;
- a command with a capital in its name, but not named like a logo, followed by a group
  (`\\Foo{bar}`): the group is shown and the name dropped (`\\UNIX{\\TeX}` keeps both);
- two or more braced arguments (`\\printfirst{v}{1987}`): shown run together;
- commands known to add text or to take a non-text argument (`\\mkbibquote`, `\\arabic`);
- the abbreviations of TUGboat's tugboat.def that print another text (`\\TUB` is TUGboat).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..bibtex.macros import is_logo_like, unknown_macros
from ..bibtex.model import Record
from ..diagnostics import INFO, Diagnostic
from .core import Context, check, rule
from .values import VERBATIM_FIELDS

BB424 = rule("BB424", INFO, "LaTeX command whose displayed text is not what LaTeX prints "
             "(a name left in the text, or text lost)", "values")

# biblatex and csquotes wrappers: LaTeX prints punctuation around the argument.
_ADDS_TEXT = frozenset({"mkbibquote", "mkbibparens", "mkbibbrackets", "mkbibfootnote",
                        "mkbibendnote", "enquote", "textquote", "foreignquote", "hyphenquote",
                        "footnote"})
# Kernel and common package commands whose argument is a name or a number, not text.
_NOT_TEXT = frozenset({"arabic", "roman", "Roman", "alph", "Alph", "fnsymbol", "value",
                       "ref", "pageref", "eqref", "label", "cite", "ding", "cs", "cmd",
                       "hspace", "vspace", "rule", "symbol"})
# tugboat.def (TUGboat's macros, `\input tugboat.def` in Beebe's tugboat.bib): the
# abbreviations that print a text other than their name.
_EXPANDS_TO = {"TUB": "TUGboat", "PS": "PostScript", "TUG": "TeX Users Group",
               "UG": "Users Group", "SC": "Steering Committee", "AW": "Addison-Wesley",
               "TB": "The TeXbook", "TP": "TeX: The Program", "MFB": "The METAFONTbook",
               "JoT": "The Joy of TeX", "CandT": "Computers & Typesetting", "Pas": "Pascal",
               "tubissue": "TUGboat <volume>, no. <issue>"}

def _group_end(value: str, start: int) -> int | None:
    """The index after the group opening at `value[start]` ("{"), or None if unclosed."""
    depth = 0
    position = start
    while position < len(value):
        char = value[position]
        if char == "\\":
            position += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return position + 1
        position += 1
    return None


def _problem(value: str, name: str, start: int, end: int) -> str | None:
    """What the display gets wrong for `\\name` at value[start:end], or None."""
    if name in _EXPANDS_TO:
        return f"shown as '{name}'; LaTeX prints '{_EXPANDS_TO[name]}' (tugboat.def)"
    if name in _ADDS_TEXT:
        return "the text LaTeX adds around its argument (quotation marks, brackets) is lost"
    if name in _NOT_TEXT:
        return "its argument is not text, but is shown as text"
    after = end + value.startswith("*", end)  # `\enquote*{…}`
    after = len(value) - len(value[after:].lstrip(" \t\n"))  # TeX skips spaces to an argument
    arguments = 0
    position = after
    while value.startswith("{", position):
        closing = _group_end(value, position)
        if closing is None or not value[position + 1 : closing - 1].strip():
            break  # unclosed, or `\VAX{}`: an empty group only ends the name
        arguments += 1
        position = closing
    if arguments > 1:
        return f"its {arguments} arguments are shown run together"
    if arguments == 1:
        if name != name.lower() and not is_logo_like(name):
            return "a logo takes no argument: the group after it is shown, its name is lost"
        return None  # `\acro{PDF}`: markup whose argument is the text
    if start > 0 and value[start - 1] == "{" and re.match(r"[ \t\n]+[^\W\d_]", value[end:]):
        return f"a switch: its name '{name}' is shown in the text"
    if name[0].islower():
        return f"its name '{name}' is shown as text, not what LaTeX prints for it"
    return None  # `\VAX`, `\CTAN`, `\TeXMaG`: a logo shown as its own name


@check(BB424)
def unknown_commands(record: Record, context: Context) -> Iterator[Diagnostic]:
    for item in record.fields:
        if "\\" not in item.value or item.name in VERBATIM_FIELDS:
            continue
        unknown = set(unknown_macros(item.value))
        problems: dict[str, str] = {}
        for match in re.finditer(r"\\([A-Za-z]+)", item.value):
            name = match.group(1)
            if name in unknown and name not in problems:
                problem = _problem(item.value, name, match.start(), match.end())
                if problem is not None:
                    problems[name] = problem
        if problems:
            shown = "; ".join(f"\\{name}: {problem}" for name, problem in problems.items())
            yield BB424.at(record, item.name, f"{item.name}: {shown}",
                           fix="write the text, or a known command, instead")
