"""BibTeX name lists → structured names, following BibTeX's own rules.

`and` separates names (at brace depth 0, any case); a name is
"First von Last", "von Last, First" or "von Last, Jr, First"; the von part is
the run of words that start in lower case. A name that is one brace group,
`{{American Balint Society}}`, is a corporate name and stays whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .braces import mask_groups, matching_brace
from .latex import to_unicode

# What separates the names of a list (BibTeX: `and`, any case, between spaces).
AND_SEPARATOR = re.compile(r"\s+and\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Name:
    """One person or organisation, with parts already decoded to Unicode."""

    family: str = ""
    given: str = ""
    particle: str = ""
    suffix: str = ""
    literal: str = ""  # corporate names, and the `others` of "and others"

    @property
    def is_corporate(self) -> bool:
        return bool(self.literal) and not self.is_others

    @property
    def is_others(self) -> bool:
        return self.literal == "others"

    @property
    def last(self) -> str:
        """The name a list is sorted and matched by: family name, or the corporate name."""
        return self.literal or self.family

    def display(self) -> str:
        """Given-name-first form, as a person would write it."""
        if self.literal:
            return "et al." if self.is_others else self.literal
        parts = [self.given, self.particle, self.family]
        text = " ".join(p for p in parts if p)
        return f"{text}, {self.suffix}" if self.suffix else text

    def inverted(self) -> str:
        """Family-name-first form: "van der Berg, Jan, Jr"."""
        if self.literal:
            return self.display()
        family = " ".join(p for p in (self.particle, self.family) if p)
        parts = [family, self.suffix, self.given] if self.suffix else [family, self.given]
        return ", ".join(p for p in parts if p)


def split_depth0(text: str, separator: re.Pattern[str]) -> list[str]:
    """Split `text` where `separator` matches outside braces."""
    # The separators are found in a copy whose groups are blanked out (positions stay).
    blanked = mask_groups(text)
    pieces = []
    start = 0
    for match in separator.finditer(blanked):
        if match.end() > match.start():
            pieces.append(text[start : match.start()])
            start = match.end()
    pieces.append(text[start:])
    return pieces


def split_name_list(value: str) -> list[str]:
    """The raw (still LaTeX) names of an `author`/`editor` value."""
    value = value.strip()
    if not value:
        return []
    return [piece.strip() for piece in split_depth0(value, AND_SEPARATOR)]


NO_NAME = Name()  # what a name of only commas, spaces or ties (`{,}`, `{ ~ }`) parses to


def parse_names(value: str) -> tuple[Name, ...]:
    """Parse a whole `author`/`editor` value. Empty names are dropped."""
    names = (parse_name(raw) for raw in split_name_list(value) if raw)
    return tuple(name for name in names if name != NO_NAME)


@lru_cache(maxsize=65536)  # the same people recur across a library; a Name is immutable
def parse_name(raw: str) -> Name:
    raw = raw.strip().strip(",").strip()
    if raw.lower() == "others":
        return Name(literal="others")
    if _is_single_group(raw):
        return Name(literal=to_unicode(raw))
    commas = [part.strip() for part in split_depth0(raw, re.compile(","))]
    if len(commas) == 1:
        return _first_von_last(_words(commas[0]))
    von_last = _words(commas[0])
    # BibTeX: "von Last, Jr, First"; with too many commas, all after the second is First.
    given = " ".join(commas[2:]) if len(commas) >= 3 else commas[-1]
    suffix = commas[1] if len(commas) >= 3 else ""
    particle, family = _split_von_last(von_last)
    return Name(
        family=to_unicode(" ".join(family)),
        given=to_unicode(given),
        particle=to_unicode(" ".join(particle)),
        suffix=to_unicode(suffix),
    )


def _is_single_group(raw: str) -> bool:
    """True when `raw` is exactly one brace group: `{World Health Organization}`."""
    if not (raw.startswith("{") and raw.endswith("}")):
        return False
    closing = matching_brace(raw, 0)
    return closing is None or closing == len(raw) - 1


# Words are separated by white space and ties; `\\~` is an accent, not a tie.
_WORD_SEPARATOR = re.compile(r"(?:\s|(?<!\\)~)+")


def _words(text: str) -> list[str]:
    return [w for w in split_depth0(text, _WORD_SEPARATOR) if w]


# BibTeX's "foreign letters": a special character made of one of these has its case.
_FOREIGN = frozenset(["i", "j", "oe", "OE", "ae", "AE", "aa", "AA", "o", "O", "l", "L", "ss"])
_CONTROL_NAME = re.compile(r"[A-Za-z]+|.", re.DOTALL)


def _starts_lower(word: str) -> bool:
    """BibTeX's von test: the first letter at brace depth 0 is lower case. A special
    character `{\\...}` counts as a letter: `{\\L}` and `{\\AA}` take the case of their
    control sequence, `{\\"o}` and `{\\v{C}}` the case of the first letter after it; any
    other brace group is skipped. Unlike BibTeX (ASCII only), any Unicode letter counts."""
    depth = 0
    for position, char in enumerate(word):
        if char == "{":
            if depth == 0 and word.startswith("\\", position + 1) and position + 3 < len(word):
                closing = matching_brace(word, position)
                return _special_is_lower(word[position + 2 : closing or len(word)])
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and char.isalpha():
            return char.islower()
    return False


def _special_is_lower(body: str) -> bool:
    """`body` follows the backslash of a special character (`AA`, `"o`, `v{C}`)."""
    control = _CONTROL_NAME.match(body)
    name = control.group() if control else ""
    if name in _FOREIGN:
        return name[0].islower()
    letter = next((c for c in body[len(name):] if c.isalpha()), None)
    return letter is not None and letter.islower()


def _first_von_last(words: list[str]) -> Name:
    if not words:
        return NO_NAME
    if len(words) == 1:
        return Name(family=to_unicode(words[0]))
    # The last word is always part of the family name; the von part starts at the
    # first lower-case word before it.
    von_start = next((i for i, w in enumerate(words[:-1]) if _starts_lower(w)), None)
    if von_start is None:
        return Name(family=to_unicode(words[-1]), given=to_unicode(" ".join(words[:-1])))
    von_end = von_start
    for i in range(von_start, len(words) - 1):
        if _starts_lower(words[i]):
            von_end = i
    return Name(
        given=to_unicode(" ".join(words[:von_start])),
        particle=to_unicode(" ".join(words[von_start : von_end + 1])),
        family=to_unicode(" ".join(words[von_end + 1 :])),
    )


def _split_von_last(words: list[str]) -> tuple[list[str], list[str]]:
    von_end = -1
    for i, word in enumerate(words[:-1]):
        if _starts_lower(word):
            von_end = i
    return words[: von_end + 1], words[von_end + 1 :]
