"""Escaping per format: what each function changes, and that it changes nothing else."""

from __future__ import annotations

import html

import pytest

from balint_bib.text import (
    MARKDOWN_ALL,
    MARKDOWN_INLINE,
    escape_html,
    escape_markdown,
    escape_rtf,
)

PLAIN = "Balint, M. (1964). The doctor: 2nd ed.; 20% off & more"


def test_html_escapes_markup_and_both_quotes() -> None:
    text = "<b>\"it's\"</b> & co"
    assert escape_html(text) == "&lt;b&gt;&quot;it&#x27;s&quot;&lt;/b&gt; &amp; co"
    assert html.unescape(escape_html(text)) == text


@pytest.mark.parametrize("characters", [MARKDOWN_INLINE, MARKDOWN_ALL])
def test_markdown_escapes_exactly_its_characters(characters: str) -> None:
    for char in characters:
        assert escape_markdown(f"a{char}b", characters) == f"a\\{char}b"
    others = "".join(c for c in MARKDOWN_ALL + "-.:;'\"" if c not in characters)
    assert escape_markdown(others, characters) == others


def test_markdown_sets() -> None:
    assert set(MARKDOWN_INLINE) < set(MARKDOWN_ALL)
    assert escape_markdown("(see [1]) ~x~") == "(see \\[1\\]) ~x~"
    assert escape_markdown("(see [1]) ~x~", MARKDOWN_ALL) == "\\(see \\[1\\]\\) \\~x\\~"


def test_markdown_paragraph_cannot_start_a_numbered_list() -> None:
    assert escape_markdown("1984. A year") == "1984. A year"
    assert escape_markdown("1984. A year", paragraph=True) == "1984\\. A year"
    assert escape_markdown("In 1984. A year", paragraph=True) == "In 1984. A year"


def test_rtf_escapes_control_words_non_ascii_and_newlines() -> None:
    assert escape_rtf(PLAIN) == PLAIN
    assert escape_rtf("a\\b{c}") == "a\\\\b\\{c\\}"
    assert escape_rtf("é–") == "\\u233?\\u8211?"
    assert escape_rtf("\uffff") == "\\u-1?"  # signed 16-bit units
    assert escape_rtf("\U0001d400") == "\\u-10187?\\u-9216?"  # a surrogate pair
    assert escape_rtf("one\ntwo") == "one\\line two"
