"""Ordinals (fixes/ordinals.py) and superscript characters (markup.superscripts)."""

from __future__ import annotations

from balint_bib.csl.markup import convert, superscripts


def test_superscript_characters_become_sup_elements() -> None:
    assert superscripts("1ʳᵉ édition, 2ª") == "1<sup>r</sup><sup>e</sup> édition, 2<sup>a</sup>"
    assert superscripts("plain 2") == "plain 2"


def test_plain_text_keeps_the_superscript_characters() -> None:
    html = superscripts("1ʳᵉ, E = mc²")
    assert convert(html, "text") == "1ʳᵉ, E = mc²"
    assert convert("x<sup>abc</sup>", "text") == "xabc"  # no single character for it
