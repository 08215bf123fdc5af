"""The CSL processor test suite's fixtures, and how each is run and compared.

A fixture (processor-tests/humans/*.txt) holds sections `>>== NAME ==>> ... <<== NAME ==<<`:
MODE, RESULT, CSL, INPUT and optionally CITATION-ITEMS or CITATIONS. The suite's own runner
(citeproc-test-runner, driving citeproc-js) is reproduced here:

- bibliography mode: every INPUT item is registered (after the items the citations cite,
  when there are citations), and the bibliography is printed in citeproc-js's HTML
  (`<div class="csl-bib-body">`, one `<div class="csl-entry">` a line);
- citation mode without citations: all INPUT items in one citation;
- CITATION-ITEMS: one citation a list, one line each;
- CITATIONS: clusters processed in order as `processCitationCluster` does; the result lists the
  document's citations after the last one, `>>[i]` for those that the last call returns (its
  own citation, and those whose text changed) and `..[i]` for the others; the other
  citations' note numbers are those of the last call's citationsPre and citationsPost.

A driver renders; `Driver` is what a driver must offer (the project's engine, or raw
citeproc-py for the baseline).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

_SECTION = re.compile(r">>=+ ([A-Z-]+) =+>>\n?(.*?)\n?<<=+ \1 =+<<", re.DOTALL)


@dataclass
class Fixture:
    name: str
    mode: str
    result: str
    csl: str
    items: list[dict[str, Any]]
    citation_items: list[list[dict[str, Any]]] | None = None
    citations: list[Any] | None = None
    extra: set[str] = field(default_factory=set)  # sections this runner does not read

    @property
    def category(self) -> str:
        return self.name.split("_", 1)[0]


def read_fixture(path: Path) -> Fixture:
    sections = {name: body for name, body in _SECTION.findall(path.read_text(encoding="utf-8"))}
    items = json.loads(sections["INPUT"])
    for number, item in enumerate(items, 1):  # the suite's runner names items without an id
        item.setdefault("id", f"ITEM-{number}")
    known = {"MODE", "RESULT", "CSL", "INPUT", "CITATION-ITEMS", "CITATIONS", "VERSION",
             "DESCRIPTION", "NAME"}
    return Fixture(
        name=path.stem, mode=sections["MODE"].strip(), result=sections["RESULT"],
        csl=sections["CSL"], items=items,
        citation_items=json.loads(sections["CITATION-ITEMS"])
        if "CITATION-ITEMS" in sections else None,
        citations=json.loads(sections["CITATIONS"]) if "CITATIONS" in sections else None,
        extra=set(sections) - known)


class Driver(Protocol):
    """Renders one fixture's style over its items."""

    def bibliography(self, style: Path, items: list[dict[str, Any]],
                     cited_first: list[str]) -> list[str]:
        """The entries as HTML, in order."""

    def order(self, style: Path, items: list[dict[str, Any]]) -> list[str]:
        """The item ids in the style's bibliography order."""

    def citations(self, style: Path, items: list[dict[str, Any]],
                  clusters: list[list[dict[str, Any]]], notes: list[int],
                  explicit_positions: bool) -> list[str]:
        """Each cluster rendered, in document order (`notes`: each cluster's note number)."""


def _document(fixture: Fixture, upto: int) -> tuple[list[str], list[list[dict[str, Any]]],
                                                    list[int]]:
    """(ids, clusters, notes) of the document after CITATIONS[:upto], in document order."""
    assert fixture.citations is not None
    by_id: dict[str, tuple[list[dict[str, Any]], int]] = {}
    order: list[str] = []
    for entry in fixture.citations[:upto]:
        citation, before, after = entry[0], entry[1], entry[2]
        by_id[citation["citationID"]] = (citation["citationItems"],
                                         int(citation.get("properties", {}).get("noteIndex", 0)))
        # citationsPre and citationsPost give the other citations' note numbers now
        for cid, note in [*before, *after]:
            if cid in by_id:
                by_id[cid] = (by_id[cid][0], int(note or 0))
        order = [cid for cid, _ in before] + [citation["citationID"]] + [
            cid for cid, _ in after]
    order = [cid for cid in order if cid in by_id]
    return order, [by_id[cid][0] for cid in order], [by_id[cid][1] for cid in order]


def run(fixture: Fixture, driver: Driver, style: Path) -> str:
    """The fixture's output with `driver`, in the form of its RESULT."""
    if fixture.mode == "bibliography":
        cited: list[str] = []
        for cluster in _clusters_of(fixture):
            cited += [str(cite["id"]) for cite in cluster if str(cite["id"]) not in cited]
        entries = driver.bibliography(style, fixture.items, cited)
        body = "".join(_entry(entry) for entry in entries)
        return f'<div class="csl-bib-body">\n{body}</div>'
    if fixture.citations is not None:
        return _run_citations(fixture, driver, style)
    if fixture.citation_items is not None:
        clusters = fixture.citation_items
        notes = list(range(1, len(clusters) + 1))
        return "\n".join(driver.citations(style, fixture.items, clusters, notes, True))
    # the suite's runner builds this citation from the items after sorting them
    cluster = [{"id": key} for key in driver.order(style, fixture.items)]
    return "\n".join(driver.citations(style, fixture.items, [cluster], [1], True))


def _entry(entry: str) -> str:
    """One entry as citeproc-js's makeBibliography writes it: an entry in blocks
    (second-field-align, display=) on a line of its own inside the entry's div."""
    if entry.startswith('<div class="csl-'):
        return f'  <div class="csl-entry">\n    {entry}\n  </div>\n'
    if '<div class="csl-' in entry:
        return f'  <div class="csl-entry">{entry}\n  </div>\n'
    return f'  <div class="csl-entry">{entry}</div>\n'


def _clusters_of(fixture: Fixture) -> list[list[dict[str, Any]]]:
    if fixture.citations is not None:
        return _document(fixture, len(fixture.citations))[1]
    return fixture.citation_items or []


def _run_citations(fixture: Fixture, driver: Driver, style: Path) -> str:
    assert fixture.citations is not None
    count = len(fixture.citations)
    before_ids, before_clusters, before_notes = _document(fixture, count - 1)
    ids, clusters, notes = _document(fixture, count)
    previous = dict(zip(before_ids, driver.citations(style, fixture.items, before_clusters,
                                                     before_notes, False), strict=True)) \
        if before_ids else {}
    rendered = driver.citations(style, fixture.items, clusters, notes, False)
    # processCitationCluster returns the citation it was given, and every other one whose
    # text changed or that cites an item whose number or first note changed (for a style
    # that prints them: citeproc-js then re-renders every citation of the item)
    current = fixture.citations[-1][0]["citationID"]
    changed = _renumbered(fixture.csl, before_clusters, before_notes, clusters, notes)
    lines = []
    for i, (cid, text, cluster) in enumerate(zip(ids, rendered, clusters, strict=True)):
        same = previous.get(cid) == text and cid != current and not any(
            str(cite["id"]) in changed for cite in cluster)
        lines.append(f"{'..' if same else '>>'}[{i}] {text}")
    return "\n".join(lines)


def _item_state(csl: str, clusters: list[list[dict[str, Any]]], notes: list[int]
                ) -> dict[str, tuple[int | None, int | None]]:
    """Item id -> (its citation number, the note of its first cite), each only when the
    style prints it."""
    numbered = 'variable="citation-number"' in csl
    first_note = 'variable="first-reference-note-number"' in csl
    state: dict[str, tuple[int | None, int | None]] = {}
    for cluster, note in zip(clusters, notes, strict=True):
        for cite in cluster:
            key = str(cite["id"])
            if key not in state:
                state[key] = (len(state) + 1 if numbered else None,
                              note if first_note else None)
    return state


def _renumbered(csl: str, before: list[list[dict[str, Any]]], before_notes: list[int],
                after: list[list[dict[str, Any]]], after_notes: list[int]) -> set[str]:
    """The items whose number or first note the last call changed."""
    old = _item_state(csl, before, before_notes)
    new = _item_state(csl, after, after_notes)
    return {key for key, value in new.items() if key in old and old[key] != value}


def normalise(text: str) -> str:
    """Lines without the indentation and blank lines around them."""
    return "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())


def passes(fixture: Fixture, output: str) -> bool:
    return normalise(output) == normalise(fixture.result)
