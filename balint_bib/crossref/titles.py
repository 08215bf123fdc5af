"""Word-level comparison of two titles, for the damage real citations do to them.

A reference list drops or adds a word, abbreviates words, spells them the British or
the American way, swaps title and subtitle. A character-level similarity sees one
typo, not these; an alignment of the titles' words does. Its answer is weaker
evidence than an equal title, and the matcher accepts it only with strong
corroboration (`matching`). Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .normalize import abbreviates, edit_similarity, fold, numbers_in

# British → American spelling, as suffix and infix rules applied to both sides, so that
# "randomised"/"randomized" and "paediatric"/"pediatric" fold to one word.
_SPELLING = [
    (re.compile(r"is(e|ed|es|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"our(s|ed|ing|able|ite|ites)?$"), r"or\1"),
    (re.compile(r"tre(s|d)?$"), r"ter\1"),
    (re.compile(r"tred(ness)?$"), r"tered\1"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"ence$"), "ense"),
    (re.compile(r"mme(s)?$"), r"m\1"),
    (re.compile(r"gement(s)?$"), r"gment\1"),
    (re.compile(r"(?<=[a-z])(ae|oe)(?=[a-z])"), "e"),
    (re.compile(r"ll"), "l"),
]
# Words whose loss turns a title into its opposite: never "dropped".
_NEGATIONS = frozenset({"not", "no", "non", "without", "never", "nor"})
_TYPO_SIMILARITY = 0.8


def spelling(word: str) -> str:
    """One spelling of `word` for British and American forms."""
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    return word


def same_word(a: str, b: str) -> bool:
    """Equal, one spelling of each other, one an abbreviation of the other ("educ",
    "education"; at least three letters), or a typo apart (words of five letters or more)."""
    if a == b or spelling(a) == spelling(b):
        return True
    if a.isdigit() or b.isdigit():
        return False
    if len(a) == len(b) >= 4 and _transposed(a, b):
        return True
    short, full = sorted((a, b), key=len)
    if len(short) >= 3 and short[:2] == full[:2] and abbreviates(short, full):
        return True
    return min(len(a), len(b)) >= 5 and edit_similarity(a, b, _TYPO_SIMILARITY) >= \
        _TYPO_SIMILARITY


def _transposed(a: str, b: str) -> bool:
    """Two neighbouring letters swapped ("form", "from")."""
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] \
        and a[diff[1]] == b[diff[0]]


def typos_only(cited: str, recorded: str) -> bool:
    """Whether two folded titles are the same words in the same order, each equal or a
    typo of the other: a character-level similarity alone would let a short word be
    replaced by another ("teams", "nurses") in a long title."""
    a, b = cited.split(), recorded.split()
    if "".join(a) == "".join(b):
        return True  # a space typed in the wrong place
    added, dropped, _ = unmatched(a, b)
    return added == dropped == 0


def unmatched(cited: Sequence[str], recorded: Sequence[str]) -> tuple[int, int, set[str]]:
    """Align the two word sequences in order (no substitutions: a word either matches a
    word of the other side or is left over). The words of each side left over, and the
    left-over words themselves."""
    rows, cols = len(cited), len(recorded)
    # cost[i][j]: fewest left-over words aligning cited[i:] with recorded[j:]
    cost = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows, -1, -1):
        for j in range(cols, -1, -1):
            if i == rows or j == cols:
                cost[i][j] = (rows - i) + (cols - j)
                continue
            best = min(cost[i + 1][j], cost[i][j + 1]) + 1
            if same_word(cited[i], recorded[j]):
                best = min(best, cost[i + 1][j + 1])
            cost[i][j] = best
    i = j = dropped = added = 0
    words: set[str] = set()
    while i < rows or j < cols:
        if i < rows and j < cols and same_word(cited[i], recorded[j]) and \
                cost[i][j] == cost[i + 1][j + 1]:
            i, j = i + 1, j + 1
        elif i < rows and (j == cols or cost[i][j] == cost[i + 1][j] + 1):
            words.add(cited[i])
            i, added = i + 1, added + 1
        else:
            words.add(recorded[j])
            j, dropped = j + 1, dropped + 1
    return added, dropped, words


def reworded(cited: str, recorded: str) -> bool:
    """Whether two folded titles are the same words, damaged as citations damage them:
    at most one word dropped or added (two in long titles), on one side only, never a
    negation, the same numbers; or the same words run together ("well-being")."""
    if numbers_in(cited) != numbers_in(recorded):
        return False
    a, b = cited.split(), recorded.split()
    if min(len(a), len(b)) < 3:
        return False
    if "".join(a) == "".join(b):
        return True
    added, dropped, words = unmatched(a, b)
    if added and dropped:
        return False  # a word replaced by another: another work, however close
    allowed = 1 if min(len(a), len(b)) < 8 else 2
    return added + dropped <= allowed and not (words & _NEGATIONS)


def reworded_title(cited: str, cited_parts: Sequence[str], recorded: Sequence[str],
                   recorded_parts: Sequence[Sequence[str]]) -> bool:
    """`reworded` over the ways a title is cited: whole, with title and subtitle swapped,
    or one side without its subtitle (never both: two different subtitles are two works).
    `*_parts` are the raw titles split at their separators."""
    whole = {fold(cited), fold(" ".join(cited_parts))}
    cited_main = fold(cited_parts[0]) if len(cited_parts) > 1 else ""
    pairs: set[tuple[str, str]] = set()
    for title, parts in zip(recorded, recorded_parts, strict=True):
        # Swapped: the subtitle (the last part) first, or the main title (the first) last.
        full = {fold(title), fold(" ".join(parts)), fold(" ".join([*parts[-1:], *parts[:-1]])),
                fold(" ".join([*parts[1:], *parts[:1]]))}
        pairs |= {(a, b) for a in whole for b in full}
        if cited_main:
            pairs |= {(cited_main, b) for b in full}
        if len(parts) > 1:
            pairs |= {(a, fold(parts[0])) for a in whole}
    return any(reworded(a, b) for a, b in pairs if a and b)


def foreign(cited: str, recorded: Sequence[str]) -> bool:
    """Whether a title could be another language's (or script's) rendering of the
    recorded ones: it shares at most half of its words with each. A title that shares
    most words but not all is a different title, not a translation."""
    words = {spelling(w) for w in fold(cited).split()}
    if not words:
        return False
    for title in recorded:
        other = {spelling(w) for w in fold(title).split()}
        if other and len(words & other) > min(len(words), len(other)) / 2:
            return False
    return True
