"""Cite positions over a document, as citeproc-js's processCitationCluster works them out.

first: the item's first cite in the document. ibid: the same item as the cite just before,
in the same citation, or as the first cite of the previous citation when that is in the same
note or the note before and was alone in its note; with a locator that differs from the
previous one it is ibid-with-locator, and losing the previous cite's locator makes it
subsequent. Everything else is subsequent. near-note: cited before within
`near-note-distance` notes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class History:
    """The citations rendered so far: (note, the cites in their final order)."""

    citations: list[tuple[int, list[Any]]] = field(default_factory=list)
    last_note: dict[str, int] = field(default_factory=dict)  # key -> note it was last cited in
    first_note: dict[str, int] = field(default_factory=dict)  # key -> note of its first cite

    def notes(self) -> Counter[int]:
        return Counter(note for note, _ in self.citations)


def _locator(item: Any) -> str | None:
    locator = dict.get(item, "locator")
    return None if locator is None else f"{locator.identifier}{locator.label}"


def _ibid_candidate(history: History, note: int, cites: list[Any], k: int) -> Any | None:
    """The cite this one may be "ibid." of, or None."""
    key = cites[k].key
    if k > 0:
        return cites[k - 1] if cites[k - 1].key == key else None
    # citations in the text (note 0) and in footnotes are two sequences: "ibid." refers
    # to the citation before in the same one, as in citeproc-js
    before = [(n, c) for n, c in history.citations if (n == 0) == (note == 0)]
    if not before:
        return None
    previous_note, previous = before[-1]
    if not previous:
        return None
    if previous_note != note:
        alone = history.notes()[previous_note] == 1 or previous_note == 0
        if previous[0].key == key and previous_note >= note - 1 and alone:
            return previous[0]
        return None
    return previous[-1] if previous[-1].key == key else None


def _position(history: History, note: int, cites: list[Any], k: int, seen: bool) -> str:
    if not seen:
        return "first"
    previous = _ibid_candidate(history, note, cites, k)
    if previous is None:
        return "subsequent"
    before, now = _locator(previous), _locator(cites[k])
    if before and not now:
        return "subsequent"
    if before == now:
        return "ibid"
    return "ibid-with-locator"


def assign_positions(history: History, note: int, cites: list[Any], distance: int) -> None:
    """Set each cite's `position` (unless the caller gave one) and `near_note`, then add
    the citation to `history`."""
    cited = {item.key for _, items in history.citations for item in items}
    for k, item in enumerate(cites):
        seen = item.key in cited or any(c.key == item.key for c in cites[:k])
        if item.position is None:
            item.position = _position(history, note, cites, k, seen)
        if not seen and note:
            history.first_note.setdefault(item.key, note)
        # first-reference-note-number is the note of an earlier cite: a first cite has none
        first = history.first_note.get(item.key) if seen else None
        if item.key.lower() in item.bibliography.source:
            if first is None:
                item.reference.pop("first_reference_note_number", None)
            else:
                item.reference["first_reference_note_number"] = str(first)
        # an earlier cite in the same citation is in this note
        last = note if any(c.key == item.key for c in cites[:k]) \
            else history.last_note.get(item.key)
        item.near_note = seen and last is not None and note - last <= distance
    history.citations.append((note, cites))
    for item in cites:
        history.last_note[item.key] = note
