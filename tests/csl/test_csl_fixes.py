"""Each fix of a citeproc-py 0.11.1 deviation, on its own, through the public API."""

from __future__ import annotations

import pytest

from balint_bib import load, parse_string
from balint_bib.csl import format_bibliography, format_citation
from balint_bib.csl.engine import format_items
from balint_bib.csl.fixes.layout import (
    second_field_align,
    substitute_subsequent_authors,
    trim_html_entry,
)
from balint_bib.csl.fixes.sorting import collation_key
from balint_bib.csl.fixes.text import (
    collapse_punctuation,
    escape_value,
    move_punctuation_into_quotes,
    typographic_quotes,
)
from tests.support.tools import FIXTURES

CASES = FIXTURES / "csl" / "cases.bib"


@pytest.fixture(scope="module")
def cases():
    return load(CASES).records


def by_key(entries):
    return {e.key: e.text for e in entries}


def test_keys_keep_their_case(cases):
    keys = [e.key for e in format_bibliography(cases, "apa")]
    assert sorted(keys) == sorted(r.key for r in cases)
    assert "vanderBerg2010" in keys


def test_second_field_align_separates_the_number(cases):
    html = format_bibliography(cases, "ieee", output="html")[0].text
    assert html.startswith('<div class="csl-left-margin">[1]</div><div class="csl-right-inline">M.')
    assert format_bibliography(cases, "ieee")[0].text.startswith("[1] M. Balint")
    assert second_field_align("[1]Text", "[1]") == (
        '<div class="csl-left-margin">[1]</div><div class="csl-right-inline">Text</div>')


def test_punctuation_moves_inside_quotes(cases):
    text = by_key(format_bibliography(cases, "chicago-author-date"))["Salinsky2003b"]
    assert "“Why Doctors Need Balint Groups.”" in text
    assert move_punctuation_into_quotes("“Why?”.") == "“Why?”"
    assert move_punctuation_into_quotes("“Title”, x") == "“Title,” x"


def test_initialize_false_keeps_given_names(cases):
    text = by_key(format_bibliography(cases, "modern-language-association"))["Balint1957"]
    assert text.startswith("Balint, Michael.")
    # initialize="true" styles still abbreviate
    assert by_key(format_bibliography(cases, "apa"))["Balint1957"].startswith("Balint, M.")


def test_doubled_punctuation_collapses(cases):
    text = by_key(format_bibliography(cases, "apa"))["vanderBerg2010"]
    assert "Learn? Patient" in text and "?." not in text
    assert collapse_punctuation("Group?. Next") == "Group? Next"
    assert collapse_punctuation("etc.. Next") == "etc. Next"


def test_date_parts_keep_their_delimiters(cases):
    text = by_key(format_bibliography(cases, "nlm-citation-sequence"))["Kjeldmand2006"]
    assert "2004 Nov 2;55(2)" in text


def test_apostrophes_and_inner_quotes(cases):
    text = by_key(format_bibliography(cases, "chicago-author-date"))["Johnson1999"]
    assert "“The ‘Difficult’ Patient’s Story.”" in text
    assert typographic_quotes('It\'s "so"') == "It’s “so”"


def test_sorting_uses_collation_and_particles(cases):
    order = [e.key for e in format_bibliography(cases, "apa")]
    assert order.index("Zuckerman1980") < order.index("Salinsky2003a")  # Özdemir with the O's
    assert order[-1] == "vanderBerg2010"  # APA: demote-non-dropping-particle="never"
    harvard = [e.key for e in format_bibliography(cases, "harvard-cite-them-right")]
    assert harvard.index("vanderBerg2010") < harvard.index("Johnson1999")  # under B
    assert collation_key("Özdemir") < collation_key("Salinsky")


def test_subsequent_author_substitute():
    bib = parse_string("""
@book{A1, author = {Roe, Ann}, title = {First}, publisher = {P}, year = {2001}}
@book{A2, author = {Roe, Ann}, title = {Second}, publisher = {P}, year = {2002}}
""")
    entries = format_bibliography(bib.records, "modern-language-association")
    assert entries[0].text.startswith("Roe, Ann. First")
    assert entries[1].text.startswith("———. Second")
    assert substitute_subsequent_authors(["X. a", "X. b", "Y. c"], ["X", "X", "Y"], "—") == [
        "X. a", "—. b", "Y. c"]


def test_year_suffixes_in_bibliography_and_citation(cases):
    text = by_key(format_bibliography(cases, "apa"))
    assert "(2003a)" in text["Salinsky2003a"] and "(2003b)" in text["Salinsky2003b"]
    salinsky = [r for r in cases if r.key.startswith("Salinsky")]
    # APA collapses by year (its <citation collapse="year">), as citeproc-js does
    assert format_citation(salinsky, "apa") == "(Salinsky, 2003a, 2003b)"


def test_html_escapes_every_value():
    bib = parse_string("@book{E, author={Smith, A<b>}, title={Doctors \\& <Patients>}, "
                       "publisher={P&Q}, year={2000}}")
    html = format_bibliography(bib.records, "apa", output="html")[0].text
    assert "<b>" not in html and "<Patients>" not in html
    assert "&#38;" in html and "&#60;Patients&#62;" in html
    text = format_bibliography(bib.records, "apa")[0].text
    assert "Doctors & <Patients>" in text
    assert escape_value('a & <span class="nocase">B</span>') == (
        'a &#38; <span class="nocase">B</span>')


def test_title_case_of_labels(cases):
    assert "(Eds.)" in by_key(format_bibliography(cases, "apa"))["Johnson1999"]


def test_outputs(cases):
    salinsky = [r for r in cases if r.key == "Salinsky2003b"]
    assert format_bibliography(salinsky, "apa", output="markdown")[0].text == (
        "Salinsky, J. (2003). Why Doctors Need Balint Groups. *British Journal of General "
        "Practice*, *53*, 405–406.")
    rtf = format_bibliography(salinsky, "apa", output="rtf")[0].text
    assert r"{\i British Journal of General Practice}" in rtf and r"405\u8211?406" in rtf


def test_format_items_takes_csl_json():
    items = [{"id": "X", "type": "book", "title": "T", "issued": {"date-parts": [[2000]]}}]
    assert format_items(items, "apa") == [("X", "T. (2000).")]


def test_annotation_is_returned_when_annotated():
    bib = parse_string("@book{A, author={Roe, Ann}, title={T}, year={2001}, "
                       "annote={Why it matters.}}")
    assert format_bibliography(bib.records, "apa")[0].annotation is None
    entry = format_bibliography(bib.records, "balint-annotated", annotated=True)[0]
    assert entry.annotation == "Why it matters."


def test_title_case_as_citeproc_js():
    from balint_bib.csl.fixes.titlecase import NOCASE_CLOSE, NOCASE_OPEN, title_case

    assert title_case("physician-patient relationship") == "Physician-Patient Relationship"
    assert title_case("groups vs support groups about care") == (
        "Groups vs Support Groups about Care")
    assert title_case(f"{NOCASE_OPEN}Balint{NOCASE_CLOSE}-group work in "
                      f"{NOCASE_OPEN}England{NOCASE_CLOSE}: lessons") == (
        f"{NOCASE_OPEN}Balint{NOCASE_CLOSE}-Group Work in {NOCASE_OPEN}England{NOCASE_CLOSE}: "
        "Lessons")
    assert title_case("the doctor as a “therapeutic instrument”") == (
        "The Doctor as a “Therapeutic Instrument”")
    assert title_case("what it is made of") == "What It Is Made Of"  # a stop word last
    assert title_case("the iPhone and DNA") == "The iPhone and DNA"
    bib = parse_string("@article{T, author={Roe, Ann}, title={{Balint}-group pot-holes: "
                       "a “therapeutic instrument” vs {England}}, journal={J}, year={2001}}")
    text = format_bibliography(bib.records, "chicago-author-date")[0].text
    assert "“Balint-Group Pot-Holes: A ‘Therapeutic Instrument’ vs England.”" in text


def test_punctuation_moves_past_an_inner_closing_quote():
    assert move_punctuation_into_quotes("“a ‘b’”, c") == "“a ‘b,’” c"
    assert move_punctuation_into_quotes("“a ‘b’”.") == "“a ‘b.’”"
    assert move_punctuation_into_quotes("“The Doctors’”.") == "“The Doctors’.”"  # apostrophe
    assert move_punctuation_into_quotes("“a ‘Why?’”.") == "“a ‘Why?’”"
    bib = parse_string("@article{T, author={Roe, Ann}, title={The doctor as a "
                       "``therapeutic instrument''}, journal={J}, year={2001}}")
    assert "‘therapeutic instrument,’”" in format_bibliography(bib.records, "ieee")[0].text
    assert "‘Therapeutic Instrument.’”" in format_bibliography(
        bib.records, "chicago-author-date")[0].text


def test_undated_entries_of_one_author_get_year_suffixes():
    bib = parse_string("""
@misc{U1, author = {{Balint Society}}, title = {Alpha}, url = {https://a.example/}}
@misc{U2, author = {{Balint Society}}, title = {Beta}, url = {https://b.example/}}
@misc{U3, author = {{Balint Society}}, title = {Gamma}, year = {2001}}
@misc{U4, author = {Roe, Ann}, title = {Delta}}
""")
    apa = by_key(format_bibliography(bib.records, "apa"))
    assert "(n.d.-a)" in apa["U1"] and "(n.d.-b)" in apa["U2"]
    assert "(2001)" in apa["U3"] and "(n.d.)" in apa["U4"]
    harvard = by_key(format_bibliography(bib.records, "harvard-cite-them-right"))
    assert "(no date a)" in harvard["U1"] and "(no date b)" in harvard["U2"]


def test_sort_keys_compare_plain_text_without_punctuation():
    # MLA sorts by a title macro: quoted (article) and italic (book) titles interleave by words
    bib = parse_string("""
@book{B1, author = {Roe, Ann}, title = {Becoming a leader}, publisher = {P}, year = {2001}}
@article{A1, author = {Roe, Ann}, title = {Balint groups}, journal = {J}, year = {2002}}
@book{C1, author = {Roe, Ann}, title = {Caring}, publisher = {P}, year = {2003}}
""")
    order = [e.key for e in format_bibliography(bib.records, "modern-language-association")]
    assert order == ["A1", "B1", "C1"]
    assert collation_key("“Balint”") == collation_key("Balint")
    assert collation_key("Vol. 9") < collation_key("Vol. 10")  # digits compare as numbers
    assert collation_key("Balint, Michael") < collation_key("Balint Society")


def test_html_entries_are_trimmed_text_keeps_its_space():
    items = [{"id": "M", "type": "document", "title": "Groups",
              "author": [{"family": "Margo", "given": "G."}], "genre": "Society"}]
    html = format_items(items, "ieee", output="html")[0][1]
    assert html.endswith("“Groups.”</div>")
    assert format_items(items, "ieee")[0][1].endswith("“Groups.” ")
    assert trim_html_entry('<div class="x">[1]</div><div class="y">A. </div>') == (
        '<div class="x">[1]</div><div class="y">A.</div>')
