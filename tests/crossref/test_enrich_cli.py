"""`balint-bib enrich` run as a user runs it, against a Crossref-shaped server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from balint_bib import __version__
from tests.support.crossref_corpus import build
from tests.support.fake_crossref import FakeCrossref, work
from tests.support.tools import FIXTURES

FIXTURE = FIXTURES / "enrich" / "small.bib"
WORKS = [
    work("10.5555/enrich.kjeldmand", "Balint training makes GPs thrive better in their job",
         [("Dorte", "Kjeldmand"), ("Inger", "Holmström"), ("Urban", "Rosenqvist")], 2004,
         journal="Patient Education and Counseling", short_journal="Patient Educ Couns",
         volume="55", issue="2", page="230-235", issn="1234-5678"),
    work("10.5555/enrich.kjeldmand2", "Balint training and sick leave among general "
         "practitioners", [("Dorte", "Kjeldmand"), ("Inger", "Holmström")], 2006,
         journal="Patient Education and Counseling", volume="60", issue="1", page="12-19"),
    work("10.5555/enrich.turner", "Leading Balint groups with residents",
         [("Sarah", "Turner"), ("Donald", "Nease")], 2010, subtitle="what the leaders learn",
         journal="Family Medicine", short_journal="Fam Med", volume="42", issue="2",
         page="100-105"),
    work("10.5555/enrich.turner-lookalike", "Leading Balint groups with residents: what the "
         "leaders learn", [("Mehmet", "Yilmaz")], 2013, journal="Medical Teacher", volume="35",
         page="1-4"),
    work("10.5555/enrich.johnson", "Balint groups in America: lessons from England",
         [("Peter", "Johnson")], 1990, journal="The Journal of Family Practice", volume="30",
         page="40-44"),
]


def enrich(*args: str | Path, env: dict[str, str] | None = None,
           timeout: float = 120) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("BALINT_BIB_")}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "balint_bib", "enrich", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, env=environment,
                          check=False)


@pytest.fixture
def crossref(threaded_httpserver: HTTPServer) -> FakeCrossref:
    fake = FakeCrossref(WORKS)
    fake.install(threaded_httpserver)
    fake.base = fake.url(threaded_httpserver)  # type: ignore[attr-defined]
    return fake


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    target = tmp_path / "refs.bib"
    shutil.copy(FIXTURE, target)
    shutil.copy(FIXTURE.with_suffix(".sources.toml"), tmp_path / "refs.sources.toml")
    return target


def common(crossref: FakeCrossref, tmp_path: Path) -> list[str]:
    return ["--crossref-url", crossref.base, "--mailto", "tests@example.org",  # type: ignore
            "--cache-dir", str(tmp_path / "cache"), "--backoff", "0.01"]


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    import difflib

    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return ([d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff
                                                           if d.startswith("+ ")])


def test_dry_run_prints_the_diff_and_writes_nothing(crossref, bib, tmp_path) -> None:
    before = bib.read_bytes()
    sidecar = bib.with_suffix(".sources.toml").read_bytes()
    result = enrich(bib, "--dry-run", *common(crossref, tmp_path))
    assert result.returncode == 0, result.stderr
    assert bib.read_bytes() == before
    assert bib.with_suffix(".sources.toml").read_bytes() == sidecar
    diff = result.stdout
    assert diff.startswith("--- a/refs.bib\n+++ b/refs.bib\n")
    added = [line for line in diff.splitlines() if line.startswith("+") and
             not line.startswith("+++")]
    removed = [line for line in diff.splitlines() if line.startswith("-") and
               not line.startswith("---")]
    assert removed == []
    assert "+  doi = {10.5555/enrich.kjeldmand}," in added
    assert "+  pages = {230--235}," in added
    assert "+  doi = {10.5555/enrich.turner}," in added
    assert "+  number = {2}," in added
    assert any(line.startswith("+[[entries.Kjeldmand2004.sources]]") for line in added)
    assert "Scheingold" not in "".join(a for a in added if "doi" in a)


def test_in_place_changes_only_added_lines_with_provenance(crossref, bib, tmp_path) -> None:
    before = bib.read_text()
    result = enrich(bib, "--in-place", *common(crossref, tmp_path))
    assert result.returncode == 0, result.stderr
    after = bib.read_text()
    removed, added = changed_lines(before, after)
    assert removed == []
    assert added == [
        "  doi = {10.5555/enrich.kjeldmand},", "  volume = {55},",
        "  number = {2},", "  pages = {230--235},",
        "  doi = {10.5555/enrich.turner},", "  number = {2},",
    ]
    provenance = tomllib.loads(bib.with_suffix(".sources.toml").read_text())["entries"]
    assert provenance["Scheingold1988"]["verified"] is True  # curated content kept
    assert len(provenance["Scheingold1988"]["sources"]) == 1
    (kjeldmand,) = provenance["Kjeldmand2004"]["sources"]
    assert kjeldmand["fields"] == ["doi", "volume", "number", "pages"]
    assert kjeldmand["source"].startswith("Crossref ")
    assert "10.5555/enrich.kjeldmand" in kjeldmand["source"]
    assert kjeldmand["retrieved"] == time.strftime("%Y-%m-%d", time.gmtime())
    assert kjeldmand["confidence"] > 10
    assert "title (agree)" in kjeldmand["note"]
    assert kjeldmand["api"] == crossref.base  # type: ignore[attr-defined]
    assert "Kjeldmand2004: added 10.5555/enrich.kjeldmand" in result.stderr  # plain lines
    requests = len(crossref.requests)
    assert requests == 3  # the @online entry is not looked up

    rerun = enrich(bib, "--in-place", *common(crossref, tmp_path))
    assert rerun.returncode == 0, rerun.stderr
    assert len(crossref.requests) == requests  # all from the cache
    assert bib.read_text() == after
    assert "0 requests" in rerun.stderr


def test_output_file_and_report(crossref, bib, tmp_path) -> None:
    before = bib.read_bytes()
    out = tmp_path / "out" / "enriched.bib"
    out.parent.mkdir()
    report = tmp_path / "report.json"
    result = enrich(bib, "-o", out, "--report", report, *common(crossref, tmp_path))
    assert result.returncode == 0, result.stderr
    assert bib.read_bytes() == before
    assert "10.5555/enrich.turner" in out.read_text()
    sidecar = tomllib.loads(out.with_suffix(".sources.toml").read_text())
    assert sidecar["entries"]["Scheingold1988"]["verified"] is True  # followed the file
    data = json.loads(report.read_text())
    assert data["summary"] == {"added": 2, "already-had": 0, "ambiguous": 0, "not-found": 1,
                               "failed": 0, "mismatch": 0, "skipped": 1}
    entries = {e["key"]: e for e in data["entries"]}
    assert entries["Kjeldmand2004"]["doi"] == "10.5555/enrich.kjeldmand"
    assert entries["Kjeldmand2004"]["evidence"]["page"] == "absent"
    assert entries["Kjeldmand2004"]["evidence"]["container"] == "agree"
    assert entries["Turner2010"]["evidence"]["title"] == "agree"
    lookalike = [c for c in entries["Turner2010"]["candidates"]
                 if c["doi"] == "10.5555/enrich.turner-lookalike"]
    assert lookalike and not lookalike[0]["plausible"]
    assert entries["Scheingold1988"]["decision"] == "not-found"
    assert entries["Scheingold1988"]["candidates"]  # kept for the maintainer to see
    assert entries["AmericanBalintSociety"]["reason"].startswith("Crossref has no @online")
    assert entries["AmericanBalintSociety"]["decision"] == "skipped"  # never looked up


def test_curated_values_win_unless_overwritten(crossref, bib, tmp_path) -> None:
    report = tmp_path / "r.json"
    result = enrich(bib, "--dry-run", "--fields", "doi,journal", "--report", report,
                    *common(crossref, tmp_path))
    assert result.returncode == 0, result.stderr
    assert "{Family Medicine}" not in result.stdout
    turner = next(e for e in json.loads(report.read_text())["entries"]
                  if e["key"] == "Turner2010")
    assert turner["kept"] == ["kept journal = {Fam Med}; Crossref has {Family Medicine}"]

    result = enrich(bib, "--in-place", "--overwrite", "journal", *common(crossref, tmp_path))
    assert result.returncode == 0, result.stderr
    text = bib.read_text()
    assert "journal = {Family Medicine}," in text
    assert "journal = pec," in text  # same journal already: left as the macro


def test_doi_is_never_overwritten(crossref, bib, tmp_path) -> None:
    result = enrich(bib, "--dry-run", "--overwrite", "doi", *common(crossref, tmp_path))
    assert result.returncode == 2
    assert "never replaced" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_recheck_reports_a_doi_that_disagrees(crossref, bib, tmp_path) -> None:
    text = bib.read_text().replace("  year = 1988,",
                                   "  year = 1988,\n  doi = {10.5555/enrich.johnson},")
    bib.write_text(text)
    report = tmp_path / "r.json"
    result = enrich(bib, "--in-place", "--recheck", "--report", report,
                    *common(crossref, tmp_path))
    assert result.returncode == 0, result.stderr
    assert "doi = {10.5555/enrich.johnson}" in bib.read_text()
    entries = {e["key"]: e for e in json.loads(report.read_text())["entries"]}
    assert entries["Scheingold1988"]["decision"] == "mismatch"
    assert "title" in entries["Scheingold1988"]["reason"]
    assert any(r.startswith("/works/10.5555/enrich.johnson") for r in crossref.requests)


def test_existing_doi_is_kept_without_a_request(crossref, bib, tmp_path) -> None:
    text = bib.read_text().replace("  year = 1988,", "  year = 1988,\n  doi = {10.5555/own}, ")
    bib.write_text(text)
    result = enrich(bib, "--in-place", *common(crossref, tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Scheingold1988: already-had 10.5555/own" in result.stderr
    assert not any("Scheingold" in r for r in crossref.requests)


def test_a_failing_entry_does_not_stop_the_run(crossref, bib, tmp_path) -> None:
    crossref.fault = lambda request, number: (
        Response("down", status=503) if "turner" in request.full_path else None)
    report = tmp_path / "r.json"
    result = enrich(bib, "--in-place", "--tries", "3", "--report", report,
                    *common(crossref, tmp_path))
    assert result.returncode == 1, result.stderr  # a failed lookup is not a success
    assert ("balint-bib: error: 1 lookup(s) failed (Turner2010): HTTP 503 (after 3 tries)"
            in result.stderr.splitlines())
    entries = {e["key"]: e for e in json.loads(report.read_text())["entries"]}
    assert entries["Turner2010"]["decision"] == "failed"
    assert "HTTP 503 (after 3 tries)" in entries["Turner2010"]["error"]
    assert entries["Kjeldmand2004"]["decision"] == "added"
    assert "10.5555/enrich.turner" not in bib.read_text()
    assert sum("turner" in r for r in crossref.requests) == 3
    assert "failed" in result.stderr  # the summary table

    crossref.fault = None
    rerun = enrich(bib, "--in-place", *common(crossref, tmp_path))
    assert "10.5555/enrich.turner" in bib.read_text(), rerun.stderr


def test_polite_pool_warning_and_environment(crossref, bib, tmp_path) -> None:
    seen: list[str] = []
    crossref.fault = lambda request, number: seen.append(request.headers["User-Agent"])
    result = enrich(bib, "--dry-run", "--cache-dir", tmp_path / "c",
                    env={"BALINT_BIB_CROSSREF_URL": crossref.base,  # type: ignore[attr-defined]
                         "BALINT_BIB_CONFIG": str(tmp_path / "none.toml")})
    assert result.returncode == 0, result.stderr
    assert "warning: no mailto" in result.stderr
    assert seen and all(ua.startswith(f"balint-bib/{__version__} ") for ua in seen)

    config = tmp_path / "config.toml"
    config.write_text('[crossref]\nmailto = "from-config@example.org"\n')
    seen.clear()
    result = enrich(bib, "--dry-run", "--no-cache",
                    env={"BALINT_BIB_CROSSREF_URL": crossref.base,  # type: ignore[attr-defined]
                         "BALINT_BIB_CONFIG": str(config)})
    assert "warning" not in result.stderr
    assert "(mailto:from-config@example.org)" in seen[0]


@pytest.mark.parametrize("args", [(), ("--dry-run", "--in-place"),
                                  ("--dry-run", "--fields", "doi,colour"),
                                  ("--dry-run", "--no-cache", "--cache-dir", "x")])
def test_usage_errors(bib, args) -> None:
    result = enrich(bib, *args)
    assert result.returncode == 2
    assert result.stderr.startswith(("balint-bib: error:", "Usage:"))
    assert "Traceback" not in result.stderr


def test_bad_input_is_one_line_and_nothing_is_written(tmp_path) -> None:
    bad = tmp_path / "bad.bib"
    bad.write_text("@article{x,\n  title = {unclosed,\n")
    result = enrich(bad, "--in-place", "--no-cache", "--crossref-url", "http://127.0.0.1:9")
    assert result.returncode == 1
    assert result.stderr.startswith("balint-bib: error: ")
    assert bad.read_text() == "@article{x,\n  title = {unclosed,\n"


def _wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def _start(bib: Path, url: str, cache: Path) -> subprocess.Popen[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("BALINT_BIB_")}
    return subprocess.Popen(
        [sys.executable, "-m", "balint_bib", "enrich", str(bib), "--in-place", "--crossref-url",
         url, "--mailto", "tests@example.org", "--cache-dir", str(cache)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)


def test_a_killed_run_leaves_the_file_whole_and_a_rerun_resumes(threaded_httpserver,
                                                                tmp_path) -> None:
    benchmark = build(positives=40, negatives=0)
    fake = FakeCrossref(benchmark.works, delay=0.05)
    fake.install(threaded_httpserver)
    url = fake.url(threaded_httpserver)
    bib = tmp_path / "many.bib"
    bib.write_text(benchmark.bibtex())
    original = bib.read_bytes()
    cache = tmp_path / "cache"

    for kill_after in (8, 20):  # killed twice, each time further along
        process = _start(bib, url, cache)
        _wait_for(lambda n=kill_after: len(fake.requests) >= n)
        process.kill()
        process.communicate()
        assert bib.read_bytes() == original

    import sqlite3

    cached = sqlite3.connect(cache / "crossref.sqlite3").execute(
        "SELECT COUNT(*) FROM responses").fetchone()[0]
    assert 20 - 2 * 3 <= cached < 40  # less what was in flight when killed
    fake.delay = 0
    before = len(fake.requests)
    process = _start(bib, url, cache)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert len(fake.requests) - before == 40 - cached  # resumed: only what was missing
    complete = bib.read_bytes()
    assert complete.count(b"doi = {10.5555/bench.") >= 39

    # Killed at random moments (start-up, requests, the final writes), the file is the
    # original or the complete one, never a part. The seed is in the failure message.
    seed = random.randrange(2**32)
    moments = random.Random(seed).sample(range(5, 250), 6)
    for delay in (m / 100 for m in moments):
        bib.write_bytes(original)
        process = _start(bib, url, cache)
        time.sleep(delay)
        process.kill()
        process.communicate()
        assert bib.read_bytes() in (original, complete), f"seed {seed}, killed at {delay} s"


def test_ctrl_c_leaves_the_input_untouched(threaded_httpserver, tmp_path) -> None:
    # A run of ~10 s, so that the interrupt lands mid-run even on a loaded machine.
    benchmark = build(positives=60, negatives=0)
    fake = FakeCrossref(benchmark.works, delay=0.5)
    fake.install(threaded_httpserver)
    bib = tmp_path / "many.bib"
    bib.write_text(benchmark.bibtex())
    original = bib.read_bytes()
    process = _start(bib, fake.url(threaded_httpserver), tmp_path / "cache")
    _wait_for(lambda: len(fake.requests) >= 4)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert bib.read_bytes() == original
    assert not list(tmp_path.glob(".many.bib.*"))  # no temporary file left behind
