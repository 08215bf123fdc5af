"""Enriching a bibliography from PubMed: look-ups in phases, each batched, then decide.

1. ESearch by DOI for entries with one (in the worker pool), and ECitMatch for articles
   with journal, year, volume and first page (batched);
2. ESummary for every PMID found (batched), each verified against its entry (`verify`);
3. the PMC ID converter for the accepted PMIDs (batched, 200 a request).
Nothing is written here; the plans are applied by `pipeline` once every entry is done.
"""

from __future__ import annotations

import concurrent.futures
import datetime
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..bibtex.editor import FieldEdit
from ..bibtex.model import Record
from ..crossref.matching import ADDED, ALREADY_HAD, DECISIONS, FAILED, MISMATCH, NOT_FOUND
from ..crossref.works import Citation, citation_from_record
from ..provenance import NewSource, Source
from .client import EutilsClient, EutilsError
from .journals import JournalNames, packaged
from .records import CitMatch, citmatch_query
from .verify import Verdict, combine, recheck, verify

FIELDS = ("pmid", "pmcid")


@dataclass(frozen=True)
class PubMedOptions:
    recheck: bool = False
    journals: JournalNames | None = None  # None: the packaged NLM list


@dataclass(frozen=True)
class PubMedResult:
    key: str
    decision: str
    pmid: str | None
    pmcid: str | None
    reason: str
    verdict: Verdict | None = None
    edits: tuple[FieldEdit, ...] = ()
    provenance: NewSource | None = None
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"key": self.key, "decision": self.decision, "pmid": self.pmid,
                                "pmcid": self.pmcid, "reason": self.reason,
                                "changed": {e.field: e.value for e in self.edits}}
        if self.verdict is not None:
            chosen = self.verdict.chosen
            data.update(evidence=chosen.evidence if chosen else {},
                        score=round(chosen.score, 2) if chosen else None,
                        candidates=self.verdict.candidates())
        if self.error:
            data["error"] = self.error
        return data


@dataclass
class _Lookup:
    record: Record
    citation: Citation
    pmid: str  # the entry's own
    pmcid: str
    citmatch: CitMatch | None
    hits: dict[str, list[str]]  # how → PMIDs
    failures: list[str] = field(default_factory=list)  # look-ups that gave no answer


def _plan(record: Record, journals: JournalNames) -> _Lookup:
    citation = citation_from_record(record)
    journal = journals.for_citmatch(citation.container) if citation.container else ""
    return _Lookup(record, citation, (record.get("pmid") or "").strip(),
                   (record.get("pmcid") or "").strip(), citmatch_query(citation, journal), {})


def _search_dois(client: EutilsClient, lookups: list[_Lookup], concurrency: int) -> None:
    todo = [lk for lk in lookups if lk.citation.doi and not lk.pmid]
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=concurrency,
                                                 thread_name_prefix="eutils")
    try:
        futures = {pool.submit(client.search_doi, lk.citation.doi): lk for lk in todo}
        for future in concurrent.futures.as_completed(futures):
            lookup = futures[future]
            try:
                lookup.hits["ESearch by DOI"] = future.result()
            except EutilsError as error:
                lookup.failures.append(f"ESearch by DOI: {error}")
    except BaseException:
        client.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _citmatch(client: EutilsClient, lookups: list[_Lookup]) -> None:
    todo = {f"e{i}": lk for i, lk in enumerate(lookups) if lk.citmatch and not lk.pmid}
    try:
        answers = client.citmatch({k: lk.citmatch for k, lk in todo.items() if lk.citmatch})
    except EutilsError as error:
        for lookup in todo.values():
            lookup.failures.append(f"ECitMatch: {error}")
        return
    for key, lookup in todo.items():
        answer = answers.get(key, "NOT_FOUND")
        lookup.hits["ECitMatch"] = [answer] if answer.isdigit() else []
        if answer == "AMBIGUOUS":
            lookup.hits["ECitMatch"] = []


def _verdict(lookup: _Lookup, documents: Mapping[str, Mapping[str, Any]],
             options: PubMedOptions) -> Verdict:
    if lookup.pmid:
        if options.recheck:
            return recheck(lookup.citation, lookup.pmid, documents.get(lookup.pmid))
        return Verdict(ALREADY_HAD, lookup.pmid,
                       "the entry has a PMID (--recheck checks it against PubMed)")
    if not lookup.hits:
        return Verdict(NOT_FOUND, None, "neither a DOI nor journal, year, volume and first "
                       "page to look up; not looked up")
    return combine([verify(lookup.citation, pmids, documents, how=how)
                    for how, pmids in lookup.hits.items()])


def enrich(client: EutilsClient, records: Iterable[Record], options: PubMedOptions, *,
           concurrency: int = 3,
           on_result: Callable[[PubMedResult], None] = lambda result: None,
           ) -> list[PubMedResult]:
    """Every record's result, in file order. Ctrl-C cancels the look-ups and re-raises."""
    journals = options.journals if options.journals is not None else packaged()
    lookups = [_plan(record, journals) for record in records]
    _search_dois(client, lookups, concurrency)
    _citmatch(client, lookups)
    wanted = {p for lk in lookups for pmids in lk.hits.values() for p in pmids}
    wanted |= {lk.pmid for lk in lookups if lk.pmid and options.recheck}
    documents: Mapping[str, Mapping[str, Any]] = {}
    verdicts: dict[int, Verdict] = {}
    try:
        documents = client.summaries(wanted)
    except EutilsError as error:
        for lookup in lookups:
            if lookup.hits or (lookup.pmid and options.recheck):
                lookup.failures.append(f"ESummary: {error}")
                lookup.hits.clear()
    for index, lookup in enumerate(lookups):
        verdict = _verdict(lookup, documents, options)
        # A look-up that failed could have found another PMID; only an accepted one from
        # the look-ups that answered stands.
        if not lookup.failures or verdict.decision == ADDED:
            verdicts[index] = verdict
    pmcids: dict[str, str] = {}
    needing = {v.pmid for i, v in verdicts.items() if v.pmid and v.decision != MISMATCH
               and not lookups[i].pmcid}
    pmcid_error = ""
    try:
        pmcids = client.pmcids(needing) if needing else {}
    except EutilsError as error:
        pmcid_error = str(error)
    results = []
    for index, lookup in enumerate(lookups):
        result = _result(lookup, verdicts.get(index), pmcids, pmcid_error, client)
        results.append(result)
        on_result(result)
    return results


def _result(lookup: _Lookup, verdict: Verdict | None, pmcids: Mapping[str, str],
            pmcid_error: str, client: EutilsClient) -> PubMedResult:
    key = lookup.record.key
    if verdict is None:
        error = "; ".join(lookup.failures)
        return PubMedResult(key, FAILED, lookup.pmid or None, lookup.pmcid or None, error,
                            error=error)
    pmid = verdict.pmid
    edits: list[FieldEdit] = []
    if verdict.decision == ADDED and pmid:
        edits.append(FieldEdit(key, "pmid", pmid))
    pmcid = lookup.pmcid or (pmcids.get(pmid, "") if pmid and verdict.decision != MISMATCH
                             else "")
    if pmcid and not lookup.pmcid:
        edits.append(FieldEdit(key, "pmcid", pmcid))
    if pmid and verdict.decision != MISMATCH and not lookup.pmcid and pmcid_error:
        return PubMedResult(key, FAILED, pmid, None, pmcid_error, verdict, error=pmcid_error)
    decision = ADDED if edits else verdict.decision
    return PubMedResult(key, decision, pmid, pmcid or None, verdict.reason, verdict,
                        tuple(edits), _provenance(key, edits, verdict, client))


def _provenance(key: str, edits: list[FieldEdit], verdict: Verdict,
                client: EutilsClient) -> NewSource | None:
    if not edits or not verdict.pmid:
        return None
    chosen = verdict.chosen
    agreed = [f"{n} ({v})" for n, v in (chosen.evidence.items() if chosen else ())
              if not v.startswith(("conflict", "absent", "partial"))]
    note = ("matched on " + ", ".join(agreed)) if agreed else \
        "PMCID from the PMC ID converter for the entry's PMID"
    return NewSource(key, Source(
        fields=tuple(e.field for e in edits),
        source=f"PubMed {verdict.pmid} (NCBI E-utilities)", note=note,
        retrieved=datetime.datetime.now(datetime.UTC).date().isoformat(),
        confidence=round(chosen.score, 2) if chosen else None, api=client.base_url))


def summary(results: Collection[PubMedResult]) -> dict[str, int]:
    counts = Counter(r.decision for r in results)
    return {decision: counts.get(decision, 0) for decision in DECISIONS}
