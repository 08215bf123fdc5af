"""The BibTeX → CSL-JSON mapping, field by field."""

from __future__ import annotations

import pytest

from balint_bib import parse_string
from balint_bib.csl.mapping import csl_type, date_parts, edition, to_csl_json


def item(body: str, entry_type: str = "article", key: str = "Key2020", **kw) -> dict:
    bib = parse_string(f"@{entry_type}{{{key},\n{body}\n}}\n")
    assert not bib.problems, bib.problems
    return to_csl_json(bib.records[0], **kw)


def test_id_keeps_case_and_type():
    result = item("title = {T}", key="vanDerBerg2010A")
    assert result["id"] == "vanDerBerg2010A"
    assert result["type"] == "article-journal"


@pytest.mark.parametrize(("entry_type", "body", "expected"), [
    ("book", "title={T}", "book"),
    ("incollection", "title={T}", "chapter"),
    ("inproceedings", "title={T}", "paper-conference"),
    ("phdthesis", "title={T}", "thesis"),
    ("techreport", "title={T}", "report"),
    ("unpublished", "title={T}", "manuscript"),
    # slides without a known event, handouts and forms a body issues: styles print a
    # report with its genre and publisher (no "presented at" an empty event)
    ("misc", "title={Leading}, howpublished={Slide presentation}", "report"),
    ("misc", "title={Leading}, howpublished={Slide presentation}, eventtitle={Congress}",
     "speech"),
    ("misc", "title={Leading}, howpublished={Talk at the Balint congress}", "speech"),
    ("unpublished", "title={Leading}, howpublished={Slides}", "report"),
    ("unpublished", "title={Leading}, howpublished={Slides}, venue={Leeds}", "speech"),
    ("misc", "title={Form}, howpublished={Evaluation form}", "report"),
    ("misc", "title={Paper}, howpublished={The Balint Society}", "report"),
    ("misc", "title={Paper}, howpublished={Policy statement}, author={{ABS}}", "report"),
    ("misc", "title={Paper}, howpublished={Unpublished notes}", "document"),
    ("misc", "title={Site}, url={https://example.org}", "webpage"),
    ("misc", "title={Paper}, institution={WHO}", "report"),
    ("online", "title={Society}, url={https://example.org}", "webpage"),
    ("online", "title={Handout}, howpublished={PDF handout}, url={https://x.org}", "report"),
    ("online", "title={About}, organization={Society}, url={https://x.org/about}", "webpage"),
    ("online", "title={Leaflet}, organization={Society}, url={https://x.org/a.pdf}", "document"),
    ("misc", "title={Poster}, howpublished={Poster}", "report"),
    ("misc", "title={Poster}, howpublished={Poster}, venue={Leeds}", "speech"),
    ("misc", "title={Paper}, howpublished={White paper}", "report"),
    ("manual", "title={T}", "report"),
])  # fmt: skip
def test_types(entry_type, body, expected):
    bib = parse_string(f"@{entry_type}{{K,\n{body}\n}}\n")
    assert csl_type(bib.records[0]) == expected


def test_names_particles_suffix_and_corporate():
    result = item("author = {van der Berg, Jan and Sch{\\\"a}fer, Jr., Karl and "
                  "{{American Balint Society}} and Beethoven, Ludwig van and others}")
    assert result["author"] == [
        {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"},
        {"family": "Schäfer", "given": "Karl", "suffix": "Jr."},
        {"literal": "American Balint Society"},
        {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"},
        {"literal": "others"},  # "and others": pandoc's marker, printed as "et al."
    ]


def test_editor_and_translator():
    result = item("editor = {Salinsky, John}, translator = {Doe, Jane}", "incollection")
    assert result["editor"] == [{"family": "Salinsky", "given": "John"}]
    assert result["translator"] == [{"family": "Doe", "given": "Jane"}]


def test_dates_with_month_day_and_urldate():
    result = item("year = {2004}, month = nov, day = {2}, urldate = {2024-03-05}")
    assert result["issued"] == {"date-parts": [[2004, 11, 2]]}
    assert result["accessed"] == {"date-parts": [[2024, 3, 5]]}
    assert item("date = {2019-07}")["issued"] == {"date-parts": [[2019, 7]]}
    assert item("year = {in press}")["issued"] == {"literal": "in press"}
    assert date_parts("1957", "April") == [1957, 4]
    assert date_parts("n.d.") is None


def test_latex_and_case_protection():
    result = item("title = {{AIDS} and the {\\\"O}sterreich \\& co---today}, "
                  "journal = {Fam {Med}}")
    assert result["title"] == ('<span class="nocase">AIDS</span> and the Österreich & co—today')
    assert result["container-title"] == 'Fam <span class="nocase">Med</span>'


def test_subtitle_joins_title():
    assert item("title = {Main}, subtitle = {Sub}")["title"] == "Main: Sub"


def test_identifiers():
    result = item("doi = {https://doi.org/10.1/ABC}, url = {https://x.org/a?b=1&c=2}, "
                  "isbn = {978-0-443-06460-2}, issn = {0738-3991}, pmid = {15530759}")
    assert result["DOI"] == "10.1/ABC"
    assert result["URL"] == "https://x.org/a?b=1&c=2"
    assert (result["ISBN"], result["ISSN"], result["PMID"]) == (
        "978-0-443-06460-2", "0738-3991", "15530759")


def test_publication_fields():
    result = item("journal = {J}, volume = {79}, number = {2}, pages = {183--188}")
    assert (result["volume"], result["issue"], result["page"]) == ("79", "2", "183–188")
    book = item("publisher = {Pitman}, address = {London}, edition = {Second}, series = {S}",
                "book")
    assert (book["publisher"], book["publisher-place"], book["edition"]) == (
        "Pitman", "London", "2")
    assert book["collection-title"] == "S"
    report = item("institution = {WHO}, number = {12}", "techreport")
    assert (report["publisher"], report["number"]) == ("WHO", "12")
    chapter = item("booktitle = {What Are You Feeling, Doctor?}", "incollection")
    assert chapter["container-title"] == "What Are You Feeling, Doctor?"
    thesis = item("school = {Uni}", "phdthesis")
    assert (thesis["publisher"], thesis["genre"]) == ("Uni", "PhD thesis")


@pytest.mark.parametrize(("value", "expected"), [
    ("2", "2"), ("2nd", "2"), ("Second", "2"), ("third edition", "3"), ("Rev. ed.", "Rev. ed."),
])  # fmt: skip
def test_edition(value, expected):
    assert edition(value) == expected


def test_annotation_only_when_annotated():
    body = "annote = {Read this first.}, note = {Reprinted 2000}"
    assert "annote" not in item(body) and "note" not in item(body)
    annotated = item(body, annotated=True)
    assert annotated["annote"] == "Read this first."
    assert annotated["note"] == "Reprinted 2000"


def test_organization_of_online_document_is_its_author():
    result = item("title = {Guide}, organization = {American Balint Society}, "
                  "howpublished = {PDF}, url = {https://x.org}", "online")
    assert result["author"] == [{"literal": "American Balint Society"}]
    assert "publisher" not in result


def test_every_csl_output_is_cleaned_at_the_mapping() -> None:
    """Control and bidi-override characters and non-http(s) URLs never reach a CSL output,
    whichever output (text, HTML, Markdown, RTF, CSL-JSON) is asked for."""
    from balint_bib import parse_string
    from balint_bib.csl import format_bibliography, to_csl_json

    record = parse_string("@online{X, author = {Evil, A\u202e}, title = {T\x07itle},"
                          " url = {javascript:alert(1)}, year = 2000,"
                          " annote = {bell\x07 and \u202eoverride}}").records[0]
    item = to_csl_json(record, annotated=True)
    assert "URL" not in item
    assert item["title"] == "Title" and item["annote"] == "bell and override"
    assert item["author"] == [{"family": "Evil", "given": "A"}]
    for output in ("text", "html", "markdown", "rtf"):
        text = format_bibliography([record], "apa", output=output)[0].text
        assert "\x07" not in text and "\u202e" not in text and "javascript" not in text


@pytest.mark.parametrize(("body", "genre", "publisher"), [
    # a society named in `howpublished` issued the text: its publisher, not its genre
    ("howpublished={The Balint Society}", None, "The Balint Society"),
    ("howpublished={American Balint Society}", None, "American Balint Society"),
    ("howpublished={Handout for new participants}, organization={ABS}",
     "Handout for new participants", "ABS"),
    ("howpublished={Evaluation form: Virginia Commonwealth University survey}, "
     "organization={VCU}", "Evaluation form: Virginia Commonwealth University survey", "VCU"),
    ("howpublished={Slide presentation}, organization={ABS}", "Slide presentation", "ABS"),
])
def test_grey_literature_keeps_genre_and_issuer(body, genre, publisher):
    result = item(f"author={{Doe, J.}}, title={{T}}, {body}", "misc")
    assert (result.get("genre"), result.get("publisher")) == (genre, publisher)
