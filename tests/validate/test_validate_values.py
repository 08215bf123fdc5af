"""Edge cases of the value and identifier rules: what must pass, what must not."""

from __future__ import annotations

import pytest

from balint_bib.bibtex.reader import parse_string
from balint_bib.validate import validate

BASE = {
    "author": "{Johnson, Alan H.}",
    "title": "{Balint groups in family medicine residency}",
    "journal": "{Family Medicine}",
    "year": "2004",
}


def codes(**fields: str) -> list[str]:
    values = {**BASE, **fields}
    body = ",\n".join(f"  {name} = {value}" for name, value in values.items() if value)
    return [f.code for f in validate(parse_string(f"@article{{Key2004,\n{body}\n}}\n"))]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"author": "{{World Health Organization}}"}, []),
        ({"author": "{World Health Organization}"}, ["BB412"]),  # one brace pair: the delimiters
        ({"author": "{King, Jr, Martin Luther}"}, []),
        ({"author": "{van der Berg, Jan and de la Cruz, Ana}"}, []),
        ({"author": "{Smith, J. and others}"}, []),
        ({"author": "{Smith, J. and}"}, ["BB411"]),
        ({"author": "{and Smith, J.}"}, ["BB411"]),
        ({"author": "{Smith, J.; Jones, K.}"}, ["BB413"]),
        ({"author": "{Smith, J. & Jones, K.}"}, ["BB413", "BB420"]),
        ({"author": "{World Health Organization and Smith, J.}"}, ["BB412"]),
        ({"author": "{{Society for {Balint} Work} and Smith, J.}"}, []),
        ({"title": "{The {AIDS} epidemic}"}, []),
        ({"title": "{The AIDS epidemic}"}, ["BB423"]),
        ({"title": "{Using \\LaTeX\\ in {McMaster} teaching}"}, []),
        ({"title": "{Energy $E=mc^2$ in practice}"}, []),
        ({"title": "{Costs of 5\\$ and 100\\% \\& more}"}, []),
        ({"title": "{Costs of 5$ each}"}, ["BB420"]),
        ({"title": "{Complete 100% of cases}"}, ["BB420"]),
        ({"title": "{Tom &amp; Jerry}"}, ["BB421"]),
        ({"url": "{https://example.org/a%20b?x=1&y=2#top}"}, []),
        ({"doi": "{10.1002/(SICI)1097-0258(19980815/30)17:15/16<1661::AID-SIM968>3.0.CO;2-2}"},
         []),
        ({"doi": "{doi:10.1000/abc}"}, ["BB302"]),
        ({"month": "apr"}, []),
        ({"month": "{4}"}, []),
        ({"month": "{April}"}, []),
        ({"month": "{apr}"}, ["BB403"]),
        ({"year": "{in press}"}, ["BB401"]),
        ({"urldate": "{2024-02-30}"}, ["BB308"]),
        ({"urldate": "{2024-02}"}, []),  # biblatex reads a month as a urldate
        ({"urldate": "{24-02-2024}"}, ["BB308"]),
        ({"date": "{2004-03/2004-05}", "year": ""}, []),
        ({"date": "{2004/..}", "year": ""}, []),
        ({"isbn": "{0-306-40615-2 (pbk), 978-0-415-24321-6}"}, []),
        ({"issn": "{2049-3630}"}, []),
        ({"pmid": "{15042467}"}, []),
        ({"journaltitle": "{Family Medicine}", "journal": ""}, []),
        ({"jounral": "{Family Medicine}", "journal": ""}, ["BB201", "BB203"]),
        ({"x-private": "{kept}"}, []),
        ({"booktitle": "{Proceedings}"}, ["BB202"]),
    ],
)
def test_value_rules(fields: dict[str, str], expected: list[str]) -> None:
    assert sorted(codes(**fields)) == expected


def test_edition_forms() -> None:
    book = ("@book{B,\n author = {Balint, Michael},\n title = {The Doctor},\n"
            " publisher = {Pitman},\n year = 1957,\n edition = {%s}\n}\n")
    for good in ("2", "Second", "2nd", "third"):
        assert validate(parse_string(book % good)) == [], good
    [finding] = validate(parse_string(book % "2nd edn"))
    assert finding.code == "BB404" and finding.fix.startswith("edition = {2}")


def test_year_range_uses_the_injected_clock() -> None:
    import datetime

    from balint_bib.validate import Context

    bib = parse_string("@article{K, author = {A, B}, title = {T}, journal = {J}, year = 2031}")
    assert [f.code for f in validate(bib, Context(today=datetime.date(2026, 1, 1)))] == ["BB402"]
    assert validate(bib, Context(today=datetime.date(2030, 6, 1))) == []


PIECES = [
    "@article{", "@book{", "@string{", "@misc{", "key", ",", "\n", " = ", "{", "}", '"', "#",
    "title", "author", "pages", "year", "month", "doi", "isbn", "url", "date", "and", " and ",
    "et al.", "1988", "12-3", "10.1000/x", "https://x.org", "{\\\"o}", "&", "%", "$", "<i>",
    "u\u0308", "HIV", "jan", "--", "Society", ";", "crossref", "edition",
]  # fmt: skip


def test_validation_never_raises_on_random_text() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from balint_bib.validate import Context

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(PIECES), max_size=60))
    def check(pieces: list[str]) -> None:
        bibliography = parse_string("".join(pieces), "random.bib")
        for finding in validate(bibliography, Context(profile="dataset",
                                                      lookup_doi=lambda doi: None)):
            assert finding.code and finding.message

    check()


def test_urldate_is_any_date_biblatex_reads() -> None:
    for value in ("{2024}", "{2024-05}", "{2024-05-01}", "{2024-05-01T10:30:00Z}"):
        assert "BB308" not in codes(urldate=value), value
    assert "BB308" in codes(urldate="{May 1, 2024}")


def test_one_doi_normal_form_for_comparing() -> None:
    from balint_bib.doi import bare_doi, doi_key, find_doi

    for written in ("https://doi.org/10.1016/J.PEC.2003.09.009.", "doi: 10.1016/j.pec.2003.09.009",
                    "http://dx.doi.org/10.1016/j.pec.2003.09.009"):
        assert doi_key(written) == "10.1016/j.pec.2003.09.009"
    assert bare_doi("https://doi.org/10.1016/J.Pec.1,") == "10.1016/J.Pec.1"
    assert find_doi("see https://doi.org/10.5555/x_y z") == "10.5555/x_y"
    assert find_doi(None) == ""
