"""The shared accent folding, and that the three keys built on it still agree with it."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from balint_bib.crossref.normalize import fold as crossref_fold
from balint_bib.csl.fixes.sorting import collation_key
from balint_bib.text import strip_marks
from balint_bib.validate.dataset import fold as match_key


def test_marks_come_off_letters_stay() -> None:
    assert strip_marks("Müller") == strip_marks("Mu\u0308ller") == "Muller"
    assert strip_marks("ﬁn Łódź ß") == "fin Łodz ß"


def test_the_keys_built_on_it() -> None:
    assert match_key("Müller-Ärzte") == "mullerarzte"
    assert crossref_fold("Über  die Ärzte: Ørsted") == "uber die arzte orsted"
    assert collation_key("Élan") == collation_key("elan")


def _match_key_before_the_shared_fold(value: str) -> str:
    """validate's key as it was written before strip_marks: commands off, then NFKD with
    every non-ASCII character dropped, then case and punctuation."""
    value = re.sub(r"\\[a-zA-Z]+|\\.", "", value) if "\\" in value else value
    if not value.isascii():
        value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", value.lower())


@given(st.text(max_size=20))
def test_match_key_is_what_it_was_before_the_shared_fold(text: str) -> None:
    assert match_key(text) == _match_key_before_the_shared_fold(text)
