"""The Crossref client and `enrich` under hostile answers, against a real local server."""

from __future__ import annotations

import gzip
import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from balint_bib.crossref.cache import ResponseCache
from balint_bib.crossref.client import (
    MAX_SPACING,
    CrossrefClient,
    CrossrefError,
    RateLimiter,
    Stopped,
)
from balint_bib.crossref.settings import CrossrefSettings, resolve_settings
from balint_bib.errors import UsageError
from tests.crossref.test_enrich_cli import WORKS, bib, common, crossref, enrich  # noqa: F401
from tests.support.counting_server import CountingServer
from tests.support.fake_crossref import FakeCrossref


def _client(server: HTTPServer, fake: FakeCrossref, **options) -> CrossrefClient:
    fake.install(server)
    options.setdefault("backoff", 0.01)
    cache = options.pop("cache", None)
    return CrossrefClient(CrossrefSettings(fake.url(server), "tests@example.org", **options),
                          cache=cache)


def _search_answer(items: list[dict]) -> str:
    return json.dumps({"status": "ok", "message": {"items": items}})


def test_a_lone_surrogate_is_replaced_before_it_is_cached(threaded_httpserver: HTTPServer,
                                                          tmp_path: Path) -> None:
    fake = FakeCrossref(WORKS)
    body = _search_answer([{**WORKS[0], "publisher": "Broken \ud800 Press"}])
    fake.fault = lambda request, number: Response(body, headers={
        "Content-Type": "application/json"})
    cache = ResponseCache(tmp_path)
    client = _client(threaded_httpserver, fake, cache=cache)
    (item,) = client.search("Balint")[0]
    assert item["publisher"] == "Broken \ufffd Press"
    item["publisher"].encode("utf-8")  # the UnicodeEncodeError of the bug
    assert "\\ud800" not in next(iter(sqlite3.connect(tmp_path / "crossref.sqlite3").execute(
        "SELECT body FROM responses")))[0]


def test_enrich_with_a_lone_surrogate_writes_the_bib(crossref, bib, tmp_path) -> None:  # noqa: F811
    def with_surrogate(request: Request, number: int) -> Response:
        items = crossref.search(request.args.get("query.bibliographic", ""), 5)
        items = [{**i, "volume": i["volume"] + "\ud800"} if "volume" in i else i
                 for i in items]
        return Response(_search_answer(items), headers={"Content-Type": "application/json"})

    crossref.fault = with_surrogate
    out = tmp_path / "out.bib"
    result = enrich(bib, "-o", out, *common(crossref, tmp_path))
    assert result.returncode == 0, result.stderr
    assert "volume = {55\ufffd}" in out.read_text(), result.stderr


def test_answers_of_the_wrong_shape_are_not_cached(threaded_httpserver: HTTPServer,
                                                   tmp_path: Path) -> None:
    fake = FakeCrossref(WORKS)
    fake.fault = lambda request, number: Response(
        _search_answer([{"DOI": 12345}]), headers={"Content-Type": "application/json"}) \
        if number <= 2 else None
    cache = ResponseCache(tmp_path)
    client = _client(threaded_httpserver, fake, cache=cache, tries=2)
    with pytest.raises(CrossrefError, match="not a Crossref answer"):
        client.search("Balint")
    assert len(cache) == 0  # a rerun asks again instead of failing forever
    assert client.search("Balint")[0]
    assert len(cache) == 1


def test_a_tampered_cache_row_is_fetched_again(threaded_httpserver: HTTPServer,
                                               tmp_path: Path) -> None:
    fake = FakeCrossref(WORKS)
    client = _client(threaded_httpserver, fake, cache=ResponseCache(tmp_path))
    client.search("Balint")
    connection = sqlite3.connect(tmp_path / "crossref.sqlite3")
    for body, status, retrieved in (("{not json", 200, 1.0), ('{"message": 3}', 200, 1.0),
                                    (_search_answer([]), "x", 1.0),
                                    (_search_answer([]), 200, "yesterday")):
        connection.execute("UPDATE responses SET body = ?, status = ?, retrieved = ?",
                           (body, status, retrieved))
        connection.commit()
        again = CrossrefClient(CrossrefSettings(fake.url(threaded_httpserver)),
                               cache=ResponseCache(tmp_path))
        items, when = again.search("Balint")
        assert items and isinstance(when, float) and again.requests_made == 1


def test_rate_limit_headers_are_clamped() -> None:
    limiter = RateLimiter()
    for value in ("nan", "inf", "-inf", "0", "-3"):
        limiter.update({"X-Rate-Limit-Limit": value, "X-Rate-Limit-Interval": "1s"})
        assert limiter.spacing == pytest.approx(0.1)  # unchanged: still rate-limited
    assert limiter.update({"X-Rate-Limit-Limit": "100000", "X-Rate-Limit-Interval": "1s"})
    assert limiter.spacing == pytest.approx(0.02)  # at most 50 a second
    asked = limiter.update({"X-Rate-Limit-Limit": "1", "X-Rate-Limit-Interval": "3600s"})
    assert asked == 3600 and limiter.spacing == MAX_SPACING


def test_a_rate_limit_beyond_a_run_stops_it_with_when_to_resume(
        threaded_httpserver: HTTPServer, tmp_path: Path) -> None:
    fake = FakeCrossref(WORKS)
    original = fake.handle

    def slow_limit(request: Request) -> Response:
        response = original(request)
        response.headers["X-Rate-Limit-Limit"] = "1"
        response.headers["X-Rate-Limit-Interval"] = "3600s"
        return response

    fake.handle = slow_limit  # type: ignore[method-assign]
    cache = ResponseCache(tmp_path)
    client = _client(threaded_httpserver, fake, cache=cache)
    client.search("Balint")  # this answer counts and is kept
    start = time.monotonic()
    with pytest.raises(Stopped, match=r"one request every 3600 s.*rerun after .* UTC"):
        client.search("groups")
    assert time.monotonic() - start < 1 and len(fake.requests) == 1 and len(cache) == 1


def test_a_long_retry_after_stops_the_whole_run(crossref, bib, tmp_path) -> None:  # noqa: F811
    crossref.fault = lambda request, number: Response("slow down", status=429,
                                                      headers={"Retry-After": "100000"})
    before = bib.read_text()
    result = enrich(bib, "--in-place", *common(crossref, tmp_path))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "asked to retry after 100000 s" in errors[0]
    assert "rerun after" in errors[0] and "Traceback" not in result.stderr
    assert len(crossref.requests) <= 3  # not 199 more
    assert bib.read_text() == before


def test_a_gzip_bomb_is_refused_without_reading_it(threaded_httpserver: HTTPServer) -> None:
    fake = FakeCrossref(WORKS)
    bomb = gzip.compress(b'{"message": {"items": [' + b" " * (40 * 1024 * 1024) + b"]}}")
    fake.fault = lambda request, number: Response(bomb, headers={
        "Content-Type": "application/json", "Content-Encoding": "gzip"})
    client = _client(threaded_httpserver, fake)
    with pytest.raises(CrossrefError, match="larger than 8 MB"):
        client.search("Balint")
    assert len(fake.requests) == 1  # not retried: it will not get smaller


def test_a_slow_drip_meets_the_deadline_of_the_whole_try(
        threaded_httpserver: HTTPServer) -> None:
    fake = FakeCrossref(WORKS)

    def drip() -> object:
        for _ in range(40):
            time.sleep(0.1)
            yield b" "

    fake.fault = lambda request, number: Response(drip(), headers={
        "Content-Type": "application/json"})
    client = _client(threaded_httpserver, fake, timeout=0.5, tries=1)
    start = time.monotonic()
    with pytest.raises(CrossrefError, match=r"no answer within 0\.5 s"):
        client.search("Balint")
    assert time.monotonic() - start < 1.5  # the drip goes on for 4 s


def test_a_429_holds_every_worker_for_the_retry_after(threaded_httpserver: HTTPServer) -> None:
    fake = FakeCrossref(WORKS, rate_limit=1000, delay=0.05)
    sent: list[float] = []
    arrivals: list[float] = []

    def fault(request: Request, number: int) -> Response | None:
        arrivals.append(time.monotonic())
        if number == 1:
            sent.append(time.monotonic())
            return Response("", status=429, headers={"Retry-After": "1"})
        return None

    fake.fault = fault
    client = _client(threaded_httpserver, fake, concurrency=3)
    client.limiter.update({"X-Rate-Limit-Limit": "1000", "X-Rate-Limit-Interval": "1s"})
    threads = [threading.Thread(target=client.search, args=(f"q{n}",)) for n in range(6)]
    for thread in threads:
        thread.start()
        time.sleep(0.01)
    for thread in threads:
        thread.join(10)
    (the_429,) = sent
    # Requests sent before the 429 arrived are in flight; none may start in the pause.
    too_soon = [t - the_429 for t in arrivals if 0.1 < t - the_429 < 0.9]
    assert too_soon == []


def test_ctrl_c_exits_within_a_second(threaded_httpserver: HTTPServer, tmp_path: Path) -> None:
    fake = FakeCrossref(WORKS, delay=8)  # answers slower than the interrupt
    fake.install(threaded_httpserver)
    path = tmp_path / "refs.bib"
    path.write_text("".join(
        f"@article{{A{n},\n  title = {{Balint groups {n}}},\n  author = {{Smith, A.}},\n"
        f"  journal = {{Family Medicine}},\n  year = {{2010}},\n}}\n" for n in range(6)))
    process = subprocess.Popen(
        [sys.executable, "-m", "balint_bib", "enrich", str(path), "--in-place", "--crossref-url",
         fake.url(threaded_httpserver), "--mailto", "t@example.org", "--no-cache"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while len(fake.requests) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    start = time.monotonic()
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert time.monotonic() - start < 1.5, stderr
    assert process.returncode == 130 and "interrupted" in stderr


def test_failed_lookups_exit_1_with_their_cause(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text("@article{A,\n  title = {Balint groups},\n  author = {Smith, A.},\n"
                   "  journal = {Fam Med},\n  year = {2010},\n}\n"
                   "@online{W,\n  title = {A site},\n  url = {https://example.org},\n}\n")
    result = enrich(path, "--dry-run", "--no-cache", "--crossref-url", "http://127.0.0.1:9",
                    "--tries", "2", "--backoff", "0.01")
    assert result.returncode == 1
    assert ("balint-bib: error: 1 lookup(s) failed (A): connection failed (ConnectionError) "
            "(after 2 tries)") in result.stderr.splitlines()
    assert "skipped" in result.stderr  # the @online entry, never looked up


@pytest.mark.parametrize("url", ["notaurl", "file:///etc/passwd", "ftp://example.org",
                                 "https://"])
def test_a_crossref_url_that_is_not_http_is_a_usage_error(url: str, bib) -> None:  # noqa: F811
    result = enrich(bib, "--dry-run", "--no-cache", "--crossref-url", url)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        f"balint-bib: error: --crossref-url must be an http:// or https:// URL, not '{url}'")
    with pytest.raises(UsageError):
        resolve_settings(base_url=url, environ={})


def test_pipeline_writes_neither_file_when_one_cannot_be_encoded(tmp_path: Path) -> None:
    import dataclasses

    from balint_bib.crossref.pipeline import EnrichReport, write

    target = tmp_path / "out.bib"
    report = EnrichReport(source=tmp_path / "in.bib", target=target, results=(), text="",
                          new_text="@misc{A, note = {\ud800}}\n", sidecar=tmp_path / "s.toml",
                          old_sidecar="", new_sidecar="[entries.A]\n", base_url="",
                          requests_made=0, cache_hits=0, date="")
    with pytest.raises(UsageError, match="nothing was written"):
        write(report)
    assert list(tmp_path.iterdir()) == []
    write(dataclasses.replace(report, new_text="@misc{A}\n"))
    assert target.read_text() == "@misc{A}\n"


def test_enrich_to_stdout_and_the_report_to_stdout(crossref, bib, tmp_path) -> None:  # noqa: F811
    result = enrich(bib, "-o", "-", *common(crossref, tmp_path))
    assert result.returncode == 0, result.stderr
    assert "doi = {10.5555/enrich.kjeldmand}" in result.stdout
    assert not (Path.cwd() / "-").exists()


def test_the_report_to_stdout(crossref, bib, tmp_path) -> None:  # noqa: F811
    out = tmp_path / "out.bib"
    result = enrich(bib, "-o", out, "--report", "-", *common(crossref, tmp_path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["added"] == 2
    assert not (Path.cwd() / "-").exists() and out.is_file()


@pytest.mark.parametrize("mode", ["drip", "silent"])
def test_a_slot_is_free_only_once_its_connection_is_closed(mode: str) -> None:
    """Answers slower than the timeout: the server never sees more connections open than
    `--concurrency`, because a request that gives up closes its connection before it lets
    the next one start (a socket left open after its slot is freed shows as a fourth)."""
    with CountingServer(mode) as server:
        client = CrossrefClient(CrossrefSettings(server.url, "tests@example.org", concurrency=3,
                                                 timeout=0.3, tries=2, backoff=0.01))

        failures: list[str] = []

        def look_up(number: int) -> None:
            try:
                client.search(f"query {number}")
            except CrossrefError as error:
                failures.append(str(error))

        threads = [threading.Thread(target=look_up, args=(n,)) for n in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        client.close()
        time.sleep(0.2)
        assert len(failures) == 12 and all("no answer within" in f for f in failures)
        assert server.accepted >= 12
        assert server.most_open <= 3
        assert server.open == 0
