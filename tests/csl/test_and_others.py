"""`and others` prints "et al." in every style: the mapping carries the marker, the engine
forces the cut. That the text is what citeproc-js prints where it cuts the list at the same
place is checked with the other fidelity cases (tests/csl/test_csl_fidelity.py runs
tests/fixtures/csl/others.bib and the dataset through tests/support/et_al.py)."""

from __future__ import annotations

import pytest

from balint_bib import load, parse_string
from balint_bib.csl.engine import format_bibliography, format_citation
from balint_bib.csl.fixes.others import et_al_options
from balint_bib.csl.mapping import OTHERS, to_csl_json
from tests.support.tools import FIXTURES

OTHERS_BIB = FIXTURES / "csl" / "others.bib"
STYLES = ("apa", "american-medical-association", "vancouver", "chicago-author-date",
          "chicago-notes-bibliography", "harvard-cite-them-right",
          "modern-language-association", "ieee")


def test_the_mapping_ends_the_list_with_the_marker():
    record = parse_string("@article{K, author={Turner, Alan and others}, title={T}}").records[0]
    assert to_csl_json(record)["author"] == [{"family": "Turner", "given": "Alan"}, OTHERS]
    alone = parse_string("@article{K, author={Turner, Alan}, title={T}}").records[0]
    assert to_csl_json(alone)["author"] == [{"family": "Turner", "given": "Alan"}]


@pytest.mark.parametrize(("listed", "style_min", "use_first", "expected"), [
    (1, 21, 19, (2, 1)),  # APA: never cuts one name; cut after it
    (3, 3, 1, (4, 1)),  # MLA cuts three names after the first anyway
    (8, 7, 3, (9, 3)),  # AMA: seven or more names, three listed
    (2, 0, 1, (3, 2)),  # a style without et al. settings
])
def test_where_the_list_is_cut(listed, style_min, use_first, expected):
    assert et_al_options(listed, style_min, use_first) == expected


@pytest.mark.parametrize("style", STYLES)
def test_every_style_prints_et_al(style):
    entries = {e.key: e.text for e in format_bibliography(load(OTHERS_BIB).records, style)}
    assert all("et al" in text and "others" not in text for text in entries.values()), entries
    dataset = {e.key: e.text for e in format_bibliography(load().records, style)}
    assert "Sternlieb" in dataset["SternliebIntroduction"]
    assert "et al" in dataset["SternliebIntroduction"]


def test_citations_print_et_al_too():
    records = load().records
    cited = [r for r in records if r.key == "SternliebIntroduction"]
    assert format_citation(cited, "apa", context=records) == "(Sternlieb et al., n.d.)"
