"""LaTeX macros in .bib values: the ones we know, and what happens to the rest.

pylatexenc drops every macro it does not know, so `The {\\TeX book}` became "The book".
Here the common logos and a few bibliography idioms are known, and an unknown macro
never deletes a word: its arguments are kept, or, when it has none, its name
(`\\VAX` → "VAX"). `unknown_macros` lists them so that validation can report them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pylatexenc import latexwalker
from pylatexenc.latex2text import (
    LatexNodes2Text,
    MacroTextSpec,
    get_default_latex_context_db,
)
from pylatexenc.macrospec import MacroSpec

# The TeX world's logos, as text.
LOGOS = {
    "TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2e", "BibTeX": "BibTeX",
    "XeTeX": "XeTeX", "XeLaTeX": "XeLaTeX", "LuaTeX": "LuaTeX", "LuaLaTeX": "LuaLaTeX",
    "pdfTeX": "pdfTeX", "pdfLaTeX": "pdfLaTeX", "ConTeXt": "ConTeXt", "CONTEXT": "ConTeXt",
    "METAFONT": "METAFONT", "MF": "METAFONT", "METAPOST": "MetaPost", "MP": "MetaPost",
    "MetaPost": "MetaPost", "AmSTeX": "AMS-TeX", "AMSTeX": "AMS-TeX", "AmSLaTeX": "AMS-LaTeX",
    "AMSLaTeX": "AMS-LaTeX", "AmS": "AMS", "AMS": "AMS", "eTeX": "e-TeX", "SliTeX": "SliTeX",
    "PiCTeX": "PiCTeX", "LAMSTeX": "LAMS-TeX", "AllTeX": "(La)TeX", "LyX": "LyX",
    "TikZ": "TikZ", "BibLaTeX": "biblatex", "biblatex": "biblatex", "ExTeX": "ExTeX",
    "TeXLive": "TeX Live", "plainTeX": "plain TeX", "XyMTeX": "XyMTeX", "Xy": "Xy",
}  # fmt: skip
# A logo set slanted, as journals name it (TUGboat's `\slMF`), is the same logo.
LOGOS |= {"sl" + name: text for name, text in LOGOS.items()}
# Bibliography idioms: font switches and spacing that carry no text, and a few symbols.
_SILENT = ("tt", "it", "sl", "bf", "sf", "rm", "em", "sc", "normalfont", "upshape",
           "itshape", "slshape", "scshape", "bfseries", "mdseries", "ttfamily", "sffamily",
           "rmfamily", "relax", "protect", "nobreak", "allowbreak", "break", "hfil", "hfill",
           "unskip", "null", "smc", "cal",
           # LaTeX's size and math-weight declarations, plain TeX's old-style digits
           "tiny", "scriptsize", "footnotesize", "small", "normalsize", "large", "Large",
           "LARGE", "huge", "Huge", "boldmath", "unboldmath", "oldstyle",
           # T2 encoding: `\cyrchar\CYRA` is the letter А, `\cyrchar` only selects the font
           "cyrchar")
_TEXT = {"Dash": "\u2014", "slash": "/", "bs": "\\", "thinspace": "\u2009",
         "textsuperscript": "%s", "textsubscript": "%s", "nth": "%s",
         "/": "", "@": ""}  # italic correction and space factor: spacing, no text
# Macros whose argument is not text: `{\noopsort{1983a}}` only steers sorting.
_DISCARD_ARGUMENT = ("noopsort", "SortNoop", "sortnoop", "vphantom", "phantom", "hyphenation")


# Old-style font declarations beyond the bare ones above: plain TeX's sized fonts
# (`\tenrm`, `\sevenbf`, `\teni`), journal classes' shape-and-size names either way round
# (TUGboat's `\slnine`, `\ninesmc`, `\eightrm`), `\ssf` (sans serif), TUGboat's acronym
# fonts (`\acrosl`) and small caps for capitals (`\SC`, `\SMC`). Such a name is a switch
# only when text follows it in its group: `{\SC}` alone is a macro that prints its name.
_SIZES = "five|six|seven|eight|nine|ten|eleven|twelve|fourteen|seventeen|twenty"
_SHAPES = "rm|sl|it|bf|tt|sf|ssf|sc|smc|sltt|slsc|bfit|bfsl|em|mit|cal"
_FONT_SWITCH = re.compile(rf"(?:{_SIZES})(?:{_SHAPES}|i|sy|ex)|(?:{_SHAPES})(?:{_SIZES})?"
                          rf"|acro(?:{_SHAPES})|SC|SMC")
# A command named like a logo or an acronym (`\UNIX`, `\PreTeX`) prints its name even when
# a group follows (`\UNIX{\TeX}`); commands that take an argument are named in lower case.
_LOGO_LIKE = re.compile(r"[A-Z]{2,}|[A-Za-z]*TeX[A-Za-z]*")


def is_logo_like(name: str) -> bool:
    """Whether `\\name` keeps its name as text even before a group (`\\UNIX{\\TeX}`)."""
    return _LOGO_LIKE.fullmatch(name) is not None


def is_font_switch(name: str) -> bool:
    """Whether `\\name` is an old-style font declaration (`{\\bf …}`, `{\\slnine …}`)."""
    return _FONT_SWITCH.fullmatch(name) is not None


def _ends_group(source: str, position: int) -> bool:
    """Whether nothing but spaces, or an empty group, follows up to the group's end."""
    rest = source[position:].lstrip()
    return not rest or rest.startswith(("}", "{}"))


def _contexts() -> tuple[Any, Any]:
    text_db = get_default_latex_context_db()
    specs = [MacroTextSpec(name, text) for name, text in LOGOS.items()]
    specs += [MacroTextSpec(name, "") for name in (*_SILENT, *_DISCARD_ARGUMENT)]
    specs += [MacroTextSpec(name, text) for name, text in _TEXT.items()]
    text_db.add_context_category("balint-bib", macros=specs, prepend=True)
    walker_db = latexwalker.get_default_latex_context_db()
    walker_db.add_context_category(
        "balint-bib", prepend=True,
        macros=[MacroSpec(name, "{") for name in (*_DISCARD_ARGUMENT, "textsuperscript",
                                                  "textsubscript", "nth")])
    return text_db, walker_db


_TEXT_DB, _WALKER_DB = _contexts()


class _KeepingConverter(LatexNodes2Text):  # type: ignore[misc]  # pylatexenc is untyped
    """pylatexenc's converter, but an unknown macro keeps its arguments or its name."""

    def macro_node_to_text(self, node: Any) -> str:
        if self.latex_context.get_macro_spec(node.macroname) is not None:
            return str(super().macro_node_to_text(node))
        name = str(node.macroname)
        source = node.parsing_state.s
        after = node.pos + node.len
        if is_font_switch(name) and not _ends_group(source, after):
            return ""
        arguments = node.nodeargd.argnlist if node.nodeargd else []
        if any(arguments):
            return "".join(self._groupnodecontents_to_text(a) for a in arguments if a)
        if (source.startswith("{", after) and not source.startswith("{}", after)
                and not is_logo_like(name)):
            return ""  # `\acro{VAX}`: the group that follows is the argument, and stays
        if not name.isalpha():
            return name  # an unknown control symbol such as `\>`, nothing to lose
        return name + (" " if node.macro_post_space else "")


_converter = _KeepingConverter(latex_context=_TEXT_DB, math_mode="text",
                               strict_latex_spaces=False)


# `\\path|a_b|`, `\\verb+x+`, `\\path{x}`: verbatim text (the url package's delimiters).
_VERBATIM = re.compile(r"\\(?:path|verb|url|nolinkurl)\*?\s*"
                       r"(?:\{([^{}]*)\}|([^\sA-Za-z{*])(.*?)\2)", re.DOTALL)
_LITERAL = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
            **{c: "\\" + c for c in "{}%&$#_"}}


def _as_literal(match: re.Match[str]) -> str:
    text = match.group(1) if match.group(1) is not None else match.group(3)
    return "".join(_LITERAL.get(char, char) for char in text)


# TeX's spacing and box-moving primitives take a dimension, not text (`\kern-.1em`,
# `\raise.25ex\hbox{…}`, `\hskip 2pt plus 1fil`); TeX eats one space after it. A kern
# adjusts letters (logos), a skip is space between words.
_DIMEN = r"[-+]?\s*(?:\d+(?:[.,]\d*)?|[.,]\d+)\s*(?:true\s*)?"
_UNIT = r"(?:em|ex|pt|pc|in|cm|mm|bp|dd|cc|sp|mu)"
_SPACING = re.compile(
    rf"\\(?:kern|mkern|(?P<skip>[hvm]skip)|raise|lower|moveleft|moveright)(?![A-Za-z])\s*"
    rf"{_DIMEN}{_UNIT}(?:\s*plus\s*{_DIMEN}(?:{_UNIT}|fil{{1,3}}))?"
    rf"(?:\s*minus\s*{_DIMEN}(?:{_UNIT}|fil{{1,3}}))?(?: |\n)?")
# `\char` prints the character with that code: `\char`\\` (the code of `\`), `\char"5C`,
# `\char'134`, `\char92`; the printable ASCII ones are the same in every text font.
_CHAR = re.compile(r"\\char\s*(?:`\\?(.)|\"([0-9A-F]+)|'([0-7]+)|([0-9]+))(?: |\n)?")


def _char(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        char = match.group(1)
    else:
        hexadecimal, octal, decimal = match.group(2, 3, 4)
        code = int(hexadecimal, 16) if hexadecimal else int(octal, 8) if octal else int(decimal)
        if not 33 <= code <= 126:
            return match.group(0)  # font-dependent: shown as written
        char = chr(code)
    return _LITERAL.get(char, char)


def _primitives(value: str) -> str:
    """`value` with TeX's dimension-taking primitives dropped, `\\char` as its character."""
    if "\\char" in value:
        value = _CHAR.sub(_char, value)
    if "\\" not in value:
        return value
    return _SPACING.sub(lambda match: " " if match["skip"] else "", value)


def latex_to_text(value: str) -> str:
    """pylatexenc's text for `value`, with the macros above known."""
    value = _primitives(_VERBATIM.sub(_as_literal, value))
    nodes = latexwalker.LatexWalker(value, latex_context=_WALKER_DB,
                                    tolerant_parsing=True).get_latex_nodes()[0]
    return str(_converter.nodelist_to_text(nodes))


_CONTROL_WORD = re.compile(r"\\([A-Za-z]+)")


@lru_cache(maxsize=4096)
def is_known(name: str) -> bool:
    """Whether `\\name` has a meaning here (anything else keeps its argument or name)."""
    # The walker knows some that take arguments (`\\mbox{…}`); those arguments are kept.
    return (_TEXT_DB.get_macro_spec(name) is not None
            or _WALKER_DB.get_macro_spec(name) is not None or is_font_switch(name))


def argument_kind(name: str) -> str | None:
    """What `\\name{...}` does with its braced argument: "keep" it as text (`\\emph`,
    `\\mbox`, any unknown command), "discard" it (`\\noopsort`), or None when the command
    takes no argument (`\\TeX{}`, `\\UNIX{…}`: the group is separate text)."""
    if name in _DISCARD_ARGUMENT:
        return "discard"
    spec = _WALKER_DB.get_macro_spec(name)
    if spec is not None:
        return "keep" if "{" in getattr(spec.args_parser, "argspec", "") else None
    return None if is_known(name) or is_logo_like(name) else "keep"


def unknown_macros(value: str) -> list[str]:
    """The control words of `value` that have no meaning here, in order, once each."""
    if "\\" not in value:
        return []
    names = dict.fromkeys(_CONTROL_WORD.findall(_primitives(_VERBATIM.sub("", value))))
    return [name for name in names if not is_known(name)]
