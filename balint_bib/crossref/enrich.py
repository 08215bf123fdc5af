"""Enriching a bibliography: look each entry up, decide, plan the edits.

The lookups run in a bounded thread pool; deciding and merging are the pure
functions of `matching` and `merge`. Nothing is written here: the caller applies
the edits once every entry is done, so an interrupted run changes no file.
"""

from __future__ import annotations

import concurrent.futures
import datetime
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..bibtex.model import Record
from .client import CrossrefClient, CrossrefError
from .matching import (
    ALREADY_HAD,
    DECISIONS,
    FAILED,
    NOT_FOUND,
    SKIPPED,
    Match,
    WrongShape,
    candidate_from_message,
    candidates_from_items,
    check_doi,
    citation_from_record,
    decide,
    searchable,
)
from .merge import DEFAULT_FIELDS, MergePlan, plan_merge
from .settings import DEFAULT_CONCURRENCY, DEFAULT_ROWS


@dataclass(frozen=True)
class EnrichOptions:
    fields: tuple[str, ...] = DEFAULT_FIELDS
    overwrite: tuple[str, ...] = ()
    recheck: bool = False
    rows: int = DEFAULT_ROWS


@dataclass(frozen=True)
class EntryResult:
    key: str
    decision: str
    doi: str | None
    reason: str
    match: Match | None = None
    plan: MergePlan | None = None
    error: str | None = field(default=None)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"key": self.key, "decision": self.decision, "doi": self.doi,
                                "reason": self.reason}
        if self.match is not None:
            match = self.match.to_json()
            data.update(evidence=match["evidence"], score=match["score"],
                        candidates=match["candidates"])
        else:
            data.update(evidence={}, score=None, candidates=[])
        if self.plan is not None:
            data["changed"] = self.plan.changed
            data["kept"] = list(self.plan.notes)
        if self.error:
            data["error"] = self.error
        return data


def _date(timestamp: float) -> str:
    return datetime.datetime.fromtimestamp(timestamp, datetime.UTC).date().isoformat()


def enrich_record(client: CrossrefClient, record: Record, options: EnrichOptions) -> EntryResult:
    """Look one entry up and decide; never raises for Crossref's failures."""
    citation = citation_from_record(record)
    try:
        if citation.doi:
            if not options.recheck:
                return EntryResult(record.key, ALREADY_HAD, citation.doi,
                                   "the entry has a DOI (--recheck checks it against Crossref)")
            message, retrieved = client.work_with_date(citation.doi)
            match = check_doi(citation, candidate_from_message(message) if message else None)
        elif not searchable(citation):
            if citation.crossref_types:
                return EntryResult(record.key, NOT_FOUND, None, "the entry has no title")
            return EntryResult(record.key, SKIPPED, None,
                               f"Crossref has no @{record.entry_type} works; not looked up")
        else:
            items, retrieved = client.search(citation.query(), rows=options.rows)
            match = decide(citation, candidates_from_items(items))
    except (CrossrefError, WrongShape) as error:
        return EntryResult(record.key, FAILED, citation.doi or None, str(error), error=str(error))
    plan = None
    if match.chosen is not None:
        plan = plan_merge(record, match.chosen.candidate.message, fields=options.fields,
                          overwrite=options.overwrite, source=client.base_url,
                          retrieved=_date(retrieved), confidence=match.chosen.score,
                          evidence=match.chosen.evidence)
    return EntryResult(record.key, match.decision, match.doi, match.reason, match, plan)


def enrich(client: CrossrefClient, records: Iterable[Record], options: EnrichOptions, *,
           concurrency: int = DEFAULT_CONCURRENCY,
           on_result: Callable[[EntryResult], None] = lambda result: None) -> list[EntryResult]:
    """Every record's result, in file order. Ctrl-C cancels the lookups and re-raises."""
    records = list(records)
    results: dict[str, EntryResult] = {}
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=concurrency,
                                                 thread_name_prefix="crossref")
    try:
        futures = {pool.submit(enrich_record, client, r, options): r.key for r in records}
        for future in concurrent.futures.as_completed(futures):
            result = future.result()
            if client.halted is not None:  # the others were woken with Cancelled
                raise client.halted
            results[futures[future]] = result
            on_result(result)
    except BaseException:
        client.cancel()  # wake the workers that wait on a rate limit or a backoff
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return [results[r.key] for r in records]


def summary(results: Collection[EntryResult]) -> dict[str, int]:
    counts = Counter(r.decision for r in results)
    return {decision: counts.get(decision, 0) for decision in DECISIONS}
