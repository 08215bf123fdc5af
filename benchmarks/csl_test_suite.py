"""The CSL processor test suite, run against balint-bib's engine (or raw citeproc-py).

    python benchmarks/csl_test_suite.py [--suite DIR] [--filter GLOB] [--raw]
                                        [--without FIX] [--passes FILE] [--verbose]

Runs every fixture in DIR (default ../shared/csl-test-suite/processor-tests/humans) as the
suite's own runner runs citeproc-js (see csl_fixtures.py), prints the passes per category (the
fixture name's prefix) and, as its last line, `csl test suite: P/N passed (X%)`.
`--raw` runs plain citeproc-py 0.11.1 with no project code in the rendering (only the HTML
formatter that writes citeproc-js's markup), the baseline. `--passes FILE` writes the names of
the passing fixtures, one a line (tests/csl/suite_expected_passes.txt is such a list);
`--without FIX` leaves out one fix of balint_bib/csl/fixes/table.py (which fixtures need it);
`--verbose` prints each failure, expected and got.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
import tempfile
import traceback
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from csl_fixtures import Driver, Fixture, normalise, passes, read_fixture, run  # noqa: E402

DEFAULT_SUITE = HERE.parent.parent / "shared" / "csl-test-suite" / "processor-tests" / "humans"


class RawCiteprocPy:
    """citeproc-py as it is: its own style parser, sorting, positions and disambiguation."""

    def _start(self, style: Path, items: list[dict[str, Any]]) -> Any:
        from citeproc import CitationStylesBibliography, CitationStylesStyle
        from citeproc.source.json import CiteProcJSON

        from balint_bib.csl.markup import HtmlFormatter

        return CitationStylesBibliography(CitationStylesStyle(str(style), validate=False),
                                          CiteProcJSON(items), HtmlFormatter)

    def bibliography(self, style: Path, items: list[dict[str, Any]],
                     cited_first: list[str]) -> list[str]:
        from citeproc import Citation, CitationItem

        bibliography = self._start(style, items)
        for key in [*cited_first, *(str(item["id"]) for item in items)]:
            bibliography.register(Citation([CitationItem(key)]))
        bibliography.sort()
        return [str(entry) for entry in bibliography.bibliography()]

    def order(self, style: Path, items: list[dict[str, Any]]) -> list[str]:
        from citeproc import Citation, CitationItem

        bibliography = self._start(style, items)
        for item in items:
            bibliography.register(Citation([CitationItem(str(item["id"]))]))
        if bibliography.style.has_bibliography():
            bibliography.sort()
        ids = {str(item["id"]).lower(): item["id"] for item in items}
        return [ids[key] for key in bibliography.keys]

    def citations(self, style: Path, items: list[dict[str, Any]],
                  clusters: list[list[dict[str, Any]]], notes: list[int],
                  explicit_positions: bool) -> list[str]:
        from citeproc import Citation, CitationItem
        from citeproc.source import Locator

        bibliography = self._start(style, items)
        citations = []
        for cluster in clusters:
            cites = []
            for cite in cluster:
                options = {k: cite[k] for k in ("prefix", "suffix") if k in cite}
                if "locator" in cite:
                    options["locator"] = Locator(cite.get("label", "page"), cite["locator"])
                cites.append(CitationItem(str(cite["id"]), **options))
            citation = Citation(cites)
            bibliography.register(citation)
            citations.append(citation)
        if bibliography.style.has_bibliography():  # sort() needs a <bibliography>
            bibliography.sort()
        return [str(bibliography.cite(c, lambda item: None)) for c in citations]


class Project:
    """balint-bib's engine: `balint_bib.csl.renderer.Renderer` on the fixture's style."""

    def __init__(self, without: frozenset[str] = frozenset()) -> None:
        self.without = without

    def _renderer(self, style: Path) -> Any:
        from lxml import etree

        from balint_bib.csl.renderer import Renderer
        from balint_bib.csl.styles import StyleFile

        locale = etree.parse(str(style)).getroot().get("default-locale") or "en-US"
        return Renderer(StyleFile(style.stem, style), locale, self.without)

    def bibliography(self, style: Path, items: list[dict[str, Any]],
                     cited_first: list[str]) -> list[str]:
        from balint_bib.csl.fixes.layout import trim_right_inline

        renderer = self._renderer(style)
        # as the engine's HTML output trims it (format_items)
        return [trim_right_inline(markup)
                for _, markup in renderer.bibliography(items, first=cited_first)]

    def order(self, style: Path, items: list[dict[str, Any]]) -> list[str]:
        return self._renderer(style).order(items)

    def citations(self, style: Path, items: list[dict[str, Any]],
                  clusters: list[list[dict[str, Any]]], notes: list[int],
                  explicit_positions: bool) -> list[str]:
        from balint_bib.csl.document import Citation, Cite

        renderer = self._renderer(style)
        document = [Citation([Cite.from_csl(cite) for cite in cluster], note=note)
                    for cluster, note in zip(clusters, notes, strict=True)]
        # citeproc-js registers the cited items only: they alone are disambiguated
        cited = {str(cite["id"]).lower() for cluster in clusters for cite in cluster}
        return renderer.document([item for item in items if str(item["id"]).lower() in cited],
                                 document)


def _run_one(fixture: Fixture, driver: Driver, directory: Path) -> tuple[bool, str]:
    style = directory / f"{fixture.name}.csl"
    style.write_text(fixture.csl, encoding="utf-8")
    try:
        output = run(fixture, driver, style)
    except Exception:  # a fixture that crashes the engine fails; the run goes on
        return False, traceback.format_exc(limit=-3)
    return passes(fixture, output), output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--suite", type=Path, default=DEFAULT_SUITE)
    parser.add_argument("--filter", default="*", help="fixture names matching GLOB only")
    parser.add_argument("--raw", action="store_true", help="raw citeproc-py, the baseline")
    parser.add_argument("--passes", type=Path, help="write the passing fixtures' names here")
    parser.add_argument("--without", action="append", default=[], metavar="FIX",
                        help="leave out a fix of balint_bib.csl.fixes.table (repeatable)")
    parser.add_argument("--verbose", action="store_true", help="show each failure")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")  # citeproc-py warns of every CSL variable it lacks
    if not args.suite.is_dir():
        parser.error(f"no test suite at {args.suite}")
    driver: Driver = RawCiteprocPy() if args.raw else Project(frozenset(args.without))
    paths = sorted(p for p in args.suite.glob("*.txt") if fnmatch.fnmatch(p.stem, args.filter))
    total: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    names = []
    with tempfile.TemporaryDirectory() as scratch:
        for path in paths:
            fixture = read_fixture(path)
            ok, output = _run_one(fixture, driver, Path(scratch))
            total[fixture.category] += 1
            if ok:
                passed[fixture.category] += 1
                names.append(fixture.name)
            elif args.verbose:
                print(f"--- {fixture.name}\nexpected:\n{normalise(fixture.result)}\n"
                      f"got:\n{normalise(output)}\n")
    width = max((len(c) for c in total), default=8)
    for category in sorted(total, key=lambda c: (-total[c], c)):
        print(f"{category:<{width}}  {passed[category]:>4}/{total[category]:<4}")
    if args.passes:
        args.passes.write_text("".join(f"{name}\n" for name in names), encoding="utf-8")
    count, all_ = sum(passed.values()), sum(total.values())
    print(f"csl test suite: {count}/{all_} passed ({100 * count / max(all_, 1):.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
