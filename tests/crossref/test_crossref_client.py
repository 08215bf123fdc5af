"""The Crossref client against a real HTTP server on 127.0.0.1: politeness, retries,
rate limits, bounded concurrency, the cache, and answers that are not Crossref's."""

from __future__ import annotations

import email.utils
import json
import threading
import time

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from balint_bib import __version__
from balint_bib.crossref.cache import ResponseCache
from balint_bib.crossref.client import (
    CrossrefClient,
    CrossrefError,
    RateLimiter,
    open_client,
    retry_after_seconds,
)
from balint_bib.crossref.settings import CrossrefSettings, resolve_settings
from balint_bib.errors import BalintBibError
from tests.support.fake_crossref import FakeCrossref, drop_connection, work

WORKS = [
    work("10.5555/client.1", "Balint training makes GPs thrive better in their job",
         [("Dorte", "Kjeldmand"), ("Inger", "Holmström")], 2004,
         journal="Patient Education and Counseling", volume="55", issue="2", page="230-235"),
    work("10.5555/client.2", "Balint groups and burnout", [("Anna", "Smith")], 2010,
         journal="Family Medicine"),
]


def _client(server: HTTPServer, fake: FakeCrossref, **options) -> CrossrefClient:
    fake.install(server)
    options.setdefault("backoff", 0.01)
    cache = options.pop("cache", None)
    return CrossrefClient(CrossrefSettings(fake.url(server), "tests@example.org", **options),
                          cache=cache)


def _first(count: int, response: Response):
    """A fault: the first `count` requests get `response`."""
    return lambda request, number: response if number <= count else None


def test_search_and_work(threaded_httpserver: HTTPServer) -> None:
    fake = FakeCrossref(WORKS)
    client = _client(threaded_httpserver, fake)
    items, retrieved = client.search("Kjeldmand Balint training GPs thrive")
    assert items[0]["DOI"] == "10.5555/client.1"
    assert abs(retrieved - time.time()) < 60
    assert client.work("10.5555/CLIENT.2")["title"] == ["Balint groups and burnout"]
    assert client.work("10.5555/nowhere") is None
    assert client.requests_made == 3
    assert fake.requests[0].startswith("/works?query.bibliographic=Kjeldmand+Balint")


def test_user_agent_names_the_tool_and_the_mailto(threaded_httpserver: HTTPServer) -> None:
    seen: list[str] = []
    fake = FakeCrossref(WORKS)
    fake.fault = lambda request, number: seen.append(request.headers["User-Agent"])
    client = _client(threaded_httpserver, fake)
    client.search("anything")
    assert seen[0].startswith(f"balint-bib/{__version__} (mailto:tests@example.org)")


def test_429_waits_as_long_as_retry_after_says(threaded_httpserver: HTTPServer) -> None:
    fake = FakeCrossref(WORKS)
    fake.fault = _first(1, Response("slow down", status=429, headers={"Retry-After": "1"}))
    client = _client(threaded_httpserver, fake, backoff=0.0)
    start = time.monotonic()
    items, _ = client.search("Balint groups")
    assert items
    assert time.monotonic() - start >= 0.95
    assert len(fake.requests) == 2


def test_500s_are_retried_with_backoff_then_succeed(threaded_httpserver: HTTPServer) -> None:
    fake = FakeCrossref(WORKS)
    fake.fault = _first(2, Response("oops", status=500))
    client = _client(threaded_httpserver, fake, backoff=0.1)
    start = time.monotonic()
    assert client.search("Balint groups")[0]
    # Two waits: at least 0.05 + 0.1 with jitter (half to all of 0.1, then of 0.2).
    assert time.monotonic() - start >= 0.15
    assert len(fake.requests) == 3


def test_failure_after_n_tries(threaded_httpserver: HTTPServer) -> None:
    fake = FakeCrossref(WORKS)
    fake.fault = lambda request, number: Response("down", status=503)
    client = _client(threaded_httpserver, fake, tries=3)
    with pytest.raises(CrossrefError, match=r"HTTP 503 \(after 3 tries\)"):
        client.search("Balint groups")
    assert len(fake.requests) == 3


def test_timeouts_are_retried(threaded_httpserver: HTTPServer) -> None:
    fake = FakeCrossref(WORKS)

    def slow_first(request: Request, number: int) -> Response | None:
        if number == 1:
            time.sleep(1.0)
        return None

    fake.fault = slow_first
    client = _client(threaded_httpserver, fake, timeout=0.3)
    assert client.search("Balint groups")[0]
    assert len(fake.requests) == 2


def test_dropped_connections_are_retried(threaded_httpserver: HTTPServer) -> None:
    fake = FakeCrossref(WORKS)
    fake.fault = lambda request, number: drop_connection(request) if number <= 2 else None
    client = _client(threaded_httpserver, fake)
    assert client.search("Balint groups")[0]
    assert len(fake.requests) == 3


@pytest.mark.parametrize("body", [
    "{not json", "", "<html>maintenance</html>", json.dumps({"message": {"items": "x"}}),
    json.dumps([1, 2]), json.dumps({"status": "ok"}),
])
def test_answers_that_are_not_crossref_json_fail_cleanly(threaded_httpserver: HTTPServer,
                                                         body: str) -> None:
    fake = FakeCrossref(WORKS)
    fake.fault = lambda request, number: Response(body, status=200,
                                                  content_type="application/json")
    client = _client(threaded_httpserver, fake, tries=2)
    with pytest.raises(CrossrefError, match="not a Crossref answer"):
        client.search("Balint groups")
    with pytest.raises(CrossrefError, match="not a Crossref answer"):
        client.work("10.5555/client.1")


def test_a_bad_answer_then_a_good_one(threaded_httpserver: HTTPServer) -> None:
    fake = FakeCrossref(WORKS)
    fake.fault = _first(1, Response("{truncated", status=200))
    client = _client(threaded_httpserver, fake)
    assert client.work("10.5555/client.1")["DOI"] == "10.5555/client.1"


def test_other_client_errors_are_not_retried(threaded_httpserver: HTTPServer) -> None:
    fake = FakeCrossref(WORKS)
    fake.fault = lambda request, number: Response("bad query", status=400)
    client = _client(threaded_httpserver, fake)
    with pytest.raises(CrossrefError, match="HTTP 400"):
        client.search("x")
    assert len(fake.requests) == 1


def test_rate_limit_headers_space_the_requests(threaded_httpserver: HTTPServer) -> None:
    fake = FakeCrossref(WORKS, rate_limit=10)
    client = _client(threaded_httpserver, fake)
    client.search("first")  # learns 10 per second
    start = time.monotonic()
    for number in range(10):
        client.search(f"query {number}")
    assert time.monotonic() - start >= 0.85  # ten starts at least 0.1 s apart


def test_concurrency_is_bounded(threaded_httpserver: HTTPServer) -> None:
    fake = FakeCrossref(WORKS, delay=0.15)
    in_flight = 0
    most = 0
    lock = threading.Lock()
    original = fake.handle

    def counting(request: Request) -> Response:
        nonlocal in_flight, most
        with lock:
            in_flight += 1
            most = max(most, in_flight)
        try:
            return original(request)
        finally:
            with lock:
                in_flight -= 1

    fake.handle = counting  # type: ignore[method-assign]
    client = _client(threaded_httpserver, fake, concurrency=3)
    threads = [threading.Thread(target=client.search, args=(f"q{n}",)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(fake.requests) == 12
    assert most == 3


def test_cache_makes_a_rerun_free(threaded_httpserver: HTTPServer, tmp_path) -> None:
    fake = FakeCrossref(WORKS)
    cache = ResponseCache(tmp_path / "cache")
    client = _client(threaded_httpserver, fake, cache=cache)
    first = client.search("Balint groups")
    assert client.work("10.5555/nowhere") is None
    assert len(fake.requests) == 2

    again = CrossrefClient(CrossrefSettings(fake.url(threaded_httpserver)),
                           cache=ResponseCache(tmp_path / "cache"))
    assert again.search("Balint groups") == first
    assert again.work("10.5555/nowhere") is None
    assert again.requests_made == 0 and again.cache_hits == 2
    assert len(fake.requests) == 2


def test_failures_are_not_cached(threaded_httpserver: HTTPServer, tmp_path) -> None:
    fake = FakeCrossref(WORKS)
    fake.fault = lambda request, number: Response("down", status=500) if number <= 2 else None
    cache = ResponseCache(tmp_path)
    client = _client(threaded_httpserver, fake, cache=cache, tries=2)
    with pytest.raises(CrossrefError):
        client.search("Balint groups")
    assert len(cache) == 0
    assert client.search("Balint groups")[0]
    assert len(cache) == 1


def test_cancel_wakes_a_waiting_request(threaded_httpserver: HTTPServer) -> None:
    fake = FakeCrossref(WORKS)
    fake.fault = lambda request, number: Response("", status=429, headers={"Retry-After": "30"})
    client = _client(threaded_httpserver, fake)
    errors: list[Exception] = []

    def search() -> None:
        try:
            client.search("Balint")
        except CrossrefError as error:
            errors.append(error)

    thread = threading.Thread(target=search)
    thread.start()
    time.sleep(0.3)
    client.cancel()
    thread.join(timeout=5)
    assert not thread.is_alive()
    assert "interrupted" in str(errors[0])


def test_retry_after_forms() -> None:
    assert retry_after_seconds("3") == 3.0
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("soon") is None
    later = email.utils.formatdate(time.time() + 120, usegmt=True)
    assert 100 < retry_after_seconds(later) <= 121


def test_rate_limiter_reads_the_headers() -> None:
    limiter = RateLimiter()
    limiter.update({"X-Rate-Limit-Limit": "50", "X-Rate-Limit-Interval": "1s"})
    assert limiter.spacing == pytest.approx(0.02)
    limiter.update({"X-Rate-Limit-Limit": "5", "X-Rate-Limit-Interval": "2000ms"})
    assert limiter.spacing == pytest.approx(0.4)
    limiter.update({"X-Rate-Limit-Limit": "nonsense"})
    assert limiter.spacing == pytest.approx(0.4)


def test_settings_flag_then_environment_then_config_then_default(tmp_path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[crossref]\nmailto = "cfg@example.org"\nurl = "http://cfg:1/"\n')
    home = {"XDG_CONFIG_HOME": str(tmp_path / "none"), "XDG_CACHE_HOME": str(tmp_path)}
    bare = resolve_settings(environ=home)
    assert (bare.base_url, bare.mailto) == ("https://api.crossref.org", None)
    assert bare.cache_dir == tmp_path / "balint-bib"
    with_config = {**home, "BALINT_BIB_CONFIG": str(config)}
    assert resolve_settings(environ=with_config).base_url == "http://cfg:1"
    assert resolve_settings(environ=with_config).mailto == "cfg@example.org"
    environment = {**with_config, "BALINT_BIB_CROSSREF_URL": "http://127.0.0.1:9/",
                   "BALINT_BIB_MAILTO": "env@example.org"}
    assert resolve_settings(environ=environment).base_url == "http://127.0.0.1:9"
    assert resolve_settings(environ=environment).mailto == "env@example.org"
    flagged = resolve_settings(base_url="http://flag:1", mailto="f@x.org", use_cache=False,
                               environ=environment, tries=2)
    assert (flagged.base_url, flagged.mailto, flagged.cache_dir, flagged.tries) == (
        "http://flag:1", "f@x.org", None, 2)


def test_a_broken_config_is_a_usage_error_naming_the_file(tmp_path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[crossref\n")
    with pytest.raises(BalintBibError, match="cannot read the configuration") as raised:
        resolve_settings(environ={"BALINT_BIB_CONFIG": str(config)})
    assert raised.value.exit_code == 2 and raised.value.path == str(config)
    # A flag and a variable leave nothing for the config to say: it is not read.
    assert resolve_settings(base_url="http://x:1", environ={
        "BALINT_BIB_CONFIG": str(config), "BALINT_BIB_MAILTO": "m@x.org"}).mailto == "m@x.org"


def test_the_client_reads_no_environment(threaded_httpserver: HTTPServer, tmp_path,
                                         monkeypatch) -> None:
    fake = FakeCrossref(WORKS)
    fake.install(threaded_httpserver)
    monkeypatch.setenv("BALINT_BIB_CROSSREF_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("BALINT_BIB_MAILTO", "env@example.org")
    settings = CrossrefSettings(fake.url(threaded_httpserver), cache_dir=tmp_path / "c")
    with open_client(settings) as client:
        assert client.mailto is None and client.base_url == fake.url(threaded_httpserver)
        assert client.work("10.5555/client.1")["page"] == "230-235"
    assert (tmp_path / "c" / "crossref.sqlite3").exists()


def test_crossref_errors_are_the_projects_errors() -> None:
    error = CrossrefError("HTTP 503 (after 4 tries)")
    assert isinstance(error, BalintBibError) and error.exit_code == 1
    assert str(error) == "HTTP 503 (after 4 tries)"
