"""Folding text so that the same title, name or journal compares equal however it was written.

Pure functions. BibTeX values arrive as LaTeX and are decoded first; Crossref values
may carry JATS/HTML tags (`<i>`, `<sub>`) and entities, which are stripped.
"""

from __future__ import annotations

import html
import re
import unicodedata

from ..bibtex.latex import to_unicode
from ..text import strip_marks

_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_NON_WORD = re.compile(r"[^\w]+")
_SPACE = re.compile(r"\s+")
# Characters NFKD leaves alone but which fold to ASCII letters.
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d",
                          "ð": "d", "þ": "th", "\u0131": "i", "&": " and "})
# Words a journal abbreviation drops (ISO 4).
_JOURNAL_STOP = frozenset({"the", "of", "and", "for", "in", "on", "a", "an", "de", "la", "le",
                           "der", "die", "das", "und", "fur", "et", "des", "du"})
_TITLE_SEPARATOR = re.compile(r"\s*(?::|\?|\.\s|\s[-\u2013\u2014]{1,2}\s)\s*")


def from_latex(value: str | None) -> str:
    """A BibTeX value as plain Unicode text."""
    return to_unicode(value) if value else ""


def from_crossref(value: str | None) -> str:
    """A Crossref string without markup."""
    if not value:
        return ""
    return html.unescape(_TAG.sub("", value))


def fold(text: str) -> str:
    """Case, diacritics and punctuation folded; words separated by one space."""
    text = unicodedata.normalize("NFKC", text).lower().translate(_SPECIAL)
    stripped = strip_marks(text)
    return _SPACE.sub(" ", _NON_WORD.sub(" ", stripped).replace("_", " ")).strip()


def split_subtitle(title: str) -> tuple[str, str]:
    """`"Main: sub"` → (`"Main"`, `"sub"`); no separator → (title, "")."""
    match = _TITLE_SEPARATOR.search(title)
    if not match or match.start() == 0:
        return title, ""
    return title[: match.start()], title[match.end():]


def title_parts(title: str) -> list[str]:
    """The title split at its subtitle separators: "A: b? c" → ["A", "b", "c"]."""
    cuts = [m for m in _TITLE_SEPARATOR.finditer(title) if m.start() > 0]
    starts = [0, *(m.end() for m in cuts)]
    ends = [*(m.start() for m in cuts), len(title)]
    return [title[s:e] for s, e in zip(starts, ends, strict=True) if title[s:e].strip()]


def title_prefixes(title: str) -> list[str]:
    """The folded title cut at each subtitle separator, longest first, without the whole:
    "A: b? c" → ["a b", "a"]. A citation may leave out any trailing part."""
    cuts = [m.start() for m in _TITLE_SEPARATOR.finditer(title) if m.start() > 0]
    return [fold(title[:cut]) for cut in reversed(cuts) if fold(title[:cut])]


def journal_words(name: str) -> list[str]:
    """A journal name's significant words, folded (stop words dropped)."""
    return [w for w in fold(name).split() if w not in _JOURNAL_STOP]


def abbreviates(short: str, full: str) -> bool:
    """Whether word `short` can be an abbreviation of `full` ("educ" of "education", "mgmt" of
    "management"): same first letter, and its letters appear in order."""
    if short == full:
        return True
    if not short or not full or short[0] != full[0] or len(short) > len(full):
        return False
    position = 0
    for char in short:
        position = full.find(char, position) + 1
        if position == 0:
            return False
    return True


def same_journal(a: str, b: str) -> bool:
    """Full or abbreviated names of one journal ("J Fam Pract", "The Journal of Family
    Practice"); also an acronym ("JAMA") of the full name's words."""
    words_a, words_b = journal_words(a), journal_words(b)
    if not words_a or not words_b:
        return False
    if words_a == words_b:
        return True
    for short, full in ((words_a, words_b), (words_b, words_a)):
        if len(short) == len(full) and all(abbreviates(s, f) for s, f in zip(short, full,
                                                                              strict=True)):
            return True
        if len(short) == 1 and len(full) > 2 and short[0] == "".join(w[0] for w in fold(
                " ".join(full)).split()):
            return True
    return False


def first_page(pages: str | None) -> str:
    """`"230--235"` → `"230"`; `"e1234"` stays."""
    if not pages:
        return ""
    return re.split(r"\s*[-\u2010-\u2015,+]+\s*", pages.strip(), maxsplit=1)[0].lower()


def numbers_in(text: str) -> list[str]:
    return sorted(re.findall(r"\d+", text))


def edit_similarity(a: str, b: str, at_least: float = 0.0) -> float:
    """1 - (edit distance / length of the longer), on already folded strings. The
    distance counts a swap of two neighbouring letters as one edit, as typists make it.
    Below `at_least` the exact figure does not matter and 0.0 may be returned early."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    longest = max(len(a), len(b))
    if 1.0 - abs(len(a) - len(b)) / longest < at_least:
        return 0.0  # the lengths alone put it below the threshold
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        before, previous = previous, current
    return 1.0 - previous[-1] / max(len(a), len(b))
