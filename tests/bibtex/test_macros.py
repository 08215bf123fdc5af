"""Unknown LaTeX macros never delete a word; the TeX logos are text."""

from __future__ import annotations

import pytest

from balint_bib.bibtex.latex import to_unicode
from balint_bib.bibtex.macros import unknown_macros


@pytest.mark.parametrize(("value", "text"), [
    (r"The {\TeX book}", "The TeXbook"),
    (r"{\TeX} {Development Fund} 2009 report", "TeX Development Fund 2009 report"),
    (r"\LaTeX\ and \BibTeX", "LaTeX and BibTeX"),
    (r"{\XeTeX} \ConTeXt\ \METAFONT{} and \LaTeXe", "XeTeX ConTeXt METAFONT and LaTeX2e"),
    (r"The \AmSTeX{} manual", "The AMS-TeX manual"),
    (r"\acro{VAX} systems", "VAX systems"),  # an unknown macro keeps its argument
    (r"Running on \VAX\ and \Unix machines", "Running on VAX and Unix machines"),  # its name
    (r"\mbox{kept} words", "kept words"),
    (r"\VAX{} and \PS{} stay", "VAX and PS stay"),  # an empty group ends the name
    (r"{\noopsort{1983a}}Zed", "Zed"),  # BibTeX's sorting trick prints nothing
    (r"mail \path|a_b@c.org| now", "mail a_b@c.org now"),
    (r"\url{http://x.org/~y#z}", "http://x.org/~y#z"),
    (r"\href{http://x.org}{the site}", "the site"),
])
def test_words_survive_decoding(value: str, text: str) -> None:
    assert to_unicode(value) == text


def test_unknown_macros_are_listed_once_in_order_and_known_ones_not() -> None:
    value = r"\acro{A} \TeX \emph{b} \VAX\ \acro{C} \mbox{d} \path|\zz|"
    assert unknown_macros(value) == ["acro", "VAX"]
