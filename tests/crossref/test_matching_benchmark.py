"""The labelled matching benchmark, end to end over HTTP: precision must be 1.0, recall
at least 0.98 overall and 0.95 for every kind of title damage."""

from __future__ import annotations

from collections import Counter

from pytest_httpserver import HTTPServer

from balint_bib.bibtex.reader import parse_string
from balint_bib.crossref.client import CrossrefClient
from balint_bib.crossref.enrich import EnrichOptions, enrich
from balint_bib.crossref.settings import CrossrefSettings
from tests.support.crossref_corpus import DAMAGE, build, score, score_by_class
from tests.support.fake_crossref import FakeCrossref


def test_benchmark_precision_and_recall(httpserver: HTTPServer) -> None:
    benchmark = build(damaged=40, damaged_negatives=80)
    fake = FakeCrossref(benchmark.works)
    fake.install(httpserver)
    bibliography = parse_string(benchmark.bibtex(), "benchmark.bib")
    assert not bibliography.problems
    client = CrossrefClient(CrossrefSettings(fake.url(httpserver), "tests@example.org",
                                             backoff=0.01))
    results = enrich(client, bibliography.records, EnrichOptions(), concurrency=3)
    added = {r.key: r.doi for r in results if r.decision == "added" and r.doi}
    figures = score(benchmark.citations, added)
    decisions = Counter(r.decision for r in results)
    print(f"\nmatching benchmark: precision {figures['precision']:.4f}, recall "
          f"{figures['recall']:.4f} ({figures['true_positives']}/{figures['positives']} "
          f"positives, {figures['false_positives']} wrong, {figures['negatives']} negatives); "
          f"decisions {dict(decisions)}")
    by_class = score_by_class(benchmark.citations, added)
    for name, row in by_class.items():
        print(f"  {name:55} precision {row['precision']:.3f} recall {row['recall']:.3f} "
              f"({row['true_positives']}/{row['positives']} positives, "
              f"{row['false_positives']} wrong, {row['negatives']} negatives)")
    missed = [(c.key, c.perturbations, next(r for r in results if r.key == c.key).reason)
              for c in benchmark.citations if c.expected_doi and c.key not in added]
    wrong = [(c.key, c.perturbations, added[c.key]) for c in benchmark.citations
             if c.key in added and added[c.key] != c.expected_doi]
    assert figures["false_positives"] == 0, wrong
    assert figures["precision"] == 1.0
    assert figures["recall"] >= 0.98, missed
    for name in DAMAGE:
        assert by_class[name]["positives"] >= 40
        assert by_class[name]["recall"] >= 0.95, (name, missed)
    assert len(fake.requests) == len(benchmark.citations)
