"""The LaTeX fast path gives exactly what pylatexenc gives, or declines."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from balint_bib.bibtex.latex import (
    _NEEDS_DECODING,
    _SPACES,
    _fast_latex_to_text,
    to_unicode,
)
from balint_bib.bibtex.macros import latex_to_text

TOKENS = [
    'M{\\"u}ller', '\\"uber', '\\"{u}', "\\'\\i", "{\\'\\i}", "\\'{\\i}", '\\"\\i ', "\\v{c}",
    "\\c{c}", "\\H{o}", "\\u{a}", "\\k{a}", "\\d{o}", "\\r{a}", "\\v{\\i}", "\\~n", "\\^o",
    "\\`e", "\\=a", "\\.z", "\\' E", '\\"\n u', '\\"{ u}', "\\o", "\\o ", "\\o{}", "\\O",
    "\\l", "\\L{}", "\\ae", "\\AE", "\\oe", "\\OE{}", "\\aa", "\\AA", "\\ss", "\\ss{}", "\\i",
    "\\j", "\\&", "\\%", "\\$", "\\#", "\\_", "\\{", "\\}", "--", "---", "----", "~", "``",
    "''", "'''", "'", "`", "?", "!", "{", "}", "{}", "{HIV}", "{{AIDS}}", " ", "  ",
    "\n", "\n\n", "\t",
    "a", "Balint", "O'Neill", "x-y", "1", ".", ",", ";", ":", "?", "(", ")", "ä", "Å",
    # outside the fast subset: it must decline, and the result is pylatexenc's anyway
    "\\textit{x}", "\\emph{y}", "$x$", "%", "&", "\\\\", "\\url{http://x}", "\\~{}", "\\vc",
    '\\"{ab}', '\\"{\\"u}', "\\b{o}", "\\t{oo}", "\\relax",
]


def _reference(value: str) -> str:
    return unicodedata.normalize("NFC", _SPACES.sub(" ", latex_to_text(value)).strip())


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=12))
def test_fast_path_agrees_with_pylatexenc(tokens: list[str]) -> None:
    value = "".join(tokens)
    if value.count("{") != value.count("}"):
        return  # unbalanced values are the reader's problem; it never hands them over
    fast = _fast_latex_to_text(value)
    if fast is not None:
        assert unicodedata.normalize("NFC", _SPACES.sub(" ", fast).strip()) == _reference(value)
    if _NEEDS_DECODING.search(value):  # plain values are not decoded at all (by design)
        assert to_unicode(value) == _reference(value.replace("\\url{http://x}", "http://x"))


def test_fast_path_covers_the_common_values() -> None:
    assert _fast_latex_to_text('Holmstr{\\"o}m and Garc{\\\'\\i}a -- {HIV}') is not None
    assert to_unicode('Holmstr{\\"o}m and Garc{\\\'\\i}a -- {HIV}') == "Holmström and García – HIV"
    assert _fast_latex_to_text("\\textit{x}") is None
