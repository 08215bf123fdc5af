"""Enrichment of 200 entries against a local Crossref-shaped server.

The server answers every request after 200 ms and advertises X-Rate-Limit-Limit: 50
and X-Rate-Limit-Interval: 1s. At concurrency 3 no client can be faster than
max(200 / 50, 200 x 0.2 / 3) s; the script prints the wall time over that bound
(target <= 1.15) and the number of requests a second, cached run makes (target 0).
A second scenario injects faults: every 50th request is a 429 with `Retry-After: 1`
and every 25th (offset) a 500, which the client must retry; its ratio to the same bound
shows what the faults cost.

    python benchmarks/enrich_200.py
"""

from __future__ import annotations

import itertools
import json
import re
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from balint_bib.bibtex.reader import parse_string
from balint_bib.crossref.cache import ResponseCache
from balint_bib.crossref.client import CrossrefClient
from balint_bib.crossref.enrich import EnrichOptions, enrich
from balint_bib.crossref.settings import CrossrefSettings

ENTRIES = 200
LATENCY = 0.2
RATE_LIMIT = 50
CONCURRENCY = 3
SUBJECTS = ["Balint groups", "Balint training", "reflective practice groups", "peer supervision",
            "case discussion seminars"]
OUTCOMES = ["burnout", "empathy", "job satisfaction", "resilience", "professional identity",
            "emotional exhaustion", "well-being", "self-efficacy"]
GROUPS = ["family medicine residents", "general practitioners", "medical students",
          "psychiatry trainees", "nurses", "hospital physicians"]
FAMILIES = ["Smith", "Holmström", "Kjeldmand", "Núñez", "Salinsky", "Otten", "Nease", "Kuo",
            "Berg", "Dahl", "Rossi", "Novak"]


def corpus() -> list[dict]:
    works = []
    titles = itertools.product(SUBJECTS, OUTCOMES, GROUPS)
    for number, (subject, outcome, group) in enumerate(itertools.islice(titles, ENTRIES)):
        year = 1980 + number % 40
        authors = [FAMILIES[number % len(FAMILIES)], FAMILIES[(number * 7 + 3) % len(FAMILIES)]]
        works.append({
            "DOI": f"10.5555/bench200.{number}", "type": "journal-article",
            "title": [f"{subject} and {outcome} among {group}"],
            "author": [{"given": "A.", "family": family} for family in authors],
            "container-title": ["Family Medicine"], "issued": {"date-parts": [[year]]},
            "volume": str(year - 1960), "issue": "2", "page": f"{number + 1}-{number + 9}",
        })
    return works


def bibtex(works: list[dict]) -> str:
    entries = []
    for number, work in enumerate(works):
        authors = " and ".join(a["family"] for a in work["author"])
        entries.append(f"@article{{e{number},\n  author = {{{authors}}},\n"
                       f"  title = {{{work['title'][0]}}},\n  journal = {{Fam Med}},\n"
                       f"  year = {{{work['issued']['date-parts'][0][0]}}},\n}}\n")
    return "\n".join(entries)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


# Injected faults: (every, offset, status, Retry-After) on the request count.
FAULTS = ((50, 0, 429, "1"), (25, 12, 500, None))


def serve(works: list[dict], faults: tuple = ()) -> tuple[ThreadingHTTPServer, list[str]]:
    index = [(_words(w["title"][0] + " " + " ".join(a["family"] for a in w["author"])), w)
             for w in works]
    log: list[str] = []
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out at once, as a real server

        def do_GET(self) -> None:
            with lock:
                log.append(self.path)
                number = len(log)
            time.sleep(LATENCY)
            for every, offset, status, retry_after in faults:
                if number % every == offset:
                    self._fail(status, retry_after)
                    return
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            words = _words(query.get("query.bibliographic", [""])[0])
            ranked = sorted(index, key=lambda pair: -len(words & pair[0]))[:5]
            body = json.dumps({"status": "ok", "message-type": "work-list",
                               "message": {"items": [w for _, w in ranked]}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Rate-Limit-Limit", str(RATE_LIMIT))
            self.send_header("X-Rate-Limit-Interval", "1s")
            self.end_headers()
            self.wfile.write(body)

        def _fail(self, status: int, retry_after: str | None) -> None:
            body = b"try again later"
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Rate-Limit-Limit", str(RATE_LIMIT))
            self.send_header("X-Rate-Limit-Interval", "1s")
            if retry_after is not None:
                self.send_header("Retry-After", retry_after)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, log


def run(url: str, records, cache_dir: Path, backoff: float = 1.0
        ) -> tuple[float, CrossrefClient, list]:
    settings = CrossrefSettings(url, "benchmark@example.org", concurrency=CONCURRENCY,
                                backoff=backoff)
    client = CrossrefClient(settings, cache=ResponseCache(cache_dir))
    start = time.perf_counter()
    results = enrich(client, records, EnrichOptions(), concurrency=CONCURRENCY)
    elapsed = time.perf_counter() - start
    client.close()
    return elapsed, client, results


def measure(faults: tuple = ()) -> dict:
    """One enrichment run and a cached rerun against a fresh server; the figures."""
    works = corpus()
    records = parse_string(bibtex(works)).records
    server, log = serve(works, faults)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    bound = max(ENTRIES / RATE_LIMIT, ENTRIES * LATENCY / CONCURRENCY)
    try:
        with tempfile.TemporaryDirectory() as cache_dir:
            # The client's default backoff (1 s, doubling, with jitter) after a 500.
            elapsed, _, results = run(url, records, Path(cache_dir))
            first_requests = len(log)
            rerun, again, _ = run(url, records, Path(cache_dir))
    finally:
        server.shutdown()
    return {
        "entries": ENTRIES, "bound": bound, "wall": elapsed, "ratio": elapsed / bound,
        "requests": first_requests, "faults": sum(1 for n in range(1, first_requests + 1)
                                                  for every, offset, *_ in faults
                                                  if n % every == offset),
        "added": sum(1 for r in results if r.decision == "added"),
        "failed": sum(1 for r in results if r.decision == "failed"),
        "cached_requests": again.requests_made, "cached_reached_server": len(log) - first_requests,
        "cached_wall": rerun,
    }


def main() -> None:
    print(f"entries: {ENTRIES}, concurrency {CONCURRENCY}, server latency {LATENCY * 1000:.0f} "
          f"ms, advertised limit {RATE_LIMIT}/1s")
    for name, faults in (("no faults", ()), ("injected 429s and 500s", FAULTS)):
        m = measure(faults)
        print(f"{name}: {m['wall']:.2f} s wall, {m['requests']} requests ({m['faults']} "
              f"answered with a fault), {m['added']} DOIs added, {m['failed']} failed")
        print(f"  bound max({ENTRIES}/{RATE_LIMIT}, {ENTRIES}*{LATENCY}/{CONCURRENCY}) = "
              f"{m['bound']:.2f} s; ratio wall/bound = {m['ratio']:.3f}")
        print(f"  cached rerun: {m['cached_requests']} requests "
              f"({m['cached_reached_server']} reached the server), {m['cached_wall']:.2f} s")


if __name__ == "__main__":
    main()
