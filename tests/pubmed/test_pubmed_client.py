"""The E-utilities client under NCBI's faults: 429 with its error body, 500s, malformed
answers; its rate limit across workers; batches of the ID converter; the per-item cache."""

from __future__ import annotations

import json

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from balint_bib.bibtex.reader import parse_string
from balint_bib.crossref.cache import ResponseCache
from balint_bib.pubmed.client import EutilsClient, EutilsError
from balint_bib.pubmed.enrich import PubMedOptions, enrich
from balint_bib.pubmed.settings import PubMedSettings, resolve_settings
from tests.support.fake_eutils import RATE_LIMITED, Article, FakeEutils

ARTICLES = [Article(str(30000000 + n), f"Balint groups and empathy in cohort {n}",
                    [("Anna", "Smith")], 2010, "Family medicine", "Fam Med", str(n), "1",
                    f"{n}-{n + 5}", doi=f"10.5555/pm.{n}", pmcid=f"PMC{900 + n}")
            for n in range(1, 451)]


def _entries(count: int) -> str:
    return "\n".join(f"@article{{A{n},\n  author = {{Smith, Anna}},\n  title = {{Balint groups "
                     f"and empathy in cohort {n}}},\n  journal = {{Family Medicine}},\n"
                     f"  year = {{2010}},\n  doi = {{10.5555/pm.{n}}},\n}}\n"
                     for n in range(1, count + 1))


def _client(fake: FakeEutils, server: HTTPServer, cache: ResponseCache | None = None,
            **settings: object) -> EutilsClient:
    values: dict[str, object] = {"email": "tests@example.org", "backoff": 0.01, **settings}
    return EutilsClient(PubMedSettings(fake.url(server), fake.idconv_url(server),
                                       **values), cache=cache)  # type: ignore[arg-type]


def test_429_with_ncbi_body_and_500s_are_retried(httpserver: HTTPServer) -> None:
    fake = FakeEutils(ARTICLES[:1])
    fake.install(httpserver)

    def fault(request: Request, number: int) -> Response | None:
        if number == 1:
            return Response(RATE_LIMITED, status=429, content_type="application/json")
        if number == 2:
            return Response("<html>Internal error</html>", status=500)
        return None

    fake.fault = fault
    client = _client(fake, httpserver)
    assert client.search_doi("10.5555/pm.1") == ["30000001"]
    assert client.requests_made == 3


@pytest.mark.parametrize(("path", "body", "located", "decision"), [
    ("esearch", '{"esearchresult": {"ERROR": "Invalid query"}}', False, "failed"),
    ("esearch", "<eSearchResult>not json</eSearchResult>", False, "failed"),
    # The other look-up answered and its PMID is verified: that stands.
    ("esearch", "<eSearchResult>not json</eSearchResult>", True, "added"),
    ("ecitmatch", "<html>Service unavailable</html>", True, "added"),
    ("esummary", '{"result": {"uids": ["30000001"]}}', True, "failed"),
    ("idconv", '{"status": "error"}', True, "failed"),
])
def test_malformed_answers_fail_the_entry_not_the_run(httpserver: HTTPServer, path: str,
                                                      body: str, located: bool,
                                                      decision: str) -> None:
    fake = FakeEutils(ARTICLES[:1])
    fake.install(httpserver)
    fake.fault = lambda request, number: (Response(body, status=200)
                                          if request.path.strip("/").startswith(path)
                                          else None)
    text = _entries(1)
    if located:
        text = text.replace("  doi", "  volume = {1},\n  pages = {1--6},\n  doi")
    (result,) = enrich(_client(fake, httpserver, tries=2),
                       parse_string(text, "t.bib").records, PubMedOptions())
    assert result.decision == decision, result
    if decision == "failed":
        assert "not an E-utilities answer" in (result.error or "")
        assert not result.edits


def test_persistent_500_is_a_failure_with_the_reason(httpserver: HTTPServer) -> None:
    fake = FakeEutils(ARTICLES[:1])
    fake.install(httpserver)
    fake.fault = lambda request, number: Response("busy", status=503)
    with pytest.raises(EutilsError, match=r"HTTP 503 \(after 3 tries\)"):
        _client(fake, httpserver, tries=3).search_doi("10.5555/pm.1")
    assert len(fake.requests) == 3


def test_rate_limit_across_workers_and_api_key(httpserver: HTTPServer) -> None:
    fake = FakeEutils(ARTICLES[:12])
    fake.install(httpserver)
    client = _client(fake, httpserver, concurrency=3)
    enrich(client, parse_string(_entries(9), "t.bib").records, PubMedOptions(), concurrency=3)
    gaps = [b - a for a, b in zip(fake.times, fake.times[1:], strict=False)]
    assert min(gaps) >= 1 / 3 - 0.02, gaps  # 3 a second without a key, whatever the workers
    keyed = _client(fake, httpserver, api_key="secret")
    assert keyed.limiter.spacing == pytest.approx(0.1)
    keyed.search_doi("10.5555/pm.1")
    assert fake.params[-1]["api_key"] == "secret"
    assert PubMedSettings(api_key="k", rate=50).rate_limit == 10


def test_id_converter_takes_200_ids_a_request(httpserver: HTTPServer) -> None:
    fake = FakeEutils(ARTICLES)
    fake.install(httpserver)
    found = _client(fake, httpserver, rate=1000).pmcids(a.pmid for a in ARTICLES)
    assert found["30000001"] == "PMC901" and len(found) == 450
    sizes = [len(p["ids"].split(",")) for p in fake.params]
    assert sizes == [200, 200, 50]


def test_a_failed_run_resumes_from_the_cache(httpserver: HTTPServer, tmp_path) -> None:
    fake = FakeEutils(ARTICLES[:3])
    fake.install(httpserver)
    fake.fault = lambda request, number: (Response("down", status=500)
                                          if request.path.startswith("/esummary") else None)
    records = parse_string(_entries(3), "t.bib").records
    cache = ResponseCache(tmp_path)
    first = enrich(_client(fake, httpserver, cache=cache, tries=1), records, PubMedOptions())
    assert {r.decision for r in first} == {"failed"}
    fake.fault = None
    asked = len(fake.requests)
    second = enrich(_client(fake, httpserver, cache=cache), records, PubMedOptions())
    assert {r.decision for r in second} == {"added"}
    # The three DOI searches came from the cache; only the summaries and PMCIDs were asked.
    assert [p.split("?")[0] for p in fake.requests[asked:]] == ["/esummary.fcgi", "/idconv/"]
    third = _client(fake, httpserver, cache=cache)
    enrich(third, records, PubMedOptions())
    assert third.requests_made == 0


def test_settings_resolved_once(tmp_path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[pubmed]\nemail = "cfg@example.org"\napi_key = "cfgkey"\n'
                      '[crossref]\nmailto = "cr@example.org"\n', encoding="utf-8")
    env = {"BALINT_BIB_CONFIG": str(config)}
    settings = resolve_settings(environ=env, use_cache=False)
    assert settings.email == "cfg@example.org" and settings.api_key == "cfgkey"
    assert settings.base_url == "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
    env.update(BALINT_BIB_EUTILS_URL="http://127.0.0.1:9/eutils", NCBI_API_KEY="envkey",
               BALINT_BIB_EMAIL="env@example.org")
    settings = resolve_settings(environ=env, use_cache=False, email="flag@example.org")
    assert (settings.base_url, settings.api_key, settings.email) == (
        "http://127.0.0.1:9/eutils/", "envkey", "flag@example.org")
    config.write_text('[crossref]\nmailto = "cr@example.org"\n', encoding="utf-8")
    assert resolve_settings(environ={"BALINT_BIB_CONFIG": str(config)},
                            use_cache=False).email == "cr@example.org"
    assert json.dumps(settings.rate_limit) == "10.0"


def test_a_429_pauses_every_worker(httpserver: HTTPServer) -> None:
    fake = FakeEutils(ARTICLES[:6])
    fake.install(httpserver)
    fake.fault = lambda request, number: (Response(RATE_LIMITED, status=429,
                                                   headers={"Retry-After": "1"},
                                                   content_type="application/json")
                                          if number == 1 else None)
    client = _client(fake, httpserver, concurrency=3)
    enrich(client, parse_string(_entries(6), "t.bib").records, PubMedOptions(), concurrency=3)
    # Whatever the worker that got it, no request started within the second it asked for.
    assert all(t - fake.times[0] >= 0.95 for t in fake.times[1:]), fake.times
    # and after the pause, the requests that had waited are spaced out again, not a burst.
    # (The server's clock reads each arrival late by however busy the machine is.)
    gaps = [b - a for a, b in zip(fake.times[1:], fake.times[2:], strict=False)]
    assert min(gaps) >= 0.25, gaps
