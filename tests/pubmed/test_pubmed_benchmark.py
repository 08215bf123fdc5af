"""The labelled PubMed benchmark over HTTP: precision 1.000, recall at least 0.97."""

from __future__ import annotations

from collections import Counter

from pytest_httpserver import HTTPServer

from balint_bib.bibtex.reader import parse_string
from balint_bib.pubmed.client import EutilsClient
from balint_bib.pubmed.enrich import PubMedOptions, enrich
from balint_bib.pubmed.settings import PubMedSettings
from tests.support.crossref_corpus import score, score_by_class
from tests.support.fake_eutils import FakeEutils
from tests.support.pubmed_corpus import NEGATIVE_KINDS, build


def test_pubmed_benchmark(httpserver: HTTPServer) -> None:
    benchmark = build()
    fake = FakeEutils(benchmark.articles)
    fake.install(httpserver)
    bibliography = parse_string(benchmark.bibtex(), "pubmed-benchmark.bib")
    assert not bibliography.problems
    # The benchmark measures matching, not the rate limit (`benchmarks/` measures that).
    client = EutilsClient(PubMedSettings(fake.url(httpserver), fake.idconv_url(httpserver),
                                         email="tests@example.org", backoff=0.01, rate=None),
                          cache=None)
    client.limiter = type(client.limiter)(1000.0)
    results = enrich(client, bibliography.records, PubMedOptions())
    added = {r.key: r.pmid for r in results if r.decision == "added" and r.pmid}
    figures = score(benchmark.citations, added)
    print(f"\nPubMed benchmark: precision {figures['precision']:.4f}, recall "
          f"{figures['recall']:.4f} ({figures['true_positives']}/{figures['positives']} "
          f"positives, {figures['false_positives']} wrong, {figures['negatives']} negatives); "
          f"decisions {dict(Counter(r.decision for r in results))}; "
          f"{client.requests_made} requests")
    by_class = score_by_class(benchmark.citations, added)
    for name, row in by_class.items():
        print(f"  {name:45} precision {row['precision']:.3f} recall {row['recall']:.3f} "
              f"({row['true_positives']}/{row['positives']}, {row['false_positives']} wrong, "
              f"{row['negatives']} negatives)")
    wrong = [(c.key, c.perturbations, added[c.key]) for c in benchmark.citations
             if c.key in added and added[c.key] != c.expected_doi]
    missed = [(c.key, c.perturbations, next(r for r in results if r.key == c.key).reason)
              for c in benchmark.citations if c.expected_doi and c.key not in added]
    assert not wrong
    assert figures["precision"] == 1.0
    assert figures["recall"] >= 0.97, missed
    # Every negative kind was answered by a look-up and refused on verification.
    reasons = {r.key: r.reason for r in results}
    for kind in NEGATIVE_KINDS[:3]:
        keys = [c.key for c in benchmark.citations if kind in c.perturbations]
        assert all("PMID" in reasons[k] for k in keys), kind
    pmcids = {r.key: r.pmcid for r in results if r.pmcid}
    assert len(pmcids) >= 90
