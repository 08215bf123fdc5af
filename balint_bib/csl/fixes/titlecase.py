"""`text-case="title"` as citeproc-js does it (its `_textcaseEngine` with the `title` rules).

citeproc-py split a title at spaces only, so it missed words after hyphens, quotes and
slashes ("Physician-patient", "‘therapeutic"), inserted a space where a case-protected span
met the text ("Balint -group", "England : lessons"), and knew 26 stop words where citeproc-js
knows its longer list ("vs", "about", "via"...). This module works on segments: plain text,
and case-protected text that is kept as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# citeproc-js CSL.SKIP_WORDS, its default for English (a locale may not override it here).
_SINGLE_WORDS = """
about above across afore after against al along alongside amid amidst among amongst anenst
apropos apud around as aside astride at athwart atop barring before behind below beneath
beside besides between beyond but by circa despite down during et except for forenenst
from given in inside into lest like modulo near next notwithstanding of off on onto out
over per plus pro qua sans since than through thru throughout thruout till to toward
towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with within
without or yet so for and nor a an the de d' von van c ca"""
_PHRASES = """according to|ahead of|apart from|as for|as of|as per|as regards|aside from|back to
|because of|close to|due to|except for|far from|inside of|instead of|near to|next to|on to
|out from|out of|outside of|prior to|pursuant to|rather than|regardless of|such as|that of
|up to|where as"""
SKIP_WORDS = [*_SINGLE_WORDS.split(), *(p.strip() for p in _PHRASES.split("|"))]
# As citeproc-js builds it: the words joined unescaped ("vs." matches "vs" and any letter).
_SKIP = re.compile(r"(?:(?:[?!:]*\s+|-|^)(?:" + "|".join(SKIP_WORDS) + r")(?=[!?:]*\s+|-|$))")

# Where case-protected text opens and closes, in the string being cased.
NOCASE_OPEN, NOCASE_CLOSE = "\ue000", "\ue001"
# citeproc-js splits a title at quotes, punctuation, brackets and markup ("tags").
_TAGS = re.compile("(\u2018|\u2019|\u201c|\u201d| \"| '|\"|'|[-\u2013\u2014/.,;?!:]|\\[|\\]"
                   f"|\\(|\\)|{NOCASE_OPEN}|{NOCASE_CLOSE})")
_SPACES = re.compile("([\u00a0 \u2000-\u200b\u205f\u3000]+)")
_QUOTE_TAG = re.compile("(^(?:\u2018|\u2019|\u201c|\u201d|\"|')|(?: \"| ')$)")
# The closing quote that each opening quote expects, and the opener that may nest in it.
_QUOTES = {' "': (" '", '"'), " '": (' "', "'"), "\u2018": ("\u2018", "\u2019"),
           "\u201c": ("\u201c", "\u201d")}


def _capitalise(word: str) -> str:
    """The first non-space character upper-cased, unless it is a lone Greek letter."""
    match = re.match(r"(\s*)(.)(.*)", word, re.DOTALL)
    if match and not (re.fullmatch("[\u0370-\u03ff]", match[2]) and not match[3]):
        return match[1] + match[2].upper() + match[3]
    return word


@dataclass
class _State:
    is_first: bool = True
    after_punct: bool = False
    last_word: tuple[int, int] | None = None
    in_nocase: int = 0
    quotes: list[dict[str, object]] = field(default_factory=list)


def _capitalise_words(text: str, index: int, following_tag: str | None, state: _State,
                      preceding_tag: str | None = None) -> str:
    if not text.strip():
        return text
    pieces = _SPACES.split(text)
    words = pieces[0::2]
    for j, word in enumerate(words):
        if not word:
            continue
        lower = word.lower()
        capitalize = ((len(word) > 1 and not _SKIP.search(lower))
                      # a stop word before a hyphen, unless also after one ("Out-of-Fashion")
                      or (j == len(words) - 1 and following_tag == "-"
                          and not (j == 0 and preceding_tag == "-"))
                      or state.is_first or state.after_punct)
        if capitalize and word == lower:  # words with capitals already are left alone
            words[j] = _capitalise(word)
        state.after_punct = state.is_first = False
        state.last_word = (index, j)
    pieces[0::2] = words
    return "".join(pieces)


def _quote_fix(tag: str, position: int, state: _State) -> int | None:
    """citeproc-js's quote bookkeeping: the position of a string whose first letter must be
    restored (a quote that does not pair up), else None."""
    match = _QUOTE_TAG.search(tag)
    if not match:
        return None
    quote = match[1]
    if quote in _QUOTES:  # an opener
        opener, closer = _QUOTES[quote]
        if not state.quotes or quote == state.quotes[-1]["opener"]:
            state.quotes.append({"opener": opener, "closer": closer, "pos": position})
            return None
        previous = state.quotes.pop()["pos"]
        # citeproc-js records this one's position under a misspelt name: it has none.
        state.quotes.append({"opener": opener, "closer": closer, "pos": None})
        return previous  # type: ignore[return-value]
    if state.quotes and quote == state.quotes[-1]["closer"]:
        state.quotes.pop()
        return None
    return position


def title_case(text: str) -> str:
    """Title-case `text`, leaving what is between NOCASE_OPEN and NOCASE_CLOSE as it is."""
    if not text:
        return text
    parts = _TAGS.split(text)
    strings, tags = parts[0::2], parts[1::2]
    for i, tag in enumerate(tags):  # a straight apostrophe before a letter is part of a word
        if tag == "'" and strings[i + 1]:
            strings[i + 1] = "'" + strings[i + 1]
            tags[i] = ""
    original = list(strings)
    state = _State()
    if strings[0].strip():
        strings[0] = _capitalise_words(strings[0], 0, tags[0] if tags else None, state)
    for i, tag in enumerate(tags):
        text_after = strings[i + 1]
        if tag == NOCASE_OPEN:
            state.in_nocase += 1
        elif tag == NOCASE_CLOSE and state.in_nocase:
            state.in_nocase -= 1
        if re.search(r"[!?:]$", tag):
            state.after_punct = True
        if not state.in_nocase:
            following = tags[i + 1] if i + 1 < len(tags) else None
            strings[i + 1] = _capitalise_words(text_after, i + 1, following, state, tag)
        elif text_after.strip():
            state.last_word = None
        position = _quote_fix(tag, i, state)
        if position is not None:
            strings[position + 1] = original[position + 1][:1] + strings[position + 1][1:]
            state.last_word = None
        if text_after.strip():
            state.is_first = state.after_punct = False
    for quote in state.quotes:  # quotes left open keep the first letter after them
        opened_at = quote["pos"]
        if isinstance(opened_at, int):
            strings[opened_at + 1] = original[opened_at + 1][:1] + strings[opened_at + 1][1:]
    if state.last_word:  # a stop word at the very end is capitalised
        index, j = state.last_word
        pieces = _SPACES.split(strings[index])
        word = pieces[2 * j]
        if len(word) > 1 and _SKIP.search(word.lower()):
            pieces[2 * j] = _capitalise(word)
        strings[index] = "".join(pieces)
    out = [strings[0]]
    for tag, string in zip(tags, strings[1:], strict=True):
        out += [tag, string]
    return "".join(out)
