"""`enrich_file` as a library call: what the `enrich` command does, without the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pytest_httpserver import HTTPServer

from balint_bib.bibtex.reader import load
from balint_bib.crossref.enrich import EnrichOptions
from balint_bib.crossref.pipeline import enrich_file
from balint_bib.crossref.settings import CrossrefSettings
from balint_bib.provenance import parse
from tests.crossref.test_enrich_cli import FIXTURE, WORKS
from tests.support.fake_crossref import FakeCrossref


def _copy(tmp_path: Path) -> Path:
    bib = tmp_path / "refs.bib"
    shutil.copy(FIXTURE, bib)
    shutil.copy(FIXTURE.with_suffix(".sources.toml"), tmp_path / "refs.sources.toml")
    return bib


def test_a_dry_run_plans_and_reports_but_writes_only_the_report(
        httpserver: HTTPServer, tmp_path: Path) -> None:
    fake = FakeCrossref(WORKS)
    fake.install(httpserver)
    bib = _copy(tmp_path)
    before = bib.read_text()
    settings = CrossrefSettings(fake.url(httpserver), "t@example.org", backoff=0.01)
    report = enrich_file(load(bib), settings, EnrichOptions(), target=None,
                         report_path=tmp_path / "report.json")
    assert bib.read_text() == before
    assert report.summary["added"] == 2 and report.requests_made == len(fake.requests)
    assert "+  doi = {10.5555/enrich.kjeldmand}," in report.diff()
    written = json.loads((tmp_path / "report.json").read_text())
    assert written["summary"] == report.summary and written["crossref_url"] == report.base_url
    assert [e["key"] for e in written["entries"]] == list(load(bib).keys)


def test_a_target_gets_the_edits_and_the_sidecar_the_provenance(
        httpserver: HTTPServer, tmp_path: Path) -> None:
    fake = FakeCrossref(WORKS)
    fake.install(httpserver)
    bib = _copy(tmp_path)
    out = tmp_path / "out" / "enriched.bib"
    out.parent.mkdir()
    settings = CrossrefSettings(fake.url(httpserver), backoff=0.01, cache_dir=tmp_path / "c")
    report = enrich_file(load(bib), settings, target=out)
    assert out.read_text() == report.new_text != report.text
    assert report.sidecar == out.with_suffix(".sources.toml")
    assert report.sidecar.read_text().startswith(report.old_sidecar)  # followed the file
    provenance, _ = parse(report.sidecar.read_text(), str(report.sidecar))
    sources = provenance.entries["Kjeldmand2004"].sources
    assert sources[-1].source == "Crossref 10.5555/enrich.kjeldmand"
    assert sources[-1].api == fake.url(httpserver) and sources[-1].confidence
    again = enrich_file(load(out), settings, target=out)
    assert again.requests_made == 0 and again.new_text == again.text
