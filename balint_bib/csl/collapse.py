"""Cite collapsing (CSL `collapse`): "[1]–[4]", "Smith 1900, 2000", "Smith 2000a, b".

Works on the cites of one citation once each is rendered: `Rendered` holds what collapsing
needs. Cites with the same printed names are grouped at the place of the first (CSL's cite
grouping); the later ones of a group show without their names, and with
`year-suffix` only their suffix when their year is the same as the one before.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

EN_DASH = "\u2013"


@dataclass
class Rendered:
    text: str  # the whole cite, with its affixes
    names: str | None = None  # its first rendered names (the author), as plain text
    short: str = ""  # the cite without its names (suppress-author)
    number: int | None = None  # citation-number
    year: str | None = None
    suffix: str | None = None  # its year-suffix letters
    plain: bool = True  # no prefix, suffix or locator: free to collapse
    locator: bool = False  # with a locator (and no affixes): grouped, but ends a collapse


@dataclass(frozen=True)
class Delimiters:
    layout: str
    cite_group: str
    year_suffix: str
    after_collapse: str


def _runs(values: list[int]) -> list[list[int]]:
    """Indexes of `values` in runs of consecutive numbers (n, n+1, n+2...)."""
    runs: list[list[int]] = []
    for i, value in enumerate(values):
        if runs and values[runs[-1][-1]] + 1 == value:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def join_cites(cites: list[Rendered], delimiter: str) -> str:
    """The cites with the layout delimiter between them, except before a cite whose prefix
    opens with punctuation (", cited in", ". He said"): that stands in for it, as in
    citeproc-js."""
    out = ""
    for i, cite in enumerate(cites):
        if i and cite.text[:1] not in _OPENING_PUNCTUATION:
            out += delimiter
        out += cite.text
    return out


_OPENING_PUNCTUATION = frozenset(",.;:")


def collapse_numbers(cites: list[Rendered], delimiter: str) -> str:
    """Three or more consecutive citation numbers as a range: "[1]–[3], [5]"."""
    if any(c.number is None or not c.plain for c in cites):
        return delimiter.join(c.text for c in cites)
    out = []
    for run in _runs([c.number or 0 for c in cites]):
        if len(run) >= 3:
            out.append(cites[run[0]].text + EN_DASH + cites[run[-1]].text)
        else:
            out += [cites[i].text for i in run]
    return delimiter.join(out)


def _groups(cites: list[Rendered]) -> list[list[Rendered]]:
    """Cites with the same names together, at the place of the first."""
    groups: dict[str, list[Rendered]] = {}
    order: list[list[Rendered]] = []
    for cite in cites:
        if cite.names and (cite.plain or cite.locator):
            if cite.names in groups:
                groups[cite.names].append(cite)
                continue
            groups[cite.names] = [cite]
            order.append(groups[cite.names])
        else:
            order.append([cite])
    return order


def _suffix_only(previous: Rendered, cite: Rendered) -> bool:
    if not (cite.plain and previous.plain):
        return False
    if not (cite.suffix and previous.suffix and cite.year and cite.year == previous.year):
        return False
    return cite.short.replace(cite.year + cite.suffix, cite.year + previous.suffix) \
        == previous.short


def _collapse_group(group: list[Rendered], method: str, delimiters: Delimiters) -> str:
    out = group[0].text
    ranged: list[str] = []  # the suffixes of a run, for year-suffix-ranged
    suffixed = False  # the cite before had its year collapsed to a suffix
    for previous, cite in itertools.pairwise(group):
        if method.startswith("year-suffix") and _suffix_only(previous, cite):
            if method == "year-suffix-ranged" and _consecutive(previous, cite):
                ranged.append(cite.suffix or "")
            else:
                out = _close_range(out, ranged, delimiters.year_suffix)
                ranged = []
                out += delimiters.year_suffix + (cite.suffix or "")
            suffixed = True
            continue
        out = _close_range(out, ranged, delimiters.year_suffix)
        ranged = []
        if method == "group":  # cite-group-delimiter without collapse: grouped, not cut
            out += delimiters.cite_group + cite.text
            continue
        # after suffixes ("2000a, b") or a locator ("1999, 328; 2000"), the next year
        # follows the after-collapse delimiter, as in citeproc-js
        if not cite.short:
            continue  # nothing but its names, which the group's first cite shows
        after = suffixed or previous.locator
        out += (delimiters.after_collapse if after else delimiters.cite_group) + cite.short
        suffixed = False
    return _close_range(out, ranged, delimiters.year_suffix)


def _consecutive(previous: Rendered, cite: Rendered) -> bool:
    return bool(cite.suffix and previous.suffix and len(cite.suffix) == len(previous.suffix)
                == 1 and ord(cite.suffix) == ord(previous.suffix) + 1)


def _close_range(out: str, ranged: list[str], delimiter: str) -> str:
    """A run of consecutive suffixes after `out`: "a–e" for three or more, "a,b" below."""
    if not ranged:
        return out
    if len(ranged) >= 2:
        return out + EN_DASH + ranged[-1]
    return out + delimiter + ranged[0]


def collapse_names(cites: list[Rendered], method: str, delimiters: Delimiters) -> str:
    """collapse="year", "year-suffix" or "year-suffix-ranged"; "group": cites of the same
    names only brought together (a cite-group-delimiter without collapse)."""
    out = ""
    groups = _groups(cites)
    for i, group in enumerate(groups):
        if i:
            out += delimiters.after_collapse if len(groups[i - 1]) > 1 else delimiters.layout
        out += _collapse_group(group, method, delimiters) if len(group) > 1 else group[0].text
    return out
