"""The shared accent folding, and that the three keys built on it still agree with it."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from balint_bib.crossref.normalize import fold as crossref_fold
from balint_bib.csl.fixes.patches import collation_key
from balint_bib.text import strip_marks
from balint_bib.validate.dataset import fold as match_key


def test_marks_come_off_letters_stay() -> None:
    assert strip_marks("Müller") == strip_marks("Mu\u0308ller") == "Muller"
    assert strip_marks("ﬁn Łódź ß") == "fin Łodz ß"


def test_the_keys_built_on_it() -> None:
    assert match_key("Müller-Ärzte") == "mullerarzte"
    assert crossref_fold("Über  die Ärzte: Ørsted") == "uber die arzte orsted"
    assert collation_key("Élan") == collation_key("elan")


@given(st.text(max_size=20))
def test_match_key_is_what_the_ascii_fold_was(text: str) -> None:
    """validate's key dropped every non-ASCII character after NFKD; it still does."""
    old = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    assert match_key(text) == match_key(old)
