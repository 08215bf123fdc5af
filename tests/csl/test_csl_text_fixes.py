"""The text-level fixes on their own: quotes, punctuation merging, fields and dates read as
citeproc-js reads them, page ranges."""

from __future__ import annotations

from balint_bib.csl.engine import format_items
from balint_bib.csl.fixes.fields import derived_fields
from balint_bib.csl.fixes.flipflop import swap_quotes
from balint_bib.csl.fixes.source import ProjectCiteProcJSON
from balint_bib.csl.fixes.text import (
    collapse_punctuation,
    move_punctuation_into_quotes,
    typographic_quotes,
)


def test_quotes_pair_across_tags_and_orphans_stay_straight():
    assert typographic_quotes('("<i>My Title</i>")') == "(“<i>My Title</i>”)"
    assert typographic_quotes('of "Obligations " of') == 'of "Obligations " of'
    assert typographic_quotes("l'''") == "l’’’"
    assert typographic_quotes('<span class="nocase">x</span>') == '<span class="nocase">x</span>'


def test_quotes_one_level_down_flip_both_ways():
    outer, inner = ("“", "”"), ("‘", "’")
    assert swap_quotes(["My “‘Amazing’ and” Title"], outer, inner) == [
        "My ‘“Amazing” and’ Title"]
    assert swap_quotes(["the Doctors’ ", "“a”"], outer, inner) == ["the Doctors’ ", "‘a’"]


def test_punctuation_merges_as_citeproc_js():
    assert collapse_punctuation("colon:. period") == "colon: period"
    assert collapse_punctuation("colon:! x") == "colon! x"
    assert collapse_punctuation("period.: x") == "period.: x"
    assert collapse_punctuation("<i>reference.</i>. x") == "<i>reference.</i> x"
    assert collapse_punctuation("Wait... then") == "Wait... then"  # an ellipsis
    assert collapse_punctuation("&#38;. x") == "&#38;. x"  # an entity's ";" is not a mark
    # the whole run after the quote moves in, a colon stops it
    assert move_punctuation_into_quotes("“comma,”. x") == "“comma,.” x"
    assert move_punctuation_into_quotes("“colon”:, x") == "“colon”:, x"


def test_an_italic_childs_delimiter_keeps_its_period():
    item = {"id": "J", "type": "chapter", "title": "Story", "container-title": "Doctor?",
            "publisher": "Radcliffe", "author": [{"family": "Johnson", "given": "A."}],
            "issued": {"date-parts": [[1999]]}}
    ama = format_items([item], "american-medical-association", output="html")[0][1]
    harvard = format_items([item], "harvard-cite-them-right", output="html")[0][1]
    assert "<i>Doctor?</i>." in ama
    assert "<i>Doctor?</i>." not in harvard and "<i>Doctor?</i>" in harvard


def test_fields_citeproc_js_derives():
    item = derived_fields({"id": "a", "journalAbbreviation": "J Ab",
                           "note": "original-title: First\nA remark"})
    assert item["container-title-short"] == "J Ab"
    assert item["original-title"] == "First" and item["note"] == "A remark"
    assert derived_fields({"id": "b", "container-title-short": "Own",
                           "journalAbbreviation": "J"})["container-title-short"] == "Own"


def test_dates_read_as_citeproc_js():
    source = ProjectCiteProcJSON([])
    spring = source.parse_date({"date-parts": [["1999", "21"], ["2001", "22"]]})
    assert (spring.begin.season, spring.end.season, spring.end.year) == (1, 2, 2001)
    assert "month" not in source.parse_date({"date-parts": [["2000", "", ""]]})
    assert "month" not in source.parse_date({"date-parts": [[1965, 60, 1]]})
    assert source.parse_date({"date-parts": [], "raw": "Bogus Date"}).text == "Bogus Date"


def test_page_ranges_completed_and_chicago_16(tmp_path):
    style = tmp_path / "pages.csl"
    style.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" '
        'page-range-format="chicago-16"><info><id/><title/><updated>2020-01-01T00:00:00Z'
        '</updated></info><citation><layout><text variable="title"/></layout></citation>'
        '<bibliography><layout><text variable="page"/></layout></bibliography></style>',
        encoding="utf-8")
    pages = {"a": "321-8", "b": "1496-1500", "c": "71-2", "d": "12991-123001"}
    items = [{"id": key, "type": "book", "title": key, "page": value}
             for key, value in pages.items()]
    out = dict(format_items(items, str(style)))
    assert out == {"a": "321–28", "b": "1496–500", "c": "71–72", "d": "12991–123001"}


def test_explicit_normal_prints_only_inside_its_decoration():
    from balint_bib.csl.fixes.flipflop import flip_flop

    assert flip_flop("<normal font-style>Life</normal>") == "Life"
    assert flip_flop("<i><normal font-style>Life</normal></i>") == (
        '<i><span style="font-style:normal;">Life</span></i>')
    assert flip_flop("<sup>a <normal vertical-align>b</normal></sup>") == (
        '<sup>a <span style="baseline">b</span></sup>')


def test_markup_in_a_number_stays_text(tmp_path):
    style = tmp_path / "edition.csl"
    style.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        '<info><id/><title/><updated>2020-01-01T00:00:00Z</updated></info><citation><layout>'
        '<text variable="title"/></layout></citation><bibliography><layout>'
        '<text variable="edition"/></layout></bibliography></style>', encoding="utf-8")
    item = {"id": "n", "type": "book", "title": "T", "edition": "1<sup>er</sup>"}
    assert format_items([item], str(style), output="html")[0][1] == (
        "1&#60;sup&#62;er&#60;/sup&#62;")


def test_guillemets_hold_their_text_at_a_narrow_space():
    assert typographic_quotes("His « Anonymous » Life") == "His «\u202fAnonymous\u202f» Life"
