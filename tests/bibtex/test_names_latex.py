from __future__ import annotations

import pytest

from balint_bib.bibtex.latex import split_case_protected, to_unicode
from balint_bib.bibtex.names import Name, parse_name, parse_names


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Balint, Michael", Name(family="Balint", given="Michael")),
        ("Michael Balint", Name(family="Balint", given="Michael")),
        ("Nease, Jr., Donald E.", Name(family="Nease", given="Donald E.", suffix="Jr.")),
        ("Jan van der Berg", Name(family="Berg", given="Jan", particle="van der")),
        ("van der Berg, Jan", Name(family="Berg", given="Jan", particle="van der")),
        ("Ludwig von Beethoven", Name(family="Beethoven", given="Ludwig", particle="von")),
        ("{{American Balint Society}}", Name(literal="American Balint Society")),
        ("{World Health Organization}", Name(literal="World Health Organization")),
        ("Holmstr{\\\"o}m, Inger", Name(family="Holmström", given="Inger")),
        ("{\\'E}mile Zola", Name(family="Zola", given="Émile")),
        ("Magee, M. L.", Name(family="Magee", given="M. L.")),
        ("{Delgado de Molina}, Ana", Name(family="Delgado de Molina", given="Ana")),
        ("others", Name(literal="others")),
    ],
)
def test_parse_name(raw: str, expected: Name) -> None:
    assert parse_name(raw) == expected


def test_name_list_split_on_and_outside_braces_only() -> None:
    names = parse_names("Brock, Clive D. and {Barnes and Noble} AND Salinsky, John and others")
    assert [n.last for n in names] == ["Brock", "Barnes and Noble", "Salinsky", "others"]
    assert names[1].is_corporate and names[3].is_others and not names[3].is_corporate


def test_display_forms() -> None:
    name = parse_name("van der Berg, Jr, Jan")
    assert name.display() == "Jan van der Berg, Jr"
    assert name.inverted() == "van der Berg, Jr, Jan"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("Holmstr{\\\"o}m", "Holmström"),
        ("315--320", "315–320"),
        ("{AIDS} in {\\\"U}ber", "AIDS in Über"),
        ("Salinsky \\& Sackin", "Salinsky & Sackin"),
        ("What are you feeling, doctor?", "What are you feeling, doctor?"),
        ("  spaced\n   out  ", "spaced out"),
        ("\\url{https://example.org/a_b}", "https://example.org/a_b"),
        ("Cafe\u0301", "Café"),  # NFC
    ],
)
def test_to_unicode(raw: str, text: str) -> None:
    assert to_unicode(raw) == text


def test_case_protected_runs() -> None:
    runs = split_case_protected("Balint work in {England}: {\\\"U}ber {ACGME}")
    assert runs == [("Balint work in ", False), ("England", True), (": Über ", False),
                    ("ACGME", True)]


@pytest.mark.parametrize(("raw", "given", "particle", "family"), [
    (r"{\L}ukasz Kowalik", "Łukasz", "", "Kowalik"),  # the case of \L: upper
    (r"{\AA}ke Persson", "Åke", "", "Persson"),
    (r"{\aa}. Persson", "", "å.", "Persson"),  # \aa is lower case: a von part, as in BibTeX
    (r"{\v{C}}apek, K.", "K.", "", "Čapek"),  # the letter after \v decides
    (r'Jan {\"o}zt{\"u}rk Ali', "Jan", "öztürk", "Ali"),  # the letter after \" decides
])
def test_special_characters_take_bibtex_case(raw: str, given: str, particle: str,
                                             family: str) -> None:
    name = parse_name(raw)
    assert (name.given, name.particle, name.family) == (given, particle, family)


def test_an_escaped_tilde_in_a_name_is_an_accent_not_a_tie() -> None:
    name = parse_name(r"Silva-Mu\~noz, J.")
    assert (name.family, name.given) == ("Silva-Muñoz", "J.")
    assert parse_name("Ana~Silva").family == "Silva"  # a bare ~ still ties words


def test_too_many_commas_keep_every_part_as_bibtex_does() -> None:
    name = parse_name("Miller, D., Firby, J.")
    assert (name.family, name.suffix, name.given) == ("Miller", "D.", "Firby J.")
