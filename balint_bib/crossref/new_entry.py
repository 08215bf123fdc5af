"""A new BibTeX entry from a Crossref work (`balint-bib add DOI`). Pure: no I/O.

The entry type is the BibTeX type whose Crossref types include the work's (`matching.
kinds`, read backwards; anything else is `@misc` with the DOI's URL). The
fields are the work's people and title plus exactly what enrichment would fill on an
entry of that type (`merge.crossref_values` and `merge.fills`), so both agree on what
Crossref may say about an entry. The key is the first person's family name and the
year, with a letter added until no entry of the file has it (in any case).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from ..kinds import entry_type_for_crossref
from .merge import SUPPORTED_FIELDS, crossref_values, fills, to_latex
from .normalize import fold, from_crossref

_KEY_SAFE = re.compile(r"[^A-Za-z0-9]")
# The order fields are written in: people and title first, identifiers last.
_ORDER = ("author", "editor", "title", "journal", "booktitle", "year", "volume", "number",
          "pages", "publisher", "isbn", "issn", "url", "doi")


@dataclass(frozen=True)
class NewEntry:
    key: str
    entry_type: str
    fields: tuple[tuple[str, str], ...]  # (name, LaTeX value), in writing order

    def render(self) -> str:
        body = "".join(f"  {name} = {{{value}}},\n" for name, value in self.fields)
        return f"@{self.entry_type}{{{self.key},\n{body}}}\n"


def bibtex_type(crossref_type: str) -> str:
    return entry_type_for_crossref(crossref_type)


def _person(person: Any) -> str:
    if not isinstance(person, Mapping):
        return ""
    family = to_latex(from_crossref(str(person.get("family") or "")))
    given = to_latex(from_crossref(str(person.get("given") or "")))
    if family:
        return f"{family}, {given}" if given else family
    name = to_latex(from_crossref(str(person.get("name") or "")))
    return f"{{{name}}}" if name else ""  # braced: an organisation, not "Family, Given"


def _people(message: Mapping[str, Any], role: str) -> str:
    persons = message.get(role)
    names = [_person(p) for p in persons] if isinstance(persons, list) else []
    return " and ".join(n for n in names if n)


def _title(message: Mapping[str, Any]) -> str:
    titles = [t for t in message.get("title") or [] if isinstance(t, str) and t.strip()]
    subtitles = [t for t in message.get("subtitle") or [] if isinstance(t, str) and t.strip()]
    if not titles:
        return ""
    title = from_crossref(titles[0])
    if subtitles:
        title = f"{title}: {from_crossref(subtitles[0])}"
    return to_latex(title)


def entry_fields(message: Mapping[str, Any], entry_type: str) -> dict[str, str]:
    fields = {"author": _people(message, "author"), "editor": _people(message, "editor"),
              "title": _title(message)}
    values = crossref_values(message, entry_type)
    fields["year"] = values.get("year", "")  # identifies the work, like people and title
    fields.update({name: values[name] for name in SUPPORTED_FIELDS
                   if name in values and fills(name, entry_type)})
    url = message.get("URL")
    if entry_type == "misc" and isinstance(url, str) and url.startswith("http"):
        fields["url"] = to_latex(url)  # @misc needs a url or howpublished
    return {name: value for name, value in fields.items() if value}


def new_key(fields: Mapping[str, str], taken: Collection[str]) -> str:
    """`Family2004`, then `Family2004a`, `Family2004b`, … until it is free."""
    person = (fields.get("author") or fields.get("editor") or "").split(" and ")[0]
    family = person.split(",")[0].strip("{} ")
    # A family name whole ("VanDerBerg"); an organisation or a title by its first words.
    words = fold(family).split() if family and not person.startswith("{") \
        else fold(family or fields.get("title", "")).split()[:2]
    word = "".join(w.capitalize() for w in words)
    stem = (_KEY_SAFE.sub("", word) or "Crossref") + fields.get("year", "")
    used = {key.lower() for key in taken}
    candidate, number = stem, 0
    while candidate.lower() in used:
        number += 1
        candidate = stem + _suffix(number)
    return candidate


def _suffix(number: int) -> str:
    """1 → a, 26 → z, 27 → aa."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def entry_from_work(message: Mapping[str, Any], taken: Collection[str],
                    key: str | None = None) -> NewEntry:
    entry_type = bibtex_type(str(message.get("type") or ""))
    fields = entry_fields(message, entry_type)
    ordered = tuple((name, fields[name]) for name in _ORDER if name in fields)
    return NewEntry(key or new_key(fields, taken), entry_type, ordered)
