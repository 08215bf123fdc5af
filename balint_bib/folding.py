"""Folding text for comparison: the accent-stripping step every match or sort key shares.

Validation's duplicate key, Crossref matching and the CSL sort key each fold case and
punctuation their own way (their keys are compared only with keys of the same kind);
what they share, and must do alike, is taking the marks off the letters.
"""

from __future__ import annotations

import unicodedata


def strip_marks(text: str) -> str:
    """`text` compatibility-decomposed (NFKD) without its combining marks: "Müller" and
    "Mu\u0308ller" both become "Muller", "ﬁ" becomes "fi". Letters without a
    decomposition (ß, ø, ł) stay as they are."""
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    return "".join(char for char in decomposed if not unicodedata.combining(char))
