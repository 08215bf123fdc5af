"""The one brace-depth scan: direct cases, and equivalence with the scans it replaced
(the reference loops below are the previous per-module implementations)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from balint_bib.bibtex.braces import (
    balanced,
    count_at_depth,
    find_outside_braces,
    mask_groups,
    matching_brace,
    max_depth,
    top_level_groups,
)
from balint_bib.bibtex.latex import _decode_run, split_case_protected
from balint_bib.bibtex.names import AND_SEPARATOR, _starts_lower, split_depth0

BRACEY = st.text(alphabet='{}"a \\,', max_size=30)


def test_direct_cases() -> None:
    assert balanced("a{b{c}}d") and not balanced("}{") and not balanced("{a")
    assert matching_brace("x{a{b}c}y", 1) == 7 and matching_brace("{a", 0) is None
    assert find_outside_braces('a{"}"b', '"') == 4 and find_outside_braces("{\"}", '"') == -1
    assert count_at_depth('@a{k, t = "x{"}"}', '"', 1) == 2
    assert max_depth("{{{}}}{}") == 3 and max_depth("none") == 0
    assert mask_groups("ab {c {d}} e } {f") == "ab _______ e } __"
    assert list(top_level_groups("a{b}c{\\d}{e")) == [(1, 3), (5, 8), (9, None)]


def _old_depth0(value: str) -> str:
    pieces, depth, last = [], 0, 0
    for match in re.finditer(r"[{}]", value):
        index = match.start()
        if value[index] == "{":
            if depth == 0:
                pieces.append(value[last:index])
                last = index
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                pieces.append("_" * (index + 1 - last))
                last = index + 1
    pieces.append("_" * (len(value) - last) if depth else value[last:])
    return "".join(pieces)


def _old_split_slow(text: str, separator: re.Pattern[str]) -> list[str]:
    pieces, depth, start, position = [], 0, 0, 0
    while position < len(text):
        char = text[position]
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            match = separator.match(text, position)
            if match and match.end() > position:
                pieces.append(text[start:position])
                start = position = match.end()
                continue
        position += 1
    pieces.append(text[start:])
    return pieces


def _old_quote_end(text: str, position: int) -> int:
    depth = 0
    for index in range(position, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
        elif text[index] == '"' and depth == 0:
            return index
    return -1


def _old_quotes_at_depth_1(raw: str) -> int:
    depth = quotes = 0
    for char in raw:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 1:
            quotes += 1
    return quotes


def _old_balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@given(BRACEY)
def test_equivalent_to_the_scans_it_replaced(text: str) -> None:
    assert mask_groups(text) == _old_depth0(text)
    assert find_outside_braces(text, '"') == _old_quote_end(text, 0)
    assert count_at_depth(text, '"', 1) == _old_quotes_at_depth_1(text)
    assert balanced(text) == _old_balanced(text)


@pytest.mark.parametrize("depth", [1, 3, 4, 5, 9])
def test_balance_at_any_nesting_depth(depth: int) -> None:
    """`balanced` strips a few levels quickly and scans the rest; both give the answer."""
    nested = "{" * depth + "x" + "}" * depth
    assert balanced(nested) and balanced(f"a {nested} b {nested}")
    assert not balanced(nested + "}{") and not balanced("}" + nested + "{")
    assert not balanced(nested[1:] + "{")


@given(st.text(alphabet="{}ab ,~", max_size=30))
def test_name_splitting_is_the_same_for_any_braces(text: str) -> None:
    spaced = text.replace("b", " and ")
    for separator in (AND_SEPARATOR, re.compile(","), re.compile(r"[\s~]+")):
        assert split_depth0(spaced, separator) == _old_split_slow(spaced, separator)


def _old_case_runs(value: str) -> list[tuple[str, bool]]:
    runs: list[tuple[str, bool]] = []
    depth = start = 0
    protected_start: int | None = None
    for index, char in enumerate(value):
        if char == "{":
            if depth == 0 and not value.startswith("\\", index + 1):
                if index > start:
                    runs.append((value[start:index], False))
                protected_start = index
            depth += 1
        elif char == "}" and depth > 0:
            depth -= 1
            if depth == 0 and protected_start is not None:
                runs.append((value[protected_start + 1 : index], True))
                protected_start = None
                start = index + 1
    if start < len(value):
        runs.append((value[start:], False))
    return [(_decode_run(text), protected) for text, protected in runs if _decode_run(text)]


# A command's braced argument (`\\B{x}`) is its argument now, not case protection.
_COMMAND_ARGUMENT = re.compile(r"\\[A-Za-z]+\s*\{[{}\s]*[^{}\s]")


@given(st.text(alphabet="{}aB \\'", max_size=24).filter(
    lambda text: balanced(text) and not _COMMAND_ARGUMENT.search(text)))
def test_case_protection_is_the_same_for_balanced_values(text: str) -> None:
    # Unclosed groups differ on purpose: the old loop repeated the text before them.
    assert split_case_protected(text) == _old_case_runs(text)


def _old_starts_lower(word: str) -> bool:
    depth = index = 0
    while index < len(word):
        char = word[index]
        if char == "{":
            if depth == 0 and word.startswith("{\\", index):
                letters = re.sub(r"\\[a-zA-Z]+\s*|[\\{}\"'`^~=.]", "", word[index:])
                return bool(letters) and letters[0].islower()
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and char.isalpha():
            return char.islower()
        index += 1
    return False


# Special characters (`{\\L}ukasz`) take BibTeX's case rule now (test_names_latex.py).
@given(st.text(alphabet='{}aB\\". ', max_size=16).filter(lambda word: "{\\" not in word))
def test_von_test_is_the_same_for_any_braces(word: str) -> None:
    assert _starts_lower(word) == _old_starts_lower(word)
