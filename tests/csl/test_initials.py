"""Given-name initialization (balint_bib/csl/fixes/initials.py), citeproc-js's rules."""

from __future__ import annotations

import pytest

from balint_bib.csl.fixes.initials import initialize_given


@pytest.mark.parametrize(("given", "mark", "initialize", "expected"), [
    ("John M.E.", ". ", True, "J. M. E."),
    ("Ph.M.E.", "", True, "PhME"),  # an abbreviation keeps its letters
    ("ME", ".", True, "M."),  # a capitalised word, not two initials
    ("TSerendorjiin", ".", True, "Ts."),
    ("Jean-Paul", ". ", True, "J.-P."),
    ("Guo-ping", "", True, "G"),  # a hyphen before lowercase joins one word
    ("Jean de", ".", True, "J. de"),  # a particle is kept
    ("John M.E.", "", False, "John ME"),  # initialize="false": words whole
    ("Ph. M.E.", ". ", False, "Ph. M. E."),
    ("ME", ".", False, "ME"),
    ("Jean-Paul", ".", True, "J.-P."),
])
def test_initialize_given(given: str, mark: str, initialize: bool, expected: str) -> None:
    assert initialize_given(given, mark, initialize) == expected


def test_hyphen_off_separates_words() -> None:
    assert initialize_given("Jean-Paul", ".", hyphen=False) == "J.P."


def test_markup_around_a_word_stays_around_its_initial() -> None:
    bold, unbold = "\ue012", "\ue013"  # fixes/text.py's placeholders for <b>, </b>
    assert initialize_given(f"{bold}John{unbold} Q", ". ") == f"{bold}J.{unbold} Q."
    assert initialize_given(f"A{bold}", ".") == "A."  # not enclosing: dropped
