"""citeproc-js is the reference: the same CSL-JSON, .csl files and locale files must give the
same text and HTML for every fixture entry in every style the issue names."""

from __future__ import annotations

import pytest

from balint_bib import load
from balint_bib.csl.engine import format_items, load_style
from balint_bib.csl.mapping import to_csl_json
from balint_bib.csl.renderer import LOCALES_DIR
from balint_bib.dataset import references_path
from tests.support import citeproc_js, et_al
from tests.support.tools import FIXTURES, require

# The project's own cases, and every entry of the bundled dataset.
CASE_FILES = [*sorted((FIXTURES / "csl").glob("*.bib")), references_path()]
STYLES = ("apa", "american-medical-association", "vancouver", "chicago-author-date",
          "chicago-notes-bibliography", "harvard-cite-them-right",
          "modern-language-association", "ieee")
OUTPUTS = ("text", "html")

# Remaining differences, documented in README.md ("Known differences"): none at present.
KNOWN: set[tuple[str, str]] = set()


@pytest.fixture(scope="module", params=CASE_FILES,
                ids=lambda p: "dataset" if p == references_path() else p.stem)
def compared(request, tmp_path_factory):
    require(citeproc_js.available(), "node with tests/js/node_modules (npm ci --prefix "
                 "tests/js)")
    items = [to_csl_json(r) for r in load(request.param).records]
    jobs = [{"style": str(load_style(s, "en-US").style_file.path), "format": f,
             "locale": "en-US"} for s in STYLES for f in OUTPUTS]
    reference = iter(citeproc_js.render(items, jobs, LOCALES_DIR))
    cut = _cut_lists(items, tmp_path_factory.mktemp("cut-styles"))
    results = {}
    for style in STYLES:
        for output in OUTPUTS:
            theirs = [(e["id"], cut.get((style, output, e["id"]), e["text"]))
                      for e in next(reference)["entries"]]
            results[style, output] = (format_items(items, style, output=output), theirs)
    return results


def _cut_lists(items, directory):
    """Entries whose name list ends in "and others": citeproc-js prints the marker as a name,
    so their reference is citeproc-js cutting the list where the listed names end."""
    found = {}
    for listed, ids in et_al.marked(items).items():
        jobs = [{"style": str(et_al.cut_style(load_style(s, "en-US").style_file.path, listed,
                                              directory)), "format": f, "locale": "en-US"}
                for s in STYLES for f in OUTPUTS]
        results = iter(citeproc_js.render(et_al.stand_in_items(items), jobs, LOCALES_DIR))
        for style in STYLES:
            for output in OUTPUTS:
                entries = {e["id"]: e["text"] for e in next(results)["entries"]}
                found.update({(style, output, key): entries[key] for key in ids})
    return found


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("style", STYLES)
def test_same_as_citeproc_js(compared, style, output):
    ours, theirs = compared[style, output]
    assert [k for k, _ in ours] == [k for k, _ in theirs], "bibliography order differs"
    reference = dict(theirs)
    differing = {key for key, text in ours if text != reference[key]}
    unexpected = {key: (text, reference[key]) for key, text in ours
                  if key in differing and (style, key) not in KNOWN}
    assert not unexpected
    # A known difference that has gone away must leave the list (and the README).
    stale = {key for (s, key) in KNOWN if s == style and key in reference} - differing
    assert not stale
