"""PubMed enrichment of 200 entries against a local E-utilities-shaped server at 3 req/s.

Half the entries have a DOI (one ESearch each); half have journal, year, volume and first
page (ECitMatch, 100 citations a request); every PMID found is verified with ESummary
(200 a request) and the accepted ones go to the PMC ID converter (200 a request). The
client is held to NCBI's 3 requests a second without an API key, across its 3 workers,
so no run can take less than N / 3 s for its N requests: the script prints the wall time
over that bound (target <= 1.15), the bound had every entry cost one request, and the
requests a second, cached run makes (target 0).

    python benchmarks/pubmed_200.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pytest_httpserver import HTTPServer

from balint_bib.bibtex.reader import parse_string
from balint_bib.crossref.cache import ResponseCache
from balint_bib.pubmed.client import EutilsClient
from balint_bib.pubmed.enrich import PubMedOptions, enrich
from balint_bib.pubmed.settings import PubMedSettings
from tests.support.fake_eutils import Article, FakeEutils

ENTRIES = 200
RATE = 3.0
FAMILIES = ["Smith", "Holmström", "Kjeldmand", "Núñez", "Salinsky", "Otten", "Nease", "Kuo"]


def corpus() -> tuple[list[Article], str]:
    articles, entries = [], []
    for n in range(ENTRIES):
        family = FAMILIES[n % len(FAMILIES)]
        title = f"Balint groups and outcome {n} among family medicine residents"
        year, volume, page = 1980 + n % 40, str(10 + n), str(100 + n)
        articles.append(Article(str(10000000 + n), title, [("Anna", family)], year,
                                "Family medicine", "Fam Med", volume, "2",
                                f"{page}-{int(page) + 8}", doi=f"10.5555/pm200.{n}",
                                pmcid=f"PMC{700000 + n}" if n % 3 == 0 else ""))
        locator = (f"  doi = {{10.5555/pm200.{n}}},\n" if n % 2 else
                   f"  volume = {{{volume}}},\n  pages = {{{page}--{int(page) + 8}}},\n")
        entries.append(f"@article{{E{n},\n  author = {{{family}, Anna}},\n  title = {{{title}}},"
                       f"\n  journal = {{Family Medicine}},\n  year = {{{year}}},\n{locator}}}\n")
    return articles, "\n".join(entries)


def measure() -> dict[str, float]:
    articles, text = corpus()
    records = parse_string(text, "bench.bib").records
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        fake = FakeEutils(articles)
        fake.install(server)
        settings = PubMedSettings(fake.url(server), fake.idconv_url(server),
                                  email="bench@example.org", concurrency=3)
        with tempfile.TemporaryDirectory() as directory:
            cache = ResponseCache(directory)
            client = EutilsClient(settings, cache=cache)
            start = time.perf_counter()
            results = enrich(client, records, PubMedOptions(), concurrency=3)
            wall = time.perf_counter() - start
            rerun = EutilsClient(settings, cache=cache)
            enrich(rerun, records, PubMedOptions(), concurrency=3)
            cache.close()
    finally:
        server.stop()
    added = sum(1 for r in results if r.decision == "added")
    requests = client.requests_made
    return {"entries": ENTRIES, "added": added, "requests": requests, "wall_s": wall,
            "ratio": wall / (requests / RATE), "one_request_each_s": ENTRIES / RATE,
            "cached_rerun_requests": rerun.requests_made}


if __name__ == "__main__":
    figures = measure()
    print(f"PubMed, {figures['entries']} entries at {RATE:g} req/s: {figures['added']} added, "
          f"{figures['requests']} requests in {figures['wall_s']:.2f} s = "
          f"{figures['ratio']:.3f} x N/rate (target <= 1.15); one request per entry would "
          f"need {figures['one_request_each_s']:.1f} s; cached rerun: "
          f"{figures['cached_rerun_requests']} requests (target 0)")
