"""Issue 10: the display decoder never shows a command's name where LaTeX prints nothing,
and never drops a word LaTeX prints (font switches, italic correction, logo macros
before a group, Cyrillic in LaTeX's T2 encoding)."""

from __future__ import annotations

import pytest

from balint_bib.bibtex.latex import split_case_protected, to_unicode
from balint_bib.bibtex.macros import is_font_switch, unknown_macros


def _runs_text(value: str) -> str:
    """The text of the case-protection runs (the path titles take to CSL), spaces folded."""
    return " ".join("".join(text for text, _ in split_case_protected(value)).split())


@pytest.mark.parametrize(("value", "text"), [
    # old-style declarations: the switch prints nothing, the rest of its group stays
    (r"A {\LaTeX} Tour: {\ssf mfnfss}, {\ssf psnfss}", "A LaTeX Tour: mfnfss, psnfss"),
    (r"{\slnine PST}ricks", "PSTricks"),
    (r"{{\slnine {MAPS}\/}: Contents}", "MAPS: Contents"),
    (r"{\tensl slanted} and {\sevenbf bold} text", "slanted and bold text"),
    (r"{{\eightrm METAPLOT}: line drawing}", "METAPLOT: line drawing"),
    (r"{{\ninesmc Keynote}: the Web}", "Keynote: the Web"),
    (r"{\acrosl DVI\/}2{\acrosl SVG}", "DVI2SVG"),
    (r"{\SMC SGML} and {\SMC C}", "SGML and C"),
    (r"IBM \ssf techexplorer", "IBM techexplorer"),
    (r"\SMC{SGML} and \slnine{MAPS}", "SGML and MAPS"),
    (r"{\sf mf}, {\bf b}, {\it i}, {\tt t}, {\sc s}, {\rm r}, {\em e}", "mf, b, i, t, s, r, e"),
    (r"{\small small} {\Large print}", "small print"),
    # a name alone in its group, or ended by `{}`, is a macro that prints its name
    (r"Report of the {\SC} meeting", "Report of the SC meeting"),
    (r"Report of the \SC{} meeting", "Report of the SC meeting"),
    # italic correction prints nothing
    (r"{\it Zpravodaj\/} and {\sl or\/} ``The", "Zpravodaj and or “The"),
    (r"Italic\/ words\@.", "Italic words."),
    # a logo-like unknown command before a group keeps its name and the group
    (r"{{\UNIX{\TeX} site report}}", "UNIXTeX site report"),
    (r"\UNIX{Systems} in use", "UNIXSystems in use"),
    (r"The \PreTeX{Conference}", "The PreTeXConference"),
    (r"\acro{VAX} systems", "VAX systems"),  # a lower-case command: the group is its argument
    # LaTeX's T2 encoding: `\cyrchar` selects the glyph and prints nothing itself
    (r"Goryunov, \cyrchar\CYRA.V.", "Goryunov, А.V."),
    (r"\cyrchar\CYRM\cyrchar\cyro\cyrchar\cyrs\cyrk\cyrv\cyra", "Москва"),
    (r"\CYRSHCH\cyrerev\cyrzh\cyrya\CYRYO", "ЩэжяЁ"),
    # TeX primitives that take a dimension print nothing (a skip is a space); `\char` its
    # character; a slanted logo is the logo
    (r"Euler-\kern-1pt VM and DVIto\kern-.15em VDU", "Euler-VM and DVItoVDU"),
    (r"(\kern-.1emAMS\kern.05em-)\LaTeX", "(AMS-)LaTeX"),
    (r"{BibTeX{\raise.25ex\hbox{\sl c++}}}", "BibTeXc++"),
    (r"before\hskip 2pt plus 1fil after", "before after"),
    (r"Don't just {\tt\char`\\let} {\TeX} hang", "Don't just \\let TeX hang"),
    # TeX eats the space after a number: `\char"42 \char` gives "B%"
    (r"{\tt\char92 x} \char'101" '\\char"42' r" \char`\%", "\\x AB%"),
    (r"The design of {\TeX} and {\slMF}", "The design of TeX and METAFONT"),
])
def test_display_text(value: str, text: str) -> None:
    assert to_unicode(value) == text
    assert _runs_text(value) == text


def test_a_logo_before_a_group_stays_in_the_case_protected_runs() -> None:
    runs = split_case_protected(r"\UNIX{Systems} and \acro{VAX}")
    assert runs == [("UNIX", False), ("Systems", True), (" and ", False), ("VAX", True)]


@pytest.mark.parametrize("name", ["ssf", "slnine", "tensl", "ninesmc", "eightrm", "sevenbf",
                                  "teni", "acrosl", "sltt", "SMC", "bf"])
def test_font_switch_family(name: str) -> None:
    assert is_font_switch(name)


@pytest.mark.parametrize("name", ["acro", "cs", "TUB", "nine", "ten", "i", "emph", "textsl",
                                  "slash", "itemize", "tiny2", "Tib"])
def test_not_font_switches(name: str) -> None:
    assert not is_font_switch(name)


def test_font_switches_are_not_reported_as_unknown() -> None:
    assert unknown_macros(r"{\ssf x} {\slnine y} \cyrchar\CYRA \UNIX{z}") == ["UNIX"]
    assert unknown_macros(r"A\kern-.1em B \char`\\let \slMF") == []
